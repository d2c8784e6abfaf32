#include "plan/planner.h"

#include "lower.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine_version.h"
#include "plan/ir_diff.h"
#include "render.h"
#include "templates.h"

namespace ag::plan {
namespace {

constexpr std::array<Target, 3> kTargets{Target::CloudFormation, Target::Terraform, Target::Pulumi};

std::size_t at(Target t) { return static_cast<std::size_t>(t); }

// One side of the plan: the manifest (for locations) and its IR graph.
struct Side {
  const Compiled* compiled = nullptr;

  const ir::Graph* graph() const { return compiled ? &compiled->graph : nullptr; }
  Location located(const std::string& pointer) const {
    return compiled ? compiled->manifest.map.key_at(pointer) : Location{};
  }
};

// The manifest field a property comes from: the resource's source for it, else the
// field the resource itself comes from.
std::string field_of(const ir::Resource& r, const std::string& property) {
  auto s = r.sources.find(property);
  return s != r.sources.end() ? s->second : r.origin;
}

std::string brief(const std::optional<ir::Value>& v) {
  if (!v) return "(none)";
  if (v->is<std::string>()) return v->as<std::string>();
  if (v->is<std::int64_t>()) return std::to_string(v->as<std::int64_t>());
  if (v->is<bool>()) return v->as<bool>() ? "true" : "false";
  if (v->is<double>()) return std::to_string(v->as<double>());
  if (v->is<ir::Ref>()) return v->as<ir::Ref>().resource + "." + v->as<ir::Ref>().attribute;
  if (v->is<ir::List>()) return "[" + std::to_string(v->as<ir::List>().size()) + " items]";
  return "…";
}

const char* phrase(Action a) {
  switch (a) {
    case Action::None:
      return "unchanged";
    case Action::Update:
      return "updated in place";
    case Action::Interrupt:
      return "updated with an interruption (reboot or failover)";
    case Action::Create:
      return "created";
    case Action::Replace:
      return "replaced (a new one is created, the old one deleted)";
    case Action::Delete:
      return "deleted";
  }
  return "";
}

const char* target_title(Target t) {
  return t == Target::CloudFormation ? "CloudFormation"
         : t == Target::Terraform    ? "Terraform"
                                     : "Pulumi";
}

// "<resource> is replaced (...)" when every target agrees, else "<resource> differs by
// target: CloudFormation: updated in place; Terraform, Pulumi: replaced (...)".
std::string effect(const std::string& resource, const std::array<Action, 3>& actions) {
  if (actions[0] == actions[1] && actions[1] == actions[2]) {
    return resource + " is " + phrase(actions[0]);
  }
  std::map<Action, std::string> by_action;
  for (Target t : kTargets) {
    std::string& who = by_action[actions[at(t)]];
    who += (who.empty() ? "" : ", ") + std::string(target_title(t));
  }
  std::string out = resource + " differs by target: ";
  bool first = true;
  for (const auto& [action, who] : by_action) {
    out += (first ? "" : "; ") + who + ": " + phrase(action);
    first = false;
  }
  return out;
}

class Planner {
 public:
  Planner(const Compiled* before, const Compiled& after, const UpdateTable& table,
          std::string since)
      : before_{before},
        after_{&after},
        new_graph_(after.graph),
        table_(table),
        since_(std::move(since)) {
    for (Target t : kTargets) {
      after_targets_[at(t)] = target_graph(after.graph, t);
      if (before) before_targets_[at(t)] = target_graph(before->graph, t);
    }
  }

  Plan run() {
    static const ir::Graph kEmpty;
    const ir::Graph& old_graph = before_.graph() ? *before_.graph() : kEmpty;
    for (const ResourceDiff& d : diff_graphs(old_graph, new_graph_)) add(d);
    propagate_replacements();
    Plan plan{after_.compiled->manifest.path, {}};
    for (const std::string& name : order_) plan.changes.push_back(std::move(changes_.at(name)));
    return plan;
  }

 private:
  Change& change_for(const std::string& name, const std::string& kind) {
    auto [it, fresh] = changes_.try_emplace(name);
    if (fresh) {
      order_.push_back(name);
      it->second.resource = name;
      it->second.kind = kind;
      it->second.stateful = table_.stateful(kind);
      it->second.actions.fill(Action::None);
      for (Target t : kTargets) it->second.addresses[at(t)] = address(name, t);
    }
    return it->second;
  }

  // The resource's name in the target: its Terraform address, CloudFormation logical id or
  // Pulumi name (from the new graph, or the old one for a deleted resource).
  std::string address(const std::string& name, Target t) const {
    for (const TargetGraph* tg : {&after_targets_[at(t)], &before_targets_[at(t)]}) {
      auto it = tg->primary.find(name);
      if (it == tg->primary.end()) continue;
      const TargetResource& r = tg->resources[it->second];
      return t == Target::Terraform ? r.type + "." + r.name : r.name;
    }
    return name;
  }

  void add(const ResourceDiff& d) {
    Change& c = change_for(d.name, d.kind);
    if (d.before == nullptr) {
      c.actions.fill(Action::Create);
      c.reasons.push_back({dotted(d.after->origin), after_.located(d.after->origin),
                           dotted(d.after->origin) + ": " + d.name + " is created"});
    } else if (d.after == nullptr) {
      c.actions.fill(Action::Delete);
      c.reasons.push_back(
          {dotted(d.before->origin), before_.located(d.before->origin),
           dotted(d.before->origin) + ": " + d.name + " is deleted" + kept_on_delete(*d.before)});
    } else {
      for (const PropertyChange& p : d.changes) add_property(c, *d.before, *d.after, p);
    }
    assess_loss(c, d);
  }

  // A deleted resource that a target keeps (DeletionPolicy Retain, prevent_destroy,
  // retainOnDelete) is not lost, but it is no longer managed either.
  static std::string kept_on_delete(const ir::Resource& r) {
    const ir::Keep k = r.lifecycle.on_delete;
    if (k == ir::Keep::Retain || k == ir::Keep::RetainExceptOnCreate) {
      return " (CloudFormation and Pulumi leave it in the account; Terraform refuses: "
             "prevent_destroy)";
    }
    if (k == ir::Keep::Snapshot) return " (after a final snapshot)";
    return "";
  }

  // What the target does when `property` of the resource changes: nothing when the target
  // ignores the property after creation (Terraform and Pulumi lifecycle) or does not render
  // it (a dropped property, or one it expresses otherwise: a deletion policy, a generated
  // name), else what the update table says.
  Action action_for(const ir::Resource& r, const std::string& property, Target t,
                    bool appears_or_goes = false) const {
    const auto& ignored = r.lifecycle.ignore_changes;
    const bool ignores = t != Target::CloudFormation &&
                         std::find(ignored.begin(), ignored.end(), property) != ignored.end();
    const KindTemplate& k = templates_for(template_name(t)).at(r.kind);
    if (ignores || !reads_property(k, property)) return Action::None;
    const Behaviour b = table_.behaviour(r.kind, property, t);
    // Out of the configuration, a computed attribute keeps its deployed value; into it, it
    // is compared with that value, which the manifest cannot know: said in the reason.
    if (appears_or_goes && b.computed) return Action::None;
    return b.action;
  }

  void add_property(Change& c, const ir::Resource& before, const ir::Resource& after,
                    const PropertyChange& p) {
    std::array<Action, 3> actions{};
    // A computed attribute that comes or goes changes nothing, unless it comes with a value
    // AWS cannot have set by itself: a reference to another resource (a new key's ARN).
    bool references = false;
    if (p.after) ir::for_each_ref(*p.after, [&](const ir::Ref&) { references = true; });
    const bool appears_or_goes = (!p.before || !p.after) && !references;
    for (Target t : kTargets) {
      actions[at(t)] = action_for(after, p.property, t, appears_or_goes);
      c.actions[at(t)] = std::max(c.actions[at(t)], actions[at(t)]);
    }
    const bool added = !p.before, removed = !p.after;
    std::string pointer = field_of(removed ? before : after, p.property);
    const Side& side = removed ? before_ : after_;
    std::string message = dotted(pointer) +
                          (added     ? " set"
                           : removed ? " removed"
                                     : " changed") +
                          " (" + after.kind + "." + p.property + ": " + brief(p.before) + " → " +
                          brief(p.after) + "): " + effect(after.name, actions);
    if (!since_.empty()) {
      // The manifest is the same: aurora-gen's default moved, and the field that sets the
      // property keeps the old value where the manifest writes it.
      const std::string field = manifest_field(after.kind, p.property);
      if (!field.empty()) pointer = field;
      message = "aurora-gen " + since_ + " rendered " + after.kind + "." + p.property + " as " +
                brief(p.before) + ", this release as " + brief(p.after) + ": " +
                effect(after.name, actions);
      if (!field.empty() && p.before && !p.before->is<ir::Ref>()) {
        message += "; to keep " + brief(p.before) + ", write " + dotted(field) + ": " +
                   brief(p.before) + " in the manifest";
      }
    }
    const Behaviour tf = table_.behaviour(after.kind, p.property, Target::Terraform);
    if (!tf.note.empty()) message += "; " + tf.note;
    if (appears_or_goes && tf.computed && p.after) {
      message +=
          "; Terraform and Pulumi compare it with the deployed value and replace "
          "the resource only if they differ";
    }
    c.reasons.push_back({dotted(pointer), side.located(pointer), message});
    version_notes(c, after, p);
  }

  // What a change of engine version needs besides itself: a major upgrade is refused unless
  // allowed, and no engine goes back to an older version.
  void version_notes(Change& c, const ir::Resource& after, const PropertyChange& p) {
    if (p.property != "engine_version" || !p.before || !p.after) return;
    const std::string engine = ir::find(after.props, "engine")->as<std::string>();
    auto old_v = parse_engine_version(engine, p.before->as<std::string>());
    auto new_v = parse_engine_version(engine, p.after->as<std::string>());
    if (!old_v || !new_v) return;
    const std::string pointer = field_of(after, "engine_version");
    auto note = [&](std::string message) {
      c.reasons.push_back({dotted(pointer), after_.located(pointer), std::move(message)});
    };
    if (compare(*new_v, *old_v) < 0) {
      note("RDS cannot downgrade an engine: restore a snapshot into a new database instead");
    } else if (parameter_group_family(*new_v) != parameter_group_family(*old_v)) {
      const ir::Value* allowed = ir::find(after.props, "allow_major_version_upgrade");
      if (after.kind != "rds_global_cluster" && (!allowed || !allowed->as<bool>())) {
        note(
            "a major version upgrade: RDS refuses it without "
            "spec.maintenance.allow_major_version_upgrade: true");
      }
      note("a major version upgrade: parameter groups of family " + parameter_group_family(*new_v) +
           " replace those of " + parameter_group_family(*old_v));
    }
  }

  // A resource X replaced in a target gives the resources that reference it new values
  // (its id or ARN), which may replace them in turn: a new KMS key replaces the cluster it
  // encrypts. A reference to a fixed name keeps its value.
  void propagate_replacements() {
    for (Target t : kTargets) {
      bool grew = true;
      while (grew) {
        grew = false;
        for (const ir::Resource& r : new_graph_.resources) grew |= follow(r, t);
      }
    }
    // One reason per followed reference, saying what each target does.
    for (const auto& [key, cause] : followed_) {
      const auto& [name, property] = key;
      const ir::Resource& r = *new_graph_.find(name);
      const std::string pointer = field_of(r, property);
      Change& c = changes_.at(name);
      c.reasons.push_back({dotted(pointer), after_.located(pointer),
                           name + "." + property + " follows the replacement of " + cause.source +
                               ": " + effect(name, cause.actions)});
    }
  }

  bool follow(const ir::Resource& r, Target t) {
    auto existing = changes_.find(r.name);
    if (existing != changes_.end() && existing->second.actions[at(t)] >= Action::Replace) {
      return false;
    }
    if (before_.graph() == nullptr || before_.graph()->find(r.name) == nullptr) return false;
    bool grew = false;
    for (const ir::Member& p : r.props) {
      const std::string source = replaced_source(p.value, t);
      if (source.empty()) continue;
      const Action a = action_for(r, p.key, t);
      Change& c = change_for(r.name, r.kind);
      Followed& f = followed_[{r.name, p.key}];
      f.source = source;
      f.actions[at(t)] = std::max(f.actions[at(t)], a);
      if (a <= c.actions[at(t)]) continue;
      c.actions[at(t)] = a;
      grew = true;
      assess_loss(c, {r.name, r.kind, before_.graph()->find(r.name), &r, {}});
    }
    return grew;
  }

  // The first resource `v` references that the target replaces, unless the reference is
  // to a name the resource keeps (a fixed "name" property).
  std::string replaced_source(const ir::Value& v, Target t) const {
    std::string source;
    ir::for_each_ref(v, [&](const ir::Ref& ref) {
      auto c = changes_.find(ref.resource);
      if (!source.empty() || c == changes_.end() || c->second.actions[at(t)] != Action::Replace) {
        return;
      }
      const ir::Resource* target = new_graph_.find(ref.resource);
      const bool fixed_name = ref.attribute == "name" && target != nullptr &&
                              ir::find(target->props, "name") != nullptr;
      if (!fixed_name) source = ref.resource;
    });
    return source;
  }

  // What the change destroys: a stateful resource replaced or deleted in any target that
  // does not keep it, or the RDS-managed secret when the password stops being managed.
  void assess_loss(Change& c, const ResourceDiff& d) {
    if (c.stateful && c.loss.empty()) {
      const ir::Resource* r = d.after ? d.after : d.before;
      const bool kept = r->lifecycle.on_delete == ir::Keep::Retain ||
                        r->lifecycle.on_delete == ir::Keep::RetainExceptOnCreate;
      for (Target t : kTargets) {
        const Action a = c.actions[at(t)];
        if (a == Action::Replace || (a == Action::Delete && !kept)) {
          c.loss = c.kind == "kms_key" || c.kind == "log_group"
                       ? "what " + c.resource + " holds"
                       : "the data of " + c.resource + ", unless restored from a snapshot";
        }
      }
    }
    if (d.before && d.after && managed_before_not_after(*d.before, *d.after)) {
      c.loss = "the RDS-managed secret of " + c.resource + " (RDS deletes it)";
    }
  }

  static bool managed_before_not_after(const ir::Resource& before, const ir::Resource& after) {
    const ir::Value* b = ir::find(before.props, "manage_master_user_password");
    const ir::Value* a = ir::find(after.props, "manage_master_user_password");
    return b && b->as<bool>() && !(a && a->as<bool>());
  }

  Side before_;
  Side after_;
  const ir::Graph& new_graph_;
  const UpdateTable& table_;
  std::string since_;  // "0.2": the old side is this manifest as that release lowered it
  std::array<TargetGraph, 3> after_targets_;
  std::array<TargetGraph, 3> before_targets_;
  std::map<std::string, Change> changes_;
  std::vector<std::string> order_;
  // A property that references a replaced resource: which, and what each target does.
  struct Followed {
    std::string source;
    std::array<Action, 3> actions{};
  };
  std::map<std::pair<std::string, std::string>, Followed> followed_;
};

}  // namespace

Action Change::worst() const { return *std::max_element(actions.begin(), actions.end()); }

bool Plan::destructive() const {
  return std::any_of(changes.begin(), changes.end(),
                     [](const Change& c) { return c.destructive(); });
}

Plan make_plan(const Compiled* before, const Compiled& after, const UpdateTable& table,
               const std::string& since) {
  return Planner(before, after, table, since).run();
}

}  // namespace ag::plan
