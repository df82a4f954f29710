# Shared by the bench/ scripts: tools, a private nginx on loopback pinned to core 0, medians.
# Benchmarks only ever send traffic to 127.0.0.1, and every run is bounded in time.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$BENCH_DIR")"
WORK="${BENCH_WORK:-$(mktemp -d /tmp/crescendo-bench.XXXXXX)}"
NGINX_PORT="${NGINX_PORT:-18089}"
TARGET_URL="http://127.0.0.1:$NGINX_PORT/"

bench_need() {  # bench_need CMD DEBIAN_PACKAGE ...
  local missing=()
  while [ $# -gt 0 ]; do
    command -v "$1" >/dev/null 2>&1 || missing+=("$2")
    shift 2
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "bench: installing ${missing[*]}" >&2
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
  fi
}

bench_tools() {
  bench_need nginx nginx-light wrk wrk hey hey taskset util-linux
  ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
  # Build the jar once, outside any measurement.
  "$REPO_DIR/crescendo" --version >/dev/null
}

nginx_start() {  # pinned to core 0, one worker, keep-alive, a small static 200
  mkdir -p "$WORK/nginx/logs"
  cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log crit;
worker_rlimit_nofile 65536;
events { worker_connections 20000; multi_accept on; }
http {
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=8192;
    location / { default_type text/plain; return 200 "ok\n"; }
  }
}
CONF
  taskset -c 0 nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
  trap nginx_stop EXIT
  for _ in $(seq 50); do curl -fsS "$TARGET_URL" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "bench: nginx did not start" >&2; exit 1
}

nginx_stop() {
  [ -f "$WORK/nginx/nginx.pid" ] && nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true
}

nginx_pids() {  # master and workers
  local master; master=$(cat "$WORK/nginx/nginx.pid")
  echo "$master $(pgrep -P "$master" | tr '\n' ' ')"
}

median() {  # median of the numbers given as arguments
  printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

wrk_rps() { awk '/^Requests\/sec:/ {print $2}'; }
hey_rps() { awk '/Requests\/sec:/ {print $2}'; }
summary_field() {  # summary_field FILE FIELD (top-level number in a loadgen summary)
  grep -o "\"$2\":[0-9.]*" "$1" | head -n1 | cut -d: -f2
}
