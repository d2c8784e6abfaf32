#include "semantic_checks_internal.h"
#include "time_windows.h"

namespace ag::semantic {
namespace {

constexpr int kMinWindowMinutes = 30;  // AWS's minimum for both windows

// Parses and checks one window; reports under `rule` and returns nullopt when unusable.
template <typename Parse>
std::optional<TimeWindow> checked_window(Context& c, const std::string& pointer, const char* rule,
                                         Parse parse, const char* form) {
  auto text = c.str(pointer);
  if (!text) return std::nullopt;
  auto w = parse(*text);
  if (!w) {
    c.error_at(pointer, rule, dotted(pointer) + " '" + *text + "' is not a valid window",
               std::string("write it as ") + form + " (UTC)");
    return std::nullopt;
  }
  if (w->length == 0) {
    c.error_at(pointer, rule, dotted(pointer) + " '" + *text + "' ends when it starts");
    return std::nullopt;
  }
  if (w->length < kMinWindowMinutes) {
    c.error_at(pointer, rule,
               dotted(pointer) + " '" + *text + "' lasts " + std::to_string(w->length) +
                   " minutes; AWS needs at least 30");
    return std::nullopt;
  }
  return w;
}

}  // namespace

void check_windows(Context& c) {
  const std::string backup_p = "/spec/backup/preferred_window";
  const std::string maint_p = "/spec/maintenance/preferred_window";
  auto backup =
      checked_window(c, backup_p, "windows.backup-format", parse_daily_window, "HH:MM-HH:MM");
  auto maint = checked_window(c, maint_p, "windows.maintenance-format", parse_weekly_window,
                              "ddd:HH:MM-ddd:HH:MM");
  if (backup && maint && daily_overlaps_weekly(*backup, *maint)) {
    c.error_at(backup_p, "windows.overlap",
               "spec.backup.preferred_window '" + *c.str(backup_p) +
                   "' overlaps spec.maintenance.preferred_window '" + *c.str(maint_p) + "'",
               "the backup window applies every day; move one of them");
  }
}

}  // namespace ag::semantic
