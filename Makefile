# The whole interface: `make demo` and `make test` on a machine with only Python 3.11+.
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
export DAGSTER_HOME := $(CURDIR)/.dagster

.PHONY: env demo test bench dev serve lint clean browser

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --quiet --compile-bytecode
	@touch $@

.dagster/dagster.yaml: dagster.yaml
	mkdir -p .dagster
	cp dagster.yaml .dagster/dagster.yaml

env: $(VENV)/.synced .dagster/dagster.yaml ## create the environment from the lock file

demo: env ## generate demo exports, run the pipeline, print the summary
	$(VENV)/bin/vroegsignaal demo --dir demo

test: env browser ## run the test suite
	$(VENV)/bin/python -m pytest -n 2

# The report test renders the HTML in headless Chromium (Debian's package). Installed here when
# missing and we may (root with apt-get); otherwise that one test is skipped with its reason.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian chromium for the report test"; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found: the browser test will be skipped"; fi; }

# BENCH="--klein" for a quick check; BENCH="--test" adds (e) `make test`; see benchmarks/README.md.
bench: env ## benchmark against a plain-DuckDB reference, national scale (see benchmarks/README.md)
	$(VENV)/bin/python benchmarks/run.py $(BENCH)

dev: env ## the Dagster UI on http://127.0.0.1:3000 (set VROEGSIGNAAL_LANDING/OUT, or it shows the demo)
	VROEGSIGNAAL_LANDING=$${VROEGSIGNAAL_LANDING:-demo/landing} VROEGSIGNAAL_OUT=$${VROEGSIGNAAL_OUT:-demo/out} \
	VROEGSIGNAAL_DEMO=$${VROEGSIGNAAL_DEMO:-1} $(VENV)/bin/dg dev

# Unattended: the Dagster daemon (schedule, sensor, run queue) and the webserver, not `dg dev`.
# Settings from ENV_FILE (template: deploy/vroegsignaal.env.example); the run history is kept in
# DAGSTER_HOME from that file, default $$VROEGSIGNAAL_OUT/dagster (not the development .dagster/).
# Without vroegsignaal.env (a fresh clone) it serves the demo folders with the demo key, like `make dev`.
ENV_FILE ?=
serve: env ## the daemon and the UI (settings in vroegsignaal.env or ENV_FILE=...; see README, Running in production)
	env -u DAGSTER_HOME sh deploy/serve.sh $(ENV_FILE)

clean:
	rm -rf $(VENV) $(TOOLS) .dagster demo .pytest_cache
