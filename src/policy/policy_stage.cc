#include "policy/policy_stage.h"

#include <algorithm>
#include <map>
#include <set>

#include "policy/policy_eval.h"
#include "policy/policy_rules.h"

namespace ag {
namespace {

using policy::ScannerRule;
using policy::Verdict;

// The scanners that read artifacts; aurora-gen's own rows have no suppression syntax.
bool suppressible(const std::string& scanner) { return scanner != "aurora-gen"; }

std::string display(const ScannerRule& s) { return s.scanner + " " + s.id; }

// A policy rule the manifest trips: where, and which scanner rules say so.
struct Finding {
  std::string pointer;
  std::vector<std::string> ids;   // "checkov CKV_AWS_139", in table order, once each (no
                                  // aurora-gen rows: they are not a scanner's)
  std::vector<std::string> tags;  // bare ids, for SARIF
  // The resources that fail each scanner rule, for the suppressions of an exception.
  std::vector<std::pair<ir::Resource*, const ScannerRule*>> failing;
};

void suppress(ir::Resource& r, const ScannerRule& s, const std::string& reason) {
  ir::Suppression sup{s.scanner, s.id, reason, s.reads};
  const bool known = std::any_of(
      r.suppressions.begin(), r.suppressions.end(),
      [&](const ir::Suppression& x) { return x.scanner == sup.scanner && x.id == sup.id; });
  if (!known) r.suppressions.push_back(std::move(sup));
}

// Where a failure points: the property's manifest field (the resource's sources, or the
// field of that name under the resource's origin or the spec), the parameter's entry, else
// the field the resource comes from.
std::string pointer_of(const Manifest& m, const ir::Resource& r, const policy::Check& c,
                       const Verdict& v) {
  if (!v.parameter.empty()) return "/spec/parameters/" + v.parameter;
  if (auto s = r.sources.find(c.property); s != r.sources.end()) return s->second;
  for (const std::string& p : {r.origin + "/" + c.property, "/spec/" + c.property}) {
    if (m.doc.contains(nlohmann::json::json_pointer(p))) return p;
  }
  return r.origin.empty() ? "/spec" : r.origin;
}

// The manifest's exceptions: rule → reason, and where each one is written.
struct Exception {
  std::string reason;
  std::string pointer;
};

std::map<std::string, Exception> exceptions(const Manifest& m) {
  std::map<std::string, Exception> out;
  for (const policy::ExceptionEntry& e : policy::exception_entries(m.doc)) {
    out.emplace(e.rule.value_or(""), Exception{e.reason.value_or(""), e.pointer});
  }
  return out;
}

void judge_all(const Manifest& m, ir::Graph& g, std::map<std::string, Finding>& findings) {
  for (const ScannerRule& s : policy::table().scanner_rules) {
    for (const policy::Check& c : s.checks) {
      for (ir::Resource& r : g.resources) {
        const std::optional<Verdict> v = policy::evaluate(c, r, g);
        if (!v || v->kind == Verdict::Kind::Pass) continue;
        if (v->kind == Verdict::Kind::Design) {
          if (suppressible(s.scanner)) suppress(r, s, v->reason);
          continue;
        }
        Finding& f = findings[v->policy];
        if (f.pointer.empty()) f.pointer = pointer_of(m, r, c, *v);
        if (suppressible(s.scanner) &&
            std::find(f.tags.begin(), f.tags.end(), s.id) == f.tags.end()) {
          f.ids.push_back(display(s));
          f.tags.push_back(s.id);
        }
        f.failing.emplace_back(&r, &s);
      }
    }
  }
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The warning of one policy rule; scanner rows of aurora-gen's own are not scanner ids.
Diagnostic warning(const Manifest& m, const policy::PolicyRule& rule, const Finding& f) {
  const std::vector<std::string>& scanners = f.ids;
  Diagnostic d;
  d.severity = Severity::Warning;
  d.rule = rule.id;
  d.message = rule.title + (scanners.empty()
                                ? std::string(" (no scanner rule of docs/policy.md reports it)")
                                : "; scanners will report " + joined(scanners));
  d.loc = m.map.at(f.pointer);
  d.hint = rule.fix +
           ", or record the exception with its reason: spec.policy.exceptions: [{rule: " + rule.id +
           ", reason: ...}]";
  d.tags = {"security", "policy"};
  for (const std::string& t : f.tags) {
    if (std::find(d.tags.begin(), d.tags.end(), t) == d.tags.end()) d.tags.push_back(t);
  }
  return d;
}

}  // namespace

void apply_policy(const Manifest& m, ir::Graph& g, Diagnostics& diags) {
  std::map<std::string, Finding> findings;
  judge_all(m, g, findings);
  const std::map<std::string, Exception> excepted = exceptions(m);
  std::vector<Diagnostic> warnings;
  for (const policy::PolicyRule& rule : policy::table().rules) {
    auto f = findings.find(rule.id);
    if (f == findings.end()) continue;
    Diagnostic d = warning(m, rule, f->second);
    if (auto e = excepted.find(rule.id); e != excepted.end()) {
      d.suppressed = e->second.reason;
      for (auto& [resource, scanner_rule] : f->second.failing) {
        if (suppressible(scanner_rule->scanner))
          suppress(*resource, *scanner_rule, e->second.reason);
      }
    }
    warnings.push_back(std::move(d));
  }
  // In the manifest's order, as the other stages report.
  std::stable_sort(warnings.begin(), warnings.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.loc.line, a.loc.col) < std::pair(b.loc.line, b.loc.col);
  });
  for (Diagnostic& d : warnings) diags.add(std::move(d));
  // Rules of other stages a scanner rule also trips (alarms.no-target) get its ids as tags.
  for (const auto& [rule, f] : findings) {
    if (rule.rfind("policy.", 0) == 0) continue;
    diags.add_tags(rule, f.tags);
  }
  for (const auto& [rule, e] : excepted) {
    if (findings.count(rule) || policy::table().rule(rule) == nullptr) continue;
    diags.warning("policy.unused-exception",
                  "spec.policy.exceptions names " + rule + ", which this manifest does not trip",
                  m.map.at(e.pointer + "/rule"), "remove the exception, or the opt-out it was for");
  }
}

}  // namespace ag
