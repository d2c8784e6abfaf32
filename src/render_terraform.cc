// Terraform: a root module (main.tf, moved.tf, outputs.tf, providers.tf, variables.tf,
// versions.tf) written by the HCL writer. References become traversals
// (aws_rds_cluster.cluster.endpoint), pseudo values the provider's data sources, assembled
// strings templates, JSON documents jsonencode(), secret fields an ephemeral secret read
// through jsondecode() into a write-only argument.
#include <charconv>
#include <map>
#include <set>
#include <stdexcept>

#include "hcl.h"
#include "render.h"
#include "target_resources.h"

namespace ag {
namespace {

using hcl::Expr;

std::string shortest(double d) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
  return std::string(buffer, result.ptr);
}

class TfConverter {
 public:
  explicit TfConverter(const TargetGraph& tg) : tg_(tg) {}

  // Data sources the converted expressions read (aws_caller_identity, aws_partition).
  const std::set<std::string>& data_sources() const { return data_sources_; }
  // Secrets the converted expressions read: data source name -> secret ARN.
  const std::map<std::string, std::string>& secret_reads() const { return secret_reads_; }

  Expr operator()(const ir::Value& v) { return std::visit(*this, v.v); }
  Expr operator()(std::nullptr_t) { return Expr::null(); }
  Expr operator()(bool b) { return Expr::boolean(b); }
  Expr operator()(std::int64_t i) { return Expr::number(std::to_string(i)); }
  Expr operator()(double d) { return Expr::number(shortest(d)); }
  Expr operator()(const std::string& s) { return Expr::string(s); }
  Expr operator()(const ir::List& l) {
    std::vector<Expr> items;
    items.reserve(l.size());
    for (const ir::Value& item : l) items.push_back((*this)(item));
    return Expr::tuple(std::move(items));
  }
  Expr operator()(const ir::Map& m) {
    std::vector<hcl::ObjectItem> items;
    items.reserve(m.size());
    for (const ir::Member& e : m) items.push_back({e.key, (*this)(e.value)});
    return Expr::object_of(std::move(items));
  }
  Expr operator()(const ir::Ref& r) {
    const auto [target, attribute] = tg_.resolve(r);
    return Expr::traversal(target->type + "." + target->name + "." + attribute);
  }
  // Read from the provider's own data sources, so the module is right in whatever region
  // and partition the provider configuration (its own, or a parent module's) points at.
  Expr operator()(ir::Pseudo p) {
    switch (p) {
      case ir::Pseudo::Region:
        return data("aws_region", "region");
      case ir::Pseudo::AccountId:
        return data("aws_caller_identity", "account_id");
      case ir::Pseudo::Partition:
        return data("aws_partition", "partition");
      case ir::Pseudo::UrlSuffix:
        return data("aws_partition", "dns_suffix");
      case ir::Pseudo::ReverseDnsPrefix:
        return data("aws_partition", "reverse_dns_prefix");
    }
    throw std::logic_error("unknown pseudo value");
  }
  Expr operator()(const ir::Concat& c) {
    std::vector<Expr> parts;
    for (const ir::Value& part : c.parts) parts.push_back((*this)(part));
    return Expr::templ(std::move(parts));
  }
  Expr operator()(const ir::Json& j) { return Expr::call("jsonencode", {(*this)(*j.doc)}); }
  Expr operator()(const ir::SecretField& f) {
    secret_reads_.emplace(f.name, f.secret_arn);
    const Expr secret =
        Expr::traversal("ephemeral.aws_secretsmanager_secret_version." + f.name + ".secret_string");
    return Expr::index(Expr::call("jsondecode", {secret}), Expr::string(f.key));
  }

 private:
  Expr data(const std::string& source, const std::string& attribute) {
    data_sources_.insert(source);
    return Expr::traversal("data." + source + ".current." + attribute);
  }

  const TargetGraph& tg_;
  std::set<std::string> data_sources_;
  std::map<std::string, std::string> secret_reads_;
};

std::string header(const ir::Graph& g) { return artifact_header(g, Target::Terraform); }

// `contains(["us-east-1"], EXPR)`: equality without an operator the writer need not know.
Expr is_region(const std::string& region, const std::string& expr) {
  return Expr::call("contains", {Expr::tuple({Expr::string(region)}), Expr::traversal(expr)});
}

std::string pinned_message(const std::string& region) {
  return "This module is for " + region + " (metadata.region of its manifest).";
}

bool is_block_key(const std::string& key) {
  return key.size() > 2 && key.compare(key.size() - 2, 2, "{}") == 0;
}

// Template keys ending in "{}" are nested blocks: a map is one block, a list one per item.
// Arguments come first and blocks after them, as Terraform's style guide orders a body; a
// null value (a template's explicit "leave it to the provider") is omitted.
void fill_body(hcl::Body& body, const ir::Map& m, TfConverter& convert) {
  for (const ir::Member& e : m) {
    if (!is_block_key(e.key) && !e.value.is<std::nullptr_t>()) body.attr(e.key, convert(e.value));
  }
  for (const ir::Member& e : m) {
    if (!is_block_key(e.key)) continue;
    const std::string type = e.key.substr(0, e.key.size() - 2);
    const auto add = [&](const ir::Value& item) {
      if (item.is<ir::Map>()) fill_body(body.block(type).body, item.as<ir::Map>(), convert);
    };
    if (!e.value.is<ir::List>()) {
      add(e.value);
      continue;
    }
    for (const ir::Value& item : e.value.as<ir::List>()) add(item);
  }
}

// Attribute names to ignore: the IR lifecycle's, in this target's spelling, then those the
// template's options add (attributes AWS sets that the IR never does).
std::vector<std::string> ignored(const TargetGraph& tg, const TargetResource& r) {
  std::vector<std::string> names = ignored_properties(tg, r);
  if (r.options.is<ir::Map>()) {
    if (const ir::Value* extra = ir::find(r.options.as<ir::Map>(), "ignore_changes");
        extra && extra->is<ir::List>()) {
      for (const ir::Value& v : extra->as<ir::List>()) names.push_back(v.as<std::string>());
    }
  }
  return names;
}

// The lifecycle block: a retained resource may not be destroyed by Terraform (it has no
// "forget instead of destroy" for a resource in the configuration), generated names allow
// creating a replacement first, and ignored attributes are written bare.
void add_lifecycle(hcl::Body& body, const TargetGraph& tg, const TargetResource& r) {
  const bool retain = r.lifecycle.on_delete == ir::Keep::Retain ||
                      r.lifecycle.on_delete == ir::Keep::RetainExceptOnCreate;
  const std::vector<std::string> names = ignored(tg, r);
  if (!retain && !r.lifecycle.create_before_destroy && names.empty()) return;
  hcl::Body& lifecycle = body.block("lifecycle").body;
  if (r.lifecycle.create_before_destroy) {
    lifecycle.attr("create_before_destroy", Expr::boolean(true));
  }
  if (retain) lifecycle.attr("prevent_destroy", Expr::boolean(true));
  if (names.empty()) return;
  std::vector<Expr> bare;
  for (const std::string& n : names) bare.push_back(Expr::traversal(n));
  lifecycle.attr("ignore_changes", Expr::tuple(std::move(bare)));
}

// The scanners' suppressions: checkov reads `checkov:skip=<id>:<reason>` inside the
// resource block; trivy reads `trivy:ignore:<id>` on the line right above it (any reason
// goes on the lines above that), both documented for Terraform.
void add_suppressions(hcl::Block& block, const std::vector<ir::Suppression>& all) {
  std::string ignores;
  for (const ir::Suppression& s : all) {
    if (!reads(s, Target::Terraform)) continue;
    if (s.scanner == "checkov") {
      block.comments_inside.push_back("checkov:skip=" + s.id + ":" + s.reason);
    } else if (s.scanner == "trivy") {
      block.comments_above.push_back(" " + s.id + ": " + s.reason);
      ignores += (ignores.empty() ? "" : " ") + std::string("trivy:ignore:") + s.id;
    }
  }
  if (!ignores.empty()) block.comments_above.push_back(ignores);
}

void add_resource(hcl::Body& file, const TargetGraph& tg, const TargetResource& r,
                  TfConverter& convert) {
  hcl::Block& block = file.block("resource", {r.type, r.name});
  add_suppressions(block, r.suppressions);
  hcl::Body& body = block.body;
  if (r.body.is<ir::Map>()) fill_body(body, r.body.as<ir::Map>(), convert);
  if (!r.depends_on.empty()) {
    std::vector<Expr> deps;
    for (std::size_t d : r.depends_on) {
      deps.push_back(Expr::traversal(tg.resources[d].type + "." + tg.resources[d].name));
    }
    body.attr("depends_on", Expr::tuple(std::move(deps)));
  }
  add_lifecycle(body, tg, r);
}

std::string main_tf(const ir::Graph& g, const TargetGraph& tg) {
  TfConverter convert(tg);
  hcl::Body resources;
  for (const TargetResource& r : tg.resources) add_resource(resources, tg, r, convert);
  hcl::Body file;
  std::set<std::string> data = convert.data_sources();
  if (g.region) data.insert("aws_region");
  for (const std::string& source : data) {
    hcl::Body& body = file.block("data", {source, "current"}).body;
    // Used as a child module, the region is the parent's provider's: check it too.
    if (source != "aws_region" || !g.region) continue;
    hcl::Body& check = body.block("lifecycle").body.block("postcondition").body;
    check.attr("condition", is_region(*g.region, "self.region"));
    check.attr("error_message", Expr::string(pinned_message(*g.region)));
  }
  for (const auto& [name, arn] : convert.secret_reads()) {
    // Ephemeral: read at plan and apply, never stored; it feeds a write-only argument, so
    // the password stays out of the state and the plan.
    file.block("ephemeral", {"aws_secretsmanager_secret_version", name})
        .body.attr("secret_id", Expr::string(arn));
  }
  file.items.insert(file.items.end(), std::make_move_iterator(resources.items.begin()),
                    std::make_move_iterator(resources.items.end()));
  return hcl::write(file, header(g));
}

// The provider in a file of its own, so that the module also serves as a child module
// (delete providers.tf there and pass the parent's provider).
std::string providers_tf(const ir::Graph& g) {
  hcl::Body file;
  file.block("provider", {"aws"}).body.attr("region", Expr::traversal("var.region"));
  return hcl::write(file, header(g));
}

std::string variables_tf(const ir::Graph& g) {
  hcl::Body file;
  hcl::Body& region = file.block("variable", {"region"}).body;
  region.attr("description", Expr::string("AWS region to deploy into"));
  region.attr("type", Expr::traversal("string"));
  if (g.region) {
    region.attr("default", Expr::string(*g.region));
    hcl::Body& validation = region.block("validation").body;
    validation.attr("condition", is_region(*g.region, "var.region"));
    validation.attr("error_message", Expr::string(pinned_message(*g.region)));
  }
  return hcl::write(file, header(g));
}

std::string outputs_tf(const ir::Graph& g, const TargetGraph& tg) {
  TfConverter convert(tg);
  hcl::Body file;
  for (const ir::Output& o : g.outputs) {
    hcl::Body& body = file.block("output", {o.name}).body;
    body.attr("description", Expr::string(o.description));
    body.attr("value", convert(o.value));
  }
  return hcl::write(file, header(g));
}

std::string versions_tf(const ir::Graph& g) {
  hcl::Body file;
  hcl::Body& terraform = file.block("terraform").body;
  // 1.11: write-only arguments (the master password from a secret stays out of the state).
  terraform.attr("required_version", Expr::string(">= 1.11.0"));
  // 6.66 is the schema the conformance tests check against; it also carries the fix that
  // stops a cluster AWS upgraded to a newer minor from being "downgraded" back to the
  // manifest's version (hashicorp/terraform-provider-aws PR #49396).
  terraform.block("required_providers")
      .body.attr("aws", Expr::object_of({{"source", Expr::string("hashicorp/aws")},
                                         {"version", Expr::string("~> 6.66")}}));
  return hcl::write(file, header(g));
}

// The address aurora-gen 0.1 gave each resource: "this" when its type occurred once among
// the resources 0.1 created, its IR name otherwise.
std::vector<std::string> legacy_labels(const TargetGraph& tg) {
  std::map<std::string, int> count;
  for (const TargetResource& r : tg.resources) {
    if (!r.legacy_name.empty()) ++count[r.type];
  }
  std::vector<std::string> labels;
  for (const TargetResource& r : tg.resources) {
    labels.push_back(r.legacy_name.empty() ? "" : count[r.type] == 1 ? "this" : r.legacy_name);
  }
  return labels;
}

// `moved` blocks from the addresses of 0.1 to today's, so that a module applied with 0.1
// keeps its resources (Terraform moves the state instead of destroying and re-creating).
// A move from an address nothing was ever at is a no-op.
std::string moved_tf(const ir::Graph& g, const TargetGraph& tg) {
  std::set<std::string> current;
  for (const TargetResource& r : tg.resources) current.insert(r.type + "." + r.name);
  const std::vector<std::string> legacy = legacy_labels(tg);
  hcl::Body file;
  for (std::size_t i = 0; i < tg.resources.size(); ++i) {
    const TargetResource& r = tg.resources[i];
    const std::string from = r.type + "." + legacy[i];
    if (legacy[i].empty() || legacy[i] == r.name || current.count(from)) continue;
    hcl::Body& moved = file.block("moved").body;
    moved.attr("from", Expr::traversal(from));
    moved.attr("to", Expr::traversal(r.type + "." + r.name));
  }
  if (file.items.empty()) return {};
  return hcl::write(file, header(g) +
                              "\nState moves from the addresses aurora-gen 0.1 used. Keep them "
                              "until every workspace\nof this module has applied once.");
}

}  // namespace

std::vector<Artifact> render_terraform(const ir::Graph& g) {
  const TargetGraph tg = target_graph(g, Target::Terraform);
  std::vector<Artifact> files{{"main.tf", main_tf(g, tg)}};
  if (std::string moved = moved_tf(g, tg); !moved.empty()) {
    files.push_back({"moved.tf", std::move(moved)});
  }
  files.push_back({"outputs.tf", outputs_tf(g, tg)});
  files.push_back({"providers.tf", providers_tf(g)});
  files.push_back({"variables.tf", variables_tf(g)});
  files.push_back({"versions.tf", versions_tf(g)});
  return files;
}

}  // namespace ag
