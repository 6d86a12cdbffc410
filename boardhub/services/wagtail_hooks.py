from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Service


class ServiceViewSet(SnippetViewSet):
    model = Service
    menu_label = "Services"
    icon = "list-ul"
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "team"]
    search_fields = ["name", "description"]
    form_fields = ["name", "slug", "description", "team", "url"]


register_snippet(ServiceViewSet)
