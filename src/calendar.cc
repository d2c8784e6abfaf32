#include "calendar.h"

#include <chrono>
#include <cstdlib>

namespace ag {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

sys_days to_sys_days(const Date& d) {
  return sys_days{year_month_day{std::chrono::year{d.year},
                                 std::chrono::month{static_cast<unsigned>(d.month)},
                                 std::chrono::day{static_cast<unsigned>(d.day)}}};
}

Date from_sys_days(sys_days days) {
  const year_month_day ymd{days};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace

std::optional<int> parse_digits(std::string_view s) {
  if (s.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return s.empty() ? std::nullopt : std::optional<int>(v);
}

namespace {

std::string padded(int value, std::size_t width) {
  std::string text = std::to_string(value);
  return text.size() < width ? std::string(width - text.size(), '0') + text : text;
}

// At most 12 digits: any real date, far from overflowing the seconds count.
std::optional<long long> source_date_epoch() {
  const char* text = std::getenv("SOURCE_DATE_EPOCH");
  if (text == nullptr || *text == '\0') return std::nullopt;
  long long seconds = 0;
  int count = 0;
  for (const char* p = text; *p != '\0'; ++p, ++count) {
    if (*p < '0' || *p > '9' || count == 12) return std::nullopt;
    seconds = seconds * 10 + (*p - '0');
  }
  return seconds;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = parse_digits(text.substr(0, 4)), m = parse_digits(text.substr(5, 2)),
       d = parse_digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  const year_month_day ymd{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                           std::chrono::day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{*y, *m, *d};
}

namespace {

bool valid_offset(std::string_view z) {
  if (z == "Z" || z == "z") return true;
  if (z.size() != 6 || (z[0] != '+' && z[0] != '-') || z[3] != ':') return false;
  auto h = parse_digits(z.substr(1, 2));
  auto m = parse_digits(z.substr(4, 2));
  return h && m && *h < 24 && *m < 60;
}

}  // namespace

bool is_rfc3339_date_time(std::string_view s, bool leap_second) {
  if (s.size() < 20 || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') {
    return false;
  }
  auto h = parse_digits(s.substr(11, 2)), mi = parse_digits(s.substr(14, 2)),
       se = parse_digits(s.substr(17, 2));
  if (!parse_date(s.substr(0, 10)) || !h || !mi || !se) return false;
  if (*h > 23 || *mi > 59 || *se > (leap_second ? 60 : 59)) return false;
  std::size_t i = 19;
  if (s[i] == '.') {
    const std::size_t start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  return valid_offset(s.substr(i));
}

std::string format_date(const Date& d) {
  return padded(d.year, 4) + "-" + padded(d.month, 2) + "-" + padded(d.day, 2);
}

long days_between(const Date& from, const Date& to) {
  return static_cast<long>((to_sys_days(to) - to_sys_days(from)).count());
}

Date today() {
  if (auto seconds = source_date_epoch()) {
    return from_sys_days(std::chrono::floor<std::chrono::days>(
        std::chrono::sys_seconds{std::chrono::seconds{*seconds}}));
  }
  return from_sys_days(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

}  // namespace ag
