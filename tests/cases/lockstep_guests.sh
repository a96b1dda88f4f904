#!/bin/bash
# Lockstep of the guest test programs (docs/difftest.md): every program in
# build/guests/ARCH/tests/ and the static glibc ones in build/guests/ARCH/glibc/
# runs under `trapeze --difftest`, against the host CPU for x86_64
# (`native:DIR`) and against `qemu-ARCH -g` for aarch64, riscv64 and
# loongarch64, and must end with "no difference" and the summary line's
# "0 divergences", with the exit status the program has alone.
#
# The two sides run in two directories that start alike (files a program
# creates must not be seen by the other side), with the environment and
# arguments tests/check.sh gives the same program.
#
# How each program is compared is chosen in mode() below: per instruction
# where that is affordable (a few thousand instructions a second against
# qemu, a few more natively), otherwise at system instructions
# (--difftest-at-syscalls) or, for long computations with few syscalls,
# --difftest-every 1000000 too.  Programs the references cannot follow are
# excluded there with the reason; the case prints them as "skip" lines.
# LOCKSTEP_ONLY="ARCH/NAME ..." runs only those.
cd "$(dirname "$0")/../.." || exit 1
T=${TRAPEZE:-build/trapeze}
case $T in /*) ;; *) T=$PWD/$T ;; esac
[ -x "$T" ] || { echo "no $T"; exit 77; }
ROOT=$PWD

# mode ARCH KIND NAME: prints "full", "sys", "every" or "skip REASON"
mode() {
    local arch=$1 kind=$2 n=$3
    case $n in
    *-pie) echo "skip the two loaders put a PIE at different bases"; return ;;
    threads|atomics_mt|die_thread|threads_die)
        echo "skip several threads: lockstep follows one"; return ;;
    sigrestart|sigconf)
        echo "skip interval timers deliver signals at instructions that differ on the two sides"; return ;;
    esac
    if [ "$arch" != x86_64 ]; then
        case $n in
        exec) echo "skip qemu-user cannot execve a guest binary (no binfmt_misc)"; return ;;
        bigout) echo "skip 20000 write syscalls: two stops each, about a minute per arch against a gdb stub (printf covers the same path)"; return ;;
        esac
    fi
    case $arch/$n in
    x86_64/insn_int)
        echo "skip the host (AMD) and the model (Intel) differ in flags the SDM leaves undefined after mul, and the test pushes them to memory (pushf)"; return ;;
    riscv64/traps)
        echo "skip qemu-riscv64 7.2 under a gdb stub kills the guest when the debugger passes on the SIGTRAP of ebreak"; return ;;
    riscv64/insn_rand)
        echo "skip 12800 SIGILL deliveries (random encodings): two stops each, over a minute against a gdb stub"; return ;;
    loongarch64/mmap)
        echo "skip qemu-loongarch64 7.2 gives SIGSEGV, not the kernel's SIGBUS, for a file page past its end (guests/tests/expected/README.md)"; return ;;
    riscv64/bigmem)
        echo "skip qemu-riscv64 maps no vdso and places a 256 MiB mapping where trapeze's vdso is: it cannot be moved to the reference's address"; return ;;
    esac
    # per instruction: short programs (instructions under trapeze alone)
    case $n in
    exit42|exit_wrap|die_abort|die_jump|die_kill|die_rodata|die_segv|die_sigill|die_sigtrap|vdso)
        echo full; return ;;
    esac
    # proc: the two sides' pids differ (paired), so values computed from
    # two of them (c ^ me) differ right after; they are dead at syscalls
    [ "$arch" = x86_64 ] && [ "$n" = proc ] && { echo full; return; }
    [ "$arch" = x86_64 ] && case $n in exec|unaligned|sysinfo|smc) echo full; return ;; esac
    # long computations: also every million instructions (where a loop ends)
    case $n in
    compute|insn_*|fuzz_*|math|qsort|printf_float) echo every; return ;;
    esac
    echo sys
}

ARCHES=()
if [ "$(uname -m)" = x86_64 ] && "$T" --list-arches | grep -qx x86_64; then
    ARCHES+=(x86_64)
fi
declare -A QEMU
for a in aarch64 riscv64 loongarch64; do
    v=QEMU_$a
    QEMU[$a]=${!v-$(command -v qemu-$a)}
    "$T" --list-arches | grep -qx $a && [ -n "${QEMU[$a]}" ] && ARCHES+=($a)
done
[ ${#ARCHES[@]} -gt 0 ] || { echo "no arch with a reference"; exit 77; }

W=$(mktemp -d) || exit 1
trap 'jobs -p | xargs -r kill 2> /dev/null; rm -rf "$W"' EXIT

# one ARCH KIND NAME: runs it, writes $W/res/ID ("ok ..." or "FAIL ...")
one() {
    local arch=$1 kind=$2 n=$3 id=$1-$2-$3
    local elf=$ROOT/build/guests/$arch/$kind/$n m opts=()
    m=$(mode "$arch" "$kind" "$n")
    case $m in
    full) ;;
    sys) opts=(--difftest-at-syscalls) ;;
    every) opts=(--difftest-every 1000000) ;;
    skip*) echo "skip $arch/$kind/$n: ${m#skip }" > "$W/res/$id"; return ;;
    esac
    local base=${n%-pie} args=() in=/dev/null d=$W/$id
    local af=$ROOT/guests/$kind/$base.args sf=$ROOT/guests/$kind/$base.stdin
    [ -f "$af" ] && mapfile -t args < "$af"
    [ -f "$sf" ] && in=$sf
    mkdir -p "$d/me" "$d/ref"
    local E=(env -i PATH=/usr/bin:/bin HOME=/nonexistent LANG=C LC_ALL=C TZ=UTC USER=guest TERM=dumb)
    local want rc ref rp=
    # the program's own status, from its reference alone
    if [ "$arch" = x86_64 ]; then
        (cd "$d/ref" && ulimit -c 0 && exec "${E[@]}" timeout -k 5 60 "$elf" "${args[@]}" < "$in" > /dev/null 2>&1)
        want=$?
        rm -rf "$d/ref" && mkdir "$d/ref"
        ref=native:$d/ref
    else
        local QR=()
        [ "$arch" = riscv64 ] && QR=(-R 0x4000000000)
        [ "$arch" = aarch64 ] && QR=(-cpu cortex-a72)
        (cd "$d/ref" && ulimit -c 0 && exec "${E[@]}" timeout -k 5 60 "${QEMU[$arch]}" "${QR[@]}" "$elf" "${args[@]}" < "$in" > /dev/null 2>&1)
        want=$?
        rm -rf "$d/ref" && mkdir "$d/ref"
        (cd "$d/ref" && ulimit -c 0 && exec "${E[@]}" timeout -k 5 200 "${QEMU[$arch]}" "${QR[@]}" -g "$d/q.sock" "$elf" "${args[@]}" < "$in" > /dev/null 2>&1) &
        rp=$!
        for _ in $(seq 100); do [ -S "$d/q.sock" ] && break; sleep 0.05; done
        ref=gdb:unix:$d/q.sock
    fi
    local t0=$SECONDS
    (cd "$d/me" && ulimit -c 0 && exec "${E[@]}" timeout -k 5 180 "$T" --difftest "$ref" "${opts[@]}" "$elf" "${args[@]}" < "$in" > /dev/null 2> "$d/err")
    rc=$?
    [ -n "$rp" ] && { kill $rp 2> /dev/null; wait $rp 2> /dev/null; }
    local sum
    sum=$(grep -m1 '^difftest: [0-9]* instructions' "$d/err")
    if [ $rc = "$want" ] && grep -q '^difftest: no difference' "$d/err" && [[ $sum == *", 0 divergences,"* ]]; then
        echo "ok   $arch/$kind/$n ($m, $((SECONDS - t0)) s): ${sum#difftest: }" > "$W/res/$id"
    else
        { echo "FAIL $arch/$kind/$n ($m): status $rc, alone $want"; grep -v '^difftest: \(moved\|after\|signal frame\|siginfo\|.* points at code\|.* taken\)' "$d/err" | head -30 | sed 's/^/     /'; } > "$W/res/$id"
    fi
    rm -rf "$d"
}

mkdir -p "$W/res"
list=()
for a in "${ARCHES[@]}"; do
    for kind in tests glibc; do
        [ -d build/guests/$a/$kind ] || continue
        for f in build/guests/$a/$kind/*; do
            [ -f "$f" ] && [ -x "$f" ] || continue
            n=$(basename "$f")
            if [ -n "${LOCKSTEP_ONLY:-}" ]; then
                case " $LOCKSTEP_ONLY " in *" $a/$n "*) ;; *) continue ;; esac
            fi
            list+=("$a $kind $n")
        done
    done
done

# three at a time: each run mostly waits on the other process
for job in "${list[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge 3 ]; do wait -n; done
    { one $job 2> /dev/null & } 2> /dev/null
done
wait

fail=0
for job in "${list[@]}"; do
    set -- $job
    r=$W/res/$1-$2-$3
    [ -f "$r" ] || { echo "FAIL $1/$2/$3: no result"; fail=1; continue; }
    cat "$r"
    grep -q '^FAIL' "$r" && fail=1
done
exit $fail
