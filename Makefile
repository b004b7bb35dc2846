# `make demo` and `make test` set everything up themselves on a fresh clone.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint setup clean bench

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

lint: $(STAMP)
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
