#include "yaml_emitter.h"

#include <string>

#include "yaml_scalars.h"

namespace ag::yaml {

namespace {

// Maps reached through a sequence are never spaced out with blank lines.
constexpr int kUnspaced = 1 << 20;

// YAML caps implicit keys at 1024 characters; longer keys need the explicit "? key" form.
constexpr std::size_t kMaxImplicitKey = 1024;

std::string spaces(std::size_t n) { return std::string(n, ' '); }

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

std::string with_tag(const Node& n, std::string text) {
  if (n.tag.empty()) return text;
  return checked_tag(n.tag) + " " + text;
}

std::string flow_text(const Node& n) {
  if (n.kind == Node::Kind::Map) return with_tag(n, "{}");
  if (n.kind != Node::Kind::Seq) return with_tag(n, scalar_text(n));
  std::string text = "[";
  for (std::size_t i = 0; i < n.items.size(); ++i) {
    if (i > 0) text += ", ";
    text += flow_text(n.items[i]);
  }
  return with_tag(n, text + "]");
}

// Where a comment or blank line goes: the column of the line's first visible character.
std::size_t lead_column(const std::string& lead) {
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
      out += flow_text(n) + "\n";
      return;
    }
    if (!n.tag.empty()) out += checked_tag(n.tag) + "\n";
    write_children(n, 0, 0, "");
  }

 private:
  void write_comment(std::string_view text, std::size_t column) {
    for (const std::string& line : comment_lines(text)) {
      out += spaces(column) + (line.empty() ? "#" : "# " + line) + "\n";
    }
  }

  void write_children(const Node& n, std::size_t indent, int depth, const std::string& lead) {
    if (n.kind == Node::Kind::Map) {
      write_entries(n, indent, depth, lead);
    } else {
      write_items(n, indent, lead);
    }
  }

  // `lead` is what goes before the first key instead of indentation, e.g. "  - ".
  void write_entries(const Node& map, std::size_t indent, int depth, const std::string& lead) {
    for (std::size_t i = 0; i < map.entries.size(); ++i) {
      const Entry& e = map.entries[i];
      if (i > 0 && blank_between(map.entries[i - 1], e, depth)) out += '\n';
      const std::string line_lead = i == 0 ? lead : spaces(indent);
      write_comment(e.comment, lead_column(line_lead));
      out += line_lead;
      const std::string key = key_text(e.key);
      if (key.size() > kMaxImplicitKey) {
        out += "? " + key + "\n" + spaces(indent) + ":";
      } else {
        out += key + ":";
      }
      write_after_indicator(e.value, indent + 2, depth + 1);
    }
  }

  void write_items(const Node& seq, std::size_t indent, const std::string& lead) {
    for (std::size_t i = 0; i < seq.items.size(); ++i) {
      const Node& item = seq.items[i];
      const std::string line_lead = i == 0 ? lead : spaces(indent);
      if (is_block(item) && item.tag.empty()) {
        // Compact form: the first key or nested dash sits on the dash line.
        write_children(item, indent + 2, kUnspaced, line_lead + "- ");
      } else {
        out += line_lead + "-";
        write_after_indicator(item, indent + 2, kUnspaced);
      }
    }
  }

  // Called right after "key:", "-" or ":"; the value goes on the same line or below.
  void write_after_indicator(const Node& value, std::size_t child_indent, int depth) {
    if (!is_block(value)) {
      out += " " + flow_text(value) + "\n";
      return;
    }
    if (!value.tag.empty()) out += " " + checked_tag(value.tag);
    out += '\n';
    write_children(value, child_indent, depth, spaces(child_indent));
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
