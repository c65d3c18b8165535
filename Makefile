# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: run test lint bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

## Ingest, extract and export the bundled sample corpus; print a summary.
run: $(BIN)/.installed
	rm -f $(OUT)/fogofwar.db $(OUT)/fogofwar.db-wal $(OUT)/fogofwar.db-shm
	$(BIN)/fogofwar --db $(OUT)/fogofwar.db run src/fogofwar/data/samples --out $(OUT)

## Run the whole test suite (ruff lint + pytest).
test: $(BIN)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest

bench: $(BIN)/.installed
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/accuracy.py --dataset gtd ../shared/data/gtd-2021h1/dev.csv
	$(BIN)/python bench/accuracy.py --dataset acled ../shared/data/acled-2020-sample/dev.csv
	$(BIN)/fogofwar bench linking src/fogofwar/data/samples bench/linking_set
	$(BIN)/python bench/linking.py gtd ../shared/data/gtd-2021h1/dev.csv

clean:
	rm -rf $(VENV) $(OUT)
