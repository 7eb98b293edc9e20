#!/usr/bin/env bash
# scripts/check-layers must pass on the tree as it is, and fail, naming
# file:line and the arrow, when a copy of the tree breaks a wall: a route
# including a database implementation, a service header including
# nlohmann/json, a service including SQLite's C header.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
check="$top/scripts/check-layers"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$check" >/dev/null || { echo "FAIL: check-layers refuses the tree as it is"; "$check"; exit 1; }

cp -r "$top/src" "$tmp/src"
expect_refusal() {  # <what> <file under src> <line to add> <expected text>
  local what=$1 file=$2 line=$3 expected=$4
  cp -r "$top/src/." "$tmp/src/"
  echo "$line" >> "$tmp/src/$file"
  local out status=0
  out=$("$check" --root "$tmp/src" 2>&1) || status=$?
  if [[ $status -ne 1 ]]; then
    echo "FAIL ($what): check-layers exited $status, expected 1"; echo "$out"; exit 1
  fi
  local lines; lines=$(wc -l < "$tmp/src/$file")
  if ! grep -qF "$file:$lines: $expected" <<<"$out"; then
    echo "FAIL ($what): expected \"$file:$lines: $expected\" in:"; echo "$out"; exit 1
  fi
  cp "$top/src/$file" "$tmp/src/$file"
  echo "ok: $what"
}
route=$(cd "$top/src" && ls routes/*.cpp | head -1)
expect_refusal "route includes a database implementation" "$route" \
  '#include "db/sqlite/sqlite_database.h"' 'routes -> db/sqlite is not allowed'
expect_refusal "route includes the postgres implementation" "$route" \
  '#include "db/postgres/postgres_database.h"' 'routes -> db/postgres is not allowed'
expect_refusal "retrieval reaches up into services" retrieval/tenant.cpp \
  '#include "services/conversation/message_handler.h"' 'retrieval -> services/conversation is not allowed'
expect_refusal "understanding reaches forward into records" services/understanding/entity_extractor.cpp \
  '#include "services/records/crm_service.h"' 'services/understanding -> services/records is not allowed'
expect_refusal "service header includes nlohmann" services/auth/principal.h \
  '#include <nlohmann/json.hpp>' 'a services/auth header may not include <nlohmann/json.hpp>'
expect_refusal "service includes SQLite's C header" services/auth/auth_service.cpp \
  '#include <sqlite3.h>' 'services/auth -> <sqlite3.h> is not allowed'
echo "check-layers: all walls hold"
