# Quick start: `make site` builds the site into site/, `make test` runs every test.
# Both create .venv and install the pinned dependencies first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test serve validate lint bench browser mutation clean

$(BIN)/curriculum: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/curriculum
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

site: $(BIN)/curriculum
	$(BIN)/curriculum build

serve: $(BIN)/curriculum
	$(BIN)/curriculum serve

validate: $(BIN)/curriculum
	$(BIN)/curriculum validate

lint: $(BIN)/curriculum
	$(BIN)/curriculum lint

# Browser tests drive Debian's chromium (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

# Two workers (pytest-xdist): the machines this runs on have two cores.
test: $(VENV)/.test-deps browser
	$(BIN)/curriculum schema --check
	$(BIN)/pytest -n 2

# Mutation testing of the course and site code ([tool.mutmut] in pyproject.toml); slow, so not
# part of `make test`. Results are kept in mutants/: a second run only tests what changed.
mutation: $(VENV)/.test-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,mutation]'
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

bench: $(BIN)/curriculum
	$(BIN)/python bench/run.py

clean:
	rm -rf site .site-* test-output mutants
