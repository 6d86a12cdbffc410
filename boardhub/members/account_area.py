"""The account area's pages that other apps own, and the dashboard's entries for them.

The frame of /account/ (its dashboard, its layout, its place in the navigation) is members'.
Some of its pages show data that apps higher up own: a member's feedback (boardhub.feedback),
what that feedback changed (boardhub.impact). members may not import them (ARCHITECTURE.md),
so they register their pages here from their AppConfig.ready(), as Wagtail's apps register
their admin URLs through a hook:

- the `urlpatterns` of a URL module of theirs, which boardhub/members/urls.py serves under
  /account/ in the "members" namespace, so each page keeps its address and its name
  ("members:feedback") and the main navigation still shows it as part of "Your account";
- the dashboard's entries for those pages, which it lists after "Your profile", in the order
  the apps registered them (their order in INSTALLED_APPS).
"""

from dataclasses import dataclass
from importlib import import_module

from django.urls import reverse


@dataclass(frozen=True)
class DashboardEntry:
    """A heading on the dashboard that links to the page named `url_name`, with `text` under it."""

    title: str
    url_name: str
    text: str


# Each registered URL module (a dotted path), with its dashboard entries. A dict, so that an
# app registering twice (its ready() run again) changes nothing.
_account_pages: dict[str, tuple[DashboardEntry, ...]] = {}


def register_account_pages(urls_module, *entries):
    """Serve the `urlpatterns` of `urls_module` under /account/, and list `entries` on the
    dashboard. The module is imported only when the URLs load, and it names no `app_name`:
    its patterns join the "members" namespace."""
    _account_pages[urls_module] = entries


def registered_urlpatterns():
    return [pattern for module in _account_pages for pattern in import_module(module).urlpatterns]


def registered_dashboard_sections():
    """The registered entries as the dashboard shows its own: a title, an address and a line."""
    return [
        {"title": entry.title, "url": reverse(entry.url_name), "text": entry.text}
        for entries in _account_pages.values()
        for entry in entries
    ]
