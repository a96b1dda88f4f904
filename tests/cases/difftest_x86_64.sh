#!/bin/bash
# trapeze --difftest against qemu-x86_64 -g and trapeze -g (see difftest_lib.sh).
. "$(dirname "$0")/difftest_lib.sh"
difftest_case x86_64
