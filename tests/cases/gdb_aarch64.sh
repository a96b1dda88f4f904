#!/bin/bash
# gdb-multiarch drives `trapeze -g` on a aarch64 guest (see gdb_lib.sh).
. "$(dirname "$0")/gdb_lib.sh"
gdb_case aarch64
