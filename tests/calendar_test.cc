// Calendar dates and "today" from SOURCE_DATE_EPOCH.
#include <catch2/catch.hpp>

#include "calendar.h"
#include "test_support.h"

using ag::test::ScopedEpoch;

TEST_CASE("dates parse only as real YYYY-MM-DD days") {
  CHECK(ag::parse_date("2028-02-29") == ag::Date{2028, 2, 29});
  CHECK_FALSE(ag::parse_date("2027-02-29"));  // not a leap year
  CHECK_FALSE(ag::parse_date("2026-13-01"));
  CHECK_FALSE(ag::parse_date("2026-7-31"));
  CHECK_FALSE(ag::parse_date("2026-07-31T00:00:00Z"));
  CHECK(ag::format_date({2026, 7, 1}) == "2026-07-01");
}

TEST_CASE("RFC 3339 date-times: real days, offsets, a leap second only where allowed") {
  for (const char* ok : {"2024-05-01T12:00:00Z", "2024-05-01t12:00:00z", "2028-02-29T23:59:59Z",
                         "2024-05-01T12:00:00.123+02:00", "2024-05-01T00:00:00-09:30"}) {
    INFO(ok);
    CHECK(ag::is_rfc3339_date_time(ok, false));
  }
  for (const char* bad :
       {"yesterday", "2024-05-01", "2024-05-01 12:00:00Z", "2027-02-29T00:00:00Z",
        "2024-04-31T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z",
        "2024-05-01T12:00:00", "2024-05-01T12:00:00.Z", "2024-05-01T12:00:00+2:00",
        "2024-05-01T12:00:00|02:00", "12024-05-01T12:00:00Z"}) {
    INFO(bad);
    CHECK_FALSE(ag::is_rfc3339_date_time(bad, true));
  }
  CHECK(ag::is_rfc3339_date_time("2016-12-31T23:59:60Z", true));
  CHECK_FALSE(ag::is_rfc3339_date_time("2016-12-31T23:59:60Z", false));
}

TEST_CASE("days between dates count across months and leap days") {
  CHECK(ag::days_between({2026, 11, 27}, {2027, 2, 28}) == 93);
  CHECK(ag::days_between({2028, 2, 28}, {2028, 3, 1}) == 2);
  CHECK(ag::days_between({2026, 7, 31}, {2026, 7, 1}) == -30);
}

TEST_CASE("today comes from SOURCE_DATE_EPOCH when it is set") {
  {
    ScopedEpoch epoch("1795737600");  // 2026-11-27T00:00:00Z
    CHECK(ag::today() == ag::Date{2026, 11, 27});
  }
  {
    ScopedEpoch epoch("1795823999");  // the last second of that day
    CHECK(ag::today() == ag::Date{2026, 11, 27});
  }
  {
    ScopedEpoch epoch("0");
    CHECK(ag::today() == ag::Date{1970, 1, 1});
  }
}

TEST_CASE("a malformed SOURCE_DATE_EPOCH falls back to the clock") {
  ag::Date clock;
  {
    ScopedEpoch none(nullptr);
    clock = ag::today();
  }
  CHECK(clock > ag::Date{2025, 1, 1});
  for (const char* bad : {"", "-1", "17957376OO", "1795737600.5", "9999999999999"}) {
    ScopedEpoch epoch(bad);
    INFO(bad);
    CHECK(ag::days_between(clock, ag::today()) <= 1);
  }
}
