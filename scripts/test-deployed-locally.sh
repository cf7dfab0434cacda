#!/usr/bin/env bash
# The black-box suite (npm run test:deployed) against a fresh local stack, exactly as it runs against
# a deployed one: the stack starts in the background on free ports of 127.0.0.1, the suite gets only
# its outputs file, and the stack is stopped whatever happens. Prints how long the suite took.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/deployed-suite-XXXXXX")
outputs="$work/stack-outputs.json"
log="$work/local-stack.log"
stack_pid=""

stop_stack() {
  if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
    kill -TERM "$stack_pid" 2>/dev/null || true
    wait "$stack_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop_stack EXIT
trap 'exit 130' INT TERM

# node directly rather than `npm start`, so the signal reaches the runner itself (it stops every
# emulator and worker on SIGTERM). --strict-responses: a response the contract's schema refuses is a
# 502, so the suite fails on it (AWS does not validate responses; the local stack can).
node node_modules/.bin/sam-local --port 0 --fresh --data "$work/data" --no-watch --strict-responses \
  --outputs-file "$outputs" >"$log" 2>&1 &
stack_pid=$!

deadline=$((SECONDS + 120))
until [ -s "$outputs" ]; do
  if ! kill -0 "$stack_pid" 2>/dev/null; then
    echo "the local stack exited before writing its outputs:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "the local stack wrote no outputs within 120 s:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
  sleep 0.2
done
echo "local stack ready; outputs in $outputs"

started=$(date +%s%N)
status=0
STACK_OUTPUTS_FILE="$outputs" npm run test:deployed -- "$@" || status=$?
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
echo "deployed suite against the local stack: $((elapsed_ms / 1000)).$(printf '%03d' $((elapsed_ms % 1000))) s (exit $status)"
if [ "$status" -ne 0 ]; then
  echo "last lines of the local stack's output:" >&2
  tail -n 40 "$log" >&2
fi
exit "$status"
