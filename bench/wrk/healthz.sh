#!/usr/bin/env bash
# Throughput of GET /healthz on aiv7 next to nginx returning a constant, in
# the same run on the same machine, so the ratio means something.
#   bench/wrk/healthz.sh [path/to/aiv7]     (make bench runs it)
# Environment: DURATION (10s), CONNECTIONS (64), THREADS (2), WORKERS (2).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-$root/build/aiv7}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
workers=${WORKERS:-2}
for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/install-deps --bench" >&2; exit 1; }
done

tmp=$(mktemp -d)
aiv7_pid=""
cleanup() {
  [[ -n $aiv7_pid ]] && kill "$aiv7_pid" 2>/dev/null || true
  [[ -f $tmp/nginx.pid ]] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

nginx_port=$(free_port)
cat > "$tmp/nginx.conf" <<CONF
worker_processes $workers;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $tmp; proxy_temp_path $tmp; fastcgi_temp_path $tmp; uwsgi_temp_path $tmp; scgi_temp_path $tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { default_type application/json; return 200 '{"status":"ok"}'; }
  }
}
CONF
nginx -c "$tmp/nginx.conf"

cd "$root"
PORT=0 PORT_FILE="$tmp/port" WORKERS=$workers DATA_DIR="$tmp/data" LOG_DIR="$tmp/logs" LOG_LEVEL=warn \
  "$bin" serve >"$tmp/aiv7.out" 2>&1 &
aiv7_pid=$!
for _ in $(seq 100); do [[ -s $tmp/port ]] && break; sleep 0.05; done
aiv7_port=$(cat "$tmp/port")

run() { wrk -t"$threads" -c"$connections" -d"$duration" --latency "http://127.0.0.1:$1/healthz" | tee "$tmp/$2.txt" >&2
        awk '/Requests\/sec/ {print $2}' "$tmp/$2.txt"; }
echo "== nginx (constant) ==" >&2; nginx_rps=$(run "$nginx_port" nginx)
echo "== aiv7 /healthz ==" >&2;   aiv7_rps=$(run "$aiv7_port" aiv7)
ratio=$(awk -v a="$aiv7_rps" -v n="$nginx_rps" 'BEGIN {printf "%.2f", a / n}')
echo "nginx_rps=$nginx_rps aiv7_rps=$aiv7_rps aiv7/nginx=$ratio (wrk -t$threads -c$connections -d$duration, $workers workers each)"
