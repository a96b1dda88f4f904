#!/bin/bash
# trapeze --difftest against qemu-riscv64 -g and trapeze -g (see difftest_lib.sh).
. "$(dirname "$0")/difftest_lib.sh"
difftest_case riscv64
