"""Keep the default Wagtail site on the portal's public address (``portal.site_address``).

Runs first among the apps' syncs; ``home`` then gives the same site its home page.
"""

from wagtail.models import Site

from portal.site_address import base_url, site_host_and_port


def sync(country, stdout) -> None:
    hostname, port = site_host_and_port()
    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    stdout.write(f"links in e-mails start with {base_url()}")
