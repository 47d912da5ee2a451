#!/usr/bin/env bash
# Dump the recours database to one file (PostgreSQL's custom format: compressed, restorable
# table by table). Usage: scripts/db_backup.sh DATABASE_URL FILE
#
# The dump holds every encrypted field as ciphertext: it is readable only with the instance's
# RECOURS_ENCRYPTION_KEYS, which must be kept elsewhere (docs/operations.md, "Backup and restore").
# Run it against PostgreSQL itself, not through PgBouncer in transaction mode.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 DATABASE_URL FILE" >&2
  exit 2
fi
url=$1 file=$2
tmp="$file.partial"
# One consistent snapshot of the whole database, without owners or grants (restored as
# whichever role restores it).
pg_dump --format=custom --no-owner --no-privileges --file "$tmp" "$url"
mv "$tmp" "$file"
echo "dumped to $file ($(du -h "$file" | cut -f1))"
