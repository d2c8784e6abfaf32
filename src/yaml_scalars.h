// Scalar spelling for the YAML emitter: which words may stay plain, how numbers, tags and
// comments are checked. quote() itself is declared in yaml_emitter.h and defined here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "yaml_doc.h"

namespace ag::yaml {

// True when `s` reads back as the same string under YAML 1.1 and 1.2 without quotes, in block
// and flow context: ^[A-Za-z][A-Za-z0-9:._/-]*$, not ending in ':', not a bool/null word.
bool is_safe_plain(std::string_view s);

// A scalar node's text as written (no tag). Throws std::invalid_argument on a malformed
// Int/Float/Bool text or invalid UTF-8.
std::string scalar_text(const Node& n);

// A mapping key: plain when safe, double-quoted otherwise.
std::string key_text(std::string_view key);

// The same, appended to `out` (the emitter writes into one buffer).
void append_scalar(std::string& out, const Node& n);
void append_key(std::string& out, std::string_view key);
void append_quoted(std::string& out, std::string_view s);

// `tag` unchanged if it is a local tag such as "!Ref"; throws std::invalid_argument otherwise.
std::string_view checked_tag(std::string_view tag);

// The lines of a comment; throws std::invalid_argument on characters that would end or
// corrupt the comment (control characters, Unicode line breaks, invalid UTF-8).
std::vector<std::string> comment_lines(std::string_view text);

}  // namespace ag::yaml
