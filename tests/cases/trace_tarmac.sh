#!/bin/bash
# aarch64 text traces follow Arm's Tarmac (docs/tracing.md).
#  1. Grammar: every line of a full trace (instructions, memory, traps,
#     signals) is either one of the Tarmac records below, written from Arm's
#     documentation of the Fast Models Tarmac format (instruction
#     "<time> <scale> IT|IS (<inst_id>) <addr> <opcode> O <mode>_<security> :
#     <disasm>", register "R <reg> <value>", memory "M<rw><sz> <addr> <data>",
#     event "E <value> {<mode>} <number> <desc>") with the fields the
#     records must have, or one of trapeze's own lines.
#  2. The mode field is the real exception level: EL1h inside the kernel
#     text, EL0t elsewhere; svc and data aborts show ESR_EL1/ELR_EL1/FAR_EL1
#     with the values the architecture gives.
#  3. Values: tests/cases/src/tarmac_regs.S runs under trapeze and, one
#     instruction per block, under qemu-aarch64 -d cpu,fpu: the registers
#     rebuilt from the R records before each user instruction equal qemu's,
#     and what the stores wrote equals values computed here.
# Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
command -v python3 > /dev/null || { echo "no python3"; exit 77; }
$T --list-arches | grep -qx aarch64 || { echo "no aarch64 CPU in this build"; exit 77; }
conf() { sed -n "s/^$1 = //p" config.mk 2>/dev/null; }
CLANG=$(conf CLANG) LLD=$(conf LLD)
QEMU=${QEMU_aarch64-$(command -v qemu-aarch64)}
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT

# 1 and 2 on a real program: signals, faults, syscalls, nested handlers
g=build/guests/aarch64/tests/signals
[ -x "$g" ] || { echo "no $g"; exit 77; }
$T --deterministic --trace "$t/sig.txt" --trace-events all "$g" > /dev/null ||
    { echo "traced run of signals failed"; exit 1; }
$T --deterministic --trace "$t/path.txt" --trace-events signal-path,mem "$g" > /dev/null ||
    { echo "signal-path run of signals failed"; exit 1; }

have_prog=0
if [ -n "$CLANG" ] && [ -n "$LLD" ]; then
    $CLANG --target=aarch64-linux-gnu -c -o "$t/regs.o" tests/cases/src/tarmac_regs.S &&
        $LLD -static -e _start -o "$t/regs" "$t/regs.o" || { echo "cannot build tarmac_regs.S"; exit 1; }
    $T --trace "$t/regs.txt" --trace-events insn,mem,trap "$t/regs" > "$t/regs.out"
    [ $? = 3 ] && [ "$(cat "$t/regs.out")" = tarmac ] || { echo "tarmac_regs did not run"; exit 1; }
    have_prog=1
    if [ -n "$QEMU" ]; then
        "$QEMU" -singlestep -d cpu,fpu,nochain -D "$t/qemu.log" "$t/regs" > /dev/null
        [ $? = 3 ] || { echo "tarmac_regs under qemu failed"; exit 1; }
    fi
fi

python3 - "$t" "$have_prog" <<'PY'
import os, re, sys
t, have_prog = sys.argv[1], sys.argv[2] == "1"

# ---- 1. grammar ----------------------------------------------------------
TIME = r"(\d+) clk "
R_IT = re.compile(TIME + r"(IT|IS) \((\d+)\) ([0-9a-f]{16}) ([0-9a-f]{8}) O (EL0t|EL1t|EL1h)_n : (\S.*)$")
R_REG = re.compile(TIME + r"R (\S+) ([0-9A-F_]+)$")
R_MEM = re.compile(TIME + r"M([RW])(1|2|4|8) ([0-9a-f]{16}) ([0-9a-f_]+|\(ABORTED\))$")
R_EXC = re.compile(TIME + r"E ([0-9a-f]{16}) (?:(EL0t|EL1t|EL1h)_n )?([0-9a-f]{8}) CoreEvent_(\w+)$")
R_OWN = re.compile(r"^\s*\d+\s+(syscall|signal)\s+\S")
EVENTS = {0x80: "CURRENT_SP0_SYNC", 0x81: "CURRENT_SP0_IRQ", 0x84: "CURRENT_SPx_SYNC",
          0x85: "CURRENT_SPx_IRQ", 0x88: "LOWER_64_SYNC", 0x89: "LOWER_64_IRQ",
          0x19: "ModeChange"}

def reg_width(name):
    if re.fullmatch(r"X([0-9]|[12][0-9]|30)|SP_EL[01]|(ELR|SPSR|ESR|FAR|TPIDR)_EL1|TPIDRR?O?_EL0", name):
        return r"[0-9A-F]{16}"
    if name in ("cpsr", "FPSR", "FPCR"):
        return r"[0-9A-F]{8}"
    if re.fullmatch(r"Q([0-9]|[12][0-9]|3[01])", name):
        return r"[0-9A-F]{16}_[0-9A-F]{16}"
    return None

def fail(msg):
    sys.exit(msg)

def parse(path):
    recs = []
    for n, line in enumerate(open(path), 1):
        line = line.rstrip("\n")
        where = f"{os.path.basename(path)}:{n}: {line}"
        m = R_IT.match(line)
        if m:
            recs.append(("I", int(m[1]), m[2], int(m[3]), int(m[4], 16), int(m[5], 16), m[6], m[7], where))
            continue
        m = R_REG.match(line)
        if m:
            w = reg_width(m[2])
            if not w or not re.fullmatch(w, m[3]):
                fail(f"register record with an unknown name or a wrong width: {where}")
            recs.append(("R", int(m[1]), m[2], int(m[3].replace("_", ""), 16), where))
            continue
        m = R_MEM.match(line)
        if m:
            size = int(m[3])
            val = None
            if m[5] != "(ABORTED)":
                want = r"[0-9a-f]{8}_[0-9a-f]{8}" if size == 8 else "[0-9a-f]{%d}" % (2 * size)
                if not re.fullmatch(want, m[5]):
                    fail(f"memory record value does not have its size: {where}")
                val = int(m[5].replace("_", ""), 16)
            recs.append(("M", int(m[1]), m[2], size, int(m[4], 16), val, where))
            continue
        m = R_EXC.match(line)
        if m:
            num = int(m[4], 16)
            if EVENTS.get(num) != m[5] or (num == 0x19) != (m[3] is not None):
                fail(f"event number, name and mode do not agree: {where}")
            recs.append(("E", int(m[1]), int(m[2], 16), m[3], num, where))
            continue
        if R_OWN.match(line):
            continue
        fail(f"neither a Tarmac record nor a trapeze line: {where}")
    return recs

KTEXT = 0xffff000000000000

def check_levels(recs, name, whole=True):
    last_t, last_n, n_exc = 0, None, 0
    for i, r in enumerate(recs):
        if r[1] < last_t:
            fail(f"{name}: time goes back: {r[-1]}")
        last_t = r[1]
        if r[0] == "I":
            pc, mode = r[4], r[6]
            if (pc >= KTEXT) != (mode == "EL1h"):
                fail(f"{name}: exception level does not match where the pc is: {r[-1]}")
            if whole and last_n is not None and r[3] not in (last_n, last_n + 1):
                fail(f"{name}: instruction count jumps: {r[-1]}")
            last_n = r[3]
        if r[0] == "E" and r[4] == 0x88:
            n_exc += 1
            ins = [x for x in recs[:i] if x[0] == "I"][-1]
            regs = {}
            for x in recs[i + 1:]:
                if x[0] != "R":
                    break
                regs[x[2]] = x[3]
            if r[2] != ins[4]:
                fail(f"{name}: exception value is not the pc of the instruction: {r[-1]}")
            if not {"cpsr", "ELR_EL1", "SPSR_EL1", "ESR_EL1"} <= regs.keys():
                fail(f"{name}: exception without its registers: {r[-1]}")
            if regs["cpsr"] & 0xf != 0x5 or regs["SPSR_EL1"] & 0xf != 0:
                fail(f"{name}: exception from EL0t to EL1h has cpsr {regs['cpsr']:x} spsr {regs['SPSR_EL1']:x}")
            ec = regs["ESR_EL1"] >> 26
            if ins[7].startswith("svc"):
                if ec != 0x15 or regs["ELR_EL1"] != ins[4] + 4:
                    fail(f"{name}: svc: ESR_EL1 {regs['ESR_EL1']:x} ELR_EL1 {regs['ELR_EL1']:x}")
            elif ec == 0x24:
                if regs["ELR_EL1"] != ins[4] or "FAR_EL1" not in regs:
                    fail(f"{name}: data abort: ELR_EL1 {regs['ELR_EL1']:x}, FAR_EL1 missing or wrong")
        if r[0] == "E" and r[4] == 0x19:
            ins = [x for x in recs[:i] if x[0] == "I"][-1]
            if not ins[7].startswith("eret") or r[3] != "EL0t":
                fail(f"{name}: mode change not after an eret to EL0: {r[-1]}")
    return n_exc

sig = parse(f"{t}/sig.txt")
if check_levels(sig, "signals") < 10:
    fail("signals: too few exceptions in the trace")
# the signals test stores to address 8, then to 16: two data aborts, writes
aborts = []
for i, r in enumerate(sig):
    if r[0] == "R" and r[2] == "ESR_EL1" and r[3] >> 26 == 0x24:
        far = [x for x in sig[i:i + 3] if x[0] == "R" and x[2] == "FAR_EL1"]
        aborts.append((r[3], far[0][3] if far else None))
if [f for _, f in aborts[:2]] != [8, 16] or any(not e & 0x40 for e, _ in aborts[:2]):
    fail(f"signals: data aborts {[(hex(e), f) for e, f in aborts]}, want writes to 8 and 16")
check_levels(parse(f"{t}/path.txt"), "signal-path", whole=False)  # paths only: counts jump
print(f"grammar: {len(sig)} records of the signals trace, {len(aborts)} data aborts")

if not have_prog:
    print("no clang/lld: register values not checked")
    sys.exit(0)

# ---- 3. values -------------------------------------------------------------
recs = parse(f"{t}/regs.txt")
check_levels(recs, "tarmac_regs")
mem = {}
for r in recs:
    if r[0] == "M" and r[2] == "W":
        for k in range(r[3]):
            mem[r[4] + k] = (r[5] >> (8 * k)) & 0xff
    if r[0] == "M" and r[2] == "R":
        got = sum(mem.get(r[4] + k, 0) << (8 * k) for k in range(r[3]))
        if all(r[4] + k in mem for k in range(r[3])) and got != r[5]:
            fail(f"load record value {r[5]:x} is not what was stored ({got:x}): {r[-1]}")
buf = min(r[4] for r in recs if r[0] == "M")
word = lambda a, n=8: sum(mem[buf + a + k] << (8 * k) for k in range(n))
fib = [1, 1]
for _ in range(10):
    fib = [fib[1], fib[0] + fib[1]]
want = {0: (0x12345678, 8), 8: (sum(range(11)), 8), 16: (fib[1], 8), 24: (0x5678, 2),
        32: (0x2468acf0 * 0x100000001, 8), 40: (0x2468acf0 * 0x100000001, 8)}
for off, (v, n) in want.items():
    if word(off, n) != v:
        fail(f"tarmac_regs: stores wrote {word(off, n):x} at buf+{off}, want {v:x}")
if not [r for r in recs if r[0] == "I" and r[2] == "IS"]:
    fail("tarmac_regs: no IS record for the branches not taken")

qlog = f"{t}/qemu.log"
if not os.path.exists(qlog):
    print("no qemu-aarch64: register values checked against computed stores only")
    sys.exit(0)
steps = []
cur = None
for line in open(qlog):
    m = re.match(r"\s*PC=([0-9a-f]+)", line)
    if m:
        cur = {"pc": int(m[1], 16)}
        steps.append(cur)
    if cur is None:
        continue
    for k, v in re.findall(r"\b(X\d\d)=([0-9a-f]{16})", line):
        cur["X%d" % int(k[1:])] = int(v, 16)
    m = re.search(r"PSTATE=([0-9a-f]{8})", line)
    if m:
        cur["nzcv"] = int(m[1], 16) >> 28
    m = re.search(r"FPSR=([0-9a-f]{8})", line)
    if m:
        cur["FPSR"] = int(m[1], 16)
    m = re.match(r"Z(\d\d)\[3-2\]", line)
    if m:
        cur["_z"] = int(m[1])
    m = re.match(r"\s+\[1-0\]=[0-9a-f]{16}:[0-9a-f]{16}:([0-9a-f]{16}):([0-9a-f]{16})", line)
    if m:
        cur["Q%d" % cur["_z"]] = int(m[1], 16) << 64 | int(m[2], 16)
user = [i for i, r in enumerate(recs) if r[0] == "I" and r[6] == "EL0t"]
if [recs[i][4] for i in user] != [s["pc"] for s in steps]:
    fail("tarmac_regs: trapeze's user instructions are not qemu's:\n" +
         " ".join(hex(recs[i][4]) for i in user[:40]) + "\n" + " ".join(hex(s["pc"]) for s in steps[:40]))
state = {k: v for k, v in steps[0].items() if k != "pc"}
names = [f"X{i}" for i in range(31)] + [f"Q{i}" for i in range(32)] + ["nzcv", "FPSR"]
checked = 0
j = 0
# qemu-user starts user code with Z set, Linux with NZCV clear (both are
# fine: the flags are undefined at entry): compare them from the first
# instruction that writes them.
flags_known = False
for k, i in enumerate(user):
    for r in recs[j:i]:
        if r[0] == "R" and r[2] in state:
            state[r[2]] = r[3]
        elif r[0] == "R" and r[2] == "cpsr":
            state["nzcv"] = r[3] >> 28
            flags_known |= k > 0
    j = i
    for n in names:
        if n == "nzcv" and not flags_known:
            continue
        if n in steps[k] and state.get(n) != steps[k][n]:
            fail(f"tarmac_regs: before {recs[i][-1]}\n  {n} is {state.get(n, 0):x} by the trace, "
                 f"{steps[k][n]:x} under qemu")
        checked += n in steps[k]
print(f"values: {len(user)} user instructions, {checked} register values equal qemu's")
PY
