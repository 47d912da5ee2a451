#!/usr/bin/env bash
# Restore a dump made by scripts/db_backup.sh into an EMPTY database (created beforehand:
# `createdb` or `CREATE DATABASE`). Usage: scripts/db_restore.sh FILE DATABASE_URL
#
# All or nothing (one transaction). Then start the application with the same
# RECOURS_ENCRYPTION_KEYS, RECOURS_RECEIPT_SALT (or SECRET_KEY when no salt was set) and
# RECOURS_RECEIPT_ARGON2_* as when the dump was made, and run `manage.py migrate` if the
# code is newer than the dump.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 FILE DATABASE_URL" >&2
  exit 2
fi
file=$1 url=$2
tables=$(psql "$url" -Atqc "select count(*) from pg_tables where schemaname = 'public'")
if [ "$tables" != "0" ]; then
  echo "refusing to restore: the target database already has $tables tables (restore into an empty one)" >&2
  exit 1
fi
pg_restore --no-owner --no-privileges --single-transaction --exit-on-error --dbname "$url" "$file"
echo "restored $file ($(psql "$url" -Atqc 'select count(*) from casework_case') cases)"
