from wagtail import hooks

from .autosave import AutosaveSafePageViewSet


# After Wagtail's own fallback for every page type (order -1), which this replaces.
@hooks.register("register_admin_viewset")
def register_autosave_safe_page_viewset():
    return AutosaveSafePageViewSet()
