#!/bin/bash
# Signal-path traces on every CPU trapeze runs: events in the right order
# with the right pcs, a frame event whose size is the arch's frame, cycle
# counts identical across two --deterministic runs, and well-formed
# Perfetto JSON and SVG.  Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
command -v python3 > /dev/null || { echo "no python3"; exit 77; }
arches=$($T --list-arches) || exit 1
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
ran=0
for a in $arches; do
    g=build/guests/$a/tests/signals
    [ -x "$g" ] || continue
    # x86_64's frame is its own; skip arches whose frames are not there yet
    if ! $T "$g" > /dev/null 2> "$t/err"; then
        echo "$a: signals test does not run yet: $(head -c 200 "$t/err")"
        continue
    fi
    ran=1
    for n in 1 2; do
        $T --deterministic --trace "$t/$a.$n.json" --trace-format json \
           --trace-events signal,syscall "$g" > /dev/null || { echo "$a: traced run failed"; exit 1; }
    done
    cmp -s "$t/$a.1.json" "$t/$a.2.json" || { echo "$a: two --deterministic traces differ"; exit 1; }
    $T --trace-svg "$t/$a.sum.svg" --trace-summary "$t/$a.1.json" > "$t/$a.sum" ||
        { echo "$a: --trace-summary found no complete path"; exit 1; }
    grep -q "^SIGUSR1 (" "$t/$a.sum" && grep -q "whole round trip" "$t/$a.sum" ||
        { echo "$a: summary lacks the SIGUSR1 table"; cat "$t/$a.sum"; exit 1; }
    python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$t/$a.sum.svg" ||
        { echo "$a: summary SVG is not well-formed"; exit 1; }
    $T --trace "$t/$a.pf.json" --trace-format perfetto --trace-svg "$t/$a.svg" \
       --trace-events signal,trap "$g" > /dev/null || exit 1
    python3 - "$a" "$t/$a.1.json" "$t/$a.pf.json" "$t/$a.svg" <<'PY' || exit 1
import json, sys, xml.dom.minidom
arch, jl, pf, svg = sys.argv[1:]
ev = [json.loads(l) for l in open(jl)]
sig = [e for e in ev if e["ev"] == "signal"]
# the first SIGUSR1 (10) path that returns through the trampoline
order = ["deliver", "frame", "handler", "trampoline", "sigreturn", "restored", "resumed"]
frame_size = {"x86_64": None, "aarch64": 4688, "riscv64": 1088, "loongarch64": 872}
ok = False
for i, e in enumerate(sig):
    if e["sig"] != 10 or e["stage"] != "deliver":
        continue
    stages = [x for x in sig[i:] if x["sig"] == 10][:len(order)]
    if [x["stage"] for x in stages] != order:
        continue
    fr = stages[1]
    h = stages[2]
    want = frame_size[arch]
    if want and fr["size"] < want:
        sys.exit(f"{arch}: frame event size {fr['size']} < {want}")
    if h["pc"] != fr["handler"] or not h.get("sym", "").startswith("handler"):
        sys.exit(f"{arch}: handler event at {h['pc']} {h.get('sym')} vs frame {fr['handler']}")
    if stages[5]["resume"] is None:
        sys.exit(f"{arch}: no resume pc")
    cyc = [x["cycle"] for x in stages]
    if cyc != sorted(cyc):
        sys.exit(f"{arch}: cycles not increasing {cyc}")
    ok = True
    break
if not ok:
    sys.exit(f"{arch}: no complete SIGUSR1 path in order {order}")
gen = [e for e in sig if e["stage"] == "generated" and e["sig"] == 10]
if not gen or gen[0]["why"] not in ("kill", "tkill"):
    sys.exit(f"{arch}: generation event missing its sender")
d = json.load(open(pf))
assert isinstance(d["traceEvents"], list) and d["traceEvents"]
xml.dom.minidom.parse(svg)
print(f"{arch}: ok")
PY
done
[ $ran = 1 ] || { echo "no arch runs the signals test yet"; exit 77; }
