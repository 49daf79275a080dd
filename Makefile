# Two entry points for a newcomer: `make demo` and `make test`.
# Both create .venv on first use, so they work on a fresh machine with only Python and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test quick lint typecheck unit docs bench fuzz clean catalogs manifest

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	touch $(STAMP)

DATA := examples/data/kota-contoh

# The climb of the fictional Kota Contoh: three years under the Ombudsman 2022 method with
# the mayor's targets, the units' self-assessment beside the assessor's, the published scores
# of earlier years under their own methods, and the awards; prints the summary, the targets
# and the awards, and writes report.html.
demo: $(STAMP)
	$(BIN)/pelayanan history $(DATA)/history.csv
	$(BIN)/pelayanan report --rubric ombudsman-2022 --units $(DATA)/units.csv \
	  --series 2022=$(DATA)/evidence-2022.csv 2023=$(DATA)/evidence-2023.csv \
	  2024=$(DATA)/evidence-2024.csv \
	  --targets $(DATA)/targets.csv --period 2024 \
	  --self-assessment $(DATA)/self-assessment-2024.csv \
	  --history $(DATA)/history.csv --output report.html

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

# pytest-xdist spreads the tests over one worker per core (set PYTEST_XDIST_AUTO_NUM_WORKERS
# to choose; -n 0 runs in this process); loadgroup keeps each xdist_group on one worker.
XDIST := -n auto --dist loadgroup

unit: $(STAMP)
	$(BIN)/python -m pytest $(XDIST)

# -E: a fresh environment every time. The API pages are generated from the faces' __all__
# when the docs are built, which an incremental build cannot see change (stale pages, or
# duplicate objects left from an older page).
docs: $(STAMP)
	$(BIN)/sphinx-build -E -W --keep-going -q -b html docs docs/_build/html

test: lint typecheck unit docs

# While developing: the tests without the slow ones (venv installs, a million rows, chromium).
quick: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) -m "not slow"

# The long fuzz profile (a few minutes): every loader, reader and result-reading command.
fuzz: $(STAMP)
	$(BIN)/python -m pytest -m fuzz_long tests/fuzz

bench: $(STAMP)
	for f in benchmarks/*.py; do $(BIN)/python $$f; done

# Refresh the gettext catalogs from the source (then translate the new Indonesian entries).
catalogs: $(STAMP)
	$(BIN)/python -m pelayanan._cli.catalogs update
	$(BIN)/python -m pelayanan._cli.catalogs check

# After editing or adding a file under rubrics/: record its hash (tests/builtin checks it).
manifest: $(STAMP)
	$(BIN)/python -m pelayanan._documents.builtin

clean:
	rm -rf $(VENV) docs/_build .mypy_cache .ruff_cache .pytest_cache
