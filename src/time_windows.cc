#include "time_windows.h"

#include <array>

namespace ag {
namespace {

constexpr std::array<std::string_view, 7> kDays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::optional<int> two_digits(std::string_view s, int limit) {
  if (s.size() != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') {
    return std::nullopt;
  }
  const int v = (s[0] - '0') * 10 + (s[1] - '0');
  if (v >= limit) return std::nullopt;
  return v;
}

// "HH:MM" → minute of the day.
std::optional<int> parse_clock(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  auto h = two_digits(s.substr(0, 2), 24);
  auto m = two_digits(s.substr(3, 2), 60);
  if (!h || !m) return std::nullopt;
  return *h * 60 + *m;
}

// "ddd:HH:MM" → minute of the week.
std::optional<int> parse_day_clock(std::string_view s) {
  if (s.size() != 9 || s[3] != ':') return std::nullopt;
  for (std::size_t d = 0; d < kDays.size(); ++d) {
    if (s.substr(0, 3) != kDays[d]) continue;
    auto clock = parse_clock(s.substr(4));
    if (!clock) return std::nullopt;
    return static_cast<int>(d) * kMinutesPerDay + *clock;
  }
  return std::nullopt;
}

template <typename Parse>
std::optional<TimeWindow> parse_range(std::string_view text, std::size_t half, Parse parse,
                                      int period) {
  if (text.size() != 2 * half + 1 || text[half] != '-') return std::nullopt;
  auto start = parse(text.substr(0, half));
  auto end = parse(text.substr(half + 1));
  if (!start || !end) return std::nullopt;
  return TimeWindow{*start, ((*end - *start) % period + period) % period};
}

int mod(int a, int n) { return (a % n + n) % n; }

// Two intervals on a circle of `period` minutes meet when either starts inside the other.
bool circular_overlap(const TimeWindow& a, const TimeWindow& b, int period) {
  return mod(b.start - a.start, period) < a.length || mod(a.start - b.start, period) < b.length;
}

}  // namespace

std::optional<TimeWindow> parse_daily_window(std::string_view text) {
  return parse_range(text, 5, parse_clock, kMinutesPerDay);
}

std::optional<TimeWindow> parse_weekly_window(std::string_view text) {
  return parse_range(text, 9, parse_day_clock, kMinutesPerWeek);
}

bool daily_overlaps_weekly(const TimeWindow& daily, const TimeWindow& weekly) {
  for (int day = 0; day < 7; ++day) {
    const TimeWindow today{day * kMinutesPerDay + daily.start, daily.length};
    if (circular_overlap(today, weekly, kMinutesPerWeek)) return true;
  }
  return false;
}

}  // namespace ag
