"""Refuse impossible values before cookiecutter writes anything.

`govlearn new` validates the whole country profile first; this hook protects people who
run plain `cookiecutter` on the template.
"""

import re
import sys

SLUG = "{{ cookiecutter.project_slug }}"
DEFAULT_LANGUAGE = "{{ cookiecutter.default_language }}"
ENABLED_LANGUAGES = "{{ cookiecutter.enabled_languages }}"
COUNTRY_CODE = "{{ cookiecutter.country_code }}"

problems = []
if not re.fullmatch(r"[a-z][a-z0-9-]{0,38}[a-z0-9]", SLUG):
    problems.append(
        f"project_slug {SLUG!r}: use 2-40 lower-case letters, digits and hyphens, "
        "starting with a letter"
    )
enabled = [code.strip() for code in ENABLED_LANGUAGES.split(",") if code.strip()]
if DEFAULT_LANGUAGE not in enabled:
    problems.append(
        f"default_language {DEFAULT_LANGUAGE!r} must be one of enabled_languages {enabled}"
    )
if not re.fullmatch(r"[A-Z]{2}", COUNTRY_CODE):
    problems.append(f"country_code {COUNTRY_CODE!r}: use an ISO 3166-1 alpha-2 code such as MU")

if problems:
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    sys.exit(1)
