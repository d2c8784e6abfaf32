// The YAML emitter: the only place CloudFormation and Pulumi bytes are written. It owns
// quoting (every String double-quoted, with escapes for control characters, U+2028/9 and
// invalid UTF-8 refused), layout (two-space block style, "- " sequences, flow style only for
// empty collections) and number formatting. It never writes anchors or aliases.
#pragma once

#include <string>
#include <string_view>

#include "yaml_doc.h"

namespace ag::yaml {

// `header` lines are written first as "# ..." comments. Throws std::invalid_argument on
// text that is not valid UTF-8 (the loader refuses it earlier; this is the last guard).
std::string emit(const Node& root, std::string_view header = {});

// The double-quoted YAML form of `s` (exposed for tests and key quoting).
std::string quote(std::string_view s);

}  // namespace ag::yaml
