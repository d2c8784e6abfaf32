#include "yaml_emitter.h"

#include <string>

#include "yaml_scalars.h"

namespace ag::yaml {

namespace {

// Maps reached through a sequence are never spaced out with blank lines.
constexpr int kUnspaced = 1 << 20;

// YAML caps implicit keys at 1024 characters; longer keys need the explicit "? key" form.
constexpr std::size_t kMaxImplicitKey = 1024;

bool is_collection(const Node& n) { return n.kind == Node::Kind::Seq || n.kind == Node::Kind::Map; }

bool is_empty_collection(const Node& n) {
  return (n.kind == Node::Kind::Seq && n.items.empty()) ||
         (n.kind == Node::Kind::Map && n.entries.empty());
}

// Tagged sequences of scalars read best on one line, as CloudFormation authors write them:
// !Join ["", ["arn:", !Ref AWS::Partition]]. Anything holding a non-empty map stays block.
bool is_flowable(const Node& n) {
  if (n.kind == Node::Kind::Map) return n.entries.empty();
  if (n.kind != Node::Kind::Seq) return true;
  for (const Node& item : n.items) {
    if (!is_flowable(item)) return false;
  }
  return true;
}

// True for a node that spans lines below its key or dash.
bool is_block(const Node& n) {
  if (!is_collection(n) || is_empty_collection(n)) return false;
  return n.kind == Node::Kind::Map || n.tag.empty() || !is_flowable(n);
}

// The flow form of a node that is not block (a scalar, an empty or a flowable tagged
// collection), appended to `out`.
void append_flow(std::string& out, const Node& n) {
  if (!n.tag.empty()) out.append(checked_tag(n.tag)).append(" ");
  if (n.kind == Node::Kind::Map) {
    out += "{}";
  } else if (n.kind != Node::Kind::Seq) {
    append_scalar(out, n);
  } else {
    out += '[';
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      if (i > 0) out += ", ";
      append_flow(out, n.items[i]);
    }
    out += ']';
  }
}

// Where a comment or blank line goes: the column of the line's first visible character.
std::size_t lead_column(std::string_view lead) {
  const std::size_t column = lead.find_first_not_of(' ');
  return column == std::string::npos ? lead.size() : column;
}

// Blank lines between the root's sections (Parameters, Resources, Outputs) and between the
// members of each section (one resource, parameter or output per paragraph).
bool blank_between(const Entry& prev, const Entry& next, int depth) {
  if (depth == 0) return is_block(prev.value) || is_block(next.value);
  if (depth != 1) return false;
  const auto block_map = [](const Node& n) { return n.kind == Node::Kind::Map && is_block(n); };
  return block_map(prev.value) || block_map(next.value);
}

class Writer {
 public:
  std::string out;

  void header(std::string_view text) {
    if (text.empty()) return;
    write_comment(text, 0);
    out += '\n';
  }

  void root(const Node& n) {
    if (!is_block(n)) {
      append_flow(out, n);
      out += '\n';
      return;
    }
    if (!n.tag.empty()) out.append(checked_tag(n.tag)).append("\n");
    write_children(n, 0, 0, "");
  }

 private:
  void write_comment(std::string_view text, std::size_t column) {
    if (text.empty()) return;
    for (const std::string& line : comment_lines(text)) {
      out.append(column, ' ');
      if (line.empty()) {
        out += "#\n";
      } else {
        out.append("# ").append(line).append("\n");
      }
    }
  }

  // `lead` is what goes before the first key or dash instead of indentation, e.g. "  - ".
  void write_children(const Node& n, std::size_t indent, int depth, std::string_view lead) {
    if (n.kind == Node::Kind::Map) {
      write_entries(n, indent, depth, lead);
    } else {
      write_items(n, indent, lead);
    }
  }

  // The first line of a child gets `lead`, the others plain indentation.
  void write_lead(std::size_t i, std::string_view lead, std::size_t indent) {
    if (i == 0) {
      out += lead;
    } else {
      out.append(indent, ' ');
    }
  }

  void write_entries(const Node& map, std::size_t indent, int depth, std::string_view lead) {
    for (std::size_t i = 0; i < map.entries.size(); ++i) {
      const Entry& e = map.entries[i];
      if (i > 0 && blank_between(map.entries[i - 1], e, depth)) out += '\n';
      if (!e.comment.empty()) {
        write_comment(e.comment, i == 0 ? lead_column(lead) : indent);
      }
      write_lead(i, lead, indent);
      const std::size_t key_start = out.size();
      append_key(out, e.key);
      if (out.size() - key_start > kMaxImplicitKey) {
        out.insert(key_start, "? ");
        out += '\n';
        out.append(indent, ' ');
      }
      out += ':';
      write_after_indicator(e.value, indent + 2, depth + 1, e.trailing);
    }
  }

  void write_items(const Node& seq, std::size_t indent, std::string_view lead) {
    for (std::size_t i = 0; i < seq.items.size(); ++i) {
      const Node& item = seq.items[i];
      if (is_block(item) && item.tag.empty()) {
        // Compact form: the first key or nested dash sits on the dash line.
        std::string dash_lead = i == 0 ? std::string(lead) : std::string(indent, ' ');
        dash_lead += "- ";
        write_children(item, indent + 2, kUnspaced, dash_lead);
      } else {
        write_lead(i, lead, indent);
        out += '-';
        write_after_indicator(item, indent + 2, kUnspaced);
      }
    }
  }

  // "  # text" closing a key's line; a line break in it would end the comment, so none is kept.
  void write_trailing(std::string_view text) {
    if (text.empty()) return;
    out += "  # ";
    for (char c : text) out += c == '\n' || c == '\r' ? ' ' : c;
  }

  // Called right after "key:", "-" or ":"; the value goes on the same line or below.
  void write_after_indicator(const Node& value, std::size_t child_indent, int depth,
                             std::string_view trailing = {}) {
    if (!is_block(value)) {
      out += ' ';
      append_flow(out, value);
      write_trailing(trailing);
      out += '\n';
      return;
    }
    if (!value.tag.empty()) out.append(" ").append(checked_tag(value.tag));
    write_trailing(trailing);
    out += '\n';
    write_children(value, child_indent, depth, std::string(child_indent, ' '));
  }
};

}  // namespace

std::string emit(const Node& root, std::string_view header) {
  Writer writer;
  writer.header(header);
  writer.root(root);
  return std::move(writer.out);
}

}  // namespace ag::yaml
