// Fuzz target: a yaml::Node tree built from the input (scalars of every kind, nesting, tags,
// keys, comments, a header) → yaml::emit → yaml-cpp parses the output back.
//
// Oracle:
//  - a tree holding ill-formed UTF-8 in any string, symbol, key, comment or the header must
//    make emit() throw std::invalid_argument;
//  - a tree holding only text the emitter may refuse (a raw tag, raw Int/Float/Bool text, a
//    comment with control characters) may be refused with std::invalid_argument;
//  - any other exception type, or a refusal of a tree built only from well-formed parts,
//    is a finding;
//  - output must parse with yaml-cpp as one document whose structure, keys, tags and
//    scalar texts are exactly the tree's: strings come back byte for byte, strings are
//    never read as plain scalars, and a symbol written plain never reads as a bool or null.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "fuzz_common.h"
#include "yaml_doc.h"
#include "yaml_emitter.h"

namespace {

using ag::yaml::Entry;
using ag::yaml::Node;

constexpr std::array<std::string_view, 40> kWords = {
    "yes", "No", "NULL", "null", "~", "true", "False", "y", "n", "on", "OFF",
    "AWS::RDS::DBCluster", "1e3", "0x1F", "0755", ".inf", "-.5", "<<", "=", "Ref", "a: b",
    "- x", "#c", "", " lead", "trail ", "@x", "%TAG", "---", "...", "a:", "a #b", "'q'",
    "\"q\"", "? k", "Fn::Join", "!Ref", "*alias", "&anchor", "1_000"};

constexpr std::array<std::string_view, 10> kTags = {"!Ref", "!GetAtt", "!Join", "!Sub", "!Select",
                                                     "!If", "!Base64", "!GetAZs", "!Split",
                                                     "!FindInMap"};

class Builder {
 public:
  explicit Builder(FuzzedDataProvider& in) : in_(in) {}

  bool invalid = false;        // emit() must throw std::invalid_argument
  bool maybe_invalid = false;  // emit() may throw std::invalid_argument

  std::string utf8_text() {
    std::string s = fuzz::text(in_, kWords);
    if (!fuzz::valid_utf8(s)) invalid = true;
    return s;
  }

  // Comment text: besides UTF-8, control characters and line breaks other than \n and \t
  // may be refused (they would end or corrupt a comment).
  std::string comment_text() {
    std::string s = utf8_text();
    std::size_t i = 0;
    char32_t cp = 0;
    while (i < s.size() && fuzz::next_code_point(s, i, cp)) {
      if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) ||
          cp == 0x2028 || cp == 0x2029 || cp >= 0xFEFF) {
        maybe_invalid = true;
      }
    }
    return s;
  }

  Node node(int depth) {
    if (++count_ > 300 || in_.remaining_bytes() == 0) return Node::null();
    Node n;
    const int kind = in_.ConsumeIntegralInRange<int>(0, depth >= 10 ? 6 : 9);
    switch (kind) {
      case 0:
        n = Node::null();
        break;
      case 1:
        n = Node::boolean(in_.ConsumeBool());
        break;
      case 2:
        n = Node::integer(in_.ConsumeIntegral<long long>());
        break;
      case 3: {
        const double d = in_.ConsumeFloatingPoint<double>();
        if (!std::isfinite(d)) return Node::null();
        n = Node::number(d);
        if (std::strtod(n.text.c_str(), nullptr) != d) {
          fuzz::finding("fuzz_yaml_emitter", "Node::number does not round-trip: " + n.text);
        }
        break;
      }
      case 4:
        n = Node::string(utf8_text());
        break;
      case 5:
        n = Node::symbol(utf8_text());
        break;
      case 6: {  // Int, Float or Bool with raw text: refused or written exactly
        n.kind = std::array{Node::Kind::Int, Node::Kind::Float,
                            Node::Kind::Bool}[in_.ConsumeIntegralInRange<int>(0, 2)];
        n.text = in_.ConsumeRandomLengthString(24);
        maybe_invalid = true;
        break;
      }
      case 7:
      case 8: {
        n = Node::map();
        const int size = in_.ConsumeIntegralInRange<int>(0, 5);
        for (int k = 0; k < size; ++k) {
          std::string key = utf8_text();
          Node value = node(depth + 1);
          n.entries.push_back(Entry{std::move(key), std::move(value),
                                    in_.ConsumeIntegralInRange<int>(0, 5) == 0 ? comment_text()
                                                                               : std::string()});
        }
        break;
      }
      default: {
        n = Node::seq();
        const int size = in_.ConsumeIntegralInRange<int>(0, 5);
        for (int k = 0; k < size; ++k) n.items.push_back(node(depth + 1));
        break;
      }
    }
    switch (in_.ConsumeIntegralInRange<int>(0, 7)) {
      case 0:
        n.tag = kTags[in_.ConsumeIntegralInRange<std::size_t>(0, kTags.size() - 1)];
        break;
      case 1:
        n.tag = in_.ConsumeRandomLengthString(12);
        if (!n.tag.empty()) maybe_invalid = true;
        break;
      default:
        break;
    }
    return n;
  }

 private:
  FuzzedDataProvider& in_;
  int count_ = 0;
};

[[noreturn]] void mismatch(const std::string& path, const std::string& what,
                           const std::string& out) {
  fuzz::finding("fuzz_yaml_emitter", "round trip differs at " + path + ": " + what +
                                         "\n--- emitted ---\n" + out);
}

void compare(const Node& want, const YAML::Node& got, const std::string& path,
             const std::string& out) {
  if (!want.tag.empty() && got.Tag() != want.tag) {
    mismatch(path, "tag " + got.Tag() + " instead of " + want.tag, out);
  }
  switch (want.kind) {
    case Node::Kind::Null:
      if (want.tag.empty() ? !got.IsNull() : !(got.IsNull() || got.Scalar() == "null")) {
        mismatch(path, "not null", out);
      }
      return;
    case Node::Kind::Bool:
    case Node::Kind::Int:
    case Node::Kind::Float:
      if (!got.IsScalar() || got.Scalar() != want.text) mismatch(path, "scalar text", out);
      if (want.tag.empty() && got.Tag() != "?") mismatch(path, "number or bool quoted", out);
      return;
    case Node::Kind::String:
      if (!got.IsScalar() || got.Scalar() != want.text) mismatch(path, "string text", out);
      if (want.tag.empty() && got.Tag() != "!") mismatch(path, "string not quoted", out);
      return;
    case Node::Kind::Symbol: {
      if (!got.IsScalar() || got.Scalar() != want.text) mismatch(path, "symbol text", out);
      bool b = false;
      if (got.Tag() == "?" && YAML::convert<bool>::decode(got, b)) {
        mismatch(path, "plain symbol reads as a bool", out);
      }
      return;
    }
    case Node::Kind::Seq:
      if (!got.IsSequence() || got.size() != want.items.size()) mismatch(path, "sequence", out);
      for (std::size_t i = 0; i < want.items.size(); ++i) {
        compare(want.items[i], got[i], path + "/" + std::to_string(i), out);
      }
      return;
    case Node::Kind::Map: {
      if (!got.IsMap() || got.size() != want.entries.size()) mismatch(path, "mapping", out);
      std::size_t i = 0;
      for (auto it = got.begin(); it != got.end(); ++it, ++i) {
        const Entry& e = want.entries[i];
        if (!it->first.IsScalar() || it->first.Scalar() != e.key) {
          mismatch(path, "key #" + std::to_string(i), out);
        }
        compare(e.value, it->second, path + "/" + std::to_string(i), out);
      }
      return;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  Builder b(in);
  const std::string header = in.ConsumeIntegralInRange<int>(0, 3) == 0 ? b.comment_text() : "";
  const Node root = b.node(0);
  std::string out;
  try {
    out = ag::yaml::emit(root, header);
  } catch (const std::invalid_argument&) {
    if (b.invalid || b.maybe_invalid) return 0;
    fuzz::finding("fuzz_yaml_emitter", "std::invalid_argument for a well-formed tree");
  } catch (const std::exception& e) {
    fuzz::finding("fuzz_yaml_emitter", std::string("unexpected exception: ") + e.what());
  }
  if (b.invalid) fuzz::finding("fuzz_yaml_emitter", "ill-formed UTF-8 emitted:\n" + out);
  if (!fuzz::valid_utf8(out)) fuzz::finding("fuzz_yaml_emitter", "output is not UTF-8");
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(out);
  } catch (const std::exception& e) {
    fuzz::finding("fuzz_yaml_emitter",
                  std::string("yaml-cpp cannot read the output: ") + e.what() + "\n" + out);
  }
  if (docs.size() != 1) fuzz::finding("fuzz_yaml_emitter", "not one document:\n" + out);
  compare(root, docs[0], "", out);
  return 0;
}
