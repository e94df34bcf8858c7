#!/usr/bin/env bash
# Soak: runs the WHOLE test suite (`mvn -B test`: engine self-tests, catalog, theorems) under the
# base seeds 1..N, with the failure database off, and prints every failure with its seed.
#
#   scripts/soak.sh N [tries] [first-seed]
#
#   N           number of seeds (first-seed .. first-seed+N-1)
#   tries       the -Ddlmath.tries scale for every property (default 1)
#   first-seed  default 1
#
# Logs go to target/soak/; exits 1 if any seed failed, 2 on bad usage.
set -u
if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/soak.sh N [tries] [first-seed]" >&2
  exit 2
fi
n=$1
tries=${2:-1}
first=${3:-1}
cd "$(dirname "$0")/.." || exit 2
mkdir -p target/soak
failed=0
for ((seed = first; seed < first + n; seed++)); do
  log=target/soak/seed-$seed-tries-$tries.log
  start=$(date +%s)
  if mvn -B test -Ddlmath.seed="$seed" -Ddlmath.tries="$tries" -Ddlmath.db=off >"$log" 2>&1; then
    echo "seed $seed (tries $tries): ok, $(( $(date +%s) - start )) s"
  else
    failed=$((failed + 1))
    echo "seed $seed (tries $tries): FAILED, $(( $(date +%s) - start )) s (log: $log)"
    # the failing tests and their reports, as Surefire summarizes them
    sed -n '/^\[ERROR\] \(Failures\|Errors\): *$/,/^\[ERROR\] Tests run:/p' "$log" | head -80 | sed "s/^/  [seed $seed] /"
    grep -q "BUILD FAILURE" "$log" && ! grep -q "Tests run:" "$log" && tail -20 "$log" | sed "s/^/  [seed $seed] /"
  fi
done
echo "soak: $failed of $n seeds failed (tries $tries, seeds $first..$((first + n - 1)))"
[ "$failed" -eq 0 ]
