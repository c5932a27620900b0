#!/usr/bin/env bash
# Runs a local cluster against the Telegram simulator: N Orleans silos (default 2) on one PostgreSQL database (Orleans'
# ADO.NET clustering, grain storage and reminders, plus the product's lease and always-on tables; every silo applies the
# schema at start), one standalone simulator seeded with the demo world, each process on its own ports. Ctrl-C stops
# everything, the database too when this script started it.
#
#   tools/run-cluster.sh [N]
#
# The database: CLUSTER_DB, an Npgsql connection string (e.g. "Host=db;Username=cluster;Password=...;Database=cluster"),
# when set. Otherwise a throwaway PostgreSQL server of this run: initdb into RUN_DIR/postgres (kept between runs; delete it
# to start from scratch) with the binaries of $(pg_config --bindir) (Debian/Ubuntu: apt-get install postgresql), run as the
# `postgres` user when this script runs as root (initdb and postgres refuse root), on 127.0.0.1:PG_PORT, database `cluster`.
#
# What it starts (ports can be moved with the environment variables in brackets):
#   postgres    127.0.0.1:55432                         [PG_PORT=55432]   only without CLUSTER_DB; log RUN_DIR/postgres.log
#   simulator   http://127.0.0.1:8090/                  [SIM_PORT=8090]   dotnet Cluster.TelegramSim.dll --demo
#   silo i      http://127.0.0.1:(8080+i-1)/ dashboard   [HTTP_PORT=8080]  health/live, health/ready (Active in the cluster)
#               silo-to-silo port 11111+i-1              [SILO_PORT=11111]
#               gateway (Orleans clients) 30000+i-1      [GATEWAY_PORT=30000]
# Every silo gets Orleans__Name=silo-i, Cluster__Storage__Provider=Postgres with the connection string, its three ports,
# the run's cluster certificate (RUN_DIR/cluster.crt and .key, made with openssl: mutual TLS), Cluster__AdvertisedAddress=127.0.0.1 and Telegram__Simulator__BaseUrl (the shared simulator); only silo 1 gets
# Demo__Seed=true, so the demo accounts, channel pairs and guard bot are created once (through the grains) and then live
# wherever the cluster places them. Cluster id: CLUSTER_ID (default telegram-cluster). Logs (JSON, one file per process)
# and the database go to RUN_DIR (default /tmp/telegram-cluster).
#
# Check that the demo forwards (the demo world's chat ids are fixed: Demo News -1001000000001, its mirror -1001000000003):
#   curl -X POST http://127.0.0.1:8090/sim/chats/-1001000000001/posts -H 'Content-Type: application/json' -d '{"text":"hello"}'
#   curl -s http://127.0.0.1:8090/sim/chats/-1001000000003/messages      # a copy of "hello" within a second or two
# More of the simulator: /sim/world (users, accounts, chats), /sim/calls (every answer it gave), /sim/calls/counts.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-2}"
if ! [[ "$count" =~ ^[1-9][0-9]*$ ]]; then echo "usage: tools/run-cluster.sh [N]   (N silos, default 2)" >&2; exit 2; fi
sim_port="${SIM_PORT:-8090}"
http_port="${HTTP_PORT:-8080}"
silo_port="${SILO_PORT:-11111}"
gateway_port="${GATEWAY_PORT:-30000}"
pg_port="${PG_PORT:-55432}"
cluster_id="${CLUSTER_ID:-telegram-cluster}"
run_dir="${RUN_DIR:-${TMPDIR:-/tmp}/telegram-cluster}"
mkdir -p "$run_dir"
run_dir="$(cd "$run_dir" && pwd)"

sim_pid=""
pids=()
pg_data=""
pg_bin=""
pg_user=""

# Runs a PostgreSQL server binary, as the postgres user when we are root.
as_pg() {
  if [ -n "$pg_user" ]; then runuser -u "$pg_user" -- "$@"; else "$@"; fi
}
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
  echo "stopping ${#pids[@]} silos (graceful: grains are handed over), then the simulator${pg_data:+ and the database}..."
  # Silos first, while the simulator and the database still answer their last calls; a silo stops within its
  # Silo:ShutdownTimeout (30 s), whatever still runs after 40 s is killed. The simulator does not exit on SIGTERM.
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  [ "${#pids[@]}" -gt 0 ] && wait_gone 80 "${pids[@]}"
  if [ -n "$sim_pid" ]; then kill -TERM "$sim_pid" 2>/dev/null || true; wait_gone 10 "$sim_pid"; fi
  for pid in "${pids[@]}" $sim_pid; do kill -KILL "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ]; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  echo "stopped. logs${pg_data:+ and database}: $run_dir"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

# ---- the database
if [ -n "${CLUSTER_DB:-}" ]; then
  cluster_db="$CLUSTER_DB"
  echo "database   $cluster_db (CLUSTER_DB)"
else
  pg_bin="$(pg_config --bindir 2>/dev/null || true)"
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  fi
  if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ] || [ ! -x "$pg_bin/pg_ctl" ]; then
    echo "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: install them (Debian/Ubuntu: apt-get install postgresql)" >&2
    echo "and put pg_config on PATH, or set CLUSTER_DB to the connection string of a database to use." >&2
    exit 1
  fi
  if [ "$(id -u)" = 0 ]; then
    pg_user=postgres
    id -u "$pg_user" >/dev/null 2>&1 || { echo "running as root: initdb and postgres need the '$pg_user' user (useradd --system $pg_user)" >&2; exit 1; }
  fi
  pg_data="$run_dir/postgres"
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    mkdir -p "$pg_data"
    chmod 700 "$pg_data"
    [ -n "$pg_user" ] && chown "$pg_user" "$pg_data"
    as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync >"$run_dir/initdb.log" 2>&1 \
      || { echo "initdb failed (a folder the '${pg_user:-$(id -un)}' user cannot enter?); see $run_dir/initdb.log" >&2; exit 1; }
  fi
  [ -n "$pg_user" ] && { touch "$run_dir/postgres.log"; chown "$pg_user" "$run_dir/postgres.log"; }
  as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$run_dir/postgres.log" -w -t 60 \
    -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null \
    || { echo "PostgreSQL did not start on port $pg_port (PG_PORT); see $run_dir/postgres.log" >&2; exit 1; }
  if ! "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'cluster'" | grep -q 1; then
    "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres cluster
  fi
  cluster_db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=cluster"
  echo "database   $cluster_db (throwaway server in $pg_data; log: $run_dir/postgres.log)"
fi

# ---- build
echo "building the silo and the simulator..."
dotnet build Silo -nologo -v quiet >/dev/null
silo_dll="$(dotnet msbuild Silo -nologo -getProperty:TargetPath)"
sim_dll="$(dotnet msbuild TelegramSim -nologo -getProperty:TargetPath)"

# ---- the simulator
dotnet "$sim_dll" --urls "http://127.0.0.1:$sim_port" --demo >"$run_dir/simulator.log" 2>&1 &
sim_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$sim_port/sim/world" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$sim_port/sim/world" >/dev/null || { echo "the simulator did not start; see $run_dir/simulator.log" >&2; exit 1; }

# ---- the cluster certificate: silos authenticate each other (and clients) with mutual TLS. One per run directory,
# created once with openssl; an admin bot joins with Cluster__Tls__CertificatePath/KeyPath pointing at the same files.
cert="$run_dir/cluster.crt"; key="$run_dir/cluster.key"
if [ ! -s "$cert" ] || [ ! -s "$key" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 -subj /CN=telegram-cluster \
    -keyout "$key" -out "$cert" >/dev/null 2>&1 || { echo "openssl could not create the cluster certificate" >&2; exit 1; }
fi

# ---- the silos
for i in $(seq 1 "$count"); do
  hp=$((http_port + i - 1)); sp=$((silo_port + i - 1)); gp=$((gateway_port + i - 1))
  seed=false; [ "$i" = 1 ] && seed=true
  Orleans__Name="silo-$i" \
  Cluster__ClusterId="$cluster_id" \
  Cluster__ServiceId="$cluster_id" \
  Cluster__SiloPort="$sp" \
  Cluster__GatewayPort="$gp" \
  Cluster__AdvertisedAddress=127.0.0.1 \
  Cluster__Storage__Provider=Postgres \
  Cluster__Storage__ConnectionString="$cluster_db" \
  Cluster__Tls__CertificatePath="$cert" \
  Cluster__Tls__KeyPath="$key" \
  Cluster__Accounts__SessionRoot="$run_dir/sessions-$i" \
  Silo__HttpPort="$hp" \
  Silo__PublicHost=127.0.0.1 \
  Telegram__Simulator__BaseUrl="http://127.0.0.1:$sim_port/" \
  Demo__Seed="$seed" \
  ASPNETCORE_URLS="" \
    dotnet "$silo_dll" >"$run_dir/silo-$i.log" 2>&1 &
  pids+=($!)
done

echo
echo "simulator  http://127.0.0.1:$sim_port/   (world: /sim/world, messages: /sim/chats/<id>/messages, Bot API: /bot<token>/<method>)"
for i in $(seq 1 "$count"); do
  hp=$((http_port + i - 1)); sp=$((silo_port + i - 1)); gp=$((gateway_port + i - 1))
  ready="not ready yet"
  for _ in $(seq 1 180); do
    if curl -fsS "http://127.0.0.1:$hp/health/ready" >/dev/null 2>&1; then ready="ready"; break; fi
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { ready="EXITED"; break; }
    sleep 0.5
  done
  echo "silo $i     http://127.0.0.1:$hp/   silo port $sp, gateway $gp   (health: /health/ready: $ready; log: $run_dir/silo-$i.log)"
done
echo
echo "demo check: curl -X POST http://127.0.0.1:$sim_port/sim/chats/-1001000000001/posts -H 'Content-Type: application/json' -d '{\"text\":\"hello\"}'"
echo "            curl -s http://127.0.0.1:$sim_port/sim/chats/-1001000000003/messages"
echo "admin bot:  Cluster__ClusterId=$cluster_id Cluster__ServiceId=$cluster_id Cluster__Storage__Provider=Postgres \\"
echo "            Cluster__Storage__ConnectionString='$cluster_db' \\"
echo "            Cluster__Tls__CertificatePath=$cert Cluster__Tls__KeyPath=$key \\"
echo "            dotnet run --project AdminBot -- workers"
echo "Ctrl-C stops everything."
wait
