// `aurora-gen init`: writes a starter manifest (starter_manifest.cc) that validates as it
// is, checked by the real front end before a byte is written, and never over an existing
// file unless --force.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "cli_commands.h"
#include "cli_common.h"
#include "edit_distance.h"
#include "pipeline.h"
#include "starter_manifest.h"

namespace ag {
namespace {

struct InitOptions {
  StarterOptions starter{"", "", false, "my-database", false, "", ""};
  std::string output;  // "" = <name>.yaml, "-" = stdout
  bool force = false;
};

const Location kInit{"aurora-gen init", 0, 0};

bool one_of(const std::string& value, const std::vector<std::string>& allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// "did you mean" for an option value outside `allowed`.
bool refuse_value(const std::string& option, const std::string& value,
                  const std::vector<std::string>& allowed, Diagnostics& diags) {
  const std::string near = nearest(value, allowed);
  diags.error("cli.init-option", option + " '" + value + "' is not one of " + joined(allowed),
              kInit, near.empty() ? "" : "did you mean '" + near + "'?");
  return false;
}

// Fills in the defaults (the kind from the engine, the engine from the kind) and refuses
// what does not fit together.
bool resolve(StarterOptions& s, Diagnostics& diags) {
  static const std::vector<std::string> kKinds = {"AuroraCluster", "RdsInstance"};
  std::vector<std::string> all = engines_for("AuroraCluster");
  for (const std::string& e : engines_for("RdsInstance")) all.push_back(e);
  if (!s.kind.empty() && !one_of(s.kind, kKinds))
    return refuse_value("--kind", s.kind, kKinds, diags);
  if (!s.engine.empty() && !one_of(s.engine, all))
    return refuse_value("--engine", s.engine, all, diags);
  if (s.kind.empty()) {
    s.kind = s.engine.empty() || one_of(s.engine, engines_for("AuroraCluster")) ? "AuroraCluster"
                                                                                : "RdsInstance";
  }
  if (s.engine.empty()) s.engine = engines_for(s.kind).front();
  if (!one_of(s.engine, engines_for(s.kind))) {
    diags.error("cli.init-option",
                "--engine " + s.engine + " does not fit --kind " + s.kind + ", which takes " +
                    joined(engines_for(s.kind)),
                kInit, "leave out --kind: it follows from the engine");
    return false;
  }
  if (s.serverless && s.kind != "AuroraCluster") {
    diags.error("cli.init-option", "--serverless is for an AuroraCluster (Aurora Serverless v2)",
                kInit, "leave out --serverless, or use --kind AuroraCluster");
    return false;
  }
  return true;
}

// The starter must pass every stage users run; its diagnostics name the option's field.
bool validates(const std::string& text, Diagnostics& diags) {
  Diagnostics local;
  if (compile("starter.yaml", text, local)) return true;
  for (Diagnostic d : local.items()) {
    d.message = "the options give an invalid manifest: " + d.message;
    d.loc = kInit;
    diags.add(d);
  }
  return false;
}

// Writes beside the target and moves into place: rename() with --force, otherwise link(),
// which fails when the name exists, so that no race overwrites a file either.
bool write_file(const std::string& path, const std::string& text, bool force, Diagnostics& diags) {
  std::string temp =
      (std::filesystem::path(path).parent_path() / ".aurora-gen-init.XXXXXX").string();
  const int fd = mkstemp(temp.data());
  if (fd < 0) {
    diags.error("io.write", std::string("cannot create a file here: ") + std::strerror(errno),
                {path, 0, 0});
    return false;
  }
  const mode_t mask = umask(0);
  umask(mask);
  bool ok = fchmod(fd, 0666 & ~mask) == 0 &&
            write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            fsync(fd) == 0;
  ok = close(fd) == 0 && ok;
  const int moved = !ok     ? -1
                    : force ? rename(temp.c_str(), path.c_str())
                            : link(temp.c_str(), path.c_str());
  const int saved = errno;
  if (moved != 0 || !force) unlink(temp.c_str());
  if (moved == 0) return true;
  if (ok && saved == EEXIST) {
    diags.error("cli.exists", path + " already exists; aurora-gen init does not overwrite it",
                {path, 0, 0}, "pass --force to replace it, or -o to write elsewhere");
  } else {
    diags.error("io.write", std::string("cannot write: ") + std::strerror(saved), {path, 0, 0});
  }
  return false;
}

int run_init(InitOptions& o) {
  Diagnostics diags;
  StarterOptions& s = o.starter;
  if (o.output.empty()) o.output = s.name + ".yaml";
  s.file = o.output == "-" ? "manifest.yaml" : o.output;
  std::string text;
  const bool ok = resolve(s, diags) && validates(text = starter_manifest(s), diags) &&
                  (o.output == "-" || write_file(o.output, text, o.force, diags));
  report(diags, "text");
  if (!ok) return kUsage;
  if (o.output == "-") {
    std::cout << text;
  } else {
    std::cerr << "aurora-gen: wrote " << o.output << " (" << s.kind << ", " << s.engine
              << "); next: aurora-gen validate " << o.output << "\n";
  }
  return kClean;
}

}  // namespace

Command add_init_command(CLI::App& app) {
  auto o = std::make_shared<InitOptions>();
  StarterOptions& s = o->starter;
  CLI::App* cmd = app.add_subcommand("init", "Write a commented starter manifest");
  cmd->add_option("--kind", s.kind, "AuroraCluster (default) or RdsInstance");
  cmd->add_option("--engine", s.engine,
                  "aurora-postgresql (default), aurora-mysql, postgres, mysql or mariadb");
  cmd->add_flag("--serverless", s.serverless, "Aurora Serverless v2 instead of provisioned");
  cmd->add_option("--name", s.name, "metadata.name (default my-database)");
  cmd->add_flag("--create-vpc", s.create_vpc, "Create a VPC instead of using existing subnets");
  cmd->add_option("--region", s.region, "Pin metadata.region (and the new VPC's zones)");
  cmd->add_option("-o,--output", o->output, "File to write (default <name>.yaml; - for stdout)");
  cmd->add_flag("--force", o->force, "Overwrite the file if it exists");
  return {cmd, [o] { return run_init(*o); }};
}

}  // namespace ag
