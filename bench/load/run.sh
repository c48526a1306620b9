#!/usr/bin/env bash
# Measures what unit benchmarks cannot: cold start of whole commands
# (hyperfine) and the HTTP service under load over loopback (wrk), plus a
# bounded soak. Usage: bench/load/run.sh [quick|full]   (full adds the 5-minute soak)
# It installs wrk and hyperfine from Debian's packages when they are missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
mode="${1:-quick}"
out=bench/load/out
mkdir -p "$out"

if ! command -v wrk >/dev/null || ! command -v hyperfine >/dev/null; then
  apt-get install -y wrk hyperfine >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk hyperfine >/dev/null; }
fi

echo "== building: native (AOT) and framework-dependent"
dotnet publish src/Wayfinder.Cli -c Release -r linux-x64 -p:PublishAot=true -o "$out/native" -v q >/dev/null
dotnet build src/Wayfinder.Cli -c Release -v q >/dev/null
fdd=src/Wayfinder.Cli/bin/Release/net10.0/wayfinder.dll
q="canary rollout with automatic rollback"   # routed by its facets
ask="my model is too slow"                     # asks first, and reads the lexicon to do so

echo "== cold start: one question, a fresh process each run"
hyperfine -N --warmup 3 --runs 30 --export-markdown "$out/startup.md" \
  -n "native --version" "$out/native/wayfinder --version" \
  -n native "$out/native/wayfinder route '$q'" \
  -n "native, asking" "$out/native/wayfinder route '$ask'" \
  -n framework-dependent "dotnet $fdd route '$q'"
hyperfine --warmup 1 --runs 5 --export-markdown "$out/startup-dotnet-run.md" \
  -n "dotnet run" "dotnet run --project src/Wayfinder.Cli -c Release --no-build -- route '$q'"

echo "== HTTP over loopback (native server, rate limit lifted for the load generator)"
port=5181
"$out/native/wayfinder" serve --urls "http://127.0.0.1:$port" --rate-limit 100000000 > "$out/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
wrk -t1 -c16 -d10s -s bench/load/route.lua "http://127.0.0.1:$port" >/dev/null   # warm-up
for c in 16 64; do
  printf 'connections %s: ' "$c"
  wrk -t1 -c"$c" -d30s -s bench/load/route.lua "http://127.0.0.1:$port" | tail -1
done | tee "$out/throughput.txt"

if [ "$mode" = full ]; then
  echo "== soak: 5 minutes of steady load, resident memory every 15 s"
  : > "$out/soak-rss.txt"
  ( for _ in $(seq 21); do echo "$(date +%s) $(ps -o rss= -p $server) KB" >> "$out/soak-rss.txt"; sleep 15; done ) &
  sampler=$!
  wrk -t1 -c32 -d300s -s bench/load/route.lua "http://127.0.0.1:$port" | tail -1 | tee "$out/soak.txt"
  wait $sampler || true
  cat "$out/soak-rss.txt"
fi
