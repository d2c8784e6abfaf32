#include "plan/ir_diff.h"

namespace ag::plan {
namespace {

std::vector<PropertyChange> property_changes(const ir::Resource& before,
                                             const ir::Resource& after) {
  std::vector<PropertyChange> out;
  for (const ir::Member& p : after.props) {
    const ir::Value* old = ir::find(before.props, p.key);
    if (old == nullptr) {
      out.push_back({p.key, std::nullopt, p.value});
    } else if (!ir::equal(*old, p.value)) {
      out.push_back({p.key, *old, p.value});
    }
  }
  for (const ir::Member& p : before.props) {
    if (ir::find(after.props, p.key) == nullptr) out.push_back({p.key, p.value, std::nullopt});
  }
  return out;
}

}  // namespace

std::vector<ResourceDiff> diff_graphs(const ir::Graph& before, const ir::Graph& after) {
  std::vector<ResourceDiff> out;
  for (const ir::Resource& r : after.resources) {
    const ir::Resource* old = before.find(r.name);
    if (old == nullptr) {
      out.push_back({r.name, r.kind, nullptr, &r, {}});
    } else if (old->kind != r.kind) {  // the same role now a resource of another kind
      out.push_back({r.name, old->kind, old, nullptr, {}});
      out.push_back({r.name, r.kind, nullptr, &r, {}});
    } else if (auto changes = property_changes(*old, r); !changes.empty()) {
      out.push_back({r.name, r.kind, old, &r, std::move(changes)});
    }
  }
  for (const ir::Resource& r : before.resources) {
    if (after.find(r.name) == nullptr) out.push_back({r.name, r.kind, &r, nullptr, {}});
  }
  return out;
}

}  // namespace ag::plan
