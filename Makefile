# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install messages makemessages migrate demo clean rush bench

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

messages: install
	$(PY) manage.py compile_translations

migrate: messages
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

## Serve the demo on http://127.0.0.1:8000 (SQLite under var/, Celery eager).
run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

## The whole suite. Set DATABASE_URL / REDIS_URL to test against PostgreSQL / Redis.
test: messages
	$(PY) -m pytest $(PYTEST_ARGS)

## The deadline rush on PostgreSQL (BENCH_DATABASE_URL) through nginx and two gunicorn instances:
## 300 applicants submit in the final minute; RUSH_ARGS="--users 3000 --fault db-cut" etc. (bench/deadline_rush.py).
rush: messages
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) bench/deadline_rush.py $(RUSH_ARGS)

## Pages and PDFs at 1 000 offers on PostgreSQL (BENCH_DATABASE_URL): p50/p95 against a floor, PDF time and memory.
bench: messages
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) bench/run.py
	$(PY) bench/authorities.py

## ruff (with the complexity limit), the order of the apps, no circle of imports, views imported only by URLs, no module over 400 lines.
lint: install
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) .ci/import_rules
	$(PY) .ci/module_size

## Regenerate the Polish catalogue after changing strings (needs GNU gettext).
makemessages: install
	$(PY) manage.py makemessages -l pl -l en --ignore=.venv --ignore=var --ignore=node_modules

clean:
	rm -rf $(VENV) var/db.sqlite3 var/staticfiles
