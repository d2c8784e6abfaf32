# bash completion for aurora-gen. Installed as
# /usr/share/bash-completion/completions/aurora-gen; tests/completion_test.sh checks that it
# offers every command and option `aurora-gen COMMAND --help` lists.

_aurora_gen() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local commands="render validate explain plan graph init schema"
  local cmd="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      -*) ;;
      *) cmd=${words[i]}; break ;;
    esac
  done

  case $prev in
    --target) mapfile -t COMPREPLY < <(compgen -W "cfn terraform pulumi all" -- "$cur"); return ;;
    --kind) mapfile -t COMPREPLY < <(compgen -W "AuroraCluster RdsInstance" -- "$cur"); return ;;
    --engine)
      mapfile -t COMPREPLY < <(compgen -W "aurora-postgresql aurora-mysql postgres mysql mariadb" -- "$cur")
      return ;;
    --out-dir | --templates-dir) mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return ;;
    -o | --output) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
    --since) mapfile -t COMPREPLY < <(compgen -W "0.2" -- "$cur"); return ;;
    --name | --region | --base) return ;;
    --format)
      case $cmd in
        plan) mapfile -t COMPREPLY < <(compgen -W "text json markdown sarif" -- "$cur") ;;
        graph) mapfile -t COMPREPLY < <(compgen -W "dot mermaid" -- "$cur") ;;
        *) mapfile -t COMPREPLY < <(compgen -W "text json sarif" -- "$cur") ;;
      esac
      return ;;
  esac

  local opts
  case $cmd in
    "") opts="-h --help --version" ;;
    render) opts="--target --out-dir --check --partial --format --templates-dir --jobs -j --strict -h --help" ;;
    validate | explain) opts="--format --templates-dir --jobs -j --strict -h --help" ;;
    plan) opts="--base --format --allow-replace --since --templates-dir -h --help" ;;
    graph) opts="--format --templates-dir -h --help" ;;
    init) opts="--kind --engine --serverless --name --create-vpc --region -o --output --force -h --help" ;;
    schema) opts="--templates-dir -h --help" ;;
  esac

  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
  elif [[ -z $cmd ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
  elif [[ $cmd != init && $cmd != schema ]]; then
    # Manifests: YAML files and directories to descend into.
    mapfile -t COMPREPLY < <(compgen -f -X '!*.@(yaml|yml)' -- "$cur"; compgen -d -- "$cur")
  fi
}
complete -F _aurora_gen aurora-gen
