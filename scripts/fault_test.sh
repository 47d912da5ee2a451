#!/usr/bin/env bash
# A small cluster on one machine, with faults (docs/operations.md, "Fault test").
#
# Network namespaces on a bridge: web1, web2 and the task worker each in their own namespace;
# PostgreSQL (its own instance, initdb + pg_ctl), PgBouncer (transaction mode), Redis and nginx
# on the bridge's host side. scripts/fault_test.py then starts the application's processes in
# the namespaces, offers reports and chats, kills and cuts, and checks what came through.
#
# Root only (namespaces, iptables). Usage: sudo scripts/fault_test.sh   (PY=path/to/python)
# Everything is removed at exit, failed or not: processes, namespaces, bridge, rules, files.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
PY=${PY:-$REPO/.venv/bin/python}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}

[ "$(id -u)" = 0 ] || { echo "fault_test: run as root (network namespaces, iptables)" >&2; exit 2; }
for tool in ip iptables pgbouncer nginx redis-server runuser "$PGBIN/initdb" "$PGBIN/pg_ctl" "$PY"; do
  command -v "$tool" >/dev/null || { echo "fault_test: $tool is missing" >&2; exit 2; }
done

P=rcft                 # prefix of every name this test makes
BR=${P}br0
NET=10.77.0
HOST_IP=$NET.1
WORK=$(mktemp -d /tmp/recours-fault.XXXXXX)
chmod 755 "$WORK"
export FT_WORK=$WORK FT_HOST_IP=$HOST_IP FT_PREFIX=$P FT_NET=$NET
export FT_PG_PORT=55432 FT_BOUNCER_PORT=56432 FT_REDIS_PORT=56379 FT_SMTP_PORT=56025 FT_PROXY_PORT=58080

cleanup() {
  status=$?
  set +e
  [ -n "${DRIVER:-}" ] && kill "$DRIVER" 2>/dev/null && wait "$DRIVER" 2>/dev/null
  # Processes the driver started (it stops them itself; this is for a driver that died).
  if [ -f "$WORK/pids" ]; then
    while read -r pid; do kill -KILL "$pid" 2>/dev/null; done < "$WORK/pids"
  fi
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
  [ -f "$WORK/pgbouncer/pgbouncer.pid" ] && kill "$(cat "$WORK/pgbouncer/pgbouncer.pid")" 2>/dev/null
  [ -f "$WORK/redis.pid" ] && kill "$(cat "$WORK/redis.pid")" 2>/dev/null
  [ -d "$WORK/pg" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate -w stop >/dev/null 2>&1
  for ns in web1 web2 worker; do
    ip netns pids "$P-$ns" 2>/dev/null | xargs -r kill -KILL 2>/dev/null
    ip netns del "$P-$ns" 2>/dev/null
  done
  ip link del "$BR" 2>/dev/null
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT INT TERM

echo "== network: bridge $BR ($HOST_IP/24), namespaces $P-web1, $P-web2, $P-worker"
ip link add "$BR" type bridge
ip addr add "$HOST_IP/24" dev "$BR"
ip link set "$BR" up
n=11
for ns in web1 web2 worker; do
  ip netns add "$P-$ns"
  ip link add "$P-$ns-h" type veth peer name eth0 netns "$P-$ns"
  ip link set "$P-$ns-h" master "$BR" up
  ip -n "$P-$ns" addr add "$NET.$n/24" dev eth0
  ip -n "$P-$ns" link set eth0 up
  ip -n "$P-$ns" link set lo up
  ip -n "$P-$ns" route add default via "$HOST_IP"
  n=$((n + 1))
done

echo "== PostgreSQL ($PGBIN), own instance on $HOST_IP:$FT_PG_PORT"
mkdir "$WORK/pg" && chown postgres: "$WORK/pg"
runuser -u postgres -- "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres -E UTF8 >/dev/null
echo "host all all $NET.0/24 trust" >> "$WORK/pg/pg_hba.conf"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w start \
  -o "-h $HOST_IP -p $FT_PG_PORT -k $WORK/pg -c max_connections=100 -c fsync=off -c jit=off" >/dev/null
psql "postgres://postgres@$HOST_IP:$FT_PG_PORT/postgres" -qc "CREATE DATABASE recours"

echo "== PgBouncer (transaction mode) on $HOST_IP:$FT_BOUNCER_PORT"
mkdir "$WORK/pgbouncer"
cat > "$WORK/pgbouncer.ini" <<EOF
[databases]
recours = host=$HOST_IP port=$FT_PG_PORT dbname=recours user=postgres
[pgbouncer]
listen_addr = $HOST_IP
listen_port = $FT_BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $WORK/userlist.txt
pool_mode = transaction
default_pool_size = 20
max_client_conn = 500
ignore_startup_parameters = extra_float_digits
logfile = $WORK/pgbouncer/pgbouncer.log
pidfile = $WORK/pgbouncer/pgbouncer.pid
EOF
echo '"postgres" ""' > "$WORK/userlist.txt"
chown postgres: "$WORK/pgbouncer" "$WORK/pgbouncer.ini" "$WORK/userlist.txt"
runuser -u postgres -- pgbouncer -d "$WORK/pgbouncer.ini"
psql "postgres://postgres@$HOST_IP:$FT_BOUNCER_PORT/recours" -Atqc "select 1" >/dev/null

echo "== Redis on $HOST_IP:$FT_REDIS_PORT"
redis-server --bind "$HOST_IP" --port "$FT_REDIS_PORT" --save '' --appendonly no --daemonize yes \
  --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" --protected-mode no

echo "== nginx on 127.0.0.1:$FT_PROXY_PORT -> $NET.11:8000, $NET.12:8000"
mkdir -p "$WORK/nginx"
sed -e "s#@WORK@#$WORK#g" -e "s#@PORT@#$FT_PROXY_PORT#g" -e "s#@NET@#$NET#g" \
  "$REPO/scripts/fault_test_nginx.conf" > "$WORK/nginx/nginx.conf"
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"

echo "== driver"
cd "$REPO"
# In the background and waited for, so that a signal reaches the trap at once.
"$PY" scripts/fault_test.py &
DRIVER=$!
wait $DRIVER
