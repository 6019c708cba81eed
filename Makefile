# Every target sets itself up: it creates .venv and installs the pinned requirements first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: install test lint bench crawl replay sample clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $@

# The tests, then the parser judged on every saved page (fields, invariants, expected results).
test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/python -m newscrawl check-pages seeds/

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Every figure side by side (a long run: the memory part replays 50,000 articles); only some
# with ARGS, e.g. make bench ARGS="parser store" (parts: parser, generic, store, crawl, memory, export).
bench: $(STAMP)
	$(BIN)/python -m bench $(ARGS)

# The latest-news crawl into the embedded PostgreSQL (or NEWSCRAWL_DATABASE_URL); more with
# ARGS, e.g. make crawl ARGS="-a since=2024-05-01 -a until=2024-05-03". First says which
# Chromium renders JavaScript pages, or that none was found (the crawl runs without).
# SPIDER=kompas crawls another outlet (scrapy list names every outlet's spider).
SPIDER ?= tempo
crawl: $(STAMP)
	@$(BIN)/python -m newscrawl browser || true
	$(BIN)/scrapy crawl $(SPIDER) $(ARGS)

# Try it offline: the latest-news crawl replayed from the sample web archive, into the embedded
# PostgreSQL (or NEWSCRAWL_DATABASE_URL); nothing is fetched from the network.
replay: $(STAMP)
	$(BIN)/scrapy crawl tempo -a replay=seeds/sample.warc.gz $(ARGS)

# Rebuild seeds/sample.warc.gz from the fixture pages in seeds/.
sample: $(STAMP)
	$(BIN)/python -m newscrawl.archive.sample

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
