"""Links that leave the site: in an email, a path alone leads nowhere, so it is joined to the
site's public address (BOARDHUB_BASE_URL, read into WAGTAILADMIN_BASE_URL)."""

from django.conf import settings


def absolute_url(path):
    """`path` (from `reverse`, starting with "/") on the site's public address."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
