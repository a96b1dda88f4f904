#!/bin/bash
# --disasm capstone: instruction events carry Capstone's disassembly.  A
# small program written here asks Capstone itself (the reference) for the
# text of every traced encoding on x86_64 and aarch64, and each event's asm
# must be exactly that; the two disassemblers must differ somewhere (so the
# option took effect).  CPUs Capstone 4 lacks (riscv64, loongarch64) and a
# build without Capstone stop with a clear message and status 2.
# Exit 0 pass, 77 skip, 1 fail.
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
command -v python3 > /dev/null || { echo "no python3"; exit 77; }
conf() { sed -n "s/^$1 = //p" config.mk 2>/dev/null; }
t=$(mktemp -d) || exit 1
trap 'rm -rf "$t"' EXIT
arches=$($T --list-arches) || exit 1

if [ "$(conf HAVE_CAPSTONE)" != 1 ]; then
    for a in $arches; do
        g=build/guests/$a/tests/exit42
        [ -x "$g" ] || continue
        $T --disasm capstone --trace "$t/x" "$g" > /dev/null 2> "$t/err"
        [ $? = 2 ] && grep -q "without Capstone" "$t/err" ||
            { echo "$a: --disasm capstone without Capstone: $(cat "$t/err")"; exit 1; }
        echo "no Capstone in this build: --disasm capstone refused"
        exit 0
    done
    exit 77
fi

# the reference: Capstone's own text for "ARCH PC HEXBYTES" lines
cat > "$t/ref.c" <<'C'
#include <capstone/capstone.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    char arch[32], hex[64];
    unsigned long long pc;
    while (scanf("%31s %llx %63s", arch, &pc, hex) == 3) {
        csh h;
        int x86 = !strcmp(arch, "x86_64");
        if (cs_open(x86 ? CS_ARCH_X86 : CS_ARCH_ARM64, x86 ? CS_MODE_64 : CS_MODE_ARM, &h))
            return 1;
        unsigned char b[16];
        size_t n = strlen(hex) / 2;
        for (size_t i = 0; i < n; i++)
            sscanf(hex + 2 * i, "%2hhx", &b[i]);
        cs_insn *in;
        if (cs_disasm(h, b, n, pc, 1, &in) == 1) {
            printf("%s%s%s\n", in->mnemonic, in->op_str[0] ? " " : "", in->op_str);
            cs_free(in, 1);
        } else {
            printf("<unknown>\n");
        }
        cs_close(&h);
    }
    return 0;
}
C
# shellcheck disable=SC2046
$(conf CC) -o "$t/ref" "$t/ref.c" $(pkg-config --cflags --libs capstone 2>/dev/null || echo -lcapstone) ||
    { echo "cannot build the Capstone reference"; exit 1; }

ran=0
for a in $arches; do
    g=build/guests/$a/tests/exit42
    [ -x "$g" ] || continue
    case $a in
    x86_64|aarch64)
        ran=1
        $T --disasm capstone --trace "$t/$a.cs" --trace-format json --trace-events insn "$g" > /dev/null
        [ $? = 42 ] || { echo "$a: traced run failed"; exit 1; }
        $T --disasm trapeze --trace "$t/$a.tz" --trace-format json --trace-events insn "$g" > /dev/null
        python3 - "$a" "$t/$a.cs" "$t/$a.tz" "$t/ref" <<'PY' || exit 1
import json, subprocess, sys
arch, cs, tz, ref = sys.argv[1:]
ev = [json.loads(l) for l in open(cs)]
ins = [e for e in ev if e["ev"] == "insn"]
# enc is the encoding as a number; memory holds it little-endian
q = "".join(f"{arch} {e['pc']} {bytes.fromhex(e['enc'])[::-1].hex()}\n" for e in ins)
want = subprocess.run([ref], input=q, capture_output=True, text=True, check=True).stdout.splitlines()
if len(want) != len(ins):
    sys.exit(f"{arch}: reference gave {len(want)} lines for {len(ins)} instructions")
for e, w in zip(ins, want):
    if e["asm"] == "kcall" and w == "<unknown>":      # trapeze's private kernel entry
        continue
    if e["asm"] != w:
        sys.exit(f"{arch}: at {e['pc']} ({e['enc']}) the trace says {e['asm']!r}, Capstone {w!r}")
other = [json.loads(l)["asm"] for l in open(tz) if '"insn"' in l]
if other == [e["asm"] for e in ins]:
    sys.exit(f"{arch}: --disasm capstone changed nothing")
print(f"{arch}: {len(ins)} instructions as Capstone shows them")
PY
        ;;
    *)
        $T --disasm capstone --trace "$t/x" "$g" > /dev/null 2> "$t/err"
        [ $? = 2 ] && grep -q "no $a disassembler" "$t/err" && [ ! -s "$t/x" ] ||
            { echo "$a: --disasm capstone: $(cat "$t/err")"; exit 1; }
        echo "$a: refused: $(cat "$t/err")"
        ;;
    esac
done
$T --disasm nosuch --list-arches > /dev/null 2> "$t/err"
[ $? = 2 ] && grep -q "unknown disassembler" "$t/err" || { echo "--disasm nosuch accepted"; exit 1; }
[ $ran = 1 ] || exit 77
