# Two commands on a fresh machine: `make site` and `make test`.
# Everything they need (virtualenv, pinned packages) is created here.

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# DRAFTS=1 (make build, site, serve): include articles marked `status: draft`.
# The MkDocs hook reads BRIEFINGS_DRAFTS, so that `mkdocs build` keeps them.
DRAFTS ?=
$(if $(filter-out 0 1,$(DRAFTS)),$(error DRAFTS=$(DRAFTS): use DRAFTS=1, or DRAFTS=0 or nothing))
DRAFTS_ON := $(filter 1,$(DRAFTS))

.PHONY: site build test serve goldens check clean chromium bench world-map

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

## build: generate the Markdown pages in briefings/ from content/ and seeds/
build: $(STAMP)
	$(BIN)/briefings build $(if $(DRAFTS_ON),--drafts)

## site: generate the pages and build the static site into site/. When site/
## holds a previous build (its manifest, site/.briefings-site.json.gz), only the
## pages whose Markdown, link targets or settings changed are rendered, and the
## result is what a clean build writes (generator/site/incremental.py).
## CLEAN=1 renders every page (plain `mkdocs build --strict`).
CLEAN ?=
$(if $(filter-out 0 1,$(CLEAN)),$(error CLEAN=$(CLEAN): use CLEAN=1, or CLEAN=0 or nothing))
site: build
	BRIEFINGS_DRAFTS=$(if $(DRAFTS_ON),1,0) $(BIN)/mkdocs build --strict $(if $(filter 1,$(CLEAN)),,--dirty)

## check: validate content/ without writing anything
check: $(STAMP)
	$(BIN)/briefings check

## test: run the whole test suite (browser tests included)
test: $(STAMP) chromium
	$(BIN)/pytest

## chromium: Debian's Chromium for the browser tests (Playwright's own browser
## download is not used: `playwright install` fetches from outside the registries)
chromium:
	command -v chromium || ($(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y chromium)

## serve: live preview on http://127.0.0.1:8000: a saved file in content/ or
## seeds/ regenerates the pages it changes and reloads the browser
## (ADDR=0.0.0.0:8000 to change the address)
ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/briefings serve --dev-addr $(ADDR) $(if $(DRAFTS_ON),--drafts)

## bench: time generator and site on synthetic corpora of 1,000 and 10,000
## articles (generator alone at 100,000) and print the table for README.md.
## Takes about half an hour on 2 cores.
bench: $(STAMP) chromium
	$(BIN)/python -m bench.run

## goldens: regenerate the golden pages of the test fixtures (review the diff!)
goldens: $(STAMP)
	$(BIN)/python -m tests.goldens

clean:
	rm -rf site .site.spare .briefings-cache

## world-map: draw the committed base map briefings/assets/map/world-110m.svg again
## from Natural Earth (the npm package world-atlas@2.0.2, fetched with `npm pack`)
WORLD_ATLAS := world-atlas@2.0.2
world-map: $(STAMP)
	rm -rf .world-atlas && mkdir .world-atlas
	cd .world-atlas && npm pack --silent $(WORLD_ATLAS) && tar xzf world-atlas-*.tgz
	$(BIN)/python scripts/world_map.py .world-atlas/package/countries-110m.json briefings/assets/map/world-110m.svg
	rm -rf .world-atlas
