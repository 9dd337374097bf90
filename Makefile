# reportnlp — two commands: `make demo` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DICT   := models/jieba/dict.hant.txt
APT_PACKAGES := tesseract-ocr tesseract-ocr-chi-tra poppler-utils \
	fonts-arphic-uming fonts-dejavu-core fonts-droid-fallback
# Only the tests need these: the review pages are checked in a real headless Chromium.
TEST_APT_PACKAGES := chromium

.PHONY: setup demo test lint system-deps test-deps dictionary evaluate bench clean train calibrate

setup: $(STAMP) $(DICT)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@$(MAKE) --no-print-directory system-deps
	@touch $(STAMP)

# Tesseract (scans), pdftotext (benchmark baseline) and a CJK font (corpus PDFs), via apt
# when missing and possible; reportnlp still parses text without them.
system-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_PACKAGES)"

test-deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_APT_PACKAGES)"

.PHONY: apt-install
apt-install:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		echo "installing system packages:$$missing"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
			|| echo "warning: could not install$$missing; what needs them (OCR, PDF rendering, browser tests) is unavailable"; \
	else echo "warning: missing system packages:$$missing (install them with apt)"; fi

# jieba's dictionary converted to traditional script (see README: Segmentation).
$(DICT): $(STAMP) src/reportnlp/text/dictionary.py
	$(BIN)/python -m reportnlp.text.dictionary $(DICT)

# The main job on the bundled reports: a batch into SQLite (re-run resumes) with review pages
# (out/review/index.html, needs-review first), a table of what was read, and the question users
# ask first, answered in SQL: who went where, when. Browse it: datasette out/demo.sqlite -m
# out/demo.metadata.json
demo: setup
	$(BIN)/reportnlp batch 'corpora/*/*.txt' --out out/demo.sqlite --force --review out/review
	$(BIN)/reportnlp parse --summary corpora/*/*.txt
	$(BIN)/python -c "import sqlite3; db = sqlite3.connect('out/demo.sqlite'); \
	[print(*row, sep='  ') for row in db.execute('SELECT t.name, r.period_start, r.period_end, d.name FROM travelers t JOIN reports r ON r.id = t.report_id JOIN destinations d ON d.report_id = r.id ORDER BY r.period_start LIMIT 12')]"

test: setup test-deps
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks

evaluate: setup
	$(BIN)/reportnlp evaluate

# The confidence models, fitted on the corpus (models/confidence/weights.json, committed), with
# their calibration measured by leaving each blind batch out.
calibrate: setup
	$(BIN)/python -m reportnlp.confidence.calibrate --corpus corpora --out models/confidence/weights.json

# The statistical NER, trained on the train split of corpora/ into models/ner (committed).
train: setup
	$(BIN)/python -m reportnlp.ner.train --corpus corpora --out models/ner

bench: setup
	$(BIN)/python benchmarks/bench_dates.py
	$(BIN)/python benchmarks/bench_parse.py
	$(BIN)/python benchmarks/bench_scaling.py
	$(BIN)/python benchmarks/bench_batch.py
	@$(MAKE) --no-print-directory corpus-pdfs
	$(BIN)/python benchmarks/bench_pdf.py
	$(BIN)/python benchmarks/bench_ocr.py

clean:
	rm -rf $(VENV) $(DICT) .pytest_cache .hypothesis

# Corpus reports rendered to text-layer and scanned PDFs under build/corpus-pdf (generated,
# never committed): see corpora/render.py.
.PHONY: corpus-pdfs
corpus-pdfs: setup
	$(BIN)/python corpora/render.py --out build/corpus-pdf
