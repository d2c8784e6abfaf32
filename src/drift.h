// `render --check` as diagnostics, in every format: what differs between an output
// directory and what the manifests of the call render, each with the command that fixes it.
//
//   check.changed   a file the call renders differs from it (edited by hand, or rendered from
//                   an older manifest or release): at that file, line 1
//   check.missing   files the call renders are not there: at the manifest's metadata.name,
//                   one diagnostic per manifest
//   check.orphaned  files aurora-gen generated (their first line is the artifact header)
//                   that no manifest of the call renders, in a target directory of the call's
//                   targets: their manifest was deleted or renamed, or no longer renders them.
//                   One diagnostic per <name> folder, at its first such file. Only files with
//                   the header are aurora-gen's: backend.tf, terraform.tfvars and
//                   Pulumi.<stack>.yaml beside them are the user's and never reported.
//
// Nothing is written or deleted: the hints say what to run.
#pragma once

#include <string>
#include <vector>

#include "batch.h"
#include "diagnostics.h"
#include "render.h"

namespace ag {

struct DriftCheck {
  std::string out_dir;
  std::vector<Target> targets;
  // The command that renders a manifest of the call again, without the manifest:
  // "aurora-gen render --target all --out-dir out".
  std::string render_command;
  // The manifests of the call are some of those rendered into out_dir: folders no manifest
  // of the call names are not looked at (the pre-commit hook that passes changed files).
  bool partial = false;
  unsigned jobs = 1;  // threads that look through out_dir
};

void report_drift(const Batch& b, const DriftCheck& check, Diagnostics& diags);

// `arg` as one word for a POSIX shell: as it is when it is safe, else single-quoted.
std::string shell_word(const std::string& arg);

}  // namespace ag
