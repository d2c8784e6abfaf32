// Fuzz target: manifest bytes → ag::compile (load → validate → check → lower) and, when the
// manifest compiles, ag::render for every target. This is exactly what
// `aurora-gen render --target all` does with one file, minus the writing.
//
// Findings: a crash or sanitizer report, a leak, a hang or timeout, and any exception that
// escapes compile() or render() (the CLI would print "internal error" and exit 2; a manifest
// must only ever be accepted, exit 0, or refused with diagnostics, exit 1).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "pipeline.h"
#include "render.h"

namespace {

[[noreturn]] void finding(const char* stage, const char* what) {
  std::fprintf(stderr, "fuzz_frontend: exception escaped %s: %s\n", stage, what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ag::Diagnostics diags;
  std::optional<ag::Compiled> compiled;
  try {
    compiled = ag::compile("fuzz.yaml", text, diags);
  } catch (const std::exception& e) {
    finding("compile", e.what());
  } catch (...) {
    finding("compile", "(not a std::exception)");
  }
  // Every refusal must come with a diagnostic, and an accepted manifest with no error.
  if (!compiled && !diags.has_errors()) finding("compile", "nullopt without an error diagnostic");
  if (compiled && diags.has_errors()) finding("compile", "a result despite error diagnostics");
  if (!compiled) return 0;
  for (ag::Target t : {ag::Target::CloudFormation, ag::Target::Terraform, ag::Target::Pulumi}) {
    try {
      const std::vector<ag::Artifact> artifacts = ag::render(compiled->graph, t);
      if (artifacts.empty()) finding("render", "no artifact");
      for (const ag::Artifact& a : artifacts) {
        if (a.path.empty() || a.content.empty()) finding("render", "empty artifact");
      }
    } catch (const std::exception& e) {
      finding("render", e.what());
    } catch (...) {
      finding("render", "(not a std::exception)");
    }
  }
  return 0;
}
