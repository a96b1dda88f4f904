#!/bin/bash
# The plain loop counts instructions and cycles per block, the hooked loop
# per instruction; the kernel must see the same counts either way.  A trace
# of syscalls and signals alone runs without hooks outside signal paths;
# adding trap events runs every instruction under the hooks.  The syscall
# and signal events of the two runs must be identical, cycle stamps
# included (--deterministic: time and randomness come from those counts).
set -u
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
n=0
for a in $($T --list-arches); do
    for p in signals sigrestart threads smc; do
        g=build/guests/$a/tests/$p
        [ -x "$g" ] || continue
        $T --deterministic --trace "$t/fast.json" --trace-format json \
            --trace-events syscall,signal "$g" > "$t/out1" 2>&1 < /dev/null
        $T --deterministic --trace "$t/hooked.json" --trace-format json \
            --trace-events syscall,signal,trap "$g" > "$t/out2" 2>&1 < /dev/null
        python3 - "$t/fast.json" "$t/hooked.json" "$a/$p" <<'PY' || exit 1
import json, sys
def events(f):
    return [l for l in open(f) if json.loads(l)["ev"] in ("syscall", "signal")]
fast, hooked, name = events(sys.argv[1]), events(sys.argv[2]), sys.argv[3]
if not fast:
    sys.exit(f"{name}: no events")
for i, (x, y) in enumerate(zip(fast, hooked)):
    if x != y:
        sys.exit(f"{name}: event {i} differs:\n  plain loop:  {x.strip()}\n  hooked loop: {y.strip()}")
if len(fast) != len(hooked):
    sys.exit(f"{name}: {len(fast)} events without hooks, {len(hooked)} with")
PY
        cmp -s "$t/out1" "$t/out2" || { echo "$a/$p: output differs between the two runs"; exit 1; }
        n=$((n + 1))
    done
done
[ "$n" -gt 0 ] || { echo "no guest programs"; exit 1; }
echo "$n programs: same counts with and without hooks"
