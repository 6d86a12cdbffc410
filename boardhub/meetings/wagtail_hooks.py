"""The meetings app in the admin: venues, partners and actions, in one "Meetings" menu."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, support
from .models import Action, Partner, Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    menu_label = "Venues"
    icon = "home"
    list_display = ["name", "postcode"]
    search_fields = ["name", "postcode"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    menu_label = "Partners"
    icon = "group"
    list_display = ["name", "role"]
    search_fields = ["name", "role"]


class ActionViewSet(SnippetViewSet):
    model = Action
    menu_label = "Actions"
    icon = "tasks"
    list_display = ["__str__", "owner", "due_on", "status"]
    list_filter = ["status", "owner"]
    search_fields = ["promise"]


class MeetingsGroup(SnippetViewSetGroup):
    menu_label = "Meetings"
    menu_icon = "date"
    menu_order = 260
    items = (ActionViewSet, PartnerViewSet, VenueViewSet)


register_snippet(MeetingsGroup)


@hooks.register("register_log_actions")
def register_meetings_log_actions(actions):
    for action, label, message in support.LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def register_support_urls():
    urls = [
        path("", admin_views.upcoming, name="upcoming"),
        path("<int:meeting_id>/", admin_views.who_is_coming, name="meeting"),
        path("<int:meeting_id>/arrange/", admin_views.arrange, name="arrange"),
        path("<int:meeting_id>/download/", admin_views.download, name="download"),
    ]
    return [path("who-is-coming/", include((urls, "meetings_support")))]


class OrganisersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(support.ARRANGE_SUPPORT)


@hooks.register("register_admin_menu_item")
def register_support_menu_item():
    return OrganisersMenuItem(
        "Who is coming",
        reverse("meetings_support:upcoming"),
        name="who-is-coming",
        icon_name="group",
        order=265,
    )
