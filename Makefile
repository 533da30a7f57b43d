# Short names for what a developer does. `make run` and `make test` set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
# One stamp per set: the site's own requirements (what production installs), and those plus the
# tests' and tools' (what test, lint, check and messages need). Each is redone when its files change.
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: install install-dev run demo test lint format check messages compilemessages bench bench-mix backup restore clean

$(PY):
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is required") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP) $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

## The site with reference and demo data, on SQLite unless DATABASE_URL says otherwise.
demo: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_reference
	$(MANAGE) load_demo
	$(MANAGE) create_demo_staff

run: demo
	$(MANAGE) runserver 127.0.0.1:8000

## The whole suite; on PostgreSQL when DATABASE_URL points there.
test: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install-dev
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	$(PY) -m tests.check_catalogs

## Extract every user-facing string into locale/, then compile.
messages: install-dev
	$(MANAGE) makemessages --locale fr --locale en --no-obsolete --ignore '.venv/*' --ignore 'bench/*' --ignore 'tests/*'
	$(PY) locale/english.py
	$(MANAGE) compilemessages --ignore '.venv/*'

compilemessages: install
	$(MANAGE) compilemessages --ignore '.venv/*'

## Load benchmark of the public pages (PostgreSQL, gunicorn, wrk): see bench/README.md.
bench: install
	$(PY) bench/load.py $(BENCH_ARGS)

## Realistic traffic (weighted mix of thousands of addresses, staff editing, Redis cache on).
bench-mix: install
	$(PY) bench/mix.py $(BENCH_ARGS)

## Back up the database and the uploaded files to backups/ (one archive, mode 0600).
backup: install
	$(MANAGE) backup

## Restore one: make restore FILE=backups/20261122-120000.backup
restore: install
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups/<file>.backup" && exit 2)
	$(MANAGE) restore "$(FILE)"

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .test-media
