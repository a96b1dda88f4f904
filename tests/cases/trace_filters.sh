#!/bin/bash
# Trace filters, on every CPU: --trace-range SYMBOL and A-B keep exactly
# the instruction events inside the symbol (its bounds from nm, not from
# trapeze) or the range; --trace-cycles A-B keeps exactly the events of
# the full trace in that window; --trace-max-paths 1 records the first
# signal path only.  Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
command -v python3 > /dev/null || { echo "no python3"; exit 77; }
NM=$(command -v llvm-nm-19 || command -v nm) || { echo "no nm"; exit 77; }
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
run() { $T --deterministic --trace-format json --trace-events insn,signal "$@" > /dev/null; }
ran=0
for a in $($T --list-arches); do
    g=build/guests/$a/tests/signals
    [ -x "$g" ] || continue
    ran=1
    read -r addr size _ < <($NM -S --defined-only "$g" | awk '$4 == "handler" { print $1, $2 }')
    [ -n "$size" ] || { echo "$a: nm finds no handler"; exit 1; }
    lo=$((16#$addr)) hi=$((16#$addr + 16#$size))
    run --trace "$t/full" "$g" &&
    run --trace "$t/sym" --trace-range handler "$g" &&
    run --trace "$t/range" --trace-range "$(printf '0x%x-0x%x' $lo $hi)" "$g" &&
    run --trace "$t/win" --trace-cycles 5000-9000 "$g" &&
    run --trace "$t/one" --trace-max-paths 1 "$g" || { echo "$a: a filtered run failed"; exit 1; }
    python3 - "$a" "$t" "$lo" "$hi" <<'PY' || exit 1
import json, sys
arch, t, lo, hi = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rd = lambda n: [json.loads(l) for l in open(f"{t}/{n}")]
full = rd("full")
ins = lambda evs: [e for e in evs if e["ev"] == "insn"]
inside = [e for e in ins(full) if lo <= int(e["pc"], 16) < hi]
if not inside:
    sys.exit(f"{arch}: the handler never ran?")
for n in ("sym", "range"):
    if ins(rd(n)) != inside:
        sys.exit(f"{arch}: --trace-range ({n}) kept {len(ins(rd(n)))} instruction events, "
                 f"the handler's bounds hold {len(inside)}")
win = [e for e in full if 5000 <= e["cycle"] <= 9000]
if not win or rd("win") != win:
    sys.exit(f"{arch}: --trace-cycles 5000-9000 kept {len(rd('win'))} events, want {len(win)}")
one = [e for e in rd("one") if e["ev"] == "signal" and e["stage"] == "deliver"]
first = [e for e in full if e["ev"] == "signal" and e["stage"] == "deliver"]
if len(one) != 1 or one[0] != first[0] or len(first) < 2:
    sys.exit(f"{arch}: --trace-max-paths 1 delivered {len(one)} paths")
print(f"{arch}: range {len(inside)} events, window {len(win)} events, one path of {len(first)}")
PY
done
[ $ran = 1 ] || exit 77
$T --trace "$t/x" --trace-range no_such_symbol build/guests/*/tests/exit42 > /dev/null 2> "$t/err"
[ $? = 2 ] && grep -q "no symbol no_such_symbol" "$t/err" || { echo "unknown --trace-range symbol: $(cat "$t/err")"; exit 1; }
