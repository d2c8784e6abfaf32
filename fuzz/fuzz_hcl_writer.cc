// Fuzz target: an hcl::Body built from the input (attributes, nested blocks with labels,
// strings, templates, traversals, numbers, tuples, objects, calls, a header) → hcl::write.
//
// Oracle:
//  - write() either returns text or throws std::invalid_argument; any other exception is a
//    finding. Ill-formed UTF-8 anywhere must be refused; a tree built only from parts
//    that are valid by construction (identifiers, traversals, numbers, well-formed UTF-8,
//    no duplicate names) must not be.
//  - The output is lexed as HCL (comments, quoted templates with their escapes, `$${`
//    and `%%{`, interpolations with nested strings): brackets balance outside strings;
//    no quoted string holds a raw control character or line break, a bad escape, a `%{`
//    directive, or a raw `${` the tree did not ask for; and the quoted strings, decoded,
//    are exactly the tree's labels, quoted keys, strings and template texts, in order.
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.h"
#include "hcl.h"

namespace {

using ag::hcl::Block;
using ag::hcl::Body;
using ag::hcl::Expr;
using ag::hcl::ObjectItem;

constexpr const char* kTarget = "fuzz_hcl_writer";

// Marks an interpolation in decoded template text; 0xFF never occurs in UTF-8 text.
const std::string kInterp = "\xFF${";

constexpr std::array<std::string_view, 36> kWords = {
    "${", "%{", "$${", "%%{", "$", "%", "${x}", "%{ if x }", "\\", "\"", "\n", "\r\n", "~}",
    "$$", "{", "}", "${\"$\"}", "a$", "$${x}", "\\u0041", "\\n", "#", "//", "/*", "<<EOT",
    "true", "null", "for", "in", "if", "this", "aws_rds_cluster", "-1", "1e3", "", " "};

constexpr std::array<std::string_view, 12> kIdentifiers = {
    "name", "tags", "this", "aws_rds_cluster", "_x", "a-b", "for", "in", "if", "true", "count",
    "resource"};

bool is_identifier(std::string_view s) {
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (s.empty() || !(letter(s[0]) || s[0] == '_')) return false;
  for (char c : s) {
    if (!(letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

bool is_keyword(std::string_view s) {
  return s == "true" || s == "false" || s == "null" || s == "for" || s == "in" || s == "if";
}

class Builder {
 public:
  explicit Builder(FuzzedDataProvider& in) : in_(in) {}

  bool must_throw = false;    // ill-formed UTF-8 somewhere
  bool surely_valid = true;   // every part valid by construction
  std::vector<std::string> quoted;  // the decoded quoted strings expected, in output order

  std::string header() {
    if (in_.ConsumeIntegralInRange<int>(0, 3) != 0) return {};
    std::string s = text();
    std::size_t i = 0;
    char32_t cp = 0;
    while (i < s.size() && fuzz::next_code_point(s, i, cp)) {
      if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F)) {
        surely_valid = false;
      }
    }
    return s;
  }

  void body(Body& b, int depth) {
    std::set<std::string> names;
    const int n = in_.ConsumeIntegralInRange<int>(0, 6);
    for (int k = 0; k < n && budget(); ++k) {
      if (depth < 4 && in_.ConsumeIntegralInRange<int>(0, 3) == 0) {
        std::string type = identifier();
        std::vector<std::string> labels;
        const int nl = in_.ConsumeIntegralInRange<int>(0, 2);
        for (int l = 0; l < nl; ++l) {
          labels.push_back(text());
          quoted.push_back(labels.back());
        }
        Block& block = b.block(std::move(type), std::move(labels));
        body(block.body, depth + 1);
      } else {
        std::string name = identifier();
        if (!names.insert(name).second) surely_valid = false;
        b.attr(std::move(name), expr(depth));
      }
    }
  }

 private:
  FuzzedDataProvider& in_;
  int count_ = 0;

  bool budget() { return ++count_ < 300 && in_.remaining_bytes() > 0; }

  std::string text() {
    std::string s = fuzz::text(in_, kWords);
    if (!fuzz::valid_utf8(s)) must_throw = true;
    return s;
  }

  std::string identifier() {
    if (in_.ConsumeIntegralInRange<int>(0, 7) != 0) {
      return std::string(kIdentifiers[in_.ConsumeIntegralInRange<std::size_t>(0, 11)]);
    }
    std::string s = text();
    if (!is_identifier(s)) surely_valid = false;
    return s;
  }

  std::string number() {
    if (in_.ConsumeIntegralInRange<int>(0, 7) == 0) {
      surely_valid = false;
      return in_.ConsumeRandomLengthString(12);
    }
    std::string s = std::to_string(in_.ConsumeIntegral<long long>());
    if (in_.ConsumeBool()) s += "." + std::to_string(in_.ConsumeIntegral<unsigned>());
    if (in_.ConsumeBool()) {
      s += std::string(in_.ConsumeBool() ? "e" : "E") + (in_.ConsumeBool() ? "-" : "") +
           std::to_string(in_.ConsumeIntegralInRange<int>(0, 400));
    }
    return s;
  }

  // Valid by construction, or raw text. `keys` receives the `["key"]` index keys.
  std::string traversal(std::vector<std::string>& keys) {
    if (in_.ConsumeIntegralInRange<int>(0, 7) == 0) {
      surely_valid = false;
      std::string s = in_.ConsumeRandomLengthString(24);
      // If the writer accepts it, its index keys are plain ASCII between `["` and `"]`.
      for (std::size_t at = s.find("[\""); at != std::string::npos; at = s.find("[\"", at)) {
        const std::size_t close = s.find('"', at + 2);
        if (close == std::string::npos) break;
        keys.push_back(s.substr(at + 2, close - at - 2));
        at = close;
      }
      return s;
    }
    std::string root;
    do {
      root = std::string(kIdentifiers[in_.ConsumeIntegralInRange<std::size_t>(0, 11)]);
    } while (is_keyword(root) && in_.remaining_bytes() > 0);
    if (is_keyword(root)) root = "var";
    std::string s = root;
    const int n = in_.ConsumeIntegralInRange<int>(0, 3);
    for (int k = 0; k < n; ++k) {
      switch (in_.ConsumeIntegralInRange<int>(0, 2)) {
        case 0:
          s += "." + std::string(kIdentifiers[in_.ConsumeIntegralInRange<std::size_t>(0, 11)]);
          break;
        case 1:
          s += "[" + std::to_string(in_.ConsumeIntegral<unsigned>()) + "]";
          break;
        default: {
          std::string key;
          const int len = in_.ConsumeIntegralInRange<int>(0, 8);
          for (int c = 0; c < len; ++c) {
            char ch = in_.ConsumeIntegralInRange<char>(0x20, 0x7E);
            if (ch == '\\' || ch == '"' || ch == '$' || ch == '%') ch = '}';
            key += ch;
          }
          keys.push_back(key);
          s += "[\"" + key + "\"]";
        }
      }
    }
    return s;
  }

  // A template part; `want` receives its decoded text (interpolations as kInterp...}).
  Expr template_part(int depth, std::string& want) {
    switch (in_.ConsumeIntegralInRange<int>(0, depth > 3 ? 4 : 6)) {
      case 0:
      case 1: {
        std::string s = text();
        want += s;
        return Expr::string(std::move(s));
      }
      case 2: {
        std::string s = number();
        want += s;
        return Expr::number(std::move(s));
      }
      case 3: {
        const bool b = in_.ConsumeBool();
        want += b ? "true" : "false";
        return Expr::boolean(b);
      }
      case 4: {
        std::vector<std::string> keys;  // inside the interpolation, not top-level strings
        std::string t = traversal(keys);
        want += kInterp + t + "}";
        return Expr::traversal(std::move(t));
      }
      case 5: {  // a call whose arguments write no strings: its inline form is known
        std::string fn = in_.ConsumeBool() ? "upper" : "format";
        std::vector<Expr> args;
        std::string inline_text = fn + "(";
        const int n = in_.ConsumeIntegralInRange<int>(0, 3);
        for (int k = 0; k < n; ++k) {
          std::vector<std::string> keys;
          std::string arg = in_.ConsumeBool() ? number() : traversal(keys);
          inline_text += (k > 0 ? ", " : "") + arg;
          args.push_back(arg.find_first_not_of("-0123456789.eE") == std::string::npos &&
                                 !arg.empty()
                             ? Expr::number(arg)
                             : Expr::traversal(arg));
        }
        want += kInterp + inline_text + ")}";
        return Expr::call(std::move(fn), std::move(args));
      }
      default: {
        std::vector<Expr> parts;
        const int n = in_.ConsumeIntegralInRange<int>(0, 4);
        for (int k = 0; k < n; ++k) parts.push_back(template_part(depth + 1, want));
        if (in_.ConsumeIntegralInRange<int>(0, 15) == 0) {
          surely_valid = false;  // a kind a template cannot interpolate
          parts.push_back(Expr::tuple({}));
        }
        return Expr::templ(std::move(parts));
      }
    }
  }

  Expr expr(int depth) {
    if (!budget()) return Expr::null();
    switch (in_.ConsumeIntegralInRange<int>(0, depth >= 5 ? 6 : 10)) {
      case 0:
        return Expr::null();
      case 1:
        if (in_.ConsumeIntegralInRange<int>(0, 7) == 0) {
          surely_valid = false;
          Expr e = Expr::boolean(true);
          e.text = in_.ConsumeRandomLengthString(8);
          return e;
        }
        return Expr::boolean(in_.ConsumeBool());
      case 2:
        return Expr::number(number());
      case 3:
      case 4: {
        std::string s = text();
        quoted.push_back(s);
        return Expr::string(std::move(s));
      }
      case 5: {
        std::vector<std::string> keys;
        std::string t = traversal(keys);
        quoted.insert(quoted.end(), keys.begin(), keys.end());
        return Expr::traversal(std::move(t));
      }
      case 6: {
        std::string want;
        std::vector<Expr> parts;
        const int n = in_.ConsumeIntegralInRange<int>(0, 5);
        for (int k = 0; k < n; ++k) parts.push_back(template_part(depth + 1, want));
        quoted.push_back(want);
        return Expr::templ(std::move(parts));
      }
      case 7: {
        std::vector<Expr> items;
        const int n = in_.ConsumeIntegralInRange<int>(0, 5);
        for (int k = 0; k < n; ++k) items.push_back(expr(depth + 1));
        return Expr::tuple(std::move(items));
      }
      case 8:
      case 9: {
        std::vector<ObjectItem> items;
        std::set<std::string> keys;
        const int n = in_.ConsumeIntegralInRange<int>(0, 5);
        for (int k = 0; k < n; ++k) {
          std::string key = in_.ConsumeBool() ? identifier() : text();
          if (!keys.insert(key).second) surely_valid = false;
          if (!is_identifier(key) || is_keyword(key)) quoted.push_back(key);
          Expr value = expr(depth + 1);
          items.push_back(ObjectItem{std::move(key), std::move(value)});
        }
        return Expr::object_of(std::move(items));
      }
      default: {
        std::string fn = identifier();
        std::vector<Expr> args;
        const int n = in_.ConsumeIntegralInRange<int>(0, 4);
        for (int k = 0; k < n; ++k) args.push_back(expr(depth + 1));
        return Expr::call(std::move(fn), std::move(args));
      }
    }
  }
};

// ---- An HCL lexer just large enough to check the writer's output. ----

class Lexer {
 public:
  explicit Lexer(const std::string& out) : s_(out) {}

  std::vector<std::string> run() {
    std::vector<std::string> strings;
    std::string brackets;
    while (i_ < s_.size()) {
      const char c = s_[i_];
      if (c == '#') {
        const std::size_t end = s_.find('\n', i_);
        i_ = end == std::string::npos ? s_.size() : end + 1;
      } else if (c == '"') {
        strings.push_back(quoted_string());
      } else if (c == '{' || c == '[' || c == '(') {
        brackets += c;
        ++i_;
      } else if (c == '}' || c == ']' || c == ')') {
        const char open = c == '}' ? '{' : c == ']' ? '[' : '(';
        if (brackets.empty() || brackets.back() != open) fail("unbalanced brackets");
        brackets.pop_back();
        ++i_;
      } else {
        ++i_;
      }
    }
    if (!brackets.empty()) fail("unclosed brackets");
    return strings;
  }

 private:
  const std::string& s_;
  std::size_t i_ = 0;

  [[noreturn]] void fail(const std::string& what) const {
    fuzz::finding(kTarget, what + " at byte " + std::to_string(i_) + "\n--- written ---\n" + s_);
  }

  bool at(std::string_view text) const { return s_.compare(i_, text.size(), text) == 0; }

  unsigned hex(std::size_t digits) {
    unsigned v = 0;
    for (std::size_t k = 0; k < digits; ++k, ++i_) {
      if (i_ >= s_.size()) fail("short \\u escape");
      const char c = s_[i_];
      const int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                           : -1;
      if (d < 0) fail("bad hex digit in escape");
      v = v * 16 + static_cast<unsigned>(d);
    }
    return v;
  }

  // At '"': the decoded text, interpolations as kInterp + source + "}".
  std::string quoted_string() {
    ++i_;
    std::string value;
    while (true) {
      if (i_ >= s_.size()) fail("unterminated string");
      const unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return value;
      }
      if (c < 0x20 || c == 0x7F) fail("raw control character in a quoted string");
      if (c == '\\') {
        ++i_;
        if (i_ >= s_.size()) fail("escape at end");
        const char e = s_[i_++];
        switch (e) {
          case 'n': value += '\n'; break;
          case 'r': value += '\r'; break;
          case 't': value += '\t'; break;
          case '"': value += '"'; break;
          case '\\': value += '\\'; break;
          case 'u': fuzz::append_utf8(value, hex(4)); break;
          case 'U': fuzz::append_utf8(value, hex(8)); break;
          default: fail("unknown escape");
        }
      } else if (at("$${")) {
        value += "${";
        i_ += 3;
      } else if (at("%%{")) {
        value += "%{";
        i_ += 3;
      } else if (at("%{")) {
        fail("raw %{ (template directive) in a quoted string");
      } else if (at("${")) {
        i_ += 2;
        const std::size_t start = i_;
        if (i_ < s_.size() && s_[i_] == '"') {
          // `${"$$"}`: the writer's way of writing `$`s right before an interpolation.
          const std::string literal = quoted_string();
          if (i_ < s_.size() && s_[i_] == '}' && literal.find(kInterp) == std::string::npos) {
            ++i_;
            value += literal;
            continue;
          }
        }
        interpolation_rest();
        value += kInterp + s_.substr(start, i_ - 1 - start) + "}";
      } else {
        value += static_cast<char>(c);
        ++i_;
      }
    }
  }

  // Inside "${ ... }": up to and past the matching '}'.
  void interpolation_rest() {
    int depth = 0;
    while (true) {
      if (i_ >= s_.size()) fail("unterminated interpolation");
      const char c = s_[i_];
      if (c == '"') {
        quoted_string();
      } else if (c == '{') {
        ++depth, ++i_;
      } else if (c == '}') {
        ++i_;
        if (depth-- == 0) return;
      } else if (c == '\n') {
        fail("line break in an interpolation");
      } else {
        ++i_;
      }
    }
  }
};

std::string printable(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7F || c == '\\') {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  Builder b(in);
  const std::string header = b.header();
  Body file;
  b.body(file, 0);
  std::string out;
  try {
    out = ag::hcl::write(file, header);
  } catch (const std::invalid_argument& e) {
    if (b.must_throw || !b.surely_valid) return 0;
    fuzz::finding(kTarget, std::string("refused a valid tree: ") + e.what());
  } catch (const std::exception& e) {
    fuzz::finding(kTarget, std::string("unexpected exception: ") + e.what());
  }
  if (b.must_throw) fuzz::finding(kTarget, "ill-formed UTF-8 written:\n" + out);
  if (!fuzz::valid_utf8(out)) fuzz::finding(kTarget, "output is not UTF-8");
  if (!out.empty() && out.back() != '\n') fuzz::finding(kTarget, "no final newline");
  const std::vector<std::string> got = Lexer(out).run();
  if (got != b.quoted) {
    std::string diff;
    for (std::size_t k = 0; k < std::max(got.size(), b.quoted.size()); ++k) {
      const std::string g = k < got.size() ? printable(got[k]) : "(none)";
      const std::string w = k < b.quoted.size() ? printable(b.quoted[k]) : "(none)";
      if (g != w) diff += "  #" + std::to_string(k) + " got  " + g + "\n       want " + w + "\n";
    }
    fuzz::finding(kTarget, "quoted strings differ:\n" + diff + "--- written ---\n" + out);
  }
  return 0;
}
