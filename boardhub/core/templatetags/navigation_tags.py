from django import template
from wagtail.models import Page, Site

from boardhub.core.fragments import shared, site_pk

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The site's top-level pages that editors have chosen to show in menus."""
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = []
    if site:
        # The same for everyone on the site (the links for signed-in people are added by the
        # template), so kept in the shared cache until a page is published, moved or deleted.
        items = shared(request, "main-navigation", (site.pk,), lambda: menu_items(site, request))
        for item in items:
            item["current"] = _is_current(current, item, items[0])
    # Inclusion tags get a fresh context: pass on the request, whose user the menu depends on,
    # and the user's permissions (only people who can use the admin see its link).
    return {"items": items, "request": request, "perms": context.get("perms")}


def menu_items(site, request):
    """The home page, then its live children shown in menus: each as the pk, path, address and
    title the menu needs."""
    home = site.root_page
    children = home.get_children().live().in_menu().only("pk", "path", "title", "url_path")
    return [
        {"pk": page.pk, "path": page.path, "url": page.get_url(request), "title": title}
        for page, title in [(home, "Home"), *((child, child.title) for child in children)]
    ]


def _is_current(current, item, home):
    if current is None:
        return False
    if item["pk"] == home["pk"]:
        return current.pk == home["pk"]
    return current.path.startswith(item["path"])


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Links from the home page down to (not including) the current page. A page that is not
    a Wagtail page (signing in, joining, search, the account area) is below the home page too,
    so its breadcrumbs lead home. The home page itself has none."""
    page = context.get("page")
    if not isinstance(page, Page):
        return {"ancestors": [HOME_LINK]}
    if page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": breadcrumb_links(context.get("request"), page)}


HOME_LINK = {"url": "/", "title": "Home", "depth": 2}


def breadcrumb_links(request, page, inclusive=False):
    """The links from the home page down to `page` (and `page` too if `inclusive`): each a
    dict of `url`, `title` and `depth`. Titles and addresses of published pages only, so kept
    in the shared cache (as the menu is); a preview works them out afresh."""

    def links():
        ancestors = page.get_ancestors(inclusive=inclusive).filter(depth__gt=1)
        return [
            {"url": ancestor.get_url(request), "title": ancestor.title, "depth": ancestor.depth}
            for ancestor in ancestors.only("pk", "path", "depth", "title", "url_path")
        ]

    site = site_pk(request) if request is not None else None
    return shared(request, "breadcrumbs", (site, page.pk, inclusive), links)
