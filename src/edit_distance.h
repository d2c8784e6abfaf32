// "Did you mean": the one edit-distance helper used wherever a name can be misspelled.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ag {

// Levenshtein distance (insert, delete, substitute each cost 1).
int edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, or "" when none is close enough to be a plausible
// typo (distance at most a third of the word's length, and at least 1 allowed).
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace ag
