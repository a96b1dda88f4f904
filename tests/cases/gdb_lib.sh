# Shared by tests/cases/gdb_<arch>.sh (sourced, not a case itself: the
# suite runs *.sh files, so this one exits 77 when run alone).
# gdb_case ARCH: build a small guest with debug info, run it under
# `trapeze -g`, drive gdb-multiarch in batch mode through it (breakpoint,
# step, registers, memory, finish, a signal stop, the handler, a
# backtrace through the signal frame, finish into the trampoline) and
# check gdb's output.  Loopback only; every step has a timeout.
[ "${BASH_SOURCE[0]}" = "$0" ] && { echo "helper, not a case"; exit 77; }

gdb_build_guest() {   # ARCH OUT
    local arch=$1 out=$2 src=$3
    local flags="-ffreestanding -nostdlib -fno-builtin -static -O0 -g -fno-stack-protector
                 -fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections -Iguests/lib -Iguests/lib/arch/$arch"
    case $arch in
    x86_64) flags="$flags -mgeneral-regs-only" ;;
    aarch64) flags="$flags -mgeneral-regs-only -mno-outline-atomics" ;;
    loongarch64) flags="$flags -mno-lsx" ;;
    esac
    local objs=() f
    for f in start sys signal string; do
        clang-19 --target=$arch-linux-gnu $flags -fno-pic -c -o "$out.$f.o" guests/lib/$f.c || return 1
        objs+=("$out.$f.o")
    done
    clang-19 --target=$arch-linux-gnu $flags -fno-pic -c -o "$out.crt.o" guests/lib/arch/$arch/crt.S || return 1
    clang-19 --target=$arch-linux-gnu $flags -fno-pic -c -o "$out.main.o" "$src" || return 1
    ld.lld-19 -static -nostdlib --gc-sections -e _start -z noexecstack -o "$out" "$out.crt.o" "$out.main.o" "${objs[@]}"
}

gdb_case() {
    local arch=$1
    cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
    local T=${TRAPEZE:-build/trapeze}
    [ -x "$T" ] || { echo "no $T"; exit 77; }
    "$T" --list-arches | grep -qx "$arch" || { echo "$arch not in this build"; exit 77; }
    command -v gdb-multiarch > /dev/null || { echo "no gdb-multiarch"; exit 77; }
    command -v clang-19 > /dev/null && command -v ld.lld-19 > /dev/null || { echo "no clang-19/ld.lld-19"; exit 77; }
    local gdbarch=$arch
    case $arch in x86_64) gdbarch=i386:x86-64 ;; riscv64) gdbarch=riscv:rv64 ;; esac
    gdb-multiarch -batch -ex "set architecture $gdbarch" > /dev/null 2>&1 ||
        { echo "this gdb-multiarch does not know $arch"; exit 77; }

    local t
    t=$(mktemp -d) || exit 1
    trap 'rm -rf "$t"; [ -n "${tp:-}" ] && kill $tp 2> /dev/null' EXIT
    cat > "$t/prog.c" <<'EOF'
#include "rt.h"

volatile int sink;
volatile int seen;
volatile unsigned long marker = 0x1122334455667788ul;

void on_usr1(int sig)
{
    seen = sig;
}

int add3(int a, int b, int c)
{
    int s = a + b;
    s += c;
    return s;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, 0);
    sink = add3(1, 2, 3);
    kill(getpid(), SIGUSR1);
    return seen == SIGUSR1 && sink == 6 && marker ? 7 : 1;
}
EOF
    gdb_build_guest "$arch" "$t/prog" "$t/prog.c" > "$t/build.log" 2>&1 ||
        { cat "$t/build.log"; echo "cannot build the guest"; exit 1; }

    local sock=$t/gdb.sock
    timeout 60 "$T" -g "unix:$sock" "$t/prog" > "$t/trapeze.out" 2>&1 &
    tp=$!
    for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.05; done
    timeout 60 gdb-multiarch -nx -batch \
        -ex "set pagination off" -ex "set confirm off" \
        -ex "file $t/prog" \
        -ex "target remote $sock" \
        -ex "break add3" -ex "continue" \
        -ex "next" -ex "print s" \
        -ex "info registers pc" \
        -ex "x/2xw &marker" -ex "print/x marker" \
        -ex "set var marker = 0x99" -ex "print/x marker" \
        -ex "finish" \
        -ex "watch sink" -ex "continue" -ex "delete" \
        -ex "break on_usr1" -ex "continue" \
        -ex "continue" -ex "bt" \
        -ex "finish" \
        -ex "stepi" -ex "stepi" -ex "bt" \
        -ex "delete" -ex "handle SIGUSR1 nostop noprint pass" \
        -ex "print (int)kill(getpid(), 10)" -ex "print seen" \
        -ex "continue" \
        > "$t/gdb.out" 2>&1
    local grc=$?
    wait $tp
    local trc=$?
    tp=
    local ok=1
    check() {
        if ! grep -qE "$1" "$t/gdb.out"; then
            echo "gdb output lacks: $1"
            ok=0
        fi
    }
    check '^Breakpoint 1, add3 \(a=1, b=2, c=3\)'
    check '^\$1 = 3$'
    check '^pc|^rip'
    check '0x55667788[[:space:]]+0x11223344'
    check '^\$2 = 0x1122334455667788$'
    check '^\$3 = 0x99$'
    check 'Value returned is \$4 = 6'
    check 'Program received signal SIGUSR1'
    check 'Hardware watchpoint 2: sink'
    check '^New value = 6$'
    check '^Breakpoint 3, on_usr1 \(sig=10\)'
    check '^#1 +<signal handler called>'
    check '^#[2-9] +0x[0-9a-f]+ in main \(\)'
    check '^<signal handler called>$'     # finish: back in the trampoline
    check '^\$5 = 0$'                     # an inferior call, its signal passed silently
    check '^\$6 = 10$'
    # stepi twice from the trampoline: rt_sigreturn resumes the interrupted code
    [ "$(grep -cE '^#[0-9]+ +0x[0-9a-f]+ in main \(\)' "$t/gdb.out")" = 2 ] ||
        { echo "no backtrace back in the interrupted code after the trampoline"; ok=0; }
    check 'exited with code 07'
    if [ $ok = 0 ] || [ $grc != 0 ] || [ $trc != 7 ]; then
        echo "gdb status $grc, trapeze status $trc"
        sed 's/^/  gdb: /' "$t/gdb.out"
        sed 's/^/  trapeze: /' "$t/trapeze.out"
        exit 1
    fi
    exit 0
}
