# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test package bench token lint replay-dlq rebuild-scores clean

$(STAMP): requirements-dev.txt requirements-common.txt services/*/requirements.txt
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 11) else 'Python 3.11+ is needed (found ' + sys.version.split()[0] + ')')"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) -m infra.local.run

test: install
	$(PY) tests/run_all.py

package: install
	$(PY) -m infra.package

bench: install
	$(PY) -m tests.bench.run

token: install
	@$(PY) -m infra.local.token --role "$(ROLE)" --subject "$(SUBJECT)" $(if $(UNIT),--unit "$(UNIT)") $(if $(NAME),--name "$(NAME)")

# Moves dead-lettered messages back to their queue on the running local stack (or AWS).
replay-dlq: install
	$(PY) -m infra.replay $(QUEUE)

# Recomputes the rating service's counters from its event history on the running local
# stack and reports any difference (FIX=1 adds the difference to the wrong ones).
rebuild-scores: install
	cd services/rating && PYTHONPATH=$(CURDIR) $(CURDIR)/$(PY) -m chalicelib.rebuild --local $(if $(FIX),--fix)

# mypy and the import contracts per service: each has its own `chalicelib` package.
lint: install
	$(PY) -m ruff check .
	$(PY) tools/lint_imports.py
	$(PY) -m mypy
	@for s in catalog booking workorders rating; do echo "mypy services/$$s"; \
	  (cd services/$$s && MYPYPATH=$(CURDIR) $(CURDIR)/$(PY) -m mypy --ignore-missing-imports --check-untyped-defs app.py chalicelib) || exit 1; done

clean:
	rm -rf build .run services/*/vendor
