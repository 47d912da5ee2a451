# recours — two commands: `make run` (the platform, with demo data) and `make test` (the whole suite).
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast browser check clean-db image-test fault-test

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Development keys, made once and kept (git-ignored) so the data stays readable between runs.
var/dev.env: | $(STAMP)
	mkdir -p var
	$(PY) -c "import secrets; from cryptography.fernet import Fernet; \
	print('SECRET_KEY=dev-' + secrets.token_urlsafe(40)); \
	print('RECOURS_ENCRYPTION_KEYS=' + Fernet.generate_key().decode()); \
	print('RECOURS_RECEIPT_SALT=' + secrets.token_urlsafe(32))" > $@

run: $(STAMP) var/dev.env
	@set -a && . ./var/dev.env && set +a && export DJANGO_DEBUG=1 RECOURS_TLS=0 && \
	$(PY) manage.py migrate --noinput -v 0 && \
	$(PY) manage.py load_reference_data && \
	$(PY) manage.py load_demo_data && \
	echo "" && echo "  recours is running at http://127.0.0.1:$(PORT)/" && echo "" && \
	{ while sleep 60 && kill -0 $$$$ 2>/dev/null; do $(PY) manage.py run_periodic -v 0 || true; done & } && \
	exec $(VENV)/bin/uvicorn recours.asgi:application --host 127.0.0.1 --port $(PORT) --log-level warning

# Debian's chromium drives the browser tests (Playwright cannot download a browser here).
browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium) || \
	  (echo "Install Debian's chromium: apt-get install -y chromium" && exit 1)

# The whole suite, on SQLite, or on PostgreSQL when DATABASE_URL points to one. The browser
# tests run in a process of their own: Playwright keeps an event loop in the main thread for the
# session, which async_to_sync (ASGI and socket tests) refuses to share.
test: $(STAMP) browser
	$(PY) -m pytest -q -m "not e2e"
	$(PY) -m pytest -q -m e2e

# Everything but the browser tests.
test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not e2e"

# The container image built with podman on a local Debian base, then started: /readyz must be 200
# (root; several minutes; docs/operations.md, "Image and compose").
image-test: $(STAMP)
	PY=$(PY) scripts/image_test.sh

# A cluster in network namespaces under faults (root; about 3 minutes; run by .ci/run).
fault-test: $(STAMP)
	PY=$(PY) scripts/fault_test.sh
