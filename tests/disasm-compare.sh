#!/bin/bash
# Compare trapeze's disassembler with llvm-objdump-19, instruction by
# instruction, for every executable section of the given ELF files.
#
#   tests/disasm-compare.sh ARCH ELF...
#
# Both sides print "address: text" lines; llvm-objdump's trailing symbol
# annotations (" <sym+0x10>") are dropped, since trapeze prints bare
# targets.  Exit status: 0 all equal, 1 some differ (the first differences
# are shown), 77 skipped (the last line says why), 2 usage error.
# Environment: TRAPEZE (default build/trapeze), LLVM_OBJDUMP
# (default llvm-objdump-19), DISASM_MAX_DIFFS (default 20).
set -u
arch=${1:-}
[ -n "$arch" ] && [ $# -ge 2 ] || { echo "usage: $0 ARCH ELF..." >&2; exit 2; }
shift
TRAPEZE=${TRAPEZE:-build/trapeze}
LLVM_OBJDUMP=${LLVM_OBJDUMP:-llvm-objdump-19}
MAX=${DISASM_MAX_DIFFS:-20}

command -v "$LLVM_OBJDUMP" > /dev/null 2>&1 || { echo "no $LLVM_OBJDUMP"; exit 77; }
[ -x "$TRAPEZE" ] || { echo "no $TRAPEZE (make all)"; exit 77; }
"$TRAPEZE" --list-arches 2> /dev/null | grep -qx "$arch" ||
    { echo "trapeze does not know $arch yet"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# "   1141a:	sd	ra, 0x8(sp)" -> "1141a	sd	ra, 0x8(sp)"
normalize() {
    awk '
    /^ *[0-9a-f]+:[ \t]/ {
        line = $0
        sub(/^ */, "", line)
        addr = line; sub(/:.*/, "", addr)
        text = line; sub(/^[0-9a-f]+:[ \t]*/, "", text)
        sub(/[ \t]+<[^<>]*>$/, "", text)
        sub(/[ \t]+$/, "", text)
        sub(/^0+/, "", addr); if (addr == "") addr = "0"
        print addr "\t" text
    }'
}

status=0
for elf in "$@"; do
    if ! "$LLVM_OBJDUMP" -d --no-show-raw-insn "$elf" > "$tmp/ref.raw" 2> "$tmp/ref.err"; then
        echo "$elf: llvm-objdump failed: $(head -n 1 "$tmp/ref.err")"
        status=1
        continue
    fi
    if ! "$TRAPEZE" --objdump "$elf" > "$tmp/our.raw" 2> "$tmp/our.err"; then
        echo "$elf: trapeze --objdump failed: $(head -n 1 "$tmp/our.err")"
        status=1
        continue
    fi
    normalize < "$tmp/ref.raw" > "$tmp/ref"
    normalize < "$tmp/our.raw" > "$tmp/our"
    n=$(wc -l < "$tmp/ref")
    if cmp -s "$tmp/ref" "$tmp/our"; then
        echo "$elf: $n instructions, all equal"
        continue
    fi
    status=1
    # Pair lines by address: differing text, and addresses only one side has.
    awk -F'\t' -v max="$MAX" '
    FNR == NR { ref[$1] = $2; order[++n] = $1; next }
    { our[$1] = $2 }
    END {
        for (i = 1; i <= n; i++) {
            a = order[i]
            if (!(a in our)) { bad++; if (bad <= max) printf "  %s: llvm \"%s\", trapeze: (no instruction here)\n", a, ref[a]; continue }
            if (ref[a] != our[a]) { bad++; if (bad <= max) printf "  %s: llvm \"%s\", trapeze \"%s\"\n", a, ref[a], our[a] }
        }
        for (a in our) if (!(a in ref)) extra++
        printf "%d of %d instructions differ", bad, n
        if (extra) printf ", %d addresses only trapeze decoded", extra
        printf "\n"
    }' "$tmp/ref" "$tmp/our" > "$tmp/report"
    echo "$elf: $(tail -n 1 "$tmp/report")"
    head -n -1 "$tmp/report"
done
exit $status
