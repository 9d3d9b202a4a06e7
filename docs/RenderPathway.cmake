# Draw one built-in pathway from its rules: `gist pathway show ID --dot`, rendered to SVG by dot.
# Usage: cmake -DGIST=<gist tool> -DDOT=<dot> -DID=<pathway id> -DOUT_DIR=<dir> -P RenderPathway.cmake
# Any warning from dot fails the step, so a diagram the library cannot draw cleanly is noticed.
foreach(var GIST DOT ID OUT_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "RenderPathway.cmake: -D${var}=... is required")
  endif()
endforeach()

execute_process(COMMAND ${GIST} pathway show ${ID} --dot
                OUTPUT_FILE ${OUT_DIR}/${ID}.dot ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gist pathway show ${ID} --dot failed (${rc}): ${err}")
endif()
execute_process(COMMAND ${DOT} -Tsvg -o ${OUT_DIR}/${ID}.svg.tmp ${OUT_DIR}/${ID}.dot
                ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT err STREQUAL "")
  message(FATAL_ERROR "dot could not render pathway ${ID} (${rc}): ${err}")
endif()
file(RENAME ${OUT_DIR}/${ID}.svg.tmp ${OUT_DIR}/${ID}.svg)
