# Scope & Pace: every target installs what it needs first, so a fresh clone needs only
#   make serve   build the site and serve it at http://127.0.0.1:8000 with live reload
#   make site    build the site into site/
#   make test    run every test (lint, unit, build, browser), in parallel
#   make check   the fast subset for the edit loop: lint, unit and build tests, no browser
#   make test-times  run every test and list where the time goes (build/test-times.txt)
#   make bench   measure load and compute times in Chromium (a report, not a test)

SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM := /usr/bin/chromium

# pyodide-build and pyodide-lock need Python 3.12 or newer. Look on PATH first, then in pyenv.
PYTHON := $(shell for c in python3.13 python3.12 python3.14 python3; do \
	  p=$$(command -v $$c 2>/dev/null) && "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	  && { echo "$$p"; exit 0; }; done; \
	  root=$$(pyenv root 2>/dev/null) || root=$$HOME/.pyenv; \
	  for p in $$(ls -d "$$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -r); do \
	  "$$p" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo "$$p"; exit 0; }; done)

# Parallel test workers: one per core (pytest-xdist); TEST_WORKERS=0 runs in one process. Tests that
# share a booted calculator page are kept on one worker (loadgroup: see tests/conftest.py).
TEST_WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup

.PHONY: help deps serve site lint check test test-times bench clean

help:
	@sed -n '1,8p' Makefile

$(BIN)/.installed: requirements.txt pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
	  echo "error: Python 3.12 or newer is needed (pyodide-build requires it) and none was found."; \
	  echo "       Install one, e.g. 'apt-get install python3.12 python3.12-venv' or 'pyenv install 3.13',"; \
	  echo "       then run make again."; exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON)"
	rm -rf $(VENV)
	"$(PYTHON)" -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests"
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi

deps: $(BIN)/.installed node_modules/.installed

# Served at the root of its own address, without the published sub-path; no offline cache and no
# Content-Security-Policy while previewing, so that live reload works (see overrides/hooks/).
serve: deps
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

site: deps
	$(BIN)/mkdocs build --strict --site-dir site

lint: deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: lint
	$(PYTEST) -m "not browser"

# The 25 slowest steps (a test's call, or the set-up of its fixtures) are listed after every run.
test: lint $(CHROMIUM)
	$(PYTEST) --durations=25

# Every step's time, kept in build/test-times.txt; the 25 slowest tests (set-up, call and tear-down
# together) and the 25 slowest set-ups (fixtures: builds, browser contexts, booted pages).
test-times: lint $(CHROMIUM)
	mkdir -p build
	set -o pipefail; $(PYTEST) --durations=0 -q | tee build/test-times.txt | tail -n 3; status=$$?; \
	  $(BIN)/python tests/times.py build/test-times.txt; exit $$status

bench: deps $(CHROMIUM)
	$(BIN)/python -m bench

clean:
	rm -rf site build $(VENV) node_modules
