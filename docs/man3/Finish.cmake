# Finish Doxygen's section 3 pages in DIR (docs/man3/CMakeLists.txt):
#  - a module's page is named libgist-<module>.3 (Doxygen names it after the group, "advice.3",
#    too plain a name for a shared man3 directory), and every link page follows it;
#  - a link to a header's page that Doxygen did not write (only documented files get one) goes to
#    the module of the same name (common.h -> libgist-common);
#  - groff may break a long unbroken run of text after a comma or a slash (CSV headers, paths),
#    so no page warns that it cannot break a line at 80 columns;
#  - link pages are kept only for names of the API (gist_*, GIST_*): Doxygen also writes one for
#    every struct field ("line.3", "end.3"), names that would shadow other pages in man3;
#  - INTRO (libgist.3, the overview) is copied in.
# Usage: cmake -DDIR=<man3 dir> -DINTRO=<libgist.3> -P Finish.cmake
cmake_minimum_required(VERSION 3.25)
file(GLOB pages "${DIR}/*.3")
set(modules "")
foreach(page IN LISTS pages)
  file(READ "${page}" text)
  if(text MATCHES "^\\.TH \"([a-z]+)\" 3 ")
    list(APPEND modules "${CMAKE_MATCH_1}")
  endif()
endforeach()
foreach(page IN LISTS pages)
  get_filename_component(name "${page}" NAME)
  file(READ "${page}" text)
  if(text MATCHES "^\\.so man3/([^\n]+)\\.3")
    set(target "${CMAKE_MATCH_1}")
    if(NOT name MATCHES "^(gist_|GIST_)")
      file(REMOVE "${page}")
      continue()
    endif()
    if(target MATCHES "^(.+)\\.h$" AND NOT EXISTS "${DIR}/${target}.3")
      set(target "${CMAKE_MATCH_1}")
    endif()
    if(target IN_LIST modules)
      set(text ".so man3/libgist-${target}.3\n")
    endif()
  else()
    foreach(m IN LISTS modules)
      string(REPLACE ".TH \"${m}\" 3 " ".TH \"libgist-${m}\" 3 " text "${text}")
    endforeach()
    # a break point after a comma or slash inside a run of text (not in requests' names)
    string(REGEX REPLACE "([,/])([^ \n\\\\\"])" "\\1\\\\:\\2" text "${text}")
  endif()
  string(REGEX REPLACE "\\.3$" "" stem "${name}")
  if(stem IN_LIST modules)
    file(REMOVE "${page}")
    set(page "${DIR}/libgist-${stem}.3")
  endif()
  file(WRITE "${page}" "${text}")
endforeach()
file(COPY "${INTRO}" DESTINATION "${DIR}")
