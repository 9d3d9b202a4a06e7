# Write a C file defining SYMBOL (a NUL-terminated char array) and
# SYMBOL_size with the bytes of IN.
# Usage: cmake -DIN=<file> -DOUT=<file.c> -DSYMBOL=<name> -P embed.cmake
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hexlen)
math(EXPR nbytes "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){16})" "\\1\n    " bytes "${bytes}")
get_filename_component(name "${IN}" NAME)
file(WRITE "${OUT}.tmp"
  "/* Generated from ${name} by embed.cmake; do not edit. */\n#include <stddef.h>\n\n"
  "extern const char ${SYMBOL}[];\nextern const size_t ${SYMBOL}_size;\n\n"
  "const char ${SYMBOL}[] = {\n    ${bytes}0x00\n};\n"
  "const size_t ${SYMBOL}_size = ${nbytes};\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
