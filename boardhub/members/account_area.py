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

An app can also put a panel of the member's own things at the top of the dashboard, above the
list of pages (the answers they saved to finish later, from boardhub.consultations), with
`register_dashboard_panel`: a template of the app's, and a function of the request that gives
the template its context, or None when there is nothing to show. Each panel's function runs on
every visit to the dashboard: keep it to a query or two.
"""

from collections.abc import Callable
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
# Each registered panel's template, with the function that gives it its context. A dict, for
# the same reason.
_dashboard_panels: dict[str, Callable] = {}


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


def register_dashboard_panel(template_name, context):
    """Show `template_name` at the top of the dashboard, filled in with `context(request)`: a
    dict, or None when the member has nothing there and the panel is left out."""
    _dashboard_panels[template_name] = context


def registered_dashboard_panels(request):
    """The panels with something to show this member, in the order the apps registered them,
    each as the template to include and its context."""
    panels = []
    for template_name, context in _dashboard_panels.items():
        panel_context = context(request)
        if panel_context is not None:
            panels.append({"template_name": template_name, "context": panel_context})
    return panels
