# Two commands do all set-up on a fresh machine (see README):
#   make run    the site with demo content on SQLite, at http://127.0.0.1:$(PORT) (PORT=8001 make run)
#   make test   the whole test suite
# Both are safe to run again.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The address written in emails, .ics files and the sitemap (and given to the demo's Site).
export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:$(PORT)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-clock setup messages browser lint format makemessages clean worker lighthouse screenshots

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-run
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# Compile the French and English catalogues (Babel: no GNU gettext needed).
messages: $(VENV)/.installed-run
	$(VENV)/bin/pybabel compile --domain django --directory locale --statistics

setup: $(VENV)/.installed-run messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo_content --if-empty

# The development server with a task worker beside it (the emails leave through it);
# stopping the server stops the worker.
run: setup
	@$(PY) manage.py requeue_stalled_tasks --minutes 0 >/dev/null  # the last run's, if killed
	@$(PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# A task worker alone, for a server started some other way.
worker: setup
	$(PY) manage.py db_worker

# Browser tests drive Debian's Chromium; install it when missing and we may.
browser:
	@if command -v chromium >/dev/null 2>&1; then \
		echo "Chromium: $$(command -v chromium)"; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Chromium from the system's packages..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is not installed and cannot be installed here (needs root and apt-get):"; \
		echo "the browser tests will be skipped. Install it with: sudo apt-get install chromium"; \
	fi

test: $(VENV)/.installed-test messages browser
	$(PY) -m pytest $(PYTEST_ARGS)

# The date-sensitive tests (marker "clock") again at awkward instants in Montréal: the
# 1st of a month at 03:00, 31 December at 23:30, just after clocks spring forward, and
# the hour that happens twice when they fall back (EDT, then EST). The first run builds
# the test databases, the others reuse them; two processes share the work.
CLOCK_INSTANTS ?= 2027-02-01T08:00:00Z 2027-01-01T04:30:00Z 2027-03-14T07:30:00Z 2026-11-01T05:30:00Z 2026-11-01T06:30:00Z
CLOCK_WORKERS ?= 2

test-clock: $(VENV)/.installed-test messages
	@failed=""; database="--create-db"; \
	for now in $(CLOCK_INSTANTS); do \
		echo "-- SALIM_TEST_NOW=$$now"; \
		SALIM_TEST_NOW=$$now $(PY) -m pytest -m clock -q -n $(CLOCK_WORKERS) --reuse-db $$database $(PYTEST_ARGS) || failed="$$failed $$now"; \
		database=""; \
	done; \
	if [ -n "$$failed" ]; then echo "Clock-sensitive tests failed at:$$failed"; exit 1; fi

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the catalogues after changing strings (needs GNU gettext's xgettext).
makemessages: $(VENV)/.installed-run
	$(PY) manage.py makemessages --locale fr --locale en --ignore ".venv/*" --ignore "staticfiles/*" --no-obsolete

clean:
	rm -rf $(VENV) staticfiles

# Lighthouse's scores of the main pages (bench/lighthouse.py), from the version pinned in
# bench/package-lock.json, installed in bench/node_modules (never globally).
bench/node_modules/.installed: bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	touch $@

lighthouse: $(VENV)/.installed-test messages bench/node_modules/.installed
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) bench/lighthouse.py $(LIGHTHOUSE_ARGS)

# PNGs of every page type at 390 and 1280 px (bench/screenshots.py), in screenshots/.
SCREENSHOTS ?= screenshots
screenshots: $(VENV)/.installed-test messages
	$(PY) bench/screenshots.py $(SCREENSHOTS)
