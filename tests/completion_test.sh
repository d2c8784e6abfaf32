#!/usr/bin/env bash
# Shell completion: bash's (completions/aurora-gen.bash), run for real, offers every command
# and, for each, every option its --help lists, and values where an option takes a fixed
# set; zsh's (completions/_aurora-gen) parses (zsh -n) and names every command and option.
# usage: completion_test.sh AURORA_GEN SOURCE_DIR
set -uo pipefail
# shellcheck source=test_lib.sh
source "$(dirname "$0")/test_lib.sh"
bin=${1:?usage: completion_test.sh AURORA_GEN SOURCE_DIR}
src=${2:?usage: completion_test.sh AURORA_GEN SOURCE_DIR}
need zsh

# shellcheck source=../completions/aurora-gen.bash
source "$src/completions/aurora-gen.bash"
complete -p aurora-gen | grep -q -- "-F _aurora_gen" && pass || fail "bash: not registered"
complete_words() {  # complete_words WORD...: what bash offers for the last word
  COMP_WORDS=(aurora-gen "$@")
  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
  COMPREPLY=()
  _aurora_gen
  printf '%s\n' "${COMPREPLY[@]}" | sort
}
offers() {  # offers DESCRIPTION EXPECTED -- WORD...
  local what=$1 want=$2
  shift 3
  local got
  got=$(complete_words "$@" | tr '\n' ' ')
  [ "$got" = "$want" ] && pass || fail "bash: $what: offered '$got', expected '$want'"
}

commands=$("$bin" --help | sed -n '/^Subcommands:/,/^$/p' | sed -nE 's/^  ([a-z]+) .*/\1/p' | sort)
[ "$(wc -l <<<"$commands")" -eq 7 ] && pass || fail "--help lists $(wc -l <<<"$commands") commands"
offers "the commands" "$(tr '\n' ' ' <<<"$commands")" -- ""
offers "a command's prefix" "graph " -- gr
offers "render --target values" "all cfn pulumi terraform " -- render --target ""
offers "graph --format values" "dot mermaid " -- graph --format ""
offers "plan --format values" "json markdown sarif text " -- plan --format ""
offers "init --kind values" "AuroraCluster RdsInstance " -- init --kind ""
offers "init --engine values" "aurora-mysql aurora-postgresql " -- init --engine aurora-
offers "options after a manifest" "--check " -- render --target cfn x.yaml --ch

zsh -n "$src/completions/_aurora-gen" 2>/dev/null && pass || fail "zsh: _aurora-gen does not parse"
zsh_file=$(cat "$src/completions/_aurora-gen")
for cmd in $commands; do
  grep -q "^ *$cmd" <<<"$zsh_file" && pass || fail "zsh: no entry for $cmd"
  options=$("$bin" "$cmd" --help | sed -n '/^Options:/,/^$/p' |
            grep -oE -- '(^ +|,)--?[a-z][a-z-]*' | sed -E 's/^[ ,]+//' | sort -u)
  offered=" $(complete_words "$cmd" - | tr '\n' ' ')"
  for opt in $options; do
    [[ $offered == *" $opt "* ]] && pass || fail "bash: $cmd does not offer $opt"
    # zsh spells -h,--help as {-h,--help}, -o,--output as {-o,--output}.
    grep -qe "'$opt\[" -e "[{,]$opt[,}]" <<<"$zsh_file" && pass || fail "zsh: $cmd does not name $opt"
  done
done

finish
