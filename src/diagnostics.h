// Diagnostics: the one type every stage reports problems with, and its printers.
#pragma once

#include <string>
#include <vector>

namespace ag {

enum class Severity { Error, Warning };

// 1-based line and column; 0 means "unknown" (the printer then omits it).
struct Location {
  std::string file;
  int line = 0;
  int col = 0;
  bool operator==(const Location&) const = default;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string rule;  // stable id such as "schema.additional-property"
  std::string message;
  Location loc;
  std::string hint;  // optional "did you mean ..." or advice
  // Ids code-scanning dashboards group by: a policy warning's scanner rule ids (SARIF
  // properties.tags).
  std::vector<std::string> tags = {};
  // Non-empty: the manifest records this as a deliberate exception, with this reason. Shown
  // in JSON and SARIF (suppressions, kind inSource), not in text, and never fails --strict.
  std::string suppressed = {};
  // The line of the file `loc` points into, shown under the message with a caret at the
  // column: load errors, where there is no field yet to name the place by.
  std::string excerpt = {};
};

// Collects diagnostics in the order they were reported.
class Diagnostics {
 public:
  void error(std::string rule, std::string message, Location loc, std::string hint = {});
  void warning(std::string rule, std::string message, Location loc, std::string hint = {});
  void add(Diagnostic d) { items_.push_back(std::move(d)); }

  // Appends `tags` to every diagnostic of `rule` (a scanner rule a check's warning trips).
  void add_tags(const std::string& rule, const std::vector<std::string>& tags);

  bool has_errors() const;
  // A warning that is not suppressed: what --strict fails on.
  bool has_warnings() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void append(const Diagnostics& other);

 private:
  std::vector<Diagnostic> items_;
};

// `file:line:col: error: message [rule]`, then the excerpt with a caret under the column
// when there is one, then `  hint: ...` when there is a hint.
std::string format_text(const Diagnostic& d);
// {"diagnostics":[{...}]} with stable key order, one object per diagnostic.
std::string format_json(const std::vector<Diagnostic>& ds);
// A SARIF 2.1.0 log with one run of tool "aurora-gen".
std::string format_sarif(const std::vector<Diagnostic>& ds);

}  // namespace ag
