# govlearn: the two commands of the quick start are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORTAL_REQUIREMENTS := template/{{cookiecutter.project_slug}}/requirements-dev.txt
PORTAL_LOCK := template/{{cookiecutter.project_slug}}/requirements-dev.lock
PYTEST_ARGS ?=

.PHONY: demo test setup system-demo system-test lint fast clean

# The portal's packages come at the versions of its lock (hashes dropped: pip cannot check
# hashes of the editable kit), so the kit tests what a country repository installs.
$(VENV)/.installed: pyproject.toml $(PORTAL_REQUIREMENTS) $(PORTAL_LOCK) template/{{cookiecutter.project_slug}}/requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 2>&1 | grep -v "is ignored" || true
	sed -e 's/ *\\$$//' -e '/--hash=/d' '$(PORTAL_LOCK)' > $(VENV)/portal-constraints.txt
	$(BIN)/pip install --quiet -e '.[dev]' -r '$(PORTAL_REQUIREMENTS)' -c $(VENV)/portal-constraints.txt 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import govlearn, wagtail, django"
	touch $@

setup: $(VENV)/.installed

system-demo:
	bash scripts/install-system-packages.sh demo

system-test:
	bash scripts/install-system-packages.sh test

## Generate the demo country, seed it and serve it on http://127.0.0.1:8000/ (SQLite, Celery eager).
demo: setup system-demo
	bash scripts/demo.sh

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## The whole suite: lint, kit tests, generated portals' own suites, PostgreSQL/Redis lane,
## real browser, real deployment. Slow parts carry markers (slow, integration, browser, deploy).
test: setup system-test lint
	$(BIN)/pytest $(PYTEST_ARGS)

## Only the quick kit tests (no generated-portal suites, services, browser or deployment).
fast: setup lint
	$(BIN)/pytest -m "not slow and not integration and not browser and not deploy" $(PYTEST_ARGS)

clean:
	rm -rf build .pytest_cache
