#include "scalar_resolution.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

namespace ag {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t skip_digits(std::string_view s, std::size_t i) {
  while (i < s.size() && is_digit(s[i])) ++i;
  return i;
}

// Matches `[-+]?(0|[1-9][0-9]*)` at the start of `s`; returns its end, or 0 if no match.
std::size_t match_integer_part(std::string_view s) {
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i >= s.size() || !is_digit(s[i])) return 0;
  if (s[i] == '0') return i + 1;
  return skip_digits(s, i);
}

// Matches `(\.[0-9]+)?([eE][-+]?[0-9]+)?` from `i`; returns its end, or 0 if malformed.
std::size_t match_fraction_and_exponent(std::string_view s, std::size_t i) {
  if (i < s.size() && s[i] == '.') {
    const std::size_t end = skip_digits(s, i + 1);
    if (end == i + 1) return 0;
    i = end;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t end = skip_digits(s, i);
    if (end == i) return 0;
    i = end;
  }
  return i;
}

nlohmann::json to_integer(std::string_view s) {
  // from_chars takes a '-' but not a '+'.
  const std::string_view digits = s[0] == '+' ? s.substr(1) : s;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::string(s);
  return value;
}

nlohmann::json to_double(std::string_view s) {
  const std::string_view digits = s[0] == '+' ? s.substr(1) : s;
  double value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  // Overflow (1e999) would become infinity, which JSON cannot hold: keep what was typed.
  if (ec != std::errc{} || end != digits.data() + digits.size() || !std::isfinite(value)) {
    return std::string(s);
  }
  return value;
}

nlohmann::json resolve_number(std::string_view s) {
  const std::size_t int_end = match_integer_part(s);
  if (int_end == 0) return std::string(s);
  if (int_end == s.size()) return to_integer(s);
  const std::size_t end = match_fraction_and_exponent(s, int_end);
  if (end != s.size()) return std::string(s);
  return to_double(s);
}

}  // namespace

nlohmann::json resolve_plain_scalar(std::string_view text) {
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
    return nullptr;
  }
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return resolve_number(text);
}

}  // namespace ag
