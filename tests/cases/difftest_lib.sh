# Shared by tests/cases/difftest_<arch>.sh (sourced; alone it skips).
# difftest_case ARCH: one small guest built twice, differing in one
# immediate (VAL=1 / VAL=2).
#  1. trapeze --difftest gdb:unix:SOCK against qemu-ARCH -g SOCK on the
#     same binary: no difference, trapeze exits as qemu alone does.
#  2. the same against `trapeze -g` as the reference (the stub as a
#     reference, and determinism).
#  3. against qemu running the VAL=2 build: the divergence is reported at
#     the first instruction where llvm-objdump shows the builds differ.
#  4. the coarse modes: --difftest-at-syscalls and --difftest-every 100
#     find no difference in (1); against the VAL=2 build --difftest-every
#     reports an interval (A, B], and the command it prints
#     (--difftest-from A) compares each instruction from A on and stops
#     inside the interval.  (Memory is not compared: at -O0 the two
#     builds differ in registers again only where VAL is loaded late.)
# Every run must end with the summary line.
# Loopback (Unix sockets in a temp dir) only; every run has a timeout.
[ "${BASH_SOURCE[0]}" = "$0" ] && { echo "helper, not a case"; exit 77; }
. "$(dirname "${BASH_SOURCE[0]}")/gdb_lib.sh"

difftest_case() {
    local arch=$1
    cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
    local T=${TRAPEZE:-build/trapeze}
    case $T in /*) ;; *) T=$PWD/$T ;; esac
    [ -x "$T" ] || { echo "no $T"; exit 77; }
    "$T" --list-arches | grep -qx "$arch" || { echo "$arch not in this build"; exit 77; }
    local Q
    Q=$(command -v "qemu-$arch") || { echo "no qemu-$arch"; exit 77; }
    command -v clang-19 > /dev/null && command -v ld.lld-19 > /dev/null &&
        command -v llvm-objdump-19 > /dev/null || { echo "no clang-19/ld.lld-19/llvm-objdump-19"; exit 77; }

    local t
    t=$(mktemp -d) || exit 1
    pids=()
    trap 'for p in "${pids[@]}"; do kill $p 2> /dev/null; done; rm -rf "$t"' EXIT
    difftest_prog "$t"
    local v
    for v in 1 2; do
        sed "s/VAL/$v/" "$t/prog.c" > "$t/prog$v.c"
        gdb_build_guest "$arch" "$t/prog$v" "$t/prog$v.c" > "$t/build.log" 2>&1 ||
            { cat "$t/build.log"; echo "cannot build the guest"; exit 1; }
    done
    difftest_pairs "$arch" "$t" "$T" "$Q"
}

difftest_prog() {
    cat > "$1/prog.c" <<'EOF'
#include "rt.h"

__attribute__((noinline)) unsigned long start_value(void)
{
    return VAL;
}

static unsigned long mix(unsigned long h, unsigned long v)
{
    h ^= v;
    h *= 0x100000001b3ul;
    return h ^ (h >> 29);
}

int main(void)
{
    unsigned long h = start_value(), first = h;
    for (int i = 0; i < 200; i++) {
        h = mix(h, (unsigned long)i * 7 + h % 13);
        if (h & 1)
            h += h / (unsigned long)(i + 3);
    }
    char buf[17];
    for (int i = 0; i < 16; i++)
        buf[i] = "0123456789abcdef"[(h >> (4 * (15 - i))) & 15];
    buf[16] = '\n';
    write(1, buf, 17);
    /* the two builds' hashes meet at once: keep VAL alive to the end */
    return (int)((h + first) & 63);
}
EOF
}

difftest_pairs() {
    local arch=$1 t=$2 T=$3 Q=$4
    # qemu-riscv64 puts its stack above Sv39's 256 GiB user space; keep it inside
    local QR=()
    [ "$arch" = riscv64 ] && QR=(-R 0x4000000000)
    # trapeze models a Cortex-A72 (no BTI: qemu's default CPU sets PSTATE.BTYPE)
    [ "$arch" = aarch64 ] && QR=(-cpu cortex-a72)
    local ok=1
    timeout 30 "$Q" "$t/prog1" > "$t/want.out"
    local want=$?

    summary='^difftest: [0-9]+ instructions, [0-9]+ compared, [01] divergences?, [0-9.]+ s'
    run_pair() {   # NAME REFERENCE-COMMAND... ; the reference listens on $t/NAME.sock
        local name=$1
        shift
        "$@" > "$t/$name.ref.out" 2> "$t/$name.ref.err" &
        local rp=$!
        pids+=($rp)
        for _ in $(seq 100); do [ -S "$t/$name.sock" ] && break; sleep 0.05; done
        timeout 60 "$T" --difftest "gdb:unix:$t/$name.sock" "${DTOPTS[@]}" "$t/${PROG:-prog1}" > "$t/$name.out" 2> "$t/$name.err"
        local rc=$?
        kill $rp 2> /dev/null
        wait $rp 2> /dev/null
        return $rc
    }

    DTOPTS=()
    run_pair qemu "$Q" "${QR[@]}" -g "$t/qemu.sock" "$t/prog1"
    local rc=$?
    if [ $rc != "$want" ] || ! grep -q '^difftest: no difference' "$t/qemu.err" ||
       ! grep -qE "$summary" "$t/qemu.err" || ! cmp -s "$t/want.out" "$t/qemu.out"; then
        echo "vs qemu: status $rc (want $want)"; sed 's/^/  /' "$t/qemu.err" | head -40; ok=0
    fi
    local mode
    for mode in --difftest-at-syscalls "--difftest-every 100"; do
        read -ra DTOPTS <<< "$mode"
        run_pair coarse "$Q" "${QR[@]}" -g "$t/coarse.sock" "$t/prog1"
        rc=$?
        if [ $rc != "$want" ] || ! grep -q '^difftest: no difference' "$t/coarse.err" ||
           ! grep -qE "$summary" "$t/coarse.err"; then
            echo "vs qemu, $mode: status $rc (want $want)"; sed 's/^/  /' "$t/coarse.err" | head -40; ok=0
        fi
    done
    DTOPTS=()

    run_pair self "$T" -g "unix:$t/self.sock" "$t/prog1"
    rc=$?
    if [ $rc != "$want" ] || ! grep -q '^difftest: no difference' "$t/self.err"; then
        echo "vs trapeze -g: status $rc (want $want)"; sed 's/^/  /' "$t/self.err" | head -40; ok=0
    fi

    # where the two builds differ, as llvm-objdump sees them
    llvm-objdump-19 -d --no-show-raw-insn "$t/prog1" | grep -E '^ +[0-9a-f]+:' > "$t/d1"
    llvm-objdump-19 -d --no-show-raw-insn "$t/prog2" | grep -E '^ +[0-9a-f]+:' > "$t/d2"
    local addr
    addr=$(diff "$t/d1" "$t/d2" | grep -m1 '^<' | sed -E 's/^< +([0-9a-f]+):.*/\1/')
    [ -n "$addr" ] || { echo "the two builds do not differ in code?"; exit 1; }
    "$Q" "${QR[@]}" -g "$t/diff.sock" "$t/prog2" > "$t/diff.ref.out" 2>&1 &
    local rp=$!
    pids+=($rp)
    for _ in $(seq 100); do [ -S "$t/diff.sock" ] && break; sleep 0.05; done
    timeout 60 "$T" --difftest "gdb:unix:$t/diff.sock" "$t/prog1" > "$t/diff.out" 2> "$t/diff.err"
    rc=$?
    kill $rp 2> /dev/null
    wait $rp 2> /dev/null
    if [ $rc != 99 ] || ! grep -qE "^=> +0x$addr:" "$t/diff.err" ||
       ! grep -qE '^difftest: DIVERGED after [0-9]+ instructions: 1 register differs' "$t/diff.err"; then
        echo "vs a build that differs at 0x$addr: status $rc (want 99)"
        sed 's/^/  /' "$t/diff.err" | head -40
        ok=0
    fi
    [ "${DIFFTEST_SHOW:-0}" = 1 ] && cat "$t/diff.err"

    # coarse: the interval, then the printed command finds the instruction
    DTOPTS=(--difftest-every 100)
    PROG=prog1 run_pair coarsediff "$Q" "${QR[@]}" -g "$t/coarsediff.sock" "$t/prog2"
    rc=$?
    local from upto n
    from=$(sed -nE 's/.* --difftest-from ([0-9]+) .*/\1/p' "$t/coarsediff.err" | head -1)
    upto=$(sed -nE 's/^difftest: DIVERGED between instruction [0-9]+ .* and ([0-9]+): .*/\1/p' "$t/coarsediff.err")
    if [ $rc != 99 ] || [ -z "$from" ] || [ -z "$upto" ]; then
        echo "--difftest-every 100 vs a build that differs at 0x$addr: status $rc (want 99)"
        sed 's/^/  /' "$t/coarsediff.err" | head -40
        ok=0
    else
        DTOPTS=(--difftest-every 100 --difftest-from "$from")
        run_pair narrow "$Q" "${QR[@]}" -g "$t/narrow.sock" "$t/prog2"
        rc=$?
        n=$(sed -nE 's/^difftest: DIVERGED after ([0-9]+) instructions: .*/\1/p' "$t/narrow.err")
        if [ $rc != 99 ] || [ -z "$n" ] || [ "$n" -le "$from" ] || [ "$n" -gt "$upto" ]; then
            echo "narrowing with --difftest-from $from: status $rc, want 99 at an instruction in ($from, $upto]"
            sed 's/^/  /' "$t/narrow.err" | head -40
            ok=0
        fi
    fi
    [ $ok = 1 ]
    exit $?
}

# difftest_native_case: x86_64 guest, the host CPU as the reference.
difftest_native_case() {
    cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
    local T=${TRAPEZE:-build/trapeze}
    case $T in /*) ;; *) T=$PWD/$T ;; esac
    [ -x "$T" ] || { echo "no $T"; exit 77; }
    [ "$(uname -m)" = x86_64 ] || { echo "host is not x86_64"; exit 77; }
    "$T" --list-arches | grep -qx x86_64 || { echo "x86_64 not in this build"; exit 77; }
    command -v clang-19 > /dev/null && command -v ld.lld-19 > /dev/null || { echo "no clang-19/ld.lld-19"; exit 77; }
    local t
    t=$(mktemp -d) || exit 1
    trap 'rm -rf "$t"' EXIT
    difftest_prog "$t"
    sed "s/VAL/1/" "$t/prog.c" > "$t/prog1.c"
    gdb_build_guest x86_64 "$t/prog1" "$t/prog1.c" > "$t/build.log" 2>&1 ||
        { cat "$t/build.log"; echo "cannot build the guest"; exit 1; }
    timeout 30 "$t/prog1" > "$t/want.out"
    local want=$?
    local mode ok=1
    for mode in "" --difftest-at-syscalls "--difftest-every 100"; do
        local opts=()
        read -ra opts <<< "$mode"
        timeout 60 "$T" --difftest native "${opts[@]}" "$t/prog1" > "$t/got.out" 2> "$t/got.err"
        local rc=$?
        if [ $rc != "$want" ] || ! grep -q '^difftest: no difference' "$t/got.err" ||
           ! grep -qE '^difftest: [0-9]+ instructions, [0-9]+ compared, 0 divergences' "$t/got.err"; then
            echo "native $mode: status $rc (want $want)"; sed 's/^/  /' "$t/got.err" | head -40
            ok=0
        fi
    done
    [ $ok = 1 ]
    exit $?
}
