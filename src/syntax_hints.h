// After yaml-cpp refuses a manifest: the mistake people most often made, in words. The
// parser says "illegal map value" or "end of map not found" where a tab indents a line or a
// key is indented off its siblings; this reads the lines up to the error again and names
// which of the two it is, with the indentation that would have worked.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ag {

struct SyntaxHint {
  int line = 0;  // 1-based
  int col = 0;   // 1-based, in bytes as the loader counts them
  std::string message;
  std::string hint;
};

// What the line of a syntax error at `error_line`:`error_col` shows: a tab in its
// indentation; an indentation slip (deeper than the key above it although that key has its
// value, or between two levels of the mappings above); or a plain value with ': ' in it.
// nullopt when none of these explains the error.
std::optional<SyntaxHint> explain_syntax_error(std::string_view text, int error_line,
                                               int error_col);

// Line `line` (1-based) of `text`, without its line break; empty past the end.
std::string_view source_line(std::string_view text, int line);

}  // namespace ag
