#!/usr/bin/env bash
# Runs a local cluster against the Telegram simulator: one standalone simulator seeded with the demo world and
# N silo processes (default 2) sharing one SQLite database, each on its own ports. Ctrl-C stops them all.
#
#   tools/run-cluster.sh [N]
#
# What it starts (ports can be moved with the environment variables in brackets):
#   simulator   http://127.0.0.1:8090/                  [SIM_PORT=8090]   dotnet Cluster.TelegramSim.dll --demo
#   silo i      http://127.0.0.1:(8080+i-1)/ dashboard   [HTTP_PORT=8080]  health/live, health/ready
#               silo endpoint (HTTP/2) 11111+i-1         [SILO_PORT=11111]
# Every silo gets Telegram__Simulator__BaseUrl (the shared simulator), one Cluster__Secret generated for this run,
# and Cluster__Storage__ConnectionString pointing at RUN_DIR/cluster.db; only silo 1 gets Demo__Seed=true, so the
# demo accounts and channel pairs are created once (through the grains) and then live wherever the cluster puts them.
# Logs (JSON, one file per process) and the database go to RUN_DIR (default /tmp/telegram-cluster); delete it to
# start from scratch. Inspect the simulator at http://127.0.0.1:8090/sim/world and /sim/chats/<id>/messages.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-2}"
if ! [[ "$count" =~ ^[1-9][0-9]*$ ]]; then echo "usage: tools/run-cluster.sh [N]   (N silos, default 2)" >&2; exit 2; fi
sim_port="${SIM_PORT:-8090}"
http_port="${HTTP_PORT:-8080}"
silo_port="${SILO_PORT:-11111}"
run_dir="${RUN_DIR:-${TMPDIR:-/tmp}/telegram-cluster}"
mkdir -p "$run_dir"

echo "building the silo and the simulator..."
dotnet build Silo -nologo -v quiet >/dev/null
silo_dll="$(dotnet msbuild Silo -nologo -getProperty:TargetPath)"
sim_dll="$(dotnet msbuild TelegramSim -nologo -getProperty:TargetPath)"

sim_pid=""
pids=()
# Waits up to $1 half-seconds for the given processes to exit.
wait_gone() {
  local rounds="$1"; shift
  for _ in $(seq 1 "$rounds"); do
    local alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.5
  done
}
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "stopping ${#pids[@]} silos (graceful: grains are handed over), then the simulator..."
  # Silos first, while the simulator still answers their accounts' last calls; a silo stops within its
  # Silo:ShutdownTimeout (30 s), whatever still runs after 40 s is killed.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  [ "${#pids[@]}" -gt 0 ] && wait_gone 80 "${pids[@]}"
  if [ -n "$sim_pid" ]; then kill -TERM "$sim_pid" 2>/dev/null || true; wait_gone 10 "$sim_pid"; fi
  for pid in "${pids[@]}" $sim_pid; do kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  echo "stopped. logs and database: $run_dir"
}
trap stop_all INT TERM EXIT

dotnet "$sim_dll" --urls "http://127.0.0.1:$sim_port" --demo >"$run_dir/simulator.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$sim_port/sim/world" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$sim_port/sim/world" >/dev/null || { echo "the simulator did not start; see $run_dir/simulator.log" >&2; exit 1; }

secret="$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
for i in $(seq 1 "$count"); do
  hp=$((http_port + i - 1)); sp=$((silo_port + i - 1))
  seed=false; [ "$i" = 1 ] && seed=true
  Cluster__Secret="$secret" \
  Cluster__SiloPort="$sp" \
  Cluster__Membership__Address="http://127.0.0.1:$sp" \
  Cluster__Storage__Provider=Sqlite \
  Cluster__Storage__ConnectionString="Data Source=$run_dir/cluster.db" \
  Silo__HttpPort="$hp" \
  Telegram__Simulator__BaseUrl="http://127.0.0.1:$sim_port/" \
  Demo__Seed="$seed" \
  ASPNETCORE_URLS="" \
    dotnet "$silo_dll" >"$run_dir/silo-$i.log" 2>&1 &
  pids+=($!)
done

echo
echo "simulator  http://127.0.0.1:$sim_port/   (world: /sim/world, messages: /sim/chats/<id>/messages, Bot API: /bot<token>/<method>)"
for i in $(seq 1 "$count"); do
  hp=$((http_port + i - 1))
  ready="not ready yet"
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$hp/health/ready" >/dev/null 2>&1; then ready="ready"; break; fi
    sleep 0.5
  done
  echo "silo $i     http://127.0.0.1:$hp/   (health: /health/live, /health/ready: $ready; log: $run_dir/silo-$i.log)"
done
echo
echo "Ctrl-C stops everything."
wait
