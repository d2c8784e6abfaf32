// Calendar dates for lifecycle checks (end of standard support), and "today" as the
// reproducible-builds convention defines it, so that a check's verdict can be pinned.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace ag {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const Date&) const = default;
};

// "2026-07-31" → Date; nullopt unless it is exactly YYYY-MM-DD and a real calendar day.
std::optional<Date> parse_date(std::string_view text);

// RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM) with a real calendar day, as
// JSON Schema's `format: date-time` means it (which admits the leap second :60 that RDS does
// not: restore.time-format refuses it).
bool is_rfc3339_date_time(std::string_view s, bool leap_second);

// A run of ASCII digits (at most nine, so it fits an int) → its value; nullopt otherwise.
std::optional<int> parse_digits(std::string_view s);

// "2026-07-31".
std::string format_date(const Date& d);

// Days from `from` to `to` (negative when `to` is earlier).
long days_between(const Date& from, const Date& to);

// Today in UTC. When SOURCE_DATE_EPOCH is set to seconds since 1970-01-01T00:00:00Z
// (https://reproducible-builds.org/specs/source-date-epoch/), that day; otherwise the
// system clock's. A value that is not a plain non-negative integer is ignored.
Date today();

}  // namespace ag
