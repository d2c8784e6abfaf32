#include "diagnostics.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace ag {

void Diagnostics::error(std::string rule, std::string message, Location loc, std::string hint) {
  items_.push_back(
      {Severity::Error, std::move(rule), std::move(message), std::move(loc), std::move(hint)});
}

void Diagnostics::warning(std::string rule, std::string message, Location loc, std::string hint) {
  items_.push_back(
      {Severity::Warning, std::move(rule), std::move(message), std::move(loc), std::move(hint)});
}

void Diagnostics::add_tags(const std::string& rule, const std::vector<std::string>& tags) {
  for (Diagnostic& d : items_) {
    if (d.rule != rule) continue;
    for (const std::string& t : tags) {
      if (std::find(d.tags.begin(), d.tags.end(), t) == d.tags.end()) d.tags.push_back(t);
    }
  }
}

bool Diagnostics::has_warnings() const {
  return std::any_of(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::Warning && d.suppressed.empty();
  });
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

namespace {

const char* severity_name(Severity s) { return s == Severity::Error ? "error" : "warning"; }

std::string position(const Location& loc) {
  std::string out = loc.file.empty() ? "<input>" : loc.file;
  if (loc.line > 0) {
    out += ":" + std::to_string(loc.line);
    if (loc.col > 0) out += ":" + std::to_string(loc.col);
  }
  return out;
}

}  // namespace

namespace {

// "    4 | <the line>" and "      | ^" under it, as compilers show a source line. The caret
// line repeats the tabs of the source line, so that it lines up wherever tabs stop.
std::string excerpt_lines(const Diagnostic& d) {
  const std::string number = std::to_string(d.loc.line);
  const std::string gutter = std::string(number.size() < 5 ? 5 - number.size() : 0, ' ');
  std::string caret;
  const auto col = static_cast<std::size_t>(d.loc.col > 0 ? d.loc.col - 1 : 0);
  for (std::size_t i = 0; i < col && i < d.excerpt.size(); ++i) {
    const auto c = static_cast<unsigned char>(d.excerpt[i]);
    if ((c & 0xC0) == 0x80) continue;  // one column per UTF-8 character, not per byte
    caret += c == '\t' ? '\t' : ' ';
  }
  return "\n" + gutter + number + " | " + d.excerpt + "\n" + gutter +
         std::string(number.size(), ' ') + " | " + caret + "^";
}

}  // namespace

std::string format_text(const Diagnostic& d) {
  std::string out = position(d.loc) + ": " + severity_name(d.severity) + ": " + d.message;
  if (!d.rule.empty()) out += " [" + d.rule + "]";
  if (!d.excerpt.empty() && d.loc.line > 0) out += excerpt_lines(d);
  if (!d.hint.empty()) out += "\n  hint: " + d.hint;
  return out;
}

std::string format_json(const std::vector<Diagnostic>& ds) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Diagnostic& d : ds) {
    nlohmann::ordered_json j;
    j["file"] = d.loc.file;
    j["line"] = d.loc.line;
    j["column"] = d.loc.col;
    j["severity"] = severity_name(d.severity);
    j["rule"] = d.rule;
    j["message"] = d.message;
    if (!d.hint.empty()) j["hint"] = d.hint;
    if (!d.tags.empty()) j["tags"] = d.tags;
    if (!d.suppressed.empty()) j["suppressed"] = d.suppressed;
    list.push_back(std::move(j));
  }
  nlohmann::ordered_json root;
  root["diagnostics"] = std::move(list);
  return root.dump(2) + "\n";
}

std::string format_sarif(const std::vector<Diagnostic>& ds) {
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const Diagnostic& d : ds) {
    nlohmann::ordered_json region;
    if (d.loc.line > 0) region["startLine"] = d.loc.line;
    if (d.loc.col > 0) region["startColumn"] = d.loc.col;
    if (!region.empty() && !d.excerpt.empty()) region["snippet"]["text"] = d.excerpt;
    nlohmann::ordered_json physical;
    physical["artifactLocation"]["uri"] = d.loc.file;
    if (!region.empty()) physical["region"] = region;
    nlohmann::ordered_json r;
    r["ruleId"] = d.rule;
    r["level"] = severity_name(d.severity);
    r["message"]["text"] = d.hint.empty() ? d.message : d.message + " (" + d.hint + ")";
    r["locations"] = nlohmann::ordered_json::array({{{"physicalLocation", physical}}});
    if (!d.tags.empty()) r["properties"]["tags"] = d.tags;
    // A deliberate exception the manifest records (SARIF 2.1.0, 3.35: kind inSource).
    if (!d.suppressed.empty()) {
      r["suppressions"] =
          nlohmann::ordered_json::array({{{"kind", "inSource"}, {"justification", d.suppressed}}});
    }
    results.push_back(std::move(r));
  }
  nlohmann::ordered_json run;
  run["tool"]["driver"]["name"] = "aurora-gen";
  run["tool"]["driver"]["version"] = AG_VERSION;
  run["results"] = std::move(results);
  nlohmann::ordered_json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = nlohmann::ordered_json::array({run});
  return log.dump(2) + "\n";
}

}  // namespace ag
