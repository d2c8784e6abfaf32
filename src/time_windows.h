// Backup ("HH:MM-HH:MM", daily) and maintenance ("ddd:HH:MM-ddd:HH:MM", weekly) windows
// as intervals on a minute-of-week timeline, so that overlap is plain arithmetic.
#pragma once

#include <optional>
#include <string_view>

namespace ag {

inline constexpr int kMinutesPerDay = 24 * 60;
inline constexpr int kMinutesPerWeek = 7 * kMinutesPerDay;

// A window on a circular timeline: `start` minutes from the period's origin (midnight
// UTC, or Monday 00:00 UTC for weekly windows) and a length; it may wrap past the end.
struct TimeWindow {
  int start = 0;
  int length = 0;  // 0 when end == start
};

// nullopt when the text is not of the form (any hour 00–23, minute 00–59, day mon–sun).
std::optional<TimeWindow> parse_daily_window(std::string_view text);
std::optional<TimeWindow> parse_weekly_window(std::string_view text);

// Whether a daily window, repeated every day of the week, meets the weekly window.
bool daily_overlaps_weekly(const TimeWindow& daily, const TimeWindow& weekly);

}  // namespace ag
