#!/bin/bash
# trapeze test suite driver.  Run from anywhere: tests/check.sh [-v] [PATTERN...]
#
# Cases (a case runs when its name contains one of the PATTERNs, or always
# when none is given, and contains none of the !PATTERNs):
#   unit/NAME                 build/tests/unit/NAME, exit 0 = pass
#   ARCH/tests/NAME           a guests/lib program, trapeze vs the reference
#   ARCH/glibc/NAME           a static glibc program, trapeze vs the reference
#   disasm/ARCH/KIND/NAME     tests/disasm-compare.sh ARCH ELF (if present)
#   case/NAME                 tests/cases/NAME.sh: 0 pass, 77 skip, else fail
# The reference is the host for x86_64 and $QEMU_<arch> for the others.
# Stdout and the exit status must match (a signal death is 128+signo for
# both).  guests/<kind>/expected/<arch>/<name>.out replaces the reference's
# stdout where qemu-user is known to differ from Linux (see the README there).
#
# Environment (tests/tests.mk passes config.mk's values): TRAPEZE,
# QEMU_x86_64 QEMU_aarch64 QEMU_riscv64 QEMU_loongarch64, LLVM_OBJDUMP,
# CHECK_TIMEOUT (seconds per run, default 60), CHECK_VERBOSE=1 (or -v):
# show full diffs, CHECK_JOBS=N (or -jN): guest cases run N at a time
# (default 2).

set -u
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD

VERBOSE=${CHECK_VERBOSE:-0}
PATTERNS=()
for a in "$@"; do
    case $a in
    -v) VERBOSE=1 ;;
    -j*) CHECK_JOBS=${a#-j} ;;
    -h|--help) sed -n '2,24p' "$0"; exit 0 ;;
    *) PATTERNS+=("$a") ;;
    esac
done

TRAPEZE=${TRAPEZE:-build/trapeze}
case $TRAPEZE in /*) ;; *) TRAPEZE=$ROOT/$TRAPEZE ;; esac
TIMEOUT=${CHECK_TIMEOUT:-60}
JOBS=${CHECK_JOBS:-2}
LLVM_OBJDUMP=${LLVM_OBJDUMP-$(command -v llvm-objdump-19 || true)}
export LLVM_OBJDUMP TRAPEZE

# Reference runner per arch ("" = native).  An unset variable means "find
# it"; a variable set to "" (configure found nothing) means "none".
declare -A REF
REF[x86_64]=native
for a in aarch64 riscv64 loongarch64; do
    v=QEMU_$a
    if [ -z "${!v+set}" ]; then
        REF[$a]=$(command -v qemu-$a || true)
    else
        REF[$a]=${!v}
    fi
done
[ "$(uname -m)" = x86_64 ] || REF[x86_64]=${QEMU_x86_64-$(command -v qemu-x86_64 || true)}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/trapeze-check.XXXXXX") || exit 2
trap 'rm -rf "$WORK"' EXIT
ulimit -c 0

# Run a copy taken now, so a rebuild during the run cannot mix binaries
# (or make the binary vanish half-way).
if [ -x "$TRAPEZE" ] && cp "$TRAPEZE" "$WORK/trapeze" 2>/dev/null; then
    TRAPEZE=$WORK/trapeze
fi

PASS=0 FAIL=0 SKIP=0

# A case runs if its name contains one of the patterns (or there are none)
# and none of the "!pattern"s.
selected() {
    local p inc=0 hit=0
    for p in "${PATTERNS[@]}"; do
        case $p in
        '!'*) case $1 in *"${p#!}"*) return 1 ;; esac ;;
        *) inc=1; case $1 in *"$p"*) hit=1 ;; esac ;;
        esac
    done
    [ $inc = 0 ] || [ $hit = 1 ]
}

ok() { PASS=$((PASS + 1)); printf 'ok   %s\n' "$1"; }
skip() { SKIP=$((SKIP + 1)); printf 'skip %s: %s\n' "$1" "$2"; }
fail() {
    FAIL=$((FAIL + 1))
    printf 'FAIL %s: %s\n' "$1" "$2"
    if [ -n "${3:-}" ] && [ -s "$3" ]; then
        if [ "$VERBOSE" = 1 ]; then sed 's/^/     /' "$3"; else head -n 12 "$3" | sed 's/^/     /'; fi
    fi
}

signame() {
    local s=$1
    if [ "$s" -gt 128 ] && [ "$s" -lt 160 ]; then
        printf '%s (SIG%s)' "$s" "$(kill -l $((s - 128)) 2>/dev/null || echo ?)"
    elif [ "$s" = 124 ]; then
        printf '124 (timeout %ss)' "$TIMEOUT"
    else
        printf '%s' "$s"
    fi
}

# run OUT ERR ARGSFILE STDIN CMD...: run in a fresh empty directory with a
# fixed environment; the exit status (128+sig for a signal death) goes to
# OUT.status.
run() {
    local out=$1 err=$2 argsf=$3 in=$4
    shift 4
    local args=()
    [ -n "$argsf" ] && mapfile -t args < "$argsf"
    local dir
    dir=$(mktemp -d "$WORK/cwd.XXXXXX")
    # The outer braces take bash's "Segmentation fault" notice.
    { (
        cd "$dir" && umask 022 &&
        exec env -i PATH=/usr/bin:/bin HOME=/nonexistent LANG=C LC_ALL=C \
            TZ=UTC USER=guest TERM=dumb \
            timeout -k 5 "$TIMEOUT" "$@" "${args[@]}" < "$in" > "$out" 2> "$err"
    ); } 2>/dev/null
    echo $? > "$out.status"
    rm -rf "$dir"
}

# First file among the arguments that exists, or "".
first() {
    local f
    for f in "$@"; do [ -e "$f" ] && { echo "$f"; return; }; done
    echo ""
}

# ---- (a) host unit tests -------------------------------------------------
if [ -d build/tests/unit ]; then
    for t in build/tests/unit/*; do
        [ -f "$t" ] && [ -x "$t" ] || continue
        name=unit/$(basename "$t")
        selected "$name" || continue
        timeout -k 5 "$TIMEOUT" "$t" > "$WORK/unit.out" 2>&1
        s=$?
        if [ $s = 0 ]; then ok "$name"; else fail "$name" "exit status $(signame $s)" "$WORK/unit.out"; fi
    done
fi

# ---- (b) guest programs: trapeze vs the reference -------------------------
RUN_ARCHES=""
if [ -x "$TRAPEZE" ]; then
    RUN_ARCHES=$("$TRAPEZE" --list-arches 2>/dev/null | tr '\n' ' ')
fi

# guest_case ARCH KIND NAME ELF
guest_case() {
    local arch=$1 kind=$2 name=$3 elf=$4
    local cname=$arch/$kind/$name
    selected "$cname" || return
    if [ ! -x "$TRAPEZE" ]; then skip "$cname" "no build/trapeze (make all)"; return; fi
    case " $RUN_ARCHES " in
    *" $arch "*) ;;
    *) skip "$cname" "trapeze does not run $arch yet"; return ;;
    esac
    local ref=${REF[$arch]}
    local srcdir=guests/$kind
    local base=${name%-pie}
    local argsf instdin expected
    argsf=$(first "$srcdir/$arch/$name.args" "$srcdir/$name.args" "$srcdir/$arch/$base.args" "$srcdir/$base.args")
    instdin=$(first "$srcdir/$arch/$name.stdin" "$srcdir/$name.stdin")
    if [ -n "$instdin" ]; then instdin=$ROOT/$instdin; else instdin=/dev/null; fi
    expected=$(first "$srcdir/expected/$arch/$name.out" "$srcdir/$arch/expected/$name.out")
    local w=$WORK/$arch.$kind.$name
    if [ -z "$ref" ]; then
        skip "$cname" "no reference for $arch (qemu-$arch not installed)"
        return
    fi
    if [ "$ref" = native ]; then
        run "$w.ref" "$w.referr" "$argsf" "$instdin" "$elf"
    else
        run "$w.ref" "$w.referr" "$argsf" "$instdin" $ref "$elf"
    fi
    run "$w.tz" "$w.tzerr" "$argsf" "$instdin" "$TRAPEZE" "$elf"
    local rs ts
    rs=$(cat "$w.ref.status")
    ts=$(cat "$w.tz.status")
    if [ "$rs" = 124 ]; then
        fail "$cname" "the reference timed out" "$w.referr"
        return
    fi
    local want=$w.ref
    [ -n "$expected" ] && want=$expected
    if ! cmp -s "$want" "$w.tz"; then
        diff -u --label "reference${expected:+ ($expected)}" --label trapeze "$want" "$w.tz" \
            | tail -n +3 | grep -E '^[-+]' > "$w.diff"
        local why="stdout differs"
        [ "$rs" != "$ts" ] && why="$why; exit status $(signame "$ts"), reference $(signame "$rs")"
        if [ -s "$w.tzerr" ]; then
            { echo "-- trapeze stderr:"; head -n 3 "$w.tzerr"; } >> "$w.diff"
        fi
        fail "$cname" "$why" "$w.diff"
        return
    fi
    if [ "$rs" != "$ts" ]; then
        head -n 5 "$w.tzerr" > "$w.diff"
        fail "$cname" "exit status $(signame "$ts"), reference $(signame "$rs")" "$w.diff"
        return
    fi
    ok "$cname"
}

# Guest cases run CHECK_JOBS at a time (each job: reference, then trapeze);
# results are printed in order.  Each job writes its result lines to
# res.N.part and renames it to res.N when done.
N_CASES=0 N_PRINTED=0
collect() {
    local f l
    while [ $N_PRINTED -lt $N_CASES ] && [ -e "$WORK/res.$N_PRINTED" ]; do
        f=$WORK/res.$N_PRINTED
        cat "$f"
        while IFS= read -r l; do
            case $l in
            "ok   "*) PASS=$((PASS + 1)) ;;
            "FAIL "*) FAIL=$((FAIL + 1)) ;;
            "skip "*) SKIP=$((SKIP + 1)) ;;
            esac
        done < "$f"
        N_PRINTED=$((N_PRINTED + 1))
    done
}
for archdir in build/guests/*/; do
    [ -d "$archdir" ] || continue
    arch=$(basename "$archdir")
    for kind in tests glibc; do
        for elf in "$archdir$kind"/*; do
            [ -f "$elf" ] && [ -x "$elf" ] || continue
            name=$(basename "$elf")
            selected "$arch/$kind/$name" || continue
            while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; collect; done
            i=$N_CASES
            ( guest_case "$arch" "$kind" "$name" "$ROOT/$elf" > "$WORK/res.$i.part" 2>&1
              mv "$WORK/res.$i.part" "$WORK/res.$i" ) &
            N_CASES=$((N_CASES + 1))
            collect
        done
    done
done
wait
collect

# ---- (c) disassembly against llvm-objdump ---------------------------------
if [ -x tests/disasm-compare.sh ] || [ -f tests/disasm-compare.sh ]; then
    for archdir in build/guests/*/; do
        [ -d "$archdir" ] || continue
        arch=$(basename "$archdir")
        for kind in tests glibc bench; do
            for elf in "$archdir$kind"/*; do
                [ -f "$elf" ] && [ -x "$elf" ] || continue
                name=disasm/$arch/$kind/$(basename "$elf")
                selected "$name" || continue
                if [ -z "$LLVM_OBJDUMP" ]; then skip "$name" "no llvm-objdump-19"; continue; fi
                timeout -k 5 "$TIMEOUT" bash tests/disasm-compare.sh "$arch" "$elf" > "$WORK/dis.out" 2>&1
                s=$?
                case $s in
                0) ok "$name" ;;
                77) skip "$name" "$(tail -n 1 "$WORK/dis.out")" ;;
                *) fail "$name" "exit status $(signame $s)" "$WORK/dis.out" ;;
                esac
            done
        done
    done
fi

# ---- (d) scripted cases ------------------------------------------------------
export QEMU_x86_64="${REF[x86_64]}" QEMU_aarch64="${REF[aarch64]}" \
    QEMU_riscv64="${REF[riscv64]}" QEMU_loongarch64="${REF[loongarch64]}" \
    TRAPEZE_ARCHES="$RUN_ARCHES" CHECK_TIMEOUT="$TIMEOUT"
for c in tests/cases/*.sh; do
    [ -f "$c" ] || continue
    name=case/$(basename "$c" .sh)
    selected "$name" || continue
    timeout -k 5 $((TIMEOUT * 5)) bash "$c" > "$WORK/case.out" 2>&1
    s=$?
    case $s in
    0) ok "$name" ;;
    77) skip "$name" "$(tail -n 1 "$WORK/case.out")" ;;
    *) fail "$name" "exit status $(signame $s)" "$WORK/case.out" ;;
    esac
done

if [ $SKIP -gt 0 ]; then
    echo "$PASS passed, $FAIL failed, $SKIP skipped"
else
    echo "$PASS passed, $FAIL failed"
fi
[ $FAIL = 0 ]
