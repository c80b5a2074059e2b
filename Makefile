# Marsad developer commands. `make demo` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit test-slow eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/marsad analyze --format text samples/articles/*.txt
	mkdir -p out && rm -f out/demo.db out/demo.db-wal out/demo.db-shm
	$(BIN)/marsad ingest samples/articles.jsonl --db out/demo.db
	$(BIN)/marsad search 'الاتحاد الأوروبي' --db out/demo.db --limit 3
	$(BIN)/marsad entity قطر --db out/demo.db
	$(BIN)/marsad events --db out/demo.db
	$(BIN)/marsad stories --db out/demo.db --limit 5
	@echo 'Web UI on the demo collection: $(BIN)/marsad serve --db out/demo.db  (then open http://127.0.0.1:8000/)'

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -m "not slow and not browser"

test: lint typecheck unit

test-slow: $(STAMP)
	$(BIN)/pytest -m slow

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache
