#!/usr/bin/env bash
# Named phases with their times, printed as a table when the script ends (also when a phase fails), so a
# slow run says where its minutes went. Sourced:
#   source scripts/lib/phases.sh "npm test"     # the title of the table
#   phase "clippy"                               # ends the phase before, starts this one
#   at_exit "command"                            # runs when the script ends, however it ends
_phases_title=${1:-phases}
_phases_names=()
_phases_starts=()
_phases_begin=$SECONDS

phase() {
  _phases_names+=("$*")
  _phases_starts+=("$SECONDS")
  echo
  echo "==> $*"
}

# Commands run when the script ends, before the table (at_exit "chroots_stop").
_phases_exit_hooks=()
at_exit() { _phases_exit_hooks+=("$*"); }

_phases_report() {
  local status=$? i end count=${#_phases_names[@]} hook
  for hook in "${_phases_exit_hooks[@]}"; do eval "$hook" || true; done
  ((count)) || return "$status"
  echo
  echo "==> $_phases_title: time per phase"
  for ((i = 0; i < count; i++)); do
    end=$SECONDS
    ((i + 1 < count)) && end=${_phases_starts[i + 1]}
    printf '  %6s  %s\n' "$(_phases_clock $((end - _phases_starts[i])))" "${_phases_names[i]}"
  done
  printf '  %6s  %s\n' "$(_phases_clock $((SECONDS - _phases_begin)))" "total$( ((status)) && echo ", FAILED in the last phase (exit $status)")"
  return "$status"
}

_phases_clock() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }

trap _phases_report EXIT
