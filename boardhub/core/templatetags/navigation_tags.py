from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """The site's top-level pages that editors have chosen to show in menus."""
    request = context["request"]
    site = Site.find_for_request(request)
    current = context.get("page")
    items = []
    if site:
        home = site.root_page
        children = home.get_children().live().in_menu()
        items = [{"page": home, "title": "Home"}] + [{"page": child} for child in children]
        for item in items:
            item["current"] = _is_current(current, item["page"], home)
    # Inclusion tags get a fresh context: pass on the request, whose user the menu depends on,
    # and the user's permissions (only people who can use the admin see its link).
    return {"items": items, "request": request, "perms": context.get("perms")}


def _is_current(current, page, home):
    if current is None:
        return False
    if page.pk == home.pk:
        return current.pk == home.pk
    return current.path.startswith(page.path)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """Links from the home page down to (not including) the current page."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": []}
    return {"ancestors": page.get_ancestors().filter(depth__gt=1)}
