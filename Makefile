# Two commands on a new machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := demo.db

.PHONY: install demo test lint bench clean

install: $(VENV)/.installed

# A regular (not editable) install, as users get it: an editable install's import hook would
# add to every start-up, and the install compiles three modules (setup.py). Any change
# to the package reinstalls it; tests import the working tree, and test_compiled.py checks that
# the installed, compiled modules read as it does.
$(VENV)/.installed: pyproject.toml setup.py $(wildcard newsarc/*.py newsarc/*.c)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check '.[dev]'
	touch $@

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsarc ingest --db $(DEMO_DB) data
	$(BIN)/newsarc search --db $(DEMO_DB) idlib

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check newsarc tests bench setup.py
	$(BIN)/ruff format --check newsarc tests bench setup.py
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm bench/out
