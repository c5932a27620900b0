#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints one closing line "N passed, N failed".
# Each project runs in passes by category (Tdlib, Postgres, Browser, then the rest), because TRX
# results do not record xunit traits: the per-pass counts prove the tests that need TDLib,
# PostgreSQL or Chromium actually ran. With --require-deps (CI sets it), any skipped test, or a
# required category with no executed test, fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."

require_deps=false
[ "${CI:-}" = "true" ] && require_deps=true
for arg in "$@"; do
  case "$arg" in
    --require-deps) require_deps=true ;;
    *) echo "usage: tools/test.sh [--require-deps]" >&2; exit 2 ;;
  esac
done

# Categories whose tests must run (not skip) in CI.
required_categories=(Tdlib Postgres Browser)
categories=(Tdlib Postgres Browser)

results=TestResults
rm -rf "$results"; mkdir -p "$results"

# TDLib's libtdjson (npm package prebuilt-tdlib) for the Tdlib tests: fetched once into tools/tdlib/, kept after.
echo "== TDLib"
if ! bash tools/install-tdlib.sh; then
  echo "could not fetch libtdjson (tools/install-tdlib.sh needs npm and the npm registry): the Tdlib tests will fail"
fi

echo "== build"
if ! dotnet build Cluster.sln -c Release -nologo -v quiet; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

rest_filter=""
for c in "${categories[@]}"; do rest_filter+="${rest_filter:+&}Category!=$c"; done

declare -A category_executed
for c in "${categories[@]}"; do category_executed[$c]=0; done
passed=0; failed=0; skipped=0; status=0

counter() { grep -o "<Counters [^>]*>" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }

for project in $(find tests -name '*.Tests.csproj' | sort); do
  name=$(basename "$project" .csproj)
  for pass in "${categories[@]}" rest; do
    if [ "$pass" = rest ]; then filter="$rest_filter"; else filter="Category=$pass"; fi
    trx="$name-$pass.trx"
    echo "== $name ($pass)"
    dotnet test "$project" -c Release --no-build --nologo --filter "$filter" \
      --logger "trx;LogFileName=$trx" --logger "console;verbosity=normal" --results-directory "$results" \
      --blame-hang-timeout 15m 2>&1 | grep -E '^\s*(Passed|Failed|Skipped) |error|Error Message|No test matches|Total tests|Passed!|Failed!' || true
    file="$results/$trx"
    if [ ! -f "$file" ]; then echo "no results for $name ($pass)"; failed=$((failed + 1)); status=1; continue; fi
    p=$(counter "$file" passed); f=$(counter "$file" failed); e=$(counter "$file" executed); t=$(counter "$file" total)
    f=$((f + $(counter "$file" error) + $(counter "$file" timeout) + $(counter "$file" aborted)))
    s=$((t - e))
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    [ "$pass" != rest ] && category_executed[$pass]=$((category_executed[$pass] + e))
  done
done

# Failed tests again at the end, each with the first line of its message, so a short log tail still names them.
failed_list=$(for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  awk 'BEGIN { RS = "<UnitTestResult " } NR > 1 {
         head = $0; sub(/>.*/, "", head); if (head !~ /outcome="(Failed|Error|Timeout|Aborted)"/) next
         name = head; sub(/.*testName="/, "", name); sub(/".*/, "", name)
         msg = ""; if (match($0, /<Message>[^<]*/)) { msg = substr($0, RSTART + 9, RLENGTH - 9); sub(/\n.*/, "", msg) }
         gsub(/&quot;/, "\"", name); gsub(/&quot;/, "\"", msg); gsub(/&lt;/, "<", msg); gsub(/&gt;/, ">", msg); gsub(/&amp;/, "\\&", msg)
         printf "  FAILED %s: %s\n", name, substr(msg, 1, 300) }' "$f"
done)
if [ -n "$failed_list" ]; then echo "== failed tests"; echo "$failed_list"; fi
echo "== tests needing external parts: $(for c in "${categories[@]}"; do printf '%s %s executed; ' "$c" "${category_executed[$c]}"; done)"
if [ "$failed" -gt 0 ]; then status=1; fi
if $require_deps; then
  if [ "$skipped" -gt 0 ]; then echo "FAIL: $skipped test(s) skipped; in CI every test must run"; status=1; fi
  for c in "${required_categories[@]}"; do
    if [ "${category_executed[$c]}" -eq 0 ]; then echo "FAIL: no test of category $c ran"; status=1; fi
  done
fi
echo "$passed passed, $failed failed${skipped:+, $skipped skipped}"
exit $status
