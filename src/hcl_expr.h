// Layout of HCL expressions and of runs of `name = value` lines. Private to the HCL
// writer (src/hcl*.cc); everything else goes through hcl.h.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "hcl.h"

namespace ag::hcl::detail {

// The one-line form of `e`, or nullopt when `e` must span lines (a non-empty object, or
// a tuple or call containing one). Validates every leaf it writes.
std::optional<std::string> inline_form(const Expr& e);

// `e` laid out for a line indented by `indent` spaces on which it starts at column `col`:
// one line when it fits, else spanning lines; no trailing newline.
std::string render(const Expr& e, std::size_t indent, std::size_t col);

struct Assignment {
  std::string name;   // identifier or object key, as written
  std::string value;  // rendered by render()
};

// Writes `name = value` lines, aligning `=` across consecutive one-line values the way
// terraform fmt does: a value that spans lines ends the run of aligned lines.
void append_assignments(const std::vector<Assignment>& run, std::size_t indent, std::string& out);

}  // namespace ag::hcl::detail
