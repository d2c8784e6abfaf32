// Times each pipeline stage over the given manifests, in process: how long a pre-commit
// hook spends per manifest once the binary is running. Prints one line per manifest and
// stage with the median of N runs.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "loader.h"
#include "lower.h"
#include "render.h"
#include "schema_validation.h"
#include "semantic_checks.h"

namespace {

using Clock = std::chrono::steady_clock;

double median_us(int runs, const std::function<void()>& f) {
  std::vector<double> samples;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    f();
    samples.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::nth_element(samples.begin(), samples.begin() + runs / 2, samples.end());
  return samples[static_cast<std::size_t>(runs / 2)];
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = 200;
  std::cout << "manifest\tload_us\tschema_us\tcheck_us\tlower_us\tcfn_us\tterraform_us\t"
               "pulumi_us\n";
  for (int i = 1; i < argc; ++i) {
    const std::string text = slurp(argv[i]);
    ag::Diagnostics d;
    auto m = ag::load_manifest(argv[i], text, d);
    if (!m) return 2;
    ag::validate_schema(*m, d);  // parses the schema once, outside the timing
    const ag::ir::Graph g = ag::lower(*m);
    std::cout << argv[i] << '\t' << median_us(runs, [&] {
      ag::Diagnostics x;
      ag::load_manifest(argv[i], text, x);
    }) << '\t' << median_us(runs, [&] {
      ag::Diagnostics x;
      ag::validate_schema(*m, x);
    }) << '\t' << median_us(runs, [&] {
      ag::Diagnostics x;
      ag::check_semantics(*m, x);
    }) << '\t' << median_us(runs, [&] {
      ag::lower(*m);
    }) << '\t' << median_us(runs, [&] {
      ag::render(g, ag::Target::CloudFormation);
    }) << '\t' << median_us(runs, [&] {
      ag::render(g, ag::Target::Terraform);
    }) << '\t' << median_us(runs, [&] {
      ag::render(g, ag::Target::Pulumi);
    }) << '\n';
  }
  return 0;
}
