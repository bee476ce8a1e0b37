# Two entry points: `make run` starts the app on the bundled data, `make test` runs every test.
# Both create .venv and install what they need (Python packages from requirements.txt;
# `make test` also installs Debian's chromium, CJK fonts and poppler with apt when missing).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501
APT_PACKAGES := chromium fonts-noto-cjk poppler-utils

.PHONY: test-loaded run kiosk test unit app e2e bench validate summary install system-deps clean lint data

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

# FORWARDED_ALLOW_IPS= : the web server must not take client addresses from X-Forwarded-For by itself; the app
# does, only from HUAIYIN_TRUSTED_PROXIES (planning/clients.py).
run: $(STAMP)
	FORWARDED_ALLOW_IPS= $(PY) -m streamlit run server.py --server.port $(PORT) --server.enableStaticServing true --browser.gatherUsageStats false

# The public touch-screen kiosk: only the kiosk pages; no login, editing, downloads, Streamlit menu or toolbar.
kiosk: $(STAMP)
	FORWARDED_ALLOW_IPS= HUAIYIN_KIOSK=1 $(PY) -m streamlit run server.py --server.port $(PORT) --server.enableStaticServing true \
	  --browser.gatherUsageStats false --client.toolbarMode minimal --ui.hideTopBar true

validate: $(STAMP)
	$(PY) -m planning validate geodata

# Rebuild the hand-placed layers from scripts/build_*.py (the source of truth), in dependency order, then validate.
data: $(STAMP)
	$(PY) scripts/build_zones_transport.py
	$(PY) scripts/build_ecology_heritage.py
	$(PY) scripts/build_projects.py
	$(PY) scripts/build_landmarks.py
	$(PY) -m planning validate geodata

summary: $(STAMP)
	$(PY) -m planning summary geodata

test: $(STAMP) system-deps
	$(PY) -m ruff check .
	$(PY) -m planning validate geodata > /dev/null
	$(PY) -m pytest tests

# The whole suite on a busy machine, as CI runs it: stress-ng keeps every core loaded (default 2 workers at 100%)
# for as long as `make test` runs. Run it before an issue is resolved; tests must wait on progress, not a budget.
LOAD_WORKERS ?= 2
LOAD_PERCENT ?= 100
test-loaded: $(STAMP) system-deps
	@command -v stress-ng >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get install -y -qq stress-ng >/dev/null; }
	@stress-ng --cpu $(LOAD_WORKERS) --cpu-load $(LOAD_PERCENT) --quiet & load=$$!; \
	trap 'kill $$load 2>/dev/null' EXIT INT TERM; \
	echo "stress-ng (pid $$load): $(LOAD_WORKERS) workers at $(LOAD_PERCENT)% for the whole suite"; \
	$(MAKE) --no-print-directory test; status=$$?; \
	kill $$load 2>/dev/null; wait $$load 2>/dev/null; exit $$status

# ruff with the rules in pyproject.toml (complexity <= 14, at most 8 arguments).
lint: $(STAMP)
	$(PY) -m ruff check .

unit: $(STAMP)
	$(PY) -m pytest tests/unit

app: $(STAMP)
	$(PY) -m pytest tests/app

e2e: $(STAMP) system-deps
	$(PY) -m pytest tests/e2e

bench: $(STAMP) system-deps
	$(PY) tests/bench/bench_map.py
	$(PY) tests/bench/bench_browser.py

clean:
	rm -rf $(VENV) .pytest_cache
