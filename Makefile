# Golden Thread: `make run` serves the synthetic demo site, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Development runs on SQLite with development keys; tests get throwaway keys of their own.
DEV_ENV := GT_DEBUG=true
TEST_ENV := GT_SECRET_KEY=test-only-secret-key-not-for-any-real-site-0123456789 \
	GT_AUDIT_KEY=test-only-audit-key-not-for-any-real-site
PYTEST_ARGS ?=

.PHONY: setup migrate demo run test lint audit format bench load crash totp messages browser java lock openapi clean

$(VENV)/.installed: requirements/dev.lock
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	touch $@

setup: $(VENV)/.installed

migrate: setup
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py demo --seed 2011 --size small
	$(DEV_ENV) $(BIN)/python manage.py national_snapshot

run: demo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# The browser tests drive Debian's Chromium; install it when it is missing and we may.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "The browser tests need Debian's Chromium: sudo apt-get install chromium"; exit 1; \
		fi; \
	fi

# The Spark equivalence test runs Spark in local mode, which needs Java 17.
java:
	@if ! command -v java >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
		else \
			echo "The Spark test needs Java 17: sudo apt-get install openjdk-17-jre-headless"; exit 1; \
		fi; \
	fi

test: setup browser java
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEST_ENV) $(BIN)/mypy --no-incremental goldenthread bench

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup
	$(TEST_ENV) $(BIN)/python -m bench.run

# The load run: the personas of goldenthread/drills/locustfile.py for five minutes against
# gunicorn and a PostgreSQL cluster of its own holding the large demo site.
load: setup
	$(BIN)/python -m goldenthread.drills.load --users 50 --seconds 300 --size large

# The crash drill at full length on each engine (the suite runs 20 cycles).
crash: setup
	$(BIN)/python -m goldenthread.drills.crash --cycles 200 --engine sqlite
	$(BIN)/python -m goldenthread.drills.crash --cycles 200 --engine postgres

totp: setup
	@$(DEV_ENV) $(BIN)/python manage.py totp $(USER)

messages: setup
	$(DEV_ENV) $(BIN)/python manage.py makemessages --locale es --ignore '.venv/*' --ignore 'var/*'
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --locale es --ignore '.venv/*'

# Re-pin after editing pyproject.toml: hashed lock files for production and development.
lock: setup
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements/base.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements/dev.lock

# Supply chain: bandit fails on any high-severity finding in our code, pip-audit on any known
# vulnerability in the runtime lock. pip-audit reads PyPI's advisories per release; a package
# it cannot look up is listed as not audited, never passed over in silence.
audit: setup
	$(BIN)/bandit -q -r goldenthread bench -x '*/tests/*,*/migrations/*' --severity-level high
	$(BIN)/pip-audit -r requirements/base.lock --require-hashes --disable-pip --progress-spinner off

# The published API document; a test fails when it and the code disagree.
openapi: setup
	$(DEV_ENV) $(BIN)/python manage.py export_openapi_schema --api goldenthread.api.api \
		--indent 2 --sorted --output docs/openapi.json

clean:
	rm -rf $(VENV) var/*.sqlite3* var/static
