# Two-command set-up: `make demo` runs the main job, `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ML     := $(BIN)/metaledger

.PHONY: demo test fuzz bench scores clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(ML) extract data/articles/meta-avocado.txt
	$(ML) query --article meta-avocado --kind event --kind figure --kind date
	$(ML) query --entity 小扎 --kind event

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench.py

# Every development figure in one table (needs ../shared; SHARED=path to change).
SHARED ?= ../shared
scores: $(VENV)/.installed
	$(BIN)/python scripts/scores.py --shared $(SHARED)

# Every fuzz target with 10,000 examples (FUZZ_EXAMPLES=N to change); CI runs 100 each in `make test`.
fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_fuzz_ledger.py tests/test_hardening_yaml.py \
		--hypothesis-show-statistics

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
