# Quick start: `make site` builds the site into site/, `make test` runs every test.
# Both create .venv and install the pinned dependencies first. `make site-zensical` builds
# the same site with Zensical, Material for MkDocs' successor.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site site-zensical test check format serve validate lint stats bench browser mutation clean

$(BIN)/curriculum: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.test-deps: $(BIN)/curriculum
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(VENV)/.check-deps: $(VENV)/.test-deps  # mypy reads pytest's types for the pytest plugin
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[check]'
	touch $@

# Prettier, pinned in package-lock.json, formats the browser assets. npm ci rewrites
# node_modules/.package-lock.json, so it reruns only when the lock file changes. Debian's nodejs
# and npm are installed when npm is missing (as `browser` does for chromium).
ASSETS := generator/site/assets/quiz.js generator/site/assets/quiz.css generator/site/assets/theme.css

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing Debian's nodejs and npm for the formatter"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
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

stats: $(BIN)/curriculum
	$(BIN)/curriculum stats

# Browser tests drive Debian's chromium (Playwright's own browser download is not used);
# Chinese needs fonts-noto-cjk. Each is checked on its own: one may be there without the other.
browser:
	@missing=""; \
	  command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	  if [ -n "$$missing" ]; then \
	    echo "installing Debian's$$missing for the browser tests"; \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	  fi

# Code health gates: lint, format and strict types, and the browser assets' format (`make lint`
# is the trainers' item lint). `make format` rewrites what the format checks would reject.
check: $(VENV)/.check-deps node_modules/.package-lock.json
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy generator
	npx --no-install prettier --check $(ASSETS)

format: $(VENV)/.check-deps node_modules/.package-lock.json
	$(BIN)/ruff format generator tests bench
	npx --no-install prettier --write $(ASSETS)

# Two workers (pytest-xdist): the machines this runs on have two cores.
test: check $(VENV)/.test-deps $(VENV)/.zensical browser
	$(BIN)/curriculum schema --check
	$(BIN)/curriculum lint --strict
	$(BIN)/pytest -n 2

# Mutation testing of the course and site code ([tool.mutmut] in pyproject.toml); slow, so not
# part of `make test`. Results are kept in mutants/: a second run only tests what changed.
mutation: $(VENV)/.test-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,mutation]'
	$(BIN)/mutmut run --max-children 2
	$(BIN)/mutmut results

bench: $(VENV)/.zensical
	$(BIN)/python bench/run.py
	$(BIN)/python bench/engines.py

clean:
	rm -rf site .site-* test-output mutants
