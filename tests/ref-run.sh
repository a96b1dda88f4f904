#!/bin/bash
# Stand-in for build/trapeze that runs the reference instead, for checking
# new guest programs before trapeze can run them:
#   TRAPEZE=tests/ref-run.sh tests/check.sh /tests/ /glibc/ '!disasm/'
# Every case then compares the reference with a second run of itself, so
# a failure means the program is not deterministic (or has an override in
# guests/*/expected/, which is meant to differ from qemu).  Other options
# go to the real build/trapeze.  PWD, SHLVL and _ (which this shell adds)
# are taken out of the environment again.
case ${1:-} in
--list-arches)
    [ "$(uname -m)" = x86_64 ] && echo x86_64
    for a in aarch64 riscv64 loongarch64; do
        command -v "qemu-$a" > /dev/null && echo "$a"
    done
    exit 0 ;;
-*) exec "$(dirname "$0")/../build/trapeze" "$@" ;;
esac
# e_machine, the 16-bit field at offset 18 of the ELF header
m=$(od -An -tu2 -j18 -N2 "$1" 2>/dev/null | tr -d ' ')
case $m in
62) exec env -u PWD -u SHLVL -u _ "$@" ;;
183) exec env -u PWD -u SHLVL -u _ qemu-aarch64 "$@" ;;
243) exec env -u PWD -u SHLVL -u _ qemu-riscv64 "$@" ;;
258) exec env -u PWD -u SHLVL -u _ qemu-loongarch64 "$@" ;;
*) echo "ref-run.sh: $1: unknown ELF machine '$m'" >&2; exit 2 ;;
esac
