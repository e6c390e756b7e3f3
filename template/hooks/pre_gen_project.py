"""Refuse impossible values before cookiecutter writes anything.

`govlearn new` validates the whole country profile first; this hook protects people who
run plain `cookiecutter` on the template.
"""

import json
import re
import sys

# Each value arrives as a JSON string inside a raw ''' string: Jinja's tojson escapes
# quotes (' becomes \u0027), so nothing typed at the prompt can end the literal and
# become Python code. fmt: off keeps the single quotes that guarantee this.
# fmt: off
SLUG = json.loads(r'''{{ cookiecutter.project_slug | tojson }}''')
DEFAULT_LANGUAGE = json.loads(r'''{{ cookiecutter.default_language | tojson }}''')
ENABLED_LANGUAGES = json.loads(r'''{{ cookiecutter.enabled_languages | tojson }}''')
COUNTRY_CODE = json.loads(r'''{{ cookiecutter.country_code | tojson }}''')
# fmt: on

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
