// Byte-level checks of text before a parser sees it: UTF-8 well-formedness and control
// characters that YAML forbids (and yaml-cpp silently drops instead of refusing).
#pragma once

#include <cstddef>
#include <string_view>

namespace ag {

// Offset of the lead byte of the first ill-formed UTF-8 sequence (overlong forms,
// surrogates, code points past U+10FFFF, stray or missing continuation bytes), or npos.
std::size_t find_invalid_utf8(std::string_view text);

// Offset of the first C0 control other than tab, LF and CR, of DEL, or of a C1 control
// (U+0080..U+009F), or npos. Expects valid UTF-8.
std::size_t find_control_character(std::string_view text);

}  // namespace ag
