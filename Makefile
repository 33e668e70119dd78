# The two commands: `make demo` runs the application, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000
SYSTEM_PACKAGES := fonts-noto-cjk libharfbuzz-subset0 gettext
# The tests also drive Debian's Chromium (browser journeys), read PDFs with pdffonts, and try a
# backup and restore (rsync; pg_dump and pg_restore come with PostgreSQL).
TEST_PACKAGES := $(SYSTEM_PACKAGES) chromium poppler-utils rsync

.PHONY: demo test e2e screenshots lint system-packages messages clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

system-packages:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Please install the system packages first:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

demo: PACKAGES = $(SYSTEM_PACKAGES)
demo: system-packages $(VENV)/.installed
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py sync_role_permissions
	DEBUG=1 $(PY) manage.py seed_demo
	DEBUG=1 $(PY) manage.py runserver $(HOST)

test: PACKAGES = $(TEST_PACKAGES)
test: system-packages $(VENV)/.installed
	SECRET_KEY=$${SECRET_KEY:-test-only-secret} $(VENV)/bin/pytest $(PYTEST_ARGS)

# The browser journeys alone, on PostgreSQL (E2E_DATABASE_URL unless DATABASE_URL is set);
# `make screenshots` runs them and keeps each step's picture for the user guide.
E2E_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/dajiwei
e2e: PACKAGES = $(TEST_PACKAGES)
e2e: system-packages $(VENV)/.installed
	DATABASE_URL=$${DATABASE_URL:-$(E2E_DATABASE_URL)} SECRET_KEY=$${SECRET_KEY:-test-only-secret} \
	  $(VENV)/bin/pytest tests/e2e $(PYTEST_ARGS)

screenshots: PACKAGES = $(TEST_PACKAGES)
screenshots: system-packages $(VENV)/.installed
	mkdir -p docs/user-guide/img
	SCREENSHOTS_DIR=$(CURDIR)/docs/user-guide/img DATABASE_URL=$${DATABASE_URL:-$(E2E_DATABASE_URL)} \
	  SECRET_KEY=$${SECRET_KEY:-test-only-secret} $(VENV)/bin/pytest tests/e2e $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Re-extract the source strings after changing them; translate in locale/zh_Hans, then compile.
messages: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=tests --ignore=benchmarks
	DEBUG=1 $(PY) manage.py compilemessages -l zh_Hans --ignore=.venv

# The performance benchmark of docs/performance.md, on PostgreSQL (BENCH_DATABASE_URL, default
# postgres://postgres@127.0.0.1:5432/dajiwei_bench): `make bench` at district scale, `make bench
# SMOKE=1` small and quick (CI), REUSE=1 keeps an already seeded database.
.PHONY: bench
bench: PACKAGES = wrk
bench: system-packages $(VENV)/.installed
	$(PY) -m benchmarks.run $(if $(SMOKE),--smoke) $(if $(REUSE),--reuse)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
