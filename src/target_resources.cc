#include "target_resources.h"

#include <set>
#include <stdexcept>

namespace ag {
namespace {

// IR resources that `v` references: those are already ordered before the referrer.
void referenced(const ir::Value& v, std::set<std::string>& out) {
  if (v.is<ir::Ref>()) {
    out.insert(v.as<ir::Ref>().resource);
  } else if (v.is<ir::List>()) {
    for (const ir::Value& item : v.as<ir::List>()) referenced(item, out);
  } else if (v.is<ir::Map>()) {
    for (const ir::Member& e : v.as<ir::Map>()) referenced(e.value, out);
  } else if (v.is<ir::Concat>()) {
    for (const ir::Value& part : v.as<ir::Concat>().parts) referenced(part, out);
  } else if (v.is<ir::Json>()) {
    referenced(*v.as<ir::Json>().doc, out);
  }
}

// The owner's attributes, for "$self.<attribute>" in companion templates: read after the
// owner's properties, as if it were the last of them.
ir::Map self_of(const ir::Resource& r, const KindTemplate& k) {
  ir::Map self;
  self.reserve(k.attributes.size());
  for (const auto& [attribute, spelling] : k.attributes) {
    (void)spelling;
    self.push_back({attribute, ir::ref(r.name, attribute)});
  }
  return {{"self", std::move(self)}};
}

ir::Value evaluated(const ir::Value& tmpl, const ir::Map& props, const ir::Value* item,
                    const ir::Map* extra = nullptr) {
  auto v = evaluate_template(tmpl, props, item, extra);
  return v ? std::move(*v) : ir::Value(ir::Map{});
}

struct Pending {
  TargetResource resource;
  const ir::Resource* owner;
  const Companion* companion;  // nullptr for the primary resource
  int index;
};

std::vector<Pending> expand(const ir::Graph& g, const TargetTemplates& t) {
  std::vector<Pending> out;
  out.reserve(2 * g.resources.size());  // a resource and, for some, companions
  for (const ir::Resource& r : g.resources) {
    const KindTemplate& k = t.at(r.kind);
    TargetResource primary{r.name,
                           "",
                           "",
                           k.type,
                           evaluated(k.body, r.props, nullptr),
                           evaluated(k.options, r.props, nullptr),
                           r.lifecycle,
                           {},
                           r.suppressions};
    out.push_back({std::move(primary), &r, nullptr, 0});
    if (k.companions.empty()) continue;
    const ir::Map self = self_of(r, k);
    for (const Companion& c : k.companions) {
      if (c.each.empty()) {
        out.push_back(
            {{r.name, "", "", c.type, evaluated(c.body, r.props, nullptr, &self), {}, {}, {}, {}},
             &r,
             &c,
             0});
        continue;
      }
      const auto items = evaluate_template(c.each, r.props, nullptr, &self);
      if (!items || !items->is<ir::List>()) continue;
      const ir::List& list = items->as<ir::List>();
      for (std::size_t i = 0; i < list.size(); ++i) {
        const int index = list.size() == 1 ? 0 : static_cast<int>(i + 1);
        out.push_back(
            {{r.name, "", "", c.type, evaluated(c.body, r.props, &list[i], &self), {}, {}, {}, {}},
             &r,
             &c,
             index});
      }
    }
  }
  return out;
}

// The target names of one pending resource, current and legacy.
void name(Pending& p, const Naming& naming) {
  const std::string& legacy = p.owner->legacy_name;
  if (p.companion == nullptr) {
    p.resource.name = naming.resource(p.owner->name);
    if (!legacy.empty()) p.resource.legacy_name = naming.resource(legacy);
    return;
  }
  const std::string& suffix = p.companion->suffix;
  p.resource.name = naming.companion(naming.resource(p.owner->name), suffix, p.index);
  if (!legacy.empty()) {
    p.resource.legacy_name = naming.companion(naming.resource(legacy), suffix, p.index);
  }
}

}  // namespace

TargetGraph instantiate(const ir::Graph& g, const TargetTemplates& t, const Naming& naming) {
  std::vector<Pending> pending = expand(g, t);
  TargetGraph out;
  out.templates = &t;
  out.graph = &g;
  out.resources.reserve(pending.size());
  std::set<std::string> names;
  for (Pending& p : pending) {
    name(p, naming);
    // Distinct IR names must stay distinct in the target's case; a clash is a naming bug.
    if (!names.insert(p.resource.name).second) {
      throw std::logic_error(t.target + ": two resources named " + p.resource.name);
    }
    if (p.companion == nullptr) out.primary[p.owner->name] = out.resources.size();
    out.resources.push_back(std::move(p.resource));
  }
  // Depending on a resource means depending on its companions too (the attachment that
  // makes a gateway usable, the policy that makes a role useful); a resource the body
  // already references needs no explicit ordering.
  for (std::size_t i = 0; i < out.resources.size(); ++i) {
    if (out.primary.at(out.resources[i].ir_name) != i) continue;
    const ir::Resource* r = g.find(out.resources[i].ir_name);
    std::set<std::string> refs;
    referenced(out.resources[i].body, refs);
    for (const std::string& dep : r->depends_on) {
      const std::size_t dep_primary = out.primary.at(dep);
      const bool referenced_already = refs.count(dep) > 0;
      for (std::size_t j = 0; j < out.resources.size(); ++j) {
        if (out.resources[j].ir_name != dep || (j == dep_primary && referenced_already)) continue;
        out.resources[i].depends_on.push_back(j);
      }
    }
  }
  return out;
}

std::vector<std::string> ignored_properties(const TargetGraph& tg, const TargetResource& r) {
  std::vector<std::string> names;
  const KindTemplate& k = tg.templates->at(tg.graph->find(r.ir_name)->kind);
  for (const std::string& prop : r.lifecycle.ignore_changes) {
    if (std::string name = target_property(k, prop); !name.empty()) names.push_back(name);
  }
  return names;
}

std::pair<const TargetResource*, std::string> TargetGraph::resolve(const ir::Ref& ref) const {
  auto it = primary.find(ref.resource);
  if (it == primary.end()) throw std::out_of_range("reference to unknown resource " + ref.resource);
  const TargetResource& target = resources[it->second];
  const ir::Resource* r = graph->find(ref.resource);
  const KindTemplate& k = templates->at(r->kind);
  auto attr = k.attributes.find(ref.attribute);
  if (attr == k.attributes.end()) {
    throw std::out_of_range(templates->target + " template of " + r->kind + " has no attribute " +
                            ref.attribute);
  }
  return {&target, attr->second};
}

}  // namespace ag
