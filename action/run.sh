#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), kept in a file so they can be
# tested with the environment a runner sets (cmd/sfcheck/action_test.go).
#
#   run.sh sarif   write the SARIF report to $RUNNER_TEMP/sfcheck.sarif
#   run.sh check   write the job summary, annotate the pull request, and
#                  exit as sfcheck does (the gate)
#
# The action's inputs arrive as environment variables (SFCHECK_PATH,
# SFCHECK_ARGS, SFCHECK_FAIL_ON), never spliced into a script, so an input
# holding $(...) or ; is only ever an argument. PATH and ARGS are split on
# white space, as a shell would split them, without any other expansion.
set -euo pipefail
bin="${SFCHECK_BIN:-$RUNNER_TEMP/sfcheck}"
read -r -a args <<< "${SFCHECK_ARGS:-}"
read -r -a paths <<< "${SFCHECK_PATH:-.}"

case "${1:-}" in
sarif)
  "$bin" --format sarif --output "$RUNNER_TEMP/sfcheck.sarif" --fail-on never "${args[@]}" -- "${paths[@]}"
  ;;
check)
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    # the summary never fails the step: the annotations run below does
    "$bin" --format summary --fail-on never "${args[@]}" -- "${paths[@]}" >> "$GITHUB_STEP_SUMMARY" || true
  fi
  exec "$bin" --format github --fail-on "${SFCHECK_FAIL_ON:-error}" "${args[@]}" -- "${paths[@]}"
  ;;
*)
  echo "usage: run.sh sarif|check" >&2
  exit 2
  ;;
esac
