# The two commands of README.md: `make run` (the annotator on the sample project) and `make test`.
SHELL := /bin/bash
VENV := .venv
STAMP := $(VENV)/.installed
SAMPLE := build/sample.barchasb
PYTHON ?= $(shell tools/find-python.sh)

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { tools/find-python.sh; exit 1; }
	@echo "creating $(VENV) with $(PYTHON)"
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[dev]'
	$(VENV)/bin/python -m ui.i18n
	@touch $(STAMP)

$(SAMPLE): | $(STAMP)
	@mkdir -p build
	$(VENV)/bin/barchasb new $(SAMPLE)
	$(VENV)/bin/barchasb import $(SAMPLE) samples/
	$(VENV)/bin/barchasb import $(SAMPLE) samples/team/

run: $(STAMP) $(SAMPLE)
	@tools/system-deps.sh gui
	$(VENV)/bin/barchasb gui $(SAMPLE)

test: $(STAMP)
	@tools/system-deps.sh test
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/import_bench.py
	$(VENV)/bin/python benchmarks/export_bench.py
	$(VENV)/bin/python benchmarks/pretag_bench.py
	$(VENV)/bin/python benchmarks/editor_bench.py
	$(VENV)/bin/python benchmarks/agreement_bench.py

clean:
	rm -rf build $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
