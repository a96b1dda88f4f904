#!/bin/bash
# The timing model and --timing FILE (docs/timing.md).  The defaults are
# read from the tables in docs/timing.md; a FILE that raises every
# instruction class by one cycle, a syscall by 360 and a signal delivery by
# 380 must move every event of a --deterministic trace by exactly
#   (instructions retired so far) + 360 * (syscalls so far) + 380 * (deliveries so far)
# cycles, counted here from the default trace, on every CPU.  A bad FILE
# stops trapeze with FILE:LINE.  Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
command -v python3 > /dev/null || { echo "no python3"; exit 77; }
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT

# the documented defaults, plus the changes above
python3 - docs/timing.md > "$t/costs" <<'PY' || exit 1
import re, sys
rows = re.findall(r"^\| (\w+) \| (\d+) \|", open(sys.argv[1]).read(), re.M)
kernel = {"syscall": 360, "signal_deliver": 380}
classes = [n for n, _ in rows if n not in ("syscall", "fault", "signal_deliver", "frame_per_16_bytes", "sigreturn")]
if len(classes) != 13:
    sys.exit(f"docs/timing.md: found {len(classes)} instruction classes, want 13")
print("# every class one cycle dearer, and a dearer kernel")
for n, v in rows:
    print(n, int(v) + (kernel.get(n, 0) if n in kernel else 0 if n in
                       ("fault", "frame_per_16_bytes", "sigreturn") else 1))
PY

ran=0
for a in $($T --list-arches); do
    g=build/guests/$a/tests/signals
    [ -x "$g" ] || continue
    ran=1
    $T --deterministic --trace "$t/$a.def" --trace-format json --trace-events insn,syscall,signal \
        "$g" > "$t/$a.out1" || { echo "$a: traced run failed"; exit 1; }
    $T --deterministic --timing "$t/costs" --trace "$t/$a.mod" --trace-format json \
        --trace-events insn,syscall,signal "$g" > "$t/$a.out2" || { echo "$a: run with --timing failed"; exit 1; }
    cmp -s "$t/$a.out1" "$t/$a.out2" || { echo "$a: --timing changed the program's output"; exit 1; }
    python3 - "$a" "$t/$a.def" "$t/$a.mod" <<'PY' || exit 1
import json, sys
arch, a, b = sys.argv[1:]
ea = [json.loads(l) for l in open(a)]
eb = [json.loads(l) for l in open(b)]
if [(e["ev"], e.get("pc"), e.get("stage")) for e in ea] != [(e["ev"], e.get("pc"), e.get("stage")) for e in eb]:
    sys.exit(f"{arch}: --timing changed the events, not only their cycles")
insns = sys_n = deliv = 0
for x, y in zip(ea, eb):
    if x["ev"] == "insn" and not x.get("trapped"):
        insns += 1                  # its own cost is in its cycle
    if x["ev"] == "syscall":
        sys_n += 1                  # added before the event
    want = insns + 360 * sys_n + 380 * deliv
    if y["cycle"] - x["cycle"] != want:
        sys.exit(f"{arch}: {x} moved by {y['cycle'] - x['cycle']} cycles, want {want} "
                 f"({insns} instructions, {sys_n} syscalls, {deliv} deliveries)")
    if x["ev"] == "signal" and x["stage"] == "deliver":
        deliv += 1                  # added after the event
if not deliv or not sys_n:
    sys.exit(f"{arch}: no deliveries or syscalls to check")
print(f"{arch}: {len(ea)} events moved as the model says ({insns} instructions, "
      f"{sys_n} syscalls, {deliv} deliveries)")
PY
done
[ $ran = 1 ] || exit 77

printf 'div 40\nnosuch 3\n' > "$t/bad"
$T --timing "$t/bad" --list-arches > /dev/null 2> "$t/err"
[ $? = 2 ] && grep -q "$t/bad:2: unknown cost name 'nosuch'" "$t/err" ||
    { echo "bad --timing file: $(cat "$t/err")"; exit 1; }
printf 'div -1\n' > "$t/bad"
$T --timing "$t/bad" --list-arches > /dev/null 2> "$t/err"
[ $? = 2 ] && grep -q "$t/bad:1:" "$t/err" || { echo "negative cost accepted: $(cat "$t/err")"; exit 1; }
