#!/usr/bin/env bash
# Throughput of POST /chat_api (a V5 turn per request) next to nginx
# returning a constant, in the same run.
#   bench/wrk/chat.sh [path/to/aiv7]
source "$(dirname "$0")/common.sh"
bin=$(realpath "${1:-$root/build/aiv7}")
start_nginx
start_aiv7 "$bin"
echo "== nginx (constant) ==" >&2; nginx_rps=$(run_wrk "http://127.0.0.1:$nginx_port/" nginx)
echo "== aiv7 /chat_api ==" >&2
aiv7_rps=$(run_wrk "http://127.0.0.1:$aiv7_port/chat_api" chat -s "$(dirname "$0")/chat.lua")
echo "nginx_rps=$nginx_rps aiv7_chat_rps=$aiv7_rps aiv7/nginx=$(ratio "$aiv7_rps" "$nginx_rps") (wrk -t$threads -c$connections -d$duration, $workers workers each)"
