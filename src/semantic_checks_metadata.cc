#include <array>
#include <cstdint>
#include <utility>

#include "pulumi_text.h"
#include "semantic_checks_internal.h"

namespace ag::semantic {
namespace {

// The compiler adds Name and ManagedBy always, Environment with metadata.environment.
constexpr std::array<std::string_view, 3> kCompilerTags{"Name", "Environment", "ManagedBy"};
constexpr std::size_t kMaxTags = 50;

// AWS reserves the prefix aws: in any combination of upper and lower case. This is the
// only place it is checked: schema_validation.cc leaves the schema's narrower, lower-case
// `not: ^aws:` on tag keys to this rule.
bool has_reserved_prefix(std::string_view key) {
  constexpr std::string_view kPrefix = "aws:";
  if (key.size() < kPrefix.size()) return false;
  for (std::size_t i = 0; i < kPrefix.size(); ++i) {
    const char ch = key[i];
    const char lower = ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
    if (lower != kPrefix[i]) return false;
  }
  return true;
}

// Decodes one UTF-8 sequence (the loader has validated the encoding); 0xFFFD on junk.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i++]);
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  char32_t cp = extra == 3 ? b & 0x07u : extra == 2 ? b & 0x0Fu : extra == 1 ? b & 0x1Fu : b;
  if (b >= 0x80 && extra == 0) return 0xFFFD;
  for (; extra > 0; --extra) {
    if (i >= s.size()) return 0xFFFD;
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3Fu);
  }
  return cp;
}

// AWS's tag set: Unicode letters, digits, white space and _ . : / = + - @. Beyond ASCII
// this approximates "letter" by refusing controls, Latin-1 punctuation and symbols, and
// the punctuation/symbol blocks; everything else (letters of all scripts) passes.
// Blocks of letters and digits outside ASCII that AWS's \p{L}\p{N} accepts. Without a
// Unicode database this is an allow-list of whole scripts: symbols, emoji, format and
// private-use characters (which AWS refuses) are never in it; a few rare letters outside
// these blocks are refused although AWS would take them.
constexpr std::pair<char32_t, char32_t> kLetterBlocks[] = {
    {0x00C0, 0x024F},    // Latin-1 letters, Latin Extended-A and -B (× and ÷ excluded below)
    {0x0370, 0x03FF},    // Greek
    {0x0400, 0x052F},    // Cyrillic
    {0x0531, 0x058F},    // Armenian
    {0x05D0, 0x05EA},    // Hebrew letters
    {0x0620, 0x064A},    // Arabic letters
    {0x0660, 0x0669},    // Arabic-Indic digits
    {0x0900, 0x097F},    // Devanagari
    {0x0E00, 0x0E7F},    // Thai
    {0x1E00, 0x1FFF},    // Latin Extended Additional, Greek Extended
    {0x3040, 0x30FF},    // Hiragana, Katakana
    {0x3400, 0x4DBF},    // CJK Extension A
    {0x4E00, 0x9FFF},    // CJK Unified Ideographs
    {0xAC00, 0xD7A3},    // Hangul syllables
    {0xFF10, 0xFF19},    // fullwidth digits
    {0xFF21, 0xFF3A},    // fullwidth Latin capitals
    {0xFF41, 0xFF5A},    // fullwidth Latin small letters
    {0x1D400, 0x1D7FF},  // mathematical alphanumeric letters and digits
    {0x20000, 0x2A6DF},  // CJK Extension B
};

bool allowed_tag_char(char32_t cp) {
  if (cp < 0x80) {
    const auto ch = static_cast<char>(cp);
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           std::string_view(" _.:/=+-@").find(ch) != std::string_view::npos;
  }
  if (cp == 0xD7 || cp == 0xF7) return false;
  for (const auto& [first, last] : kLetterBlocks) {
    if (cp >= first && cp <= last) return true;
  }
  return false;
}

std::optional<char32_t> first_bad_char(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t cp = next_code_point(s, i);
    if (!allowed_tag_char(cp)) return cp;
  }
  return std::nullopt;
}

std::string describe(char32_t cp) {
  if (cp >= 0x21 && cp < 0x7F) return std::string("'") + static_cast<char>(cp) + "'";
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string hex;
  for (int shift = cp > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) {
    hex += kHex[(cp >> shift) & 0xFu];
  }
  return "U+" + hex;
}

void check_tag(Context& c, const std::string& key, const Json& value) {
  const std::string ptr = pointer_append("/metadata/tags", key);
  const std::string shown = "metadata.tags '" + key + "'";
  if (has_reserved_prefix(key)) {
    c.error_at_key(ptr, "tags.reserved-prefix",
                   shown + ": keys starting with aws: (in any case) are reserved by AWS",
                   "rename the tag, for example without the aws: prefix");
  }
  if (pulumi::is_builtin_key(key)) {
    c.error_at_key(ptr, "tags.builtin-prefix",
                   shown + ": Pulumi YAML reads keys starting with fn:: as builtin functions",
                   "rename the tag; Pulumi has no way to write such a key literally");
  }
  for (std::string_view reserved : kCompilerTags) {
    if (key == reserved) {
      c.error_at_key(ptr, "tags.reserved-key", shown + " is set by aurora-gen itself",
                     "Name comes from metadata.name, Environment from "
                     "metadata.environment, ManagedBy is always aurora-gen");
    }
  }
  if (auto bad = first_bad_char(key)) {
    c.error_at_key(
        ptr, "tags.charset",
        shown + " has the character " + describe(*bad) + ", outside AWS's tag character set",
        "tags allow letters, digits, spaces and _ . : / = + - @");
  }
  if (!value.is_string()) return;
  if (auto bad = first_bad_char(value.get_ref<const std::string&>())) {
    c.error_at(ptr, "tags.charset",
               "the value of " + shown + " has the character " + describe(*bad) +
                   ", outside AWS's tag character set",
               "tags allow letters, digits, spaces and _ . : / = + - @");
  }
}

void check_tags(Context& c) {
  const Json* tags = c.find("/metadata/tags");
  if (tags == nullptr || !tags->is_object()) return;
  for (auto it = tags->begin(); it != tags->end(); ++it) check_tag(c, it.key(), it.value());
  const std::size_t added = c.has("/metadata/environment") ? 3 : 2;
  if (tags->size() + added > kMaxTags) {
    c.error_at_key("/metadata/tags", "tags.count",
                   "metadata.tags has " + std::to_string(tags->size()) + " tags; with the " +
                       std::to_string(added) + " aurora-gen adds that is over AWS's 50",
                   "keep at most " + std::to_string(kMaxTags - added) + " tags");
  }
}

}  // namespace

// metadata.name's '--' and trailing '-' are refused by the schema (schema.not).
void check_metadata(Context& c) { check_tags(c); }

}  // namespace ag::semantic
