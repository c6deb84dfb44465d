# SECTOR Learning. Prerequisites: Python 3.11+ and Node 18+ (with npm).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: install run test lint format bench seed-scale messages static clean

$(PY_STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

install: $(PY_STAMP) $(NODE_STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Production static files: npm packages + collectstatic into STATIC_ROOT (hashed names and a
# manifest, compressed copies). Build once; every app server serves the same folder.
static: install
	DJANGO_SETTINGS_MODULE=lms.settings.production SECRET_KEY="$${SECRET_KEY:-static-build-only}" \
	  $(BIN)/python manage.py collectstatic --noinput

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

seed-scale: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_scale

bench: install
	$(BIN)/python bench/run.py

messages: install
	cd lms && ../$(BIN)/django-admin makemessages -l es --ignore=stipends/* --ignore=reports/* && ../$(BIN)/django-admin compilemessages
	for app in courses cbi_curriculum credentials lms/stipends lms/reports; do \
	  if [ -d $$app/locale ]; then (cd $$app && $(CURDIR)/$(BIN)/django-admin makemessages -l es && $(CURDIR)/$(BIN)/django-admin compilemessages); fi; \
	done

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
