"""The profile's single_sign_on section becomes allauth's provider configuration; the
secret comes only from the environment, and production refuses to start without it."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from portal.yaml12 import read_yaml

PORTAL_ROOT = Path(__file__).resolve().parents[2]
PRINT_PROVIDERS = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps(settings.SOCIALACCOUNT_PROVIDERS['openid_connect']['APPS']))"
)


def _country_file(tmp_path, **sections) -> Path:
    data = read_yaml(settings.GOVLEARN_COUNTRY_FILE)
    data.update(sections)
    path = tmp_path / "country.yaml"
    path.write_text(json.dumps(data), encoding="utf-8")  # JSON is YAML 1.2
    return path


def _run(country_file, settings_module, **environment):
    return subprocess.run(
        [sys.executable, "-c", PRINT_PROVIDERS],
        cwd=PORTAL_ROOT,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "GOVLEARN_COUNTRY_FILE": str(country_file),
            "DJANGO_SETTINGS_MODULE": settings_module,
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


SSO = {
    "features": {"oidc_login": True},
    "single_sign_on": {"issuer": "https://id.gov.sc.example/", "client_id": "spsa-portal"},
}


def test_the_profile_names_the_provider_and_the_environment_gives_the_secret(tmp_path):
    done = _run(_country_file(tmp_path, **SSO), "portal.settings.test", OIDC_CLIENT_SECRET="s3")
    assert done.returncode == 0, done.stderr
    [app] = json.loads(done.stdout)
    assert (app["client_id"], app["secret"]) == ("spsa-portal", "s3")
    assert app["settings"]["server_url"] == "https://id.gov.sc.example/"
    assert app["settings"]["scope"] == ["openid", "profile", "email"]


def test_without_oidc_login_no_provider_is_configured(tmp_path):
    sections = {**SSO, "features": {"oidc_login": False}}
    done = _run(_country_file(tmp_path, **sections), "portal.settings.test")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_production_refuses_to_start_with_single_sign_on_but_no_secret(tmp_path):
    production = {
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://u:p@127.0.0.1:1/none",
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    refused = _run(_country_file(tmp_path, **SSO), "portal.settings.production", **production)
    assert refused.returncode != 0
    assert "OIDC_CLIENT_SECRET must be set when features.oidc_login is true" in refused.stderr
    without_sso = _run(_country_file(tmp_path), "portal.settings.production", **production)
    assert without_sso.returncode == 0, without_sso.stderr
