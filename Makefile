# Two-command set-up: `make demo` runs the main job, `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
ML     := $(BIN)/metaledger

.PHONY: demo test fuzz bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(ML) extract data/articles/meta-avocado.txt
	$(ML) extract data/articles/meta-avocado.txt --format table

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

# Every fuzz target with 10,000 examples (FUZZ_EXAMPLES=N to change); CI runs 100 each in `make test`.
fuzz: $(VENV)/.installed
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_fuzz_ledger.py tests/test_hardening_yaml.py \
		--hypothesis-show-statistics

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
