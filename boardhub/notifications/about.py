"""What a message was about, as a link for officers: apps above notifications register how to
link to their own models (feedback: the response's admin page), so notifications never
imports them. A model with no registration, but with `get_admin_url()`, links there.
"""

_links = {}


def register_about_link(model_label, link):
    """`link(obj)` -> (text, url) for objects of "app_label.ModelName"; it must not query the
    database (the listing asks it for every row)."""
    _links[model_label.lower()] = link
    return link


def about_link(obj):
    if obj is None:
        return None
    link = _links.get(obj._meta.label_lower)
    if link is not None:
        return link(obj)
    get_admin_url = getattr(obj, "get_admin_url", None)
    if callable(get_admin_url):
        return (str(obj), get_admin_url())
    return None
