"""Start the test identity provider: migrate its database, register the portal as a
confidential client and the test users, then serve on the given loopback port.

Run as ``python -m accounts.tests.oidc_provider.serve PORT`` with the environment the
``oidc_provider`` fixture sets.
"""

import json
import os
import sys

import django
from django.core.management import call_command


def main(port: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "accounts.tests.oidc_provider.settings"
    django.setup()
    from django.contrib.auth.models import User
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    for person in json.loads(os.environ["OIDC_PROVIDER_USERS"]):
        User.objects.create_user(person["username"], password=person["password"])
    Application.objects.create(
        name="Learning portal",
        client_id=os.environ["OIDC_PROVIDER_CLIENT_ID"],
        client_secret=os.environ["OIDC_PROVIDER_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["OIDC_PROVIDER_REDIRECT_URIS"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=False,
    )
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1])
