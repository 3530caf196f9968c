# briefgen — `make brief` and `make test` are all a fresh machine needs (python3 and make).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Narrow a build: make brief DOSSIER=china-russia AUDIENCE=principal LENGTH=flash FORMAT=pdf
DOSSIER  ?=
AUDIENCE ?=
LENGTH   ?=
FORMAT   ?=
BUILD_ARGS := $(if $(DOSSIER),--dossier $(DOSSIER)) $(if $(AUDIENCE),--audience $(AUDIENCE)) \
              $(if $(LENGTH),--length $(LENGTH)) $(if $(FORMAT),--format $(FORMAT))

# Live preview on 127.0.0.1: make preview DOSSIER=china-russia AUDIENCE=staff LENGTH=two-page PORT=8765
PORT ?=
PREVIEW_ARGS := $(if $(DOSSIER),--dossier $(DOSSIER)) $(if $(AUDIENCE),--audience $(AUDIENCE)) \
                $(if $(LENGTH),--length $(LENGTH)) $(if $(PORT),--port $(PORT))

# Draft a dossier from report files: make distill REPORTS="IF12100.pdf" DOSSIER=china-russia
REPORTS ?=
# Add a new edition: make update REPORT=IF12100-2024.pdf DOSSIER=china-russia
REPORT ?=

.PHONY: help venv sysdeps sysdeps-draft sysdeps-test check brief preview memo distill update test goldens bench clean

help:
	@echo "make brief    build every brief (creates the virtualenv first if needed)"
	@echo "make preview  live preview of one brief: make preview DOSSIER=china-russia AUDIENCE=staff LENGTH=two-page [PORT=8765]"
	@echo "make memo     build the memos in content/memos with their briefs attached"
	@echo "make distill  draft a dossier: make distill REPORTS=\"a.pdf b.html\" DOSSIER=name"
	@echo "make update   add a new edition: make update REPORT=new.pdf DOSSIER=name"
	@echo "make check    validate all content"
	@echo "make test     run the test suite"
	@echo "make goldens  regenerate golden text files for review (git diff tests/goldens)"
	@echo "make bench    benchmarks: wording lint, distill, builds against a pandoc pipeline, preview, ingest and distill judgment on real reports (BRIEFGEN_CORPUS=…)"
	@echo "make clean    remove output/ and the virtualenv"

# The virtualenv is rebuilt when pyproject.toml changes (the stamp is older). A first run says
# what it does, one line per step; pip's own output (notes about package indexes, extras a
# package no longer needs) goes to $(LOG), which is shown only when the install fails.
LOG := $(VENV)/install.log

$(STAMP): pyproject.toml
	@echo "briefgen: installing the Python packages into $(VENV)/ (once; about a minute)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "briefgen: '$(PYTHON) -m venv' failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
	@$(BIN)/python -m pip install --disable-pip-version-check --no-input -e '.[dev]' >$(LOG) 2>&1 || { \
	  echo "briefgen: pip could not install the Python packages (all it said: $(LOG)):" >&2; \
	  grep -E '^ *(ERROR|error)' $(LOG) >&2 || tail -n 15 $(LOG) >&2; exit 1; }
	@touch $@

venv: $(STAMP)

sysdeps:
	@tools/sysdeps.sh brief

sysdeps-draft:
	@tools/sysdeps.sh draft

sysdeps-test:
	@tools/sysdeps.sh test

check: $(STAMP)
	@$(BIN)/briefgen check

brief: $(STAMP) sysdeps
	@echo "briefgen: building the briefs into output/"
	@$(BIN)/briefgen build $(BUILD_ARGS) $(if $(shell command -v soffice 2>/dev/null),--verify-docx)

preview: $(STAMP) sysdeps
	@$(BIN)/briefgen preview $(PREVIEW_ARGS)

memo: $(STAMP) sysdeps
	@echo "briefgen: building the memos into output/memos/"
	@$(BIN)/briefgen memo

distill: $(STAMP) sysdeps-draft
	@test -n "$(REPORTS)" && test -n "$(DOSSIER)" || { echo 'usage: make distill REPORTS="report.pdf [newer.html]" DOSSIER=name' >&2; exit 2; }
	@$(BIN)/briefgen distill $(REPORTS) --dossier $(DOSSIER)

update: $(STAMP)
	@test -n "$(REPORT)" && test -n "$(DOSSIER)" || { echo 'usage: make update REPORT=new-edition.pdf DOSSIER=name' >&2; exit 2; }
	@$(BIN)/briefgen update $(DOSSIER) $(REPORT)

test: $(STAMP) sysdeps-test
	@echo "briefgen: running the test suite (a few minutes)"
	@$(BIN)/python -m pytest

goldens: $(STAMP) sysdeps-test
	BRIEFGEN_UPDATE_GOLDENS=1 $(BIN)/python -m pytest tests/test_goldens.py
	@git --no-pager diff --stat -- tests/goldens || true

bench: $(STAMP) sysdeps-test
	$(BIN)/python tests/bench_wording.py
	$(BIN)/python tests/bench_distill.py
	$(BIN)/python tests/bench_drafts.py
	$(BIN)/python tests/bench_update.py
	$(BIN)/python tests/bench.py
	$(BIN)/python tests/bench_preview.py
	$(BIN)/python tests/bench_ingest.py
	$(BIN)/python tests/bench_judgment.py

clean:
	rm -rf output $(VENV) *.egg-info
