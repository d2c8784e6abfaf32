#include "yaml_scalars.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

#include "yaml_emitter.h"

namespace ag::yaml {

namespace {

[[noreturn]] void invalid_utf8() { throw std::invalid_argument("YAML text is not valid UTF-8"); }

// Decodes the code point at s[i] and advances i; refuses overlong forms, surrogates and
// values past U+10FFFF so that nothing a strict reader would reject is written.
char32_t decode_utf8(std::string_view s, std::size_t& i) {
  const unsigned lead = static_cast<unsigned char>(s[i]);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  std::size_t length = 0;
  unsigned cp = 0;
  unsigned min = 0;
  if ((lead & 0xE0u) == 0xC0u) {
    length = 2, cp = lead & 0x1Fu, min = 0x80;
  } else if ((lead & 0xF0u) == 0xE0u) {
    length = 3, cp = lead & 0x0Fu, min = 0x800;
  } else if ((lead & 0xF8u) == 0xF0u) {
    length = 4, cp = lead & 0x07u, min = 0x10000;
  } else {
    invalid_utf8();
  }
  if (s.size() - i < length) invalid_utf8();
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0u) != 0x80u) invalid_utf8();
    cp = (cp << 6) | (c & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) invalid_utf8();
  i += length;
  return cp;
}

std::string hex_escape(char prefix, unsigned cp, int digits) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string text = {'\\', prefix};
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) text += kHex[(cp >> shift) & 0xFu];
  return text;
}

// The escape for a code point YAML must not see raw inside double quotes, or "" if it may.
std::string escape_for(char32_t cp) {
  switch (cp) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case 0x00:
      return "\\0";
    case 0x07:
      return "\\a";
    case 0x08:
      return "\\b";
    case '\t':
      return "\\t";
    case '\n':
      return "\\n";
    case 0x0B:
      return "\\v";
    case 0x0C:
      return "\\f";
    case '\r':
      return "\\r";
    case 0x1B:
      return "\\e";
    case 0x85:
      return "\\u0085";  // NEL, a YAML 1.1 line break; yaml-cpp mis-decodes "\\N"
    case 0x2028:
      return "\\L";
    case 0x2029:
      return "\\P";
    case 0xFEFF:  // a BOM inside a document confuses some readers
    case 0xFFFE:
    case 0xFFFF:
      return hex_escape('u', cp, 4);
    default:
      break;
  }
  // C0 controls, DEL and C1 controls are outside YAML's printable set.
  if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return hex_escape('x', cp, 2);
  return {};
}

bool is_special_word(std::string_view s) {
  static constexpr std::array<std::string_view, 9> kWords = {"yes",   "no",   "on", "off", "true",
                                                             "false", "null", "y",  "n"};
  constexpr std::size_t kLongest = 5;
  if (s.size() > kLongest) return false;
  char buffer[kLongest] = {};
  for (std::size_t i = 0; i < s.size() && i < kLongest; ++i) {
    buffer[i] = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
  }
  const std::string_view lower(buffer, s.size());
  return std::find(kWords.begin(), kWords.end(), lower) != kWords.end();
}

// Printable ASCII that stands for itself inside double quotes.
bool is_plain_ascii(char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; }

bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Decimal digits without a leading zero, which YAML 1.1 would read as octal.
bool is_int_text(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  if (s.empty() || !std::all_of(s.begin(), s.end(), is_digit)) return false;
  return s.size() == 1 || s.front() != '0';
}

// What Node::number produces: finite, with a '.' so YAML 1.1 reads a float.
bool is_float_text(std::string_view s) {
  if (s.empty() || s.find('.') == std::string_view::npos) return false;
  if (!is_digit(s.front()) && s.front() != '-') return false;
  double value = 0;
  const auto result = std::from_chars(s.data(), s.data() + s.size(), value);
  return result.ec == std::errc() && result.ptr == s.data() + s.size() && std::isfinite(value);
}

const std::string& checked(const std::string& text, bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(std::string("malformed YAML ") + what + ": " + text);
  return text;
}

}  // namespace

void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    while (i < s.size() && is_plain_ascii(s[i])) ++i;  // most text: copied as one run
    out.append(s.substr(start, i - start));
    if (i == s.size()) break;
    const std::size_t at = i;
    const std::string escape = escape_for(decode_utf8(s, i));
    if (escape.empty()) {
      out.append(s.substr(at, i - at));
    } else {
      out += escape;
    }
  }
  out += '"';
}

std::string quote(std::string_view s) {
  std::string out;
  append_quoted(out, s);
  return out;
}

bool is_safe_plain(std::string_view s) {
  if (s.empty() || !is_letter(s.front()) || s.back() == ':') return false;
  const auto allowed = [](char c) {
    return is_letter(c) || is_digit(c) || c == ':' || c == '.' || c == '_' || c == '/' || c == '-';
  };
  return std::all_of(s.begin(), s.end(), allowed) && !is_special_word(s);
}

void append_scalar(std::string& out, const Node& n) {
  switch (n.kind) {
    case Node::Kind::Null:
      out += "null";
      return;
    case Node::Kind::Bool:
      out += checked(n.text, n.text == "true" || n.text == "false", "bool");
      return;
    case Node::Kind::Int:
      out += checked(n.text, is_int_text(n.text), "integer");
      return;
    case Node::Kind::Float:
      out += checked(n.text, is_float_text(n.text), "number");
      return;
    case Node::Kind::String:
      append_quoted(out, n.text);
      return;
    case Node::Kind::Symbol:
      append_key(out, n.text);
      return;
    case Node::Kind::Seq:
    case Node::Kind::Map:
      break;
  }
  throw std::logic_error("scalar_text on a collection");
}

std::string scalar_text(const Node& n) {
  std::string out;
  append_scalar(out, n);
  return out;
}

void append_key(std::string& out, std::string_view key) {
  if (is_safe_plain(key)) {
    out += key;
  } else {
    append_quoted(out, key);
  }
}

std::string key_text(std::string_view key) {
  std::string out;
  append_key(out, key);
  return out;
}

std::string_view checked_tag(std::string_view tag) {
  const auto allowed = [](char c) {
    return is_letter(c) || is_digit(c) || c == ':' || c == '.' || c == '_' || c == '-';
  };
  const bool ok = tag.size() >= 2 && tag[0] == '!' && is_letter(tag[1]) &&
                  std::all_of(tag.begin() + 1, tag.end(), allowed);
  if (!ok) throw std::invalid_argument("malformed YAML tag: " + std::string(tag));
  return tag;
}

std::vector<std::string> comment_lines(std::string_view text) {
  std::vector<std::string> lines(1);
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t cp = decode_utf8(text, i);
    if (cp == '\n') {
      lines.emplace_back();
    } else if (cp == '\t' || escape_for(cp).empty() || cp == '"' || cp == '\\') {
      lines.back().append(text.substr(start, i - start));
    } else {
      throw std::invalid_argument("YAML comment contains a control character or line break");
    }
  }
  return text.empty() ? std::vector<std::string>{} : lines;
}

}  // namespace ag::yaml
