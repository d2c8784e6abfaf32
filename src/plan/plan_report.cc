#include "plan/plan_report.h"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "diagnostics.h"

namespace ag::plan {
namespace {

constexpr std::array<const char*, 3> kTargetKeys{"cfn", "terraform", "pulumi"};
constexpr std::array<const char*, 3> kTargetTitles{"CloudFormation", "Terraform", "Pulumi"};

const char* symbol(Action a) {
  switch (a) {
    case Action::None:
      return " ";
    case Action::Update:
      return "~";
    case Action::Interrupt:
      return "~!";
    case Action::Create:
      return "+";
    case Action::Replace:
      return "-/+";
    case Action::Delete:
      return "-";
  }
  return "?";
}

std::string where(const Location& l) {
  if (l.file.empty()) return "";
  return l.file + (l.line > 0 ? ":" + std::to_string(l.line) + ":" + std::to_string(l.col) : "");
}

// Destructive changes last, so they are what a reader sees at the end of the plan.
std::vector<const Change*> ordered(const Plan& p) {
  std::vector<const Change*> out;
  for (const Change& c : p.changes) out.push_back(&c);
  std::stable_partition(out.begin(), out.end(), [](const Change* c) { return !c->destructive(); });
  return out;
}

bool targets_agree(const Change& c) {
  return c.actions[0] == c.actions[1] && c.actions[1] == c.actions[2];
}

struct Counts {
  int create = 0, update = 0, interrupt = 0, replace = 0, remove = 0, destructive = 0;
};

Counts count(const std::vector<Plan>& plans) {
  Counts n;
  for (const Plan& p : plans) {
    for (const Change& c : p.changes) {
      const Action a = c.worst();
      n.create += a == Action::Create;
      n.update += a == Action::Update;
      n.interrupt += a == Action::Interrupt;
      n.replace += a == Action::Replace;
      n.remove += a == Action::Delete;
      n.destructive += c.destructive();
    }
  }
  return n;
}

std::string summary(const Counts& n) {
  return std::to_string(n.create) + " to create, " + std::to_string(n.update + n.interrupt) +
         " to update in place (" + std::to_string(n.interrupt) + " with an interruption), " +
         std::to_string(n.replace) + " to replace, " + std::to_string(n.remove) + " to delete.";
}

std::string verdict(const Counts& n, bool allow_replace) {
  if (n.destructive == 0) return "";
  return std::to_string(n.destructive) +
         (n.destructive == 1 ? " change destroys data" : " changes destroy data") +
         (allow_replace ? " (allowed by --allow-replace)."
                        : ": review, then rerun with --allow-replace to accept.");
}

void text_change(std::ostringstream& out, const Change& c) {
  out << std::string(3 - std::min<std::size_t>(3, std::string(symbol(c.worst())).size()), ' ')
      << symbol(c.worst()) << " " << c.resource << " (" << c.kind << ")";
  if (c.destructive()) out << "   DESTROYS " << c.loss;
  out << "\n";
  if (!targets_agree(c)) {
    out << "      ";
    for (std::size_t t = 0; t < 3; ++t) {
      out << (t ? " · " : "") << kTargetTitles[t] << ": " << action_name(c.actions[t]);
    }
    out << "\n";
  }
  for (const Reason& r : c.reasons) {
    out << "      " << r.message;
    if (const std::string w = where(r.location); !w.empty()) out << "  [" << w << "]";
    out << "\n";
  }
}

std::string markdown_cell(std::string s) {
  std::string out;
  for (char ch : s) {
    if (ch == '|')
      out += "\\|";
    else if (ch == '\n')
      out += "<br>";
    else
      out += ch;
  }
  return out;
}

}  // namespace

std::string format_text(const std::vector<Plan>& plans, bool allow_replace) {
  std::ostringstream out;
  for (const Plan& p : plans) {
    out << "aurora-gen plan: " << p.manifest << "\n";
    if (p.changes.empty()) out << "    no changes\n";
    for (const Change* c : ordered(p)) text_change(out, *c);
    out << "\n";
  }
  const Counts n = count(plans);
  out << "Plan: " << summary(n) << "\n";
  if (const std::string v = verdict(n, allow_replace); !v.empty()) out << v << "\n";
  return out.str();
}

std::string format_json(const std::vector<Plan>& plans) {
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  bool destructive = false;
  for (const Plan& p : plans) {
    destructive = destructive || p.destructive();
    for (const Change& c : p.changes) {
      nlohmann::ordered_json actions, addresses, reasons = nlohmann::ordered_json::array();
      for (std::size_t t = 0; t < 3; ++t) {
        actions[kTargetKeys[t]] = std::string(action_name(c.actions[t]));
        addresses[kTargetKeys[t]] = c.addresses[t];
      }
      for (const Reason& r : c.reasons) {
        reasons.push_back(
            {{"field", r.field}, {"location", where(r.location)}, {"message", r.message}});
      }
      changes.push_back({{"manifest", p.manifest},
                         {"resource", c.resource},
                         {"kind", c.kind},
                         {"stateful", c.stateful},
                         {"actions", actions},
                         {"addresses", addresses},
                         {"reasons", reasons},
                         {"loss", c.loss}});
    }
  }
  nlohmann::ordered_json doc{{"changes", changes}, {"destructive", destructive}};
  return doc.dump(2) + "\n";
}

std::string format_markdown(const std::vector<Plan>& plans, bool allow_replace) {
  std::ostringstream out;
  out << "### aurora-gen plan\n\n";
  for (const Plan& p : plans) {
    out << "`" << p.manifest << "`";
    if (p.changes.empty()) {
      out << ": no changes\n\n";
      continue;
    }
    out << "\n\n| | resource | CloudFormation | Terraform | Pulumi | why |\n"
        << "|---|---|---|---|---|---|\n";
    for (const Change* c : ordered(p)) {
      std::string why;
      for (const Reason& r : c->reasons) {
        why += (why.empty() ? "" : "\n") + r.message +
               (r.location.file.empty() ? "" : " (`" + where(r.location) + "`)");
      }
      out << "| "
          << (c->destructive() ? "**" + std::string(symbol(c->worst())) + "**"
                               : std::string(symbol(c->worst())))
          << " | `" << c->resource << "` (" << c->kind << ") | " << action_name(c->actions[0])
          << " | " << action_name(c->actions[1]) << " | " << action_name(c->actions[2]) << " | "
          << markdown_cell((c->destructive() ? "**Destroys " + c->loss + ".** " : "") + why)
          << " |\n";
    }
    out << "\n";
  }
  const Counts n = count(plans);
  out << "**Plan:** " << summary(n) << "\n";
  if (const std::string v = verdict(n, allow_replace); !v.empty()) out << "\n**" << v << "**\n";
  return out.str();
}

std::string format_sarif(const std::vector<Plan>& plans, bool allow_replace) {
  std::vector<Diagnostic> results;
  for (const Plan& p : plans) {
    for (const Change& c : p.changes) {
      if (!c.destructive()) continue;
      const bool deleted = c.worst() == Action::Delete;
      Diagnostic d;
      d.severity = allow_replace ? Severity::Warning : Severity::Error;
      d.rule = deleted ? "plan.delete-stateful" : "plan.replace-stateful";
      d.message = c.resource + " (" + c.kind + ") is " + (deleted ? "deleted" : "replaced") +
                  ": destroys " + c.loss;
      d.loc = c.reasons.empty() ? Location{p.manifest, 0, 0} : c.reasons.front().location;
      if (!c.reasons.empty()) d.hint = c.reasons.front().message;
      results.push_back(std::move(d));
    }
  }
  return ag::format_sarif(results);
}

}  // namespace ag::plan
