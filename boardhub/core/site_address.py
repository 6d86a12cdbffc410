"""The site's public address (BOARDHUB_BASE_URL) and the Wagtail Site that must agree with it.

Emails build their links from WAGTAILADMIN_BASE_URL, but Wagtail builds a page's full address
(the open data's links, for one) from the default Site's hostname and port, which the first
migration sets to localhost:80. `manage.py set_site_address` copies the one into the other.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def host_and_port(base_url):
    """The host name and port of `base_url`, e.g. ("example.org", 443) for https://example.org."""
    address = urlsplit(base_url)
    return address.hostname, address.port or DEFAULT_PORTS[address.scheme]


def check_public_address(base_url):
    """Refuse a production start without an https address of the site's own host.

    Every link in an email and in the open data carries it, so a wrong one sends people to a
    site that is not there, or over plain HTTP."""
    address = urlsplit(base_url)
    if address.scheme != "https" or not address.hostname:
        raise ImproperlyConfigured(
            "Set BOARDHUB_BASE_URL to the site's public https address, e.g. "
            f"https://makingitreal.larkfield.gov.uk (it is {base_url!r})."
        )
    if address.path.strip("/") or address.query or address.fragment:
        raise ImproperlyConfigured(
            f"BOARDHUB_BASE_URL must be the site's address alone, with no path: {base_url!r}."
        )
    if address.port not in (None, 443):
        # Wagtail writes a Site on any port but 80 and 443 as http://host:port.
        raise ImproperlyConfigured(
            f"BOARDHUB_BASE_URL must use https's own port, 443: {base_url!r}."
        )
