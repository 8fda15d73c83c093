#!/usr/bin/env bash
# What `ddbguard lint` of large inputs re-runs itself with (tools/ddbguard/exec.cpp), read off
# the execve calls by strace: glibc.malloc.hugetlb=1 and glibc.malloc.tcache_count=4096; a
# tunable the user set keeps its value and gains the other; hugetlb=0 stops the re-run.
# usage: tests/rerun_tunables.sh DDBGUARD   (from the project root: lints policies/)
set -u
bin=$1
command -v strace >/dev/null || { echo "SKIP: strace is not installed (Debian: apt-get install strace)"; exit 77; }
[ "$(du -sb policies | cut -f1)" -gt 262144 ] || { echo "policies/ is under 256 KB: lint no longer re-runs"; exit 1; }

# The GLIBC_TUNABLES of every execve, in order (the first is strace starting ddbguard).
tunables() { strace -f -v -s 1000 -e trace=execve "$bin" lint --fail-on never policies 2>&1 >/dev/null |
  grep 'execve(' | grep -o 'GLIBC_TUNABLES=[^"]*' || true; }
execs() { strace -f -e trace=execve "$bin" lint --fail-on never policies 2>&1 >/dev/null | grep -c 'execve('; }

fail=0
got=$(tunables)
want="GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.tcache_count=4096"
[ "$got" = "$want" ] || { echo "default: got [$got], want [$want]"; fail=1; }
got=$(GLIBC_TUNABLES=glibc.malloc.tcache_count=7 tunables | tail -n 1)
want="GLIBC_TUNABLES=glibc.malloc.tcache_count=7:glibc.malloc.hugetlb=1"
[ "$got" = "$want" ] || { echo "user's tcache_count: got [$got], want [$want]"; fail=1; }
n=$(execs)
[ "$n" = 2 ] || { echo "default: $n execve, want 2 (start and re-run)"; fail=1; }
n=$(GLIBC_TUNABLES=glibc.malloc.hugetlb=0 execs)
[ "$n" = 1 ] || { echo "hugetlb=0: $n execve, want 1 (no re-run)"; fail=1; }
exit $fail
