// The intermediate representation: a target-neutral graph of AWS resources.
//
// Lowering knows what a database needs (a cluster, instances, a subnet group, ...) and
// writes it here; renderers know their target but never the manifest. A reference to
// another resource is a typed value, never a string for a renderer to parse.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ag::ir {

// Values only the deployment knows: the stack's region, account and partition, and the
// partition's DNS suffix ("amazonaws.com", "amazonaws.com.cn": service endpoints such as
// kms:ViaService) and reverse-DNS prefix ("com.amazonaws", "cn.com.amazonaws": VPC
// endpoint service names).
enum class Pseudo { Region, AccountId, Partition, UrlSuffix, ReverseDnsPrefix };

// Another resource's attribute. Attribute names are neutral (id, arn, name, endpoint, ...);
// each target's templates say how that target spells them.
struct Ref {
  std::string resource;
  std::string attribute;
  bool operator==(const Ref&) const = default;
};

struct Value;
struct Member;
using List = std::vector<Value>;
using Map = std::vector<Member>;  // ordered: output order is the order lowering chose

// A string assembled from literal strings, Refs and Pseudos.
struct Concat {
  std::vector<Value> parts;
};

// A JSON document that AWS takes as a string (an IAM policy, for instance). Targets write
// it in their own idiom: an object in CloudFormation, jsonencode() in Terraform,
// fn::toJSON in Pulumi.
struct Json {
  std::shared_ptr<const Value> doc;
};

// One key of the JSON document a Secrets Manager secret holds, read when the stack deploys:
// the artifact names the secret, never its value. Targets spell it a dynamic reference
// (CloudFormation), a data source and jsondecode() (Terraform), invokes (Pulumi).
struct SecretField {
  std::string name;  // snake_case, unique per secret: names the read where a target declares one
  std::string secret_arn;
  std::string key;  // an identifier: "password"
};

struct Value {
  using Variant = std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, List, Map,
                               Ref, Pseudo, Concat, Json, SecretField>;
  Variant v;

  // Defined below Member: a constructor needs the variant's destructor, hence a complete
  // Member (GCC accepts the incomplete type here, clang with libstdc++ does not).
  Value();
  Value(std::nullptr_t);
  Value(bool b);
  Value(int i);
  Value(std::int64_t i);
  Value(double d);
  Value(const char* s);
  Value(std::string s);
  Value(List l);
  Value(Map m);
  Value(Ref r);
  Value(Pseudo p);
  Value(Concat c);
  Value(Json j);
  Value(SecretField f);

  template <class T>
  bool is() const {
    return std::holds_alternative<T>(v);
  }
  template <class T>
  const T& as() const {
    return std::get<T>(v);
  }
  template <class T>
  T& as() {
    return std::get<T>(v);
  }
};

struct Member {
  std::string key;
  Value value;
};

inline Value::Value() : v(nullptr) {}
inline Value::Value(std::nullptr_t) : v(nullptr) {}
inline Value::Value(bool b) : v(b) {}
inline Value::Value(int i) : v(std::int64_t{i}) {}
inline Value::Value(std::int64_t i) : v(i) {}
inline Value::Value(double d) : v(d) {}
inline Value::Value(const char* s) : v(std::string(s)) {}
inline Value::Value(std::string s) : v(std::move(s)) {}
inline Value::Value(List l) : v(std::move(l)) {}
inline Value::Value(Map m) : v(std::move(m)) {}
inline Value::Value(Ref r) : v(std::move(r)) {}
inline Value::Value(Pseudo p) : v(p) {}
inline Value::Value(Concat c) : v(std::move(c)) {}
inline Value::Value(Json j) : v(std::move(j)) {}
inline Value::Value(SecretField f) : v(std::move(f)) {}

// The member of `m` named `key`, or nullptr.
const Value* find(const Map& m, std::string_view key);
// Follows a dotted path ("scaling.min_capacity") through nested maps; nullptr if absent.
const Value* find_path(const Map& m, std::string_view dotted);
// Sets `key` (replacing an existing member, otherwise appending).
void set(Map& m, const std::string& key, Value v);

Value ref(std::string resource, std::string attribute);

// Deep equality: the same variant and the same content (maps in order, JSON documents by
// content, not by pointer).
bool equal(const Value& a, const Value& b);
// Calls `f` for every Ref inside `v`, at any depth.
void for_each_ref(const Value& v, const std::function<void(const Ref&)>& f);
Value json(Value doc);

// What must survive when a resource leaves the configuration (on_delete) or is replaced by
// a new one (on_replace). Lowering decides, knowing AWS; each target spells it:
// CloudFormation DeletionPolicy / UpdateReplacePolicy, Terraform prevent_destroy,
// Pulumi retainOnDelete.
enum class Keep { Delete, Snapshot, Retain, RetainExceptOnCreate };

struct Lifecycle {
  Keep on_delete = Keep::Delete;
  Keep on_replace = Keep::Delete;
  // IR properties whose drift the target must leave alone (AWS changes them, or they only
  // matter at creation): Terraform ignore_changes, Pulumi ignoreChanges.
  std::vector<std::string> ignore_changes = {};
  // The resource's name is generated, so a replacement can create the new one before it
  // deletes the old (Terraform create_before_destroy; the other targets do so anyway).
  bool create_before_destroy = false;
  // The resource's name is fixed and a replacement can keep it only by deleting the old one
  // first (Pulumi's deleteBeforeReplace; Terraform does so by default; CloudFormation refuses
  // to replace a custom-named resource, so the update fails instead).
  bool delete_before_replace = false;
};

// A scanner rule the artifact tells the scanner to skip for this resource, with the reason
// (a default aurora-gen chose deliberately, docs/policy.md, or a manifest's policy
// exception). Each target writes it the scanner's own way where the scanner reads it.
struct Suppression {
  std::string scanner;  // "checkov", "trivy", "cfn-nag" or "cfn-guard"
  std::string id;       // the scanner's rule id: CKV_AWS_16, AVD-AWS-0077, W75, a guard rule name
  std::string reason;
  std::vector<std::string> targets;  // output directory names of the targets the scanner reads
  bool operator==(const Suppression&) const = default;
};

struct Resource {
  std::string kind;  // neutral kind, e.g. "rds_cluster", "db_subnet_group"
  std::string name;  // snake_case role, unique in the graph: "cluster", "reader_1"
  Map props;
  // Explicit ordering, only where no Ref already orders the two resources.
  std::vector<std::string> depends_on;
  // The manifest field this resource comes from (a JSON pointer): what a diagnostic about
  // its creation or deletion points at.
  std::string origin = {};
  // The IR name aurora-gen 0.1 gave this resource (usually `name`; the position-numbered
  // name of a list item now named after its value), or empty for a resource 0.1 did not
  // create. Renderers migrate state from it: Terraform `moved` blocks, Pulumi aliases.
  std::string legacy_name = {};
  Lifecycle lifecycle = {};
  // The manifest field (JSON pointer) each property comes from, where one does: where a
  // target that cannot express the property reports it.
  std::map<std::string, std::string> sources = {};
  std::vector<Suppression> suppressions = {};
  // The manifest field (JSON pointer) left unset whose default each other property holds
  // (explain marks them).
  std::map<std::string, std::string> defaults = {};
};

struct Output {
  std::string name;  // snake_case: "cluster_endpoint"
  std::string description;
  Value value;
};

struct Graph {
  std::string name;         // metadata.name
  std::string description;  // one line, for the artifact headers
  std::optional<std::string> region;
  std::vector<Resource> resources;
  std::vector<Output> outputs;

  const Resource* find(const std::string& name) const;
};

}  // namespace ag::ir
