"""Apps that refuse to let a page be deleted register for both of Wagtail's ways to delete one:
the page's own delete (`before_delete_page`) and a bulk delete from a listing
(`before_bulk_action`). This module says which pages a bulk action would delete."""

from wagtail.models import Page


def pages_bulk_deleted(action_type, objects):
    """The pages a `before_bulk_action` would delete: none unless it is a delete."""
    if action_type != "delete":
        return []
    return [item for item in objects if isinstance(item, Page)]


def at_or_below(queryset, pages):
    """The pages of `queryset` that are among `pages` or under one of them: deleting a page
    deletes everything under it too."""
    found = queryset.none()
    for page in pages:
        found |= queryset.descendant_of(page, inclusive=True)
    return found
