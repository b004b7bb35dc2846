# `make demo` and `make test` set everything up themselves on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

LOCK   := requirements.lock

.PHONY: demo test lint setup clean bench lock

setup: $(STAMP)

# Exactly the locked versions (hashes checked), the project itself editable without build
# isolation (its build backend is locked too), and nothing the lock does not list.
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	$(PY) -m tools.lock --prune
	@touch $(STAMP)

# Refresh requirements.lock after a change to pyproject.toml's dependencies (existing pins
# are kept); `make lock UPGRADE=1` takes the newest versions the ranges allow.
lock: | $(STAMP)
	$(PY) -m tools.lock $(if $(UPGRADE),--upgrade)

lint: $(STAMP)
	$(PY) -m tools.lock --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: lint
	$(PY) -m pytest

demo: $(STAMP)
	$(VENV)/bin/mipcrawl demo

bench: $(STAMP)
	$(PY) bench/bench_dates.py
	$(PY) bench/bench_places.py
	$(PY) bench/bench_crawl.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
