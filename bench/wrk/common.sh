# Shared by the wrk benchmarks: start nginx returning a constant and aiv7 on
# free loopback ports, run wrk against both in the same run, clean up.
# Environment: DURATION (10s), CONNECTIONS (64), THREADS (2), WORKERS (2).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
workers=${WORKERS:-2}
for tool in wrk nginx python3; do
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

start_nginx() {
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
}

start_aiv7() {
  local bin=$1
  (cd "$root" && PORT=0 PORT_FILE="$tmp/port" WORKERS=$workers DATA_DIR="$tmp/data" LOG_DIR="$tmp/logs" \
     LOG_LEVEL=warn exec "$bin" serve >"$tmp/aiv7.out" 2>&1) &
  aiv7_pid=$!
  for _ in $(seq 200); do [[ -s $tmp/port ]] && break; sleep 0.05; done
  aiv7_port=$(cat "$tmp/port")
}

# run_wrk URL NAME [wrk args...]: prints requests/s on stdout, details on stderr.
run_wrk() {
  local url=$1 name=$2
  shift 2
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url" | tee "$tmp/$name.txt" >&2
  awk '/Requests\/sec/ {print $2}' "$tmp/$name.txt"
}

ratio() { awk -v a="$1" -v n="$2" 'BEGIN {printf "%.2f", a / n}'; }
