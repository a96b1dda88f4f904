#!/bin/bash
# trapeze --difftest native: an x86_64 guest against the host CPU (see difftest_lib.sh).
. "$(dirname "$0")/difftest_lib.sh"
difftest_native_case
