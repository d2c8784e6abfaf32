// How a plain (unquoted) YAML scalar becomes a JSON value: YAML 1.2's core schema, minus
// every form that could silently reinterpret what the user typed.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace ag {

// null/Null/NULL/~/"" → null; true/True/TRUE/false/False/FALSE → bool; decimal integers
// without leading zeros that fit int64 → integer; decimal numbers with a fraction or an
// exponent that are finite doubles → float; everything else (yes, on, 0755, 0x1F, .inf,
// 1e999) → the string as written.
nlohmann::json resolve_plain_scalar(std::string_view text);

}  // namespace ag
