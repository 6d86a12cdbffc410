# BoardHub: `make run` serves the demo site, `make test` runs the whole suite.
# Every target installs what it needs first, so both work from a fresh clone.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
# Marks a finished install; older than a requirements file means "install again".
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
# Prefer Python 3.11 (what production runs); fall back to whatever python3 there is.
BOOTSTRAP_PYTHON := $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
CHROMIUM := /usr/bin/chromium
# Liberation Sans has Arial's metrics: the header test measures the navigation with it, as a
# Windows or Mac machine would show it (tests/browser/test_header.py).
BROWSER_PACKAGES := chromium fonts-liberation2
# Extra pytest arguments, e.g. make test ARGS="tests/core -x" or ARGS=--create-db
ARGS ?=
# The port `make run` serves on, e.g. make run PORT=8001
PORT ?= 8000

.PHONY: help install chromium run test lint format check-deploy serve-prod bench

help: ## List the targets
	@echo "BoardHub. The two you need:"
	@echo "  make run    set up and serve the demo site at http://127.0.0.1:$(PORT) (PORT=8001 for another)"
	@echo "  make test   set up and run the whole suite, browser tests included"
	@echo
	@echo "All targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

install: $(STAMP) ## Create .venv and install requirements-dev.txt (only when requirements change)

$(STAMP): requirements.txt requirements-dev.txt
	@test -n "$(BOOTSTRAP_PYTHON)" || { echo "No python3.11 or python3 on PATH: install Python 3.11."; exit 1; }
	@test -x $(PY) || { echo "Creating $(VENV) with $(BOOTSTRAP_PYTHON)"; $(BOOTSTRAP_PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --disable-pip-version-check --progress-bar off --upgrade pip
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements-dev.txt
	@touch $(STAMP)

$(BENCH_STAMP): $(STAMP) requirements-bench.txt
	$(PY) -m pip install --disable-pip-version-check --progress-bar off -r requirements-bench.txt
	@touch $(BENCH_STAMP)

chromium: ## Install Debian's Chromium, and the Arial-metric fonts the header test measures with, when missing
	@if [ -x $(CHROMIUM) ] && fc-list 2>/dev/null | grep -q "Liberation Sans"; then \
		echo "Chromium found at $(CHROMIUM), and the Liberation fonts"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's Chromium and fonts-liberation2 for the browser tests"; \
		export DEBIAN_FRONTEND=noninteractive; \
		{ apt-get update && apt-get install -y --no-install-recommends $(BROWSER_PACKAGES); } \
			|| echo "Could not install them with apt-get: the browser tests will fail."; \
	else \
		echo "The browser tests need Chromium at $(CHROMIUM) and the Liberation fonts, and one is missing."; \
		echo "Install them as root:  apt-get update && apt-get install -y --no-install-recommends $(BROWSER_PACKAGES)"; \
		echo "Until then the browser tests will fail."; \
	fi

run: install ## Migrate, load the demo site (first time only) and serve it on 127.0.0.1:8000 (PORT=8001 for another)
	DJANGO_SETTINGS_MODULE=boardhub.settings.dev $(PY) manage.py migrate --no-input
	DJANGO_SETTINGS_MODULE=boardhub.settings.dev $(PY) manage.py load_demo_site --if-empty
	@# Emails (printed here) link to the port served, unless BOARDHUB_BASE_URL says otherwise.
	BOARDHUB_BASE_URL="$${BOARDHUB_BASE_URL:-http://127.0.0.1:$(PORT)}" \
	DJANGO_SETTINGS_MODULE=boardhub.settings.dev $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Two processes: the browser tests in one, the rest in the other (tests/browser/conftest.py).
TEST_PROCESSES ?= -n 2 --dist loadgroup

test: install chromium ## Run the whole suite (extra pytest arguments: ARGS="...", TEST_PROCESSES= for one process)
	DJANGO_SETTINGS_MODULE=boardhub.settings.test $(PY) -m pytest $(TEST_PROCESSES) -ra --durations=10 $(ARGS)

lint: install ## Check Python (ruff) and templates (djhtml) without changing them
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates

format: install ## Fix what ruff can, format Python, indent templates
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

check-deploy: install ## Django's deployment checks on production settings, with throwaway values
	DJANGO_SETTINGS_MODULE=boardhub.settings.production \
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
	MFA_ENCRYPTION_KEYS="$$($(PY) -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
	ALLOWED_HOSTS=boardhub.example.org BOARDHUB_BASE_URL=https://boardhub.example.org \
	$(PY) manage.py check --deploy --fail-level WARNING

serve-prod: install ## Serve with production settings: gunicorn, PostgreSQL, Redis, the email worker (PORT=8080)
	site/deploy/serve-prod.sh

bench: $(BENCH_STAMP) ## Load-test the key pages on the production stack with locust (about 25 minutes)
	$(PY) tests/performance/bench.py $(ARGS)
