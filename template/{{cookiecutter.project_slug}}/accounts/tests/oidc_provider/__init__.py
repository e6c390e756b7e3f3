"""A real OpenID Connect provider for the single sign-on tests: a second, tiny Django
project around django-oauth-toolkit, started on loopback by ``accounts/tests/conftest.py``
in its own process with its own SQLite database. Nothing here runs in the portal."""
