#!/bin/bash
# Signal-path traces on every CPU trapeze runs: events in the right order
# with the right pcs, a frame event whose size is the arch's frame and
# whose address is where the handler's stack pointer and info argument
# point (shared/abi/signals.md), the return trampoline the ABI names, the
# resume pc right after the syscall that raised the signal, cycle counts
# identical across two --deterministic runs, Perfetto JSON whose spans
# nest (a path holds its handler), and SVG that an XML parser reads.
# Exit 0 pass, 77 skip, 1 fail.
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
           --trace-events signal,syscall,trap "$g" > /dev/null || { echo "$a: traced run failed"; exit 1; }
    done
    $T --trace "$t/$a.path.json" --trace-format json --trace-events signal-path "$g" > /dev/null ||
        { echo "$a: signal-path run failed"; exit 1; }
    cmp -s "$t/$a.1.json" "$t/$a.2.json" || { echo "$a: two --deterministic traces differ"; exit 1; }
    $T --trace-svg "$t/$a.sum.svg" --trace-summary "$t/$a.1.json" > "$t/$a.sum" ||
        { echo "$a: --trace-summary found no complete path"; exit 1; }
    grep -q "^SIGUSR1 (" "$t/$a.sum" && grep -q "whole round trip" "$t/$a.sum" ||
        { echo "$a: summary lacks the SIGUSR1 table"; cat "$t/$a.sum"; exit 1; }
    python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$t/$a.sum.svg" ||
        { echo "$a: summary SVG is not well-formed"; exit 1; }
    $T --trace "$t/$a.pf.json" --trace-format perfetto --trace-svg "$t/$a.svg" \
       --trace-events signal,trap "$g" > /dev/null || exit 1
    python3 - "$a" "$t/$a.1.json" "$t/$a.pf.json" "$t/$a.svg" "$t/$a.path.json" <<'PY' || exit 1
import json, sys, xml.dom.minidom
arch, jl, pf, svg, pj = sys.argv[1:]

def nodup(pairs):
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        sys.exit(f"{arch}: an event has a key twice: {keys}")
    return dict(pairs)

load = lambda l: json.loads(l, object_pairs_hook=nodup)
ev = [load(l) for l in open(jl)]
sig = [e for e in ev if e["ev"] == "signal"]
# the first SIGUSR1 (10) path that returns through the trampoline
order = ["deliver", "frame", "handler", "trampoline", "sigreturn", "restored", "resumed"]
# signals.md: sizeof(rt_sigframe) (the FPU state comes on top), and where
# the frame starts modulo 16
frame_size = {"x86_64": 440, "aarch64": 4688, "riscv64": 1088, "loongarch64": 872}
frame_mod16 = {"x86_64": 8, "aarch64": 0, "riscv64": 0, "loongarch64": 0}
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
    if fr["size"] < want or int(fr["frame"], 16) % 16 != frame_mod16[arch]:
        sys.exit(f"{arch}: frame event at {fr['frame']} size {fr['size']}: want >= {want}, "
                 f"at {frame_mod16[arch]} mod 16")
    if h["pc"] != fr["handler"] or not h.get("sym", "").startswith("handler"):
        sys.exit(f"{arch}: handler event at {h['pc']} {h.get('sym')} vs frame {fr['handler']}")
    tramp = stages[3]
    want_tramp = {"x86_64": "__restore_rt", "aarch64": "__restore_rt",     # guests/lib's sa_restorer
                  "riscv64": "__vdso_rt_sigreturn", "loongarch64": "__vdso_rt_sigreturn"}[arch]
    if tramp["pc"] != fr["trampoline"] or tramp.get("sym") != want_tramp:
        sys.exit(f"{arch}: trampoline event at {tramp['pc']} {tramp.get('sym')}, want {want_tramp}")
    # raised by kill(): resumes right after the syscall instruction
    trap = [x for x in ev[:ev.index(e)] if x["ev"] == "trap"][-1]
    after = int(trap["pc"], 16) + (2 if arch == "x86_64" else 4)
    if int(stages[5].get("resume", "0"), 16) != after or int(stages[6]["pc"], 16) != after:
        sys.exit(f"{arch}: resume {stages[5].get('resume')} / resumed at {stages[6]['pc']}, "
                 f"want {after:#x} after the syscall at {trap['pc']}")
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

# at each handler's first instruction the stack pointer is the frame and
# the info argument points into it (signals.md: the arch's handler entry)
sp_reg, arg_reg, info_off = {"x86_64": ("rsp", "rsi", 312), "aarch64": ("sp", "x1", 0),
                             "riscv64": ("sp", "a1", 0), "loongarch64": ("r3", "r5", 0)}[arch]
regs, frame, seen = {}, None, 0
for e in (load(l) for l in open(pj)):
    if e["ev"] == "insn":
        regs.update({k: int(v, 16) for k, v in e.items() if k in (sp_reg, arg_reg)})
    elif e["ev"] == "signal" and e["stage"] == "frame":
        frame = int(e["frame"], 16)
    elif e["ev"] == "signal" and e["stage"] == "handler" and frame is not None:
        if regs.get(sp_reg) != frame or regs.get(arg_reg) != frame + info_off:
            sys.exit(f"{arch}: handler entered with {sp_reg}={regs.get(sp_reg, 0):#x} "
                     f"{arg_reg}={regs.get(arg_reg, 0):#x}, frame at {frame:#x}")
        seen += 1
        frame = None
if seen < 3:
    sys.exit(f"{arch}: only {seen} handler entries in the signal-path trace")

# Perfetto: B/E spans close in order on each track, a path holds a handler
d = json.load(open(pf), object_pairs_hook=nodup)
assert isinstance(d["traceEvents"], list) and d["traceEvents"]
stack, nested, kernel = {}, 0, 0
for e in d["traceEvents"]:
    st = stack.setdefault(e.get("tid"), [])
    if e["ph"] == "B":
        if e["name"].endswith("handler") and st and st[-1].endswith("path"):
            nested += 1
        st.append(e["name"])
    elif e["ph"] == "E":
        if not st or st.pop() != e["name"]:
            sys.exit(f"{arch}: Perfetto span end {e['name']} does not close the open span")
    elif e["ph"] == "X":
        kernel += e["tid"] == 2 and e["dur"] > 0
if not nested or not kernel:
    sys.exit(f"{arch}: Perfetto trace: {nested} handler spans in paths, {kernel} kernel spans")
print(f"{arch}: ok")
PY
done
[ $ran = 1 ] || { echo "no arch runs the signals test yet"; exit 77; }
