# Quick start: `make site` builds the site into site/, `make test` runs every test.
# Both create .venv and install the pinned dependencies first. `make site-zensical` builds
# the same site with Zensical, Material for MkDocs' successor.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site site-zensical test serve validate lint bench browser clean

$(BIN)/curriculum: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/curriculum
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(VENV)/.zensical: $(BIN)/curriculum
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[zensical]'
	touch $@

site: $(BIN)/curriculum
	$(BIN)/curriculum build

site-zensical: $(VENV)/.zensical
	$(BIN)/curriculum build --engine zensical

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

test: $(VENV)/.test-deps $(VENV)/.zensical browser
	$(BIN)/curriculum schema --check
	$(BIN)/pytest

bench: $(VENV)/.zensical
	$(BIN)/python bench/run.py
	$(BIN)/python bench/engines.py

clean:
	rm -rf site .site-* test-output
