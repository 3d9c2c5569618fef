# make run   — set up what is missing, load the demo content, serve on http://127.0.0.1:8000
# make test  — set up what is missing, run the whole suite
# make lint  — ruff;  make bench — the benchmark table;  make load — a load run;  make worker — a Celery worker
# make beat  — the Celery beat scheduler (daily notification digest, outbox sweep)
# make serve — the production profile on gunicorn (environment as in README, "Production")

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
WEB_WORKERS ?= 3
WEB_THREADS ?= 4
# Both queues by default; in production run one worker (or more) per queue (README).
QUEUES ?= celery,academy-long

.PHONY: setup run test lint bench load worker beat serve messages messages-update clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[testing,linting]"
	touch $@

node_modules/.installed: package.json
	npm install --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

messages: $(VENV)/.installed
	cd academy && ../$(PY) ../manage.py compilemessages --verbosity 0

# After changing interface strings: refresh the .po files, translate, commit.
messages-update: $(VENV)/.installed
	$(MANAGE) makemessages -l fr -l es --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench

setup: $(VENV)/.installed node_modules/.installed messages
	$(MANAGE) migrate --noinput --verbosity 0
	$(MANAGE) create_demo_site
	$(MANAGE) load_catalog
	$(MANAGE) create_demo_accounts

run: setup
	@echo ""
	@echo "  SSE Academy:  http://$(HOST):$(PORT)/en/   (/fr/, /es/)"
	@echo "  Admin:        http://$(HOST):$(PORT)/admin/"
	@echo ""
	$(MANAGE) runserver $(HOST):$(PORT)

# Two test processes (pytest-xdist): tests that start Celery workers run one after another
# on one of them, the embedding test beside them (tests/conftest.py groups them).
TEST_PROCESSES ?= 2
test: $(VENV)/.installed node_modules/.installed messages
	$(PY) -m pytest -n $(TEST_PROCESSES) --dist loadgroup $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(PY) -m ruff check .

bench: $(VENV)/.installed messages
	$(PY) -m bench $(BENCH_ARGS)

# 100 simulated learners for 60 s on the production stack (README, "Benchmarks").
load: $(VENV)/.installed messages
	$(PY) -m bench.load $(LOAD_ARGS)

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A demo_site.celery worker -Q $(QUEUES) --loglevel=info

# The production profile: SECRET_KEY, ALLOWED_HOSTS, EMAIL_HOST, DATABASE_URL, CACHE_URL,
# CELERY_BROKER_URL and the badge key come from the environment (README, "Production").
serve: $(VENV)/.installed messages
	DJANGO_SETTINGS_MODULE=demo_site.settings.production $(MANAGE) collectstatic --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=demo_site.settings.production $(VENV)/bin/gunicorn demo_site.wsgi:application \
	  --bind $(HOST):$(PORT) --workers $(WEB_WORKERS) --threads $(WEB_THREADS) --access-logfile -

# The scheduler — exactly one per site, whatever the number of nodes — that queues the
# periodic tasks: the daily digest, and the outbox sweep every minute.
beat: $(VENV)/.installed
	$(VENV)/bin/celery -A demo_site.celery beat --loglevel=info --schedule $(VENV)/celerybeat-schedule

clean:
	rm -rf $(VENV) node_modules db.sqlite3 media static_collected
