# Two commands do everything on a fresh machine:
#   make report Q=3   # documents from the bundled workbook (creates .venv on first use)
#   make test         # the test suite
# On Windows (no make): see README, "Trên Windows".

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
Q ?= 3
DATA ?= data/kehoach.xlsx
YEAR ?= 2024
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: plan appendix amend report pdf forms collect remind calendar status validate new-year unit-plans evaluate self-assess test bench templates clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

plan: $(STAMP)
	$(BIN)/cchc --data $(DATA) plan

appendix: $(STAMP)
	$(BIN)/cchc --data $(DATA) appendix

amend: $(STAMP)
	$(BIN)/cchc --data $(DATA) amend

report: $(STAMP)
	$(BIN)/cchc --data $(DATA) report --quy $(Q)

calendar: $(STAMP)
	$(BIN)/cchc --data $(DATA) calendar

# The period of today unless Q is given on the command line (make status Q=3).
status: $(STAMP)
	$(BIN)/cchc --data $(DATA) status $(if $(filter command line,$(origin Q)),--quy $(Q))

# The plan and the period's report, then both PDFs in one LibreOffice run; an issued document
# (Số filled in) is kept as it is, with a note, and the rest is still exported.
pdf: $(STAMP)
	$(BIN)/cchc --data $(DATA) pdf --quy $(Q)

forms: $(STAMP)
	$(BIN)/cchc --data $(DATA) forms --quy $(Q)

# Reads the forms the units sent back, saved in output/<năm>/phieu/Q$(Q)/nhan/ (never the blank forms beside it).
collect: $(STAMP)
	$(BIN)/cchc --data $(DATA) collect --quy $(Q)

remind: $(STAMP)
	$(BIN)/cchc --data $(DATA) remind --quy $(Q)

validate: $(STAMP)
	$(BIN)/cchc --data $(DATA) validate

new-year: $(STAMP)
	$(BIN)/cchc --data $(DATA) new-year

unit-plans: $(STAMP)
	$(BIN)/cchc --data $(DATA) unit-plans
evaluate: $(STAMP)
	$(BIN)/cchc --data $(DATA) evaluate

self-assess: $(STAMP)
	$(BIN)/cchc --data $(DATA) self-assess

test: $(DEV_STAMP)
	$(BIN)/ruff check pipeline tests tools bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

templates: $(DEV_STAMP)
	$(BIN)/python tools/build_templates.py

clean:
	rm -rf output/*/ .pytest_cache .ruff_cache
