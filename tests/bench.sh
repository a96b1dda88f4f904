#!/bin/bash
# Time guests/bench programs under trapeze and under the references, in the
# same run: tests/bench.sh [PATTERN...]  (patterns match "arch/bench").
#
# For each arch trapeze runs (build/trapeze --list-arches) and each
# benchmark: wall time under trapeze, under qemu-<arch> (and natively for
# x86_64), the ratio qemu_time / trapeze_time (above 1 = trapeze faster),
# and trapeze's MIPS when it prints "insns N" on stderr with --stats.
# Ends with the median ratio per arch.  Outputs are checked against the
# reference's; a mismatch is flagged.  BENCH_REPEAT=N keeps the best of N
# runs of each (default 1); BENCH_TIMEOUT (default 300 s) bounds one run.
#
# The cost of tracing when it is off: when build/notrace/trapeze exists
# (`make notrace`: the same sources with the tracer compiled out, as
# configure --disable-trace does; make bench builds it), each benchmark
# also runs under it and the column tz/notr is trapeze's time over its
# time (1.00: tracing costs nothing while off).  Then one benchmark per
# arch (BENCH_TRACED, default sort; it takes no signals) runs with
# --trace-events signal-path, and the line says how its time compares.
# On a busy machine single runs move by 10-30%: BENCH_REPEAT=3 steadies the
# tz/notr column (both take the best of their runs).

set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
TRAPEZE=${TRAPEZE:-build/trapeze}
case $TRAPEZE in /*) ;; *) TRAPEZE=$ROOT/$TRAPEZE ;; esac
NOTRACE=${NOTRACE_TRAPEZE:-build/notrace/trapeze}
case $NOTRACE in /*) ;; *) NOTRACE=$ROOT/$NOTRACE ;; esac
[ -x "$NOTRACE" ] || NOTRACE=
if [ -n "$NOTRACE" ] && [ "$NOTRACE" -ot "$TRAPEZE" ]; then
    echo "bench: $NOTRACE is older than $TRAPEZE: its column would compare other code" \
         "(make notrace; make bench does it)" >&2
    NOTRACE=
fi
TRACED=${BENCH_TRACED:-sort}
TIMEOUT=${BENCH_TIMEOUT:-300}
REPEAT=${BENCH_REPEAT:-1}

declare -A REF
for a in x86_64 aarch64 riscv64 loongarch64; do
    v=QEMU_$a
    if [ -z "${!v+set}" ]; then REF[$a]=$(command -v qemu-$a || true); else REF[$a]=${!v}; fi
done

if [ ! -x "$TRAPEZE" ]; then
    echo "bench: no $TRAPEZE (make all first)" >&2
    exit 1
fi
ARCHES=$("$TRAPEZE" --list-arches 2>/dev/null)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/trapeze-bench.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT

selected() {
    [ $# -gt 1 ] || return 0
    local n=$1 p
    shift
    for p in "$@"; do case $n in *"$p"*) return 0 ;; esac; done
    return 1
}

# timed OUT ERR CMD...: prints the best wall time in seconds of REPEAT
# runs; the last run's status goes to OUT.status
timed() {
    local out=$1 err=$2
    shift 2
    local t0 t1 best="" i
    for ((i = 0; i < REPEAT; i++)); do
        t0=$(date +%s.%N)
        timeout "$TIMEOUT" "$@" > "$out" 2> "$err" < /dev/null
        echo $? > "$out.status"
        t1=$(date +%s.%N)
        best=$(awk -v a="$t0" -v b="$t1" -v best="$best" \
            'BEGIN { t = b - a; if (best != "" && best + 0 < t) t = best; printf "%.3f", t }')
    done
    echo "$best"
}

STATS=unknown
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
median() {
    sort -g | awk '{ v[NR] = $1 }
        END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

printf '%-12s %-8s %9s %9s %9s %8s %9s %8s  %s\n' arch bench trapeze qemu native \
    qemu/tz MIPS tz/notr check
offratios=()
for arch in $ARCHES; do
    ratios=()
    for elf in build/guests/$arch/bench/*; do
        [ -x "$elf" ] || continue
        b=$(basename "$elf")
        selected "$arch/$b" "$@" || continue
        w=$WORK/$arch.$b
        # trapeze, with --stats when it knows the option
        if [ $STATS = unknown ]; then
            if "$TRAPEZE" --stats --list-arches > /dev/null 2>&1; then STATS=yes; else STATS=no; fi
        fi
        if [ $STATS = yes ]; then
            tt=$(timed "$w.tz" "$w.tzerr" "$TRAPEZE" --stats "$ROOT/$elf")
        else
            tt=$(timed "$w.tz" "$w.tzerr" "$TRAPEZE" "$ROOT/$elf")
        fi
        insns=$(sed -n 's/.*\<insns[ :=]*\([0-9][0-9]*\).*/\1/p' "$w.tzerr" | tail -n 1)
        qt=- nt=- ratio=- mips=- check=ok
        ref=""
        if [ -n "${REF[$arch]}" ] && { [ "$arch" != x86_64 ] || [ "$(uname -m)" != x86_64 ]; }; then
            qt=$(timed "$w.q" "$w.qerr" ${REF[$arch]} "$ROOT/$elf")
            ref=$w.q
        elif [ "$arch" = x86_64 ] && [ -n "${REF[x86_64]}" ]; then
            qt=$(timed "$w.q" "$w.qerr" ${REF[x86_64]} "$ROOT/$elf")
            ref=$w.q
        fi
        if [ "$arch" = x86_64 ] && [ "$(uname -m)" = x86_64 ]; then
            nt=$(timed "$w.n" "$w.nerr" "$ROOT/$elf")
            ref=${ref:-$w.n}
        fi
        if [ "$(cat "$w.tz.status")" != 0 ]; then
            check="FAIL (status $(cat "$w.tz.status"): $(head -n 1 "$w.tzerr"))"
        elif [ -n "$ref" ] && ! cmp -s "$ref" "$w.tz"; then
            check="FAIL (output differs)"
        fi
        if [ "$qt" != - ]; then
            ratio=$(awk -v q="$qt" -v t="$tt" 'BEGIN { printf "%.2f", (t > 0 ? q / t : 0) }')
            [ "${check%% *}" = ok ] && ratios+=("$ratio")
        fi
        if [ -n "$insns" ]; then
            mips=$(awk -v n="$insns" -v t="$tt" 'BEGIN { printf "%.1f", (t > 0 ? n / t / 1e6 : 0) }')
        fi
        # the same program under the trace-less build, right after
        off=-
        if [ -n "$NOTRACE" ]; then
            ot=$(timed "$w.nt" "$w.nterr" "$NOTRACE" "$ROOT/$elf")
            if [ "$(cat "$w.nt.status")" = 0 ] && cmp -s "$w.nt" "$w.tz"; then
                off=$(ratio "$tt" "$ot")
                offratios+=("$off")
            else
                check="$check; notrace build FAILED"
            fi
        fi
        printf '%-12s %-8s %8ss %8s%s %8s%s %8s %9s %8s  %s\n' "$arch" "$b" "$tt" \
            "$qt" "$([ "$qt" = - ] && echo " " || echo s)" \
            "$nt" "$([ "$nt" = - ] && echo " " || echo s)" "$ratio" "$mips" "$off" "$check"
        if [ "$b" = "$TRACED" ]; then
            st=$(timed "$w.sp" "$w.sperr" "$TRAPEZE" --trace "$w.sptrace" \
                --trace-events signal-path "$ROOT/$elf")
            spcheck=ok
            [ "$(cat "$w.sp.status")" = 0 ] && cmp -s "$w.sp" "$w.tz" || spcheck=FAIL
            echo "$arch: $b with --trace-events signal-path: ${st}s, $(ratio "$st" "$tt")x the plain run ($spcheck)"
        fi
    done
    if [ ${#ratios[@]} -gt 0 ]; then
        med=$(printf '%s\n' "${ratios[@]}" | median)
        echo "$arch: median qemu/trapeze ratio $med (${#ratios[@]} benchmarks)"
    fi
done
if [ ${#offratios[@]} -gt 0 ]; then
    echo "tracing compiled in but off, against compiled out (build/notrace): median time ratio" \
        "$(printf '%s\n' "${offratios[@]}" | median) over ${#offratios[@]} benchmarks (1.00 = no cost)"
fi
