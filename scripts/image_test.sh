#!/usr/bin/env bash
# Build the recours image with podman and check that it serves: `make image-test`.
#
# For machines without a container registry: the base is a Debian bookworm made here with
# debootstrap (cached in var/bookworm-base.tar) and imported (`podman import`); the Python
# packages come from a wheelhouse built on this machine (var/wheelhouse). Then the image is built
# with --build-arg BASE=..., migrations run in it against a fresh database, and a container is
# started and must answer 200 on /readyz (database, migrations, Redis, keys) and be "healthy".
#
# Root (debootstrap, podman as root). Needs: debootstrap, podman, runc, a PostgreSQL on
# 127.0.0.1:5432 (PG_SERVER) and a Redis on 127.0.0.1:6379 (REDIS_URL).
# Where a registry is reachable: IMAGE_BASE=docker.io/library/python:3.11-slim-bookworm skips debootstrap.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
PY=${PY:-$REPO/.venv/bin/python}
PG_SERVER=${PG_SERVER:-postgres://postgres@127.0.0.1:5432}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/11}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
TAG=localhost/recours:test
PORT=${IMAGE_TEST_PORT:-18000}
NAME=recours-image-test-$$
DB=recours_image_$$
# These hosts' cgroups want runc (not crun), and ulimits within nofile 20000 / nproc 32768.
PODMAN=(podman --runtime runc)
LIMITS=(--ulimit nofile=20000:20000 --ulimit nproc=32768:32768)

[ "$(id -u)" = 0 ] || { echo "image_test: run as root" >&2; exit 2; }
for tool in podman runc psql "$PY"; do
  command -v "$tool" >/dev/null || { echo "image_test: $tool is missing (apt-get install podman runc debootstrap)" >&2; exit 2; }
done

cleanup() {
  status=$?
  "${PODMAN[@]}" rm -f "$NAME" >/dev/null 2>&1 || true
  psql "$PG_SERVER/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  exit $status
}
trap cleanup EXIT INT TERM
mkdir -p var

if [ -z "${IMAGE_BASE:-}" ]; then
  IMAGE_BASE=localhost/bookworm-base
  if ! "${PODMAN[@]}" image exists "$IMAGE_BASE"; then
    if [ ! -f var/bookworm-base.tar ]; then
      echo "== debootstrap --variant=minbase bookworm (once; cached in var/bookworm-base.tar)"
      command -v debootstrap >/dev/null || { echo "image_test: debootstrap is missing" >&2; exit 2; }
      root=$(mktemp -d /tmp/recours-bookworm.XXXXXX)
      debootstrap --variant=minbase bookworm "$root" "$MIRROR" >/dev/null
      # Plain-HTTP mirrors: inside a container here, HTTPS fails its certificate checks.
      echo "deb $MIRROR bookworm main" > "$root/etc/apt/sources.list"
      echo "deb $MIRROR bookworm-updates main" >> "$root/etc/apt/sources.list"
      rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*
      tar -C "$root" -cf var/bookworm-base.tar .
      rm -rf "$root"
    fi
    echo "== podman import $IMAGE_BASE"
    "${PODMAN[@]}" import --change 'CMD ["/bin/bash"]' var/bookworm-base.tar "$IMAGE_BASE" >/dev/null
  fi
fi

echo "== wheelhouse (var/wheelhouse)"
"$PY" scripts/requirements.py > var/requirements.txt
"$PY" -m pip wheel -q -w var/wheelhouse -r var/requirements.txt
# Debian's Python is 3.11.2: dependencies marked for Python < 3.11.3 (redis needs async-timeout
# there) are resolved for this machine's Python and may be missing from the wheelhouse.
"$PY" -m pip wheel -q -w var/wheelhouse "async-timeout>=4.0.3"

echo "== podman build --build-arg BASE=$IMAGE_BASE"
start=$(date +%s)
"${PODMAN[@]}" build --format docker --network host "${LIMITS[@]}" --build-arg "BASE=$IMAGE_BASE" \
  -f deploy/Containerfile -t "$TAG" . > var/image-build.log 2>&1 || { tail -30 var/image-build.log; exit 1; }
echo "   built in $(( $(date +%s) - start )) s, $("${PODMAN[@]}" image inspect "$TAG" --format '{{.Size}}' | awk '{printf "%d MB", $1/1e6}')"

echo "== migrate, then start the web process"
psql "$PG_SERVER/postgres" -qc "CREATE DATABASE $DB"
ENVS=(
  -e SECRET_KEY="image-test-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
  -e RECOURS_ENCRYPTION_KEYS="$("$PY" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
  -e DATABASE_URL="$PG_SERVER/$DB" -e REDIS_URL="$REDIS_URL" -e ALLOWED_HOSTS=127.0.0.1
  -e RECOURS_TLS=0 -e RECOURS_TASKS_BACKEND=database
)
"${PODMAN[@]}" run --rm --network host "${LIMITS[@]}" "${ENVS[@]}" "$TAG" python manage.py migrate -v 0
"${PODMAN[@]}" run -d --name "$NAME" --network host "${LIMITS[@]}" "${ENVS[@]}" -e PORT="$PORT" "$TAG" >/dev/null

echo "== /readyz"
for _ in $(seq 120); do
  code=$(curl -s -o var/readyz.json -w '%{http_code}' "http://127.0.0.1:$PORT/readyz" || true)
  [ "$code" = 200 ] && break
  sleep 1
done
cat var/readyz.json; echo
[ "$code" = 200 ] || { "${PODMAN[@]}" logs "$NAME" | tail -30; echo "image_test: /readyz answered $code"; exit 1; }
curl -sf -o /dev/null "http://127.0.0.1:$PORT/static/theme/recours.css" || { echo "image_test: static files not served"; exit 1; }
user=$("${PODMAN[@]}" exec "$NAME" id -un)
[ "$user" = recours ] || { echo "image_test: the process runs as $user"; exit 1; }
"${PODMAN[@]}" exec "$NAME" python -c "import weasyprint; assert weasyprint.HTML(string='<p>ok</p>').write_pdf()[:4] == b'%PDF'" \
  || { echo "image_test: WeasyPrint cannot lay out a PDF"; exit 1; }
# (podman's own timer needs systemd, absent here: the check is run once by hand.)
health=$("${PODMAN[@]}" healthcheck run "$NAME" >/dev/null 2>&1 && echo healthy || echo unhealthy)
[ "$health" = healthy ] || { echo "image_test: HEALTHCHECK failed"; exit 1; }
echo "image_test: ok (/readyz 200, static files, non-root user '$user', WeasyPrint, HEALTHCHECK $health)"
