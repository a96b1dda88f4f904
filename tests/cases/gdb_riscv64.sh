#!/bin/bash
# gdb-multiarch drives `trapeze -g` on a riscv64 guest (see gdb_lib.sh).
. "$(dirname "$0")/gdb_lib.sh"
gdb_case riscv64
