// The day-two edit pairs (tests/edits/README.md): for each tests/edits/*.yaml, an example
// before and after one realistic edit compiles, the IR gains and loses exactly the resources
// the edit names, and in every target each resource the edit does not touch keeps its name,
// its type and its evaluated body. With AG_EDIT_PAIRS_OUT set, each pair's manifests and
// expectations are written there for tests/edit_pairs_terraform.sh (Terraform's own plan).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "explain.h"
#include "loader.h"
#include "render.h"
#include "target_resources.h"
#include "test_support.h"

using namespace ag;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr Target kTargets[] = {Target::CloudFormation, Target::Terraform, Target::Pulumi};
using Names = std::set<std::string>;

std::string list_text(const Names& names) {
  std::string out = "[";
  for (const std::string& n : names) out += (out.size() > 1 ? ", " : "") + n;
  return out + "]";
}

// ---- dotted paths: "spec.network.allowed_cidr_blocks[0]" ---------------------------------

struct Step {
  std::string key;  // a map key, or empty for a list index
  std::size_t index = 0;
};

std::vector<Step> parse_path(const std::string& dotted) {
  std::vector<Step> steps;
  std::size_t i = 0;
  const auto bad = [&](const char* why) {
    return std::invalid_argument("path \"" + dotted + "\": " + why);
  };
  while (i < dotted.size()) {
    const std::size_t end = dotted.find_first_of(".[", i);
    const std::string key = dotted.substr(i, end == std::string::npos ? end : end - i);
    if (key.empty()) throw bad("empty key");
    steps.push_back({key});
    i = end == std::string::npos ? dotted.size() : end;
    while (i < dotted.size() && dotted[i] == '[') {
      const std::size_t close = dotted.find(']', i);
      const std::string digits = dotted.substr(i + 1, close - i - 1);
      if (close == std::string::npos || digits.empty() ||
          digits.find_first_not_of("0123456789") != std::string::npos) {
        throw bad("an index is [digits]");
      }
      steps.push_back({"", std::stoul(digits)});
      i = close + 1;
    }
    if (i < dotted.size()) {
      if (dotted[i] != '.') throw bad("expected '.' or '['");
      ++i;
      if (i == dotted.size()) throw bad("trailing '.'");
    }
  }
  if (steps.empty()) throw bad("empty");
  return steps;
}

// The node `steps` name, following existing structure only; throws when it is not there.
json& walk(json& doc, const std::vector<Step>& steps, std::size_t count, const std::string& path) {
  json* node = &doc;
  for (std::size_t s = 0; s < count; ++s) {
    const Step& step = steps[s];
    if (!step.key.empty()) {
      if (!node->is_object() || !node->contains(step.key)) {
        throw std::invalid_argument("path \"" + path + "\": no key " + step.key);
      }
      node = &(*node)[step.key];
    } else {
      if (!node->is_array() || step.index >= node->size()) {
        throw std::invalid_argument("path \"" + path + "\": no item [" +
                                    std::to_string(step.index) + "]");
      }
      node = &(*node)[step.index];
    }
  }
  return *node;
}

// Sets the value at `path`. Missing map keys on the way are created as maps; an index may
// name an existing item or the one past the end (appending), never further.
void set_path(json& doc, const std::string& path, const json& value) {
  const std::vector<Step> steps = parse_path(path);
  json* node = &doc;
  for (const Step& step : steps) {
    if (!step.key.empty()) {
      if (node->is_null()) *node = json::object();
      if (!node->is_object()) throw std::invalid_argument("path \"" + path + "\": not a map");
      node = &(*node)[step.key];
    } else {
      if (!node->is_array() || step.index > node->size()) {
        throw std::invalid_argument("path \"" + path + "\": no item [" +
                                    std::to_string(step.index) + "] to set or append");
      }
      if (step.index == node->size()) node->push_back(nullptr);
      node = &(*node)[step.index];
    }
  }
  *node = value;
}

// Deletes the map member or list item at `path` (later items shift down); it must exist.
void remove_path(json& doc, const std::string& path) {
  const std::vector<Step> steps = parse_path(path);
  json& parent = walk(doc, steps, steps.size() - 1, path);
  const Step& last = steps.back();
  walk(doc, steps, steps.size(), path);  // throws when absent
  if (!last.key.empty()) {
    parent.erase(last.key);
  } else {
    parent.erase(parent.begin() + static_cast<std::ptrdiff_t>(last.index));
  }
}

// ---- edit files --------------------------------------------------------------------------

Names names_at(const json& node, const std::string& key, const std::string& file) {
  Names out;
  if (!node.is_object() || !node.contains(key) || node[key].is_null()) return out;
  if (!node[key].is_array()) throw std::invalid_argument(file + ": " + key + " must be a list");
  for (const json& n : node[key]) {
    if (!n.is_string()) throw std::invalid_argument(file + ": " + key + " lists names");
    if (!out.insert(n.get<std::string>()).second) {
      throw std::invalid_argument(file + ": " + key + " names " + n.get<std::string>() + " twice");
    }
  }
  return out;
}

struct Edit {
  std::string file;  // "add-reader.yaml"
  std::string name;  // "add-reader"
  json doc;          // the edit file
  Names added, removed, changed;
  // Kept resources whose aurora-gen 0.1 name (Terraform's moved-from, Pulumi's alias) changes.
  Names legacy_renamed;
  // Terraform addresses the plan may replace, and update although their declaration does not
  // change (they read an attribute of a replaced resource): expect.terraform.
  Names tf_replace, tf_update;
  json before, after;  // the manifests
};

void apply(json& manifest, const json& edit, const char* set_key, const char* remove_key) {
  if (edit.contains(set_key)) {
    for (const auto& [path, value] : edit[set_key].items()) set_path(manifest, path, value);
  }
  if (edit.contains(remove_key)) {
    for (const json& path : edit[remove_key]) remove_path(manifest, path.get<std::string>());
  }
}

json load_yaml(const std::string& relative) {
  Diagnostics diags;
  auto m = load_manifest(relative, test::read_repo_file(relative), diags);
  if (!m) throw std::runtime_error(relative + ": not loadable YAML");
  return m->doc;
}

Edit read_edit(const std::string& file) {
  Edit e;
  e.file = file;
  e.name = fs::path(file).stem().string();
  e.doc = load_yaml("tests/edits/" + file);
  static const Names kKeys = {"description", "base",   "base_set", "base_remove",
                              "set",         "remove", "expect"};
  for (const auto& [key, value] : e.doc.items()) {
    if (!kKeys.count(key)) throw std::invalid_argument(file + ": unknown key " + key);
  }
  for (const char* key : {"description", "base"}) {
    if (!e.doc.contains(key) || !e.doc[key].is_string()) {
      throw std::invalid_argument(file + ": " + key + " is required (a string)");
    }
  }
  for (const char* key : {"base_set", "set"}) {
    if (e.doc.contains(key) && !e.doc[key].is_object()) {
      throw std::invalid_argument(file + ": " + key + " maps paths to values");
    }
  }
  for (const char* key : {"base_remove", "remove"}) {
    if (e.doc.contains(key) && !e.doc[key].is_array()) {
      throw std::invalid_argument(file + ": " + key + " lists paths");
    }
  }
  const json& expect = e.doc.contains("expect") ? e.doc["expect"] : json::object();
  e.added = names_at(expect, "added", file);
  e.removed = names_at(expect, "removed", file);
  e.changed = names_at(expect, "changed", file);
  e.legacy_renamed = names_at(expect, "legacy_renamed", file);
  if (expect.is_object() && expect.contains("terraform")) {
    e.tf_replace = names_at(expect["terraform"], "replace", file);
    e.tf_update = names_at(expect["terraform"], "update", file);
  }
  e.before = load_yaml("examples/" + e.doc["base"].get<std::string>());
  apply(e.before, e.doc, "base_set", "base_remove");
  e.after = e.before;
  apply(e.after, e.doc, "set", "remove");
  if (e.after == e.before) throw std::invalid_argument(file + ": the edit changes nothing");
  return e;
}

std::vector<std::string> edit_files() { return test::yaml_files("tests/edits"); }

// ---- comparing target resources ----------------------------------------------------------

// Everything a target declares for a resource besides its names (the current one and the
// one it had in aurora-gen 0.1, compared apart), in explain's notation: equal text, equal
// declaration.
std::string canonical(const TargetGraph& tg, const TargetResource& r) {
  ir::List deps;
  for (std::size_t d : r.depends_on) deps.push_back(tg.resources[d].name);
  ir::List ignore;
  for (const std::string& p : r.lifecycle.ignore_changes) ignore.push_back(p);
  const ir::Map lifecycle{{"on_delete", static_cast<int>(r.lifecycle.on_delete)},
                          {"on_replace", static_cast<int>(r.lifecycle.on_replace)},
                          {"ignore_changes", ignore},
                          {"create_before_destroy", r.lifecycle.create_before_destroy}};
  return explain(ir::Value(ir::Map{{"type", r.type},
                                   {"body", r.body},
                                   {"options", r.options},
                                   {"depends_on", deps},
                                   {"lifecycle", lifecycle}}));
}

// The lines of `a` that `b` lacks, and the reverse: enough to see what changed.
std::string line_diff(const std::string& a, const std::string& b) {
  const auto lines = [](const std::string& s) {
    std::multiset<std::string> out;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) out.insert(l);
    return out;
  };
  const auto la = lines(a), lb = lines(b);
  std::string out;
  for (const std::string& l : la) {
    if (!lb.count(l)) out += "\n  - " + l;
  }
  for (const std::string& l : lb) {
    if (!la.count(l)) out += "\n  + " + l;
  }
  return out;
}

std::map<std::string, const TargetResource*> by_name(const TargetGraph& tg) {
  std::map<std::string, const TargetResource*> out;
  for (const TargetResource& r : tg.resources) out[r.name] = &r;
  return out;
}

Names ir_names(const ir::Graph& g) {
  Names out;
  for (const ir::Resource& r : g.resources) out.insert(r.name);
  return out;
}

std::string or_none(const std::string& s) { return s.empty() ? "(none)" : s; }

struct Differences {
  Names declaration;  // IR names whose declaration differs in some target
  Names legacy;       // IR names whose 0.1 name differs in some target
};

// Checks one target, collecting what differs. Failures are reported with the edit file, the
// target and the resource.
void check_target(const Edit& e, Target t, const TargetGraph& before, const TargetGraph& after,
                  Differences& differs, std::vector<std::string>& failures) {
  const std::string where = e.file + ": " + std::string(target_dir(t)) + ": ";
  const auto old_names = by_name(before), new_names = by_name(after);
  for (const auto& [name, r] : old_names) {
    auto it = new_names.find(name);
    if (it == new_names.end()) {
      if (!e.removed.count(r->ir_name)) {
        failures.push_back(where + "resource " + name + " (" + r->type + ", of IR resource " +
                           r->ir_name + ") disappears, but expect.removed does not list " +
                           r->ir_name);
      }
      continue;
    }
    const TargetResource& n = *it->second;
    if (n.ir_name != r->ir_name || n.type != r->type) {
      failures.push_back(where + "resource " + name + " was " + r->type + " of IR resource " +
                         r->ir_name + ", becomes " + n.type + " of " + n.ir_name);
      continue;
    }
    if (e.added.count(n.ir_name) || e.removed.count(n.ir_name)) {
      failures.push_back(where + "resource " + name + " of IR resource " + n.ir_name +
                         " is in both versions, but the edit adds or removes " + n.ir_name);
      continue;
    }
    if (n.legacy_name != r->legacy_name) {
      differs.legacy.insert(n.ir_name);
      if (!e.legacy_renamed.count(n.ir_name)) {
        failures.push_back(where + "resource " + name + " (IR " + n.ir_name +
                           ") changes the 0.1 name it migrates from, " + or_none(r->legacy_name) +
                           " → " + or_none(n.legacy_name) +
                           ", but expect.legacy_renamed does not list " + n.ir_name);
      }
    }
    const std::string was = canonical(before, *r), is = canonical(after, n);
    if (was == is) continue;
    differs.declaration.insert(n.ir_name);
    if (!e.changed.count(n.ir_name)) {
      failures.push_back(where + "resource " + name + " (IR " + n.ir_name +
                         ") changes, but expect.changed does not list " + n.ir_name + ":" +
                         line_diff(was, is));
    }
  }
  for (const auto& [name, r] : new_names) {
    if (old_names.count(name) || e.added.count(r->ir_name)) continue;
    failures.push_back(where + "resource " + name + " (" + r->type + ", of IR resource " +
                       r->ir_name + ") appears, but expect.added does not list " + r->ir_name);
  }
}

// expect.terraform names resources that exist before and after the edit; an update listed
// there is of a resource whose declaration does not change (else expect.changed says it).
void check_terraform_expectations(const Edit& e, const TargetGraph& before,
                                  const TargetGraph& after, std::vector<std::string>& failures) {
  std::map<std::string, std::string> old_ir, new_ir;
  for (const TargetResource& r : before.resources) old_ir[r.type + "." + r.name] = r.ir_name;
  for (const TargetResource& r : after.resources) new_ir[r.type + "." + r.name] = r.ir_name;
  for (const Names* list : {&e.tf_replace, &e.tf_update}) {
    const char* key = list == &e.tf_replace ? "replace" : "update";
    for (const std::string& address : *list) {
      if (!old_ir.count(address) || !new_ir.count(address)) {
        failures.push_back(e.file + ": expect.terraform." + key + " names " + address +
                           ", not a Terraform resource of both versions");
      } else if (list == &e.tf_update && e.changed.count(new_ir[address])) {
        failures.push_back(e.file + ": expect.terraform.update names " + address +
                           ", whose IR resource expect.changed lists already");
      }
    }
  }
}

json addresses(const TargetGraph& tg) {
  json out = json::object();
  for (const TargetResource& r : tg.resources) out[r.type + "." + r.name] = r.ir_name;
  return out;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// The pair as tests/edit_pairs_terraform.sh reads it: both manifests (JSON is YAML), the
// edit's expectations and each Terraform address's IR resource.
void write_pair(const fs::path& dir, const Edit& e, const TargetGraph& before,
                const TargetGraph& after) {
  fs::create_directories(dir);
  write_file(dir / "before.json", e.before.dump(2) + "\n");
  write_file(dir / "after.json", e.after.dump(2) + "\n");
  json pair = {{"file", e.file},
               {"description", e.doc["description"]},
               {"expect", e.doc.contains("expect") ? e.doc["expect"] : json::object()},
               {"before", addresses(before)},
               {"after", addresses(after)}};
  write_file(dir / "pair.json", pair.dump(1) + "\n");
}

// Compiles one version of the manifest; throws with the diagnostics when it does not compile.
// `warnings` receives each warning's rule and message.
Compiled compile_version(const json& manifest, const std::string& path, const char* which,
                         Names& warnings) {
  Diagnostics diags;
  auto compiled = compile(path, manifest.dump(2), diags);
  std::string all;
  for (const Diagnostic& d : diags.items()) {
    all += "\n  " + format_text(d);
    if (d.severity == Severity::Warning) warnings.insert("[" + d.rule + "] " + d.message);
  }
  if (!compiled) throw std::runtime_error(std::string("the manifest ") + which + " the edit" + all);
  return std::move(*compiled);
}

// Runs one edit; returns the failures, each naming the edit file.
std::vector<std::string> check_edit(const std::string& file, const char* out_dir) {
  std::vector<std::string> failures;
  const Edit e = read_edit(file);
  // Both versions compile under the example's own file name, so descriptions match.
  const std::string path = "examples/" + e.doc["base"].get<std::string>();
  Names old_warnings, new_warnings;
  const Compiled before = compile_version(e.before, path, "before", old_warnings);
  const Compiled after = compile_version(e.after, path, "after", new_warnings);
  // A realistic edit leaves a clean manifest clean: it warns of nothing new.
  for (const std::string& w : new_warnings) {
    if (!old_warnings.count(w)) failures.push_back(file + ": the edit brings a warning: " + w);
  }
  const Names old_ir = ir_names(before.graph), new_ir = ir_names(after.graph);
  Names added, removed;
  std::set_difference(new_ir.begin(), new_ir.end(), old_ir.begin(), old_ir.end(),
                      std::inserter(added, added.end()));
  std::set_difference(old_ir.begin(), old_ir.end(), new_ir.begin(), new_ir.end(),
                      std::inserter(removed, removed.end()));
  if (added != e.added) {
    failures.push_back(file + ": the IR adds " + list_text(added) + ", expect.added says " +
                       list_text(e.added));
  }
  if (removed != e.removed) {
    failures.push_back(file + ": the IR removes " + list_text(removed) + ", expect.removed says " +
                       list_text(e.removed));
  }
  for (const std::string& n : e.changed) {
    if (!old_ir.count(n) || !new_ir.count(n)) {
      failures.push_back(file + ": expect.changed names " + n + ", not in both versions");
    }
  }
  Differences differs;
  for (Target t : kTargets) {
    const TargetGraph tb = target_graph(before.graph, t), ta = target_graph(after.graph, t);
    check_target(e, t, tb, ta, differs, failures);
    if (t != Target::Terraform) continue;
    check_terraform_expectations(e, tb, ta, failures);
    if (out_dir != nullptr) write_pair(fs::path(out_dir) / e.name, e, tb, ta);
  }
  // An expectation that says more than the edit does is stale: it would hide a change.
  for (const std::string& n : e.changed) {
    if (!differs.declaration.count(n) && old_ir.count(n) && new_ir.count(n)) {
      failures.push_back(file + ": expect.changed lists " + n +
                         ", but no target declares it differently");
    }
  }
  for (const std::string& n : e.legacy_renamed) {
    if (!differs.legacy.count(n)) {
      failures.push_back(file + ": expect.legacy_renamed lists " + n +
                         ", but its 0.1 name does not change");
    }
  }
  return failures;
}

}  // namespace

TEST_CASE("edit paths set, append and remove in the manifest document") {
  json doc = json::parse(R"({"spec": {"list": ["a", "b", "c"], "n": 1}})");
  set_path(doc, "spec.list[3]", "d");
  set_path(doc, "spec.list[0]", "z");
  set_path(doc, "spec.new.deep", 2);
  set_path(doc, "spec.n", nullptr);
  remove_path(doc, "spec.list[1]");
  CHECK(doc == json::parse(R"({"spec": {"list": ["z", "c", "d"], "n": null,
                                         "new": {"deep": 2}}})"));
  remove_path(doc, "spec.new");
  CHECK_FALSE(doc["spec"].contains("new"));
  CHECK_THROWS_WITH(set_path(doc, "spec.list[5]", 1), Catch::Contains("no item [5]"));
  CHECK_THROWS_WITH(remove_path(doc, "spec.missing"), Catch::Contains("no key missing"));
  CHECK_THROWS_WITH(remove_path(doc, "spec.list[3]"), Catch::Contains("no item [3]"));
  CHECK_THROWS(parse_path("spec..x"));
  CHECK_THROWS(parse_path("spec.list[x]"));
  CHECK_THROWS(parse_path("spec.list[1"));
  CHECK_THROWS(parse_path("spec."));
}

TEST_CASE("every edit keeps the names and declarations of what it does not touch") {
  test::ScopedEpoch epoch("1795737600");
  const char* out_dir = std::getenv("AG_EDIT_PAIRS_OUT");
  const std::vector<std::string> files = edit_files();
  CHECK(files.size() >= 22);
  for (const std::string& file : files) {
    INFO(file);
    std::vector<std::string> failures;
    try {
      failures = check_edit(file, out_dir);
    } catch (const std::exception& ex) {
      failures.push_back(file + ": " + ex.what());
    }
    for (const std::string& f : failures) FAIL_CHECK(f);
  }
}
