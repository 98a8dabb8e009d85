# The two commands a newcomer needs:  `make demo` (set up + audit the demo site) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test lint bench clean

$(BIN)/ashyq: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(BIN)/ashyq

setup: $(BIN)/ashyq
	@bash scripts/ensure-system.sh $(VENV)

demo: setup
	$(BIN)/ashyq run

test: setup
	$(BIN)/ruff check tester tests bench scripts docs/examples
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --durations=20 -m 'not alone'
	$(BIN)/python -m pytest -q -m alone

lint: setup
	$(BIN)/ruff check tester tests bench scripts docs/examples
	$(BIN)/lint-imports

bench: setup
	$(BIN)/python bench/run_bench.py
	$(BIN)/python bench/findability.py
	$(BIN)/python bench/lowvision_cost.py

clean:
	rm -rf $(VENV) reports/[0-9]* reports/latest
