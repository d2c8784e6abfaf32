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

  bool has_errors() const;
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
