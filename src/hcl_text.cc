#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "hcl.h"
#include "hcl_text.h"
#include "utf8.h"

namespace ag::hcl {
namespace detail {
namespace {

bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Words the HCL parser reads as literals or as the start of a `for` expression when they
// appear where a traversal or a bare object key would.
bool is_keyword(std::string_view s) {
  return s == "true" || s == "false" || s == "null" || s == "for" || s == "in" || s == "if";
}

// Printable ASCII that is written as is whatever follows it: the bytes of nearly every
// string aurora-gen writes, which then need neither decoding nor escaping.
inline bool is_verbatim(char c) {
  return c >= 0x20 && c < 0x7F && c != '\\' && c != '"' && c != '$' && c != '%';
}

// Decodes the code point at s[i] (s is valid UTF-8) and advances i past it.
std::uint32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  std::uint32_t cp = len == 1   ? lead
                     : len == 2 ? (lead & 0x1Fu)
                     : len == 3 ? (lead & 0x0Fu)
                                : (lead & 0x07u);
  for (std::size_t k = 1; k < len; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
  }
  i += len;
  return cp;
}

// Characters that are legal raw inside a quoted HCL string but invisible or misleading to
// a reviewer: C1 controls, line/paragraph separators and bidirectional overrides
// ("Trojan Source"). They are written as escapes so a diff shows them.
bool is_invisible(std::uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void append_unicode_escape(std::string& out, std::uint32_t cp) {
  static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
  const int digits = cp > 0xFFFF ? 8 : 4;
  out += cp > 0xFFFF ? "\\U" : "\\u";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
    out += kHex[(cp >> shift) & 0xFu];
  }
}

// The escape for one code point, or false when it is written as is.
bool append_escape(std::string& out, std::uint32_t cp, bool ascii_only) {
  switch (cp) {
    case '\\':
      out += "\\\\";
      return true;
    case '"':
      out += "\\\"";
      return true;
    case '\n':
      out += "\\n";
      return true;
    case '\r':
      out += "\\r";
      return true;
    case '\t':
      out += "\\t";
      return true;
    default:
      break;
  }
  if (cp < 0x20 || cp == 0x7F || is_invisible(cp) || (ascii_only && cp > 0x7F)) {
    append_unicode_escape(out, cp);
    return true;
  }
  return false;
}

// `[N]` or `["key"]` at ref[i]; returns the index just past it.
std::size_t skip_index(std::string_view ref, std::size_t i) {
  ++i;  // '['
  if (i < ref.size() && ref[i] == '"') {
    const std::size_t close = ref.find('"', i + 1);
    if (close == std::string_view::npos) return std::string_view::npos;
    const std::string_view key = ref.substr(i + 1, close - i - 1);
    // Only keys that need no escaping: printable ASCII without \ or template introducers.
    for (char c : key) {
      if (c < 0x20 || c > 0x7E || c == '\\' || c == '$' || c == '%') {
        return std::string_view::npos;
      }
    }
    i = close + 1;
  } else {
    const std::size_t start = i;
    while (i < ref.size() && is_digit(ref[i])) ++i;
    if (i == start) return std::string_view::npos;
  }
  return i < ref.size() && ref[i] == ']' ? i + 1 : std::string_view::npos;
}

[[noreturn]] void bad_traversal(std::string_view ref) {
  throw std::invalid_argument("invalid HCL reference: \"" + escape(ref, true) + "\"");
}

}  // namespace

bool is_identifier(std::string_view s) {
  if (s.empty() || !(is_ascii_letter(s[0]) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(is_ascii_letter(c) || is_digit(c) || c == '_' || c == '-')) return false;
  }
  return true;
}

void require_identifier(std::string_view s, std::string_view what) {
  if (!is_identifier(s)) {
    throw std::invalid_argument("invalid HCL " + std::string(what) + ": \"" + escape(s, true) +
                                "\"");
  }
}

void require_traversal(std::string_view ref) {
  std::size_t i = 0;
  bool root = true;
  while (true) {
    const std::size_t end = ref.find_first_of(".[", i);
    const std::string_view segment = ref.substr(i, end == std::string_view::npos ? end : end - i);
    if (!is_identifier(segment) || (root && is_keyword(segment))) bad_traversal(ref);
    root = false;
    i = end;
    while (i < ref.size() && ref[i] == '[') {
      i = skip_index(ref, i);
      if (i == std::string_view::npos) bad_traversal(ref);
    }
    if (i >= ref.size()) return;
    if (ref[i] != '.') bad_traversal(ref);
    ++i;
  }
}

void require_number(std::string_view literal) {
  std::size_t i = literal.starts_with('-') ? 1 : 0;
  auto digits = [&] {
    const std::size_t start = i;
    while (i < literal.size() && is_digit(literal[i])) ++i;
    return i > start;
  };
  bool ok = digits();
  if (ok && i < literal.size() && literal[i] == '.') {
    ++i;
    ok = digits();
  }
  if (ok && i < literal.size() && (literal[i] == 'e' || literal[i] == 'E')) {
    ++i;
    if (i < literal.size() && (literal[i] == '+' || literal[i] == '-')) ++i;
    ok = digits();
  }
  if (!ok || i != literal.size()) {
    throw std::invalid_argument("invalid HCL number: \"" + escape(literal, true) + "\"");
  }
}

void append_escaped(std::string& out, std::string_view s, bool ascii_only) {
  std::size_t verbatim = 0;
  while (verbatim < s.size() && is_verbatim(s[verbatim])) ++verbatim;
  if (verbatim == s.size()) {
    out.append(s);
    return;
  }
  if (find_invalid_utf8(s) != std::string_view::npos) {
    throw std::invalid_argument("string is not valid UTF-8");
  }
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const std::uint32_t cp = next_code_point(s, i);
    if (append_escape(out, cp, ascii_only)) continue;
    out.append(s.substr(start, i - start));
    // `${` and `%{` would open a template sequence; doubling the introducer escapes it.
    if ((cp == '$' || cp == '%') && i < s.size() && s[i] == '{') out += static_cast<char>(cp);
  }
}

std::string escape(std::string_view s, bool ascii_only) {
  std::string out;
  out.reserve(s.size() + 2);
  append_escaped(out, s, ascii_only);
  return out;
}

std::string object_key(std::string_view key) {
  if (is_identifier(key) && !is_keyword(key)) return std::string(key);
  return '"' + escape(key, true) + '"';
}

}  // namespace detail

std::string quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  detail::append_escaped(out, s, false);
  out += '"';
  return out;
}

}  // namespace ag::hcl
