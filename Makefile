# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run reset test package bench token lint replay-dlq rebuild-scores clean sms demo-department open311-key web chromium lambda-deps

$(STAMP): requirements-dev.txt requirements-common.txt services/*/requirements.txt
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 'Python 3.11+ is needed (found ' + sys.version.split()[0] + ')')"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# The portal's site (web/): built from the lockfile when web/dist is missing or older than
# its sources. Needs Node.js 20.19+ (npm 10 or 11).
WEB_SOURCES := shared/data/departments.csv web/package.json web/package-lock.json web/index.html web/vite.config.js $(wildcard web/src/*)
web/dist/index.html: $(WEB_SOURCES)
	@command -v npm >/dev/null || { echo "Node.js 20.19+ with npm is needed to build the portal (web/)"; exit 1; }
	cd web && npm ci --no-audit --no-fund && npm run build
	touch $@

web: web/dist/index.html

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser),
# with CJK fonts so the screenshots show Chinese.
chromium:
	@test -x /usr/bin/chromium -a -d /usr/share/fonts/opentype/noto || { apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk; }

run: install web
	$(PY) -m infra.local.run

# Starts the next `make run` clean: forgets the local stack's saved state (.run/state).
reset:
	rm -rf .run/state .run/state-*

# Each service's requirements installed for Lambda (manylinux wheels, sdists built), which
# `chalice package` caches per service by its requirements.txt: fetched once here, as the
# venv is, so the packaging tests package with them instead of installing them.
LAMBDA_DEPS := build/.lambda-deps-stamp
$(LAMBDA_DEPS): $(STAMP) services/*/requirements.txt
	@mkdir -p build
	$(PY) -m infra.package --no-lint $(notdir $(wildcard services/*))
	touch $@

lambda-deps: $(LAMBDA_DEPS)

# checkov (for the packaging tests) pins an older boto3 than the services: its own venv.
CHECKOV_STAMP := .venv-checkov/.installed-stamp
$(CHECKOV_STAMP): requirements-checkov.txt
	test -x .venv-checkov/bin/python || $(PYTHON) -m venv .venv-checkov
	.venv-checkov/bin/pip install --quiet --disable-pip-version-check -r requirements-checkov.txt
	touch $@

test: install web chromium lambda-deps $(CHECKOV_STAMP)
	$(PY) tests/run_all.py

package: install
	$(PY) -m infra.package

bench: install web chromium
	$(PY) -m tests.bench.run

token: install
	@$(PY) -m infra.local.token --role "$(ROLE)" --subject "$(SUBJECT)" $(if $(UNIT),--unit "$(UNIT)") $(if $(NAME),--name "$(NAME)") $(if $(PHONE),--phone "$(PHONE)")

# Moves dead-lettered messages back to their queue on the running local stack (or AWS).
sms: install  ## a text in to the running local stack: make sms FROM=+8613800000001 TEXT='小区路灯坏了'
	@$(PY) -m infra.local.sms_gateway text --from "$(FROM)" --text "$(TEXT)"

replay-dlq: install
	$(PY) -m infra.replay $(QUEUE)

# Recomputes the rating service's counters from its event history on the running local
# stack and reports any difference (FIX=1 adds the difference to the wrong ones).
rebuild-scores: install
	cd services/rating && PYTHONPATH=$(CURDIR) $(CURDIR)/$(PY) -m chalicelib.rebuild --local $(if $(FIX),--fix)

# A department's own system on the running local stack: receives signed webhooks and
# answers each dispatch with "signed" then "replied" (infra/local/demo_department.py).
demo-department: install
	$(PY) -m infra.local.demo_department

# An Open311 API key for a client on the running local stack (last line).
open311-key: install
	@cd services/open311 && PYTHONPATH=$(CURDIR) $(CURDIR)/$(PY) -m chalicelib.keys "$(NAME)"

# mypy and the import contracts per service: each has its own `chalicelib` package.
lint: install
	$(PY) -m ruff check .
	$(PY) tools/lint_imports.py
	$(PY) -m mypy
	@for s in catalog booking workorders rating sms webhooks open311; do echo "mypy services/$$s"; \
	  (cd services/$$s && MYPYPATH=$(CURDIR) $(CURDIR)/$(PY) -m mypy --ignore-missing-imports --check-untyped-defs app.py chalicelib) || exit 1; done

clean:
	rm -rf build .run services/*/vendor
