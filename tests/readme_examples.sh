#!/usr/bin/env bash
# The README's shown sessions run as written: for every ```text block that starts with
# "$ build/bin/ddbguard ...", the command is run from the repository root and each line
# of the block (but "..." elisions) must appear in its output, in order.
set -u
bin=$1
status=0 blocks=0
mapfile -t lines < README.md
i=0
while [ $i -lt ${#lines[@]} ]; do
  if [ "${lines[$i]}" = '```text' ] && [[ "${lines[$((i+1))]:-}" == '$ build/bin/ddbguard '* ]]; then
    cmd=${lines[$((i+1))]#\$ build/bin/ddbguard }
    read -r -a args <<< "$cmd"
    out=$("$bin" "${args[@]}" 2>&1)
    blocks=$((blocks+1))
    j=$((i+2)) rest=$out
    while [ "${lines[$j]}" != '```' ]; do
      want=${lines[$j]}
      j=$((j+1))
      [[ "$want" =~ ^\ *\.\.\.$ ]] && continue
      case "$rest" in
        *"$want"*) rest=${rest#*"$want"} ;;
        *) echo "README line not in the output of 'ddbguard $cmd': $want"; status=1 ;;
      esac
    done
    i=$j
  fi
  i=$((i+1))
done
[ $blocks -gt 0 ] || { echo "no example block found in README.md"; exit 1; }
exit $status
