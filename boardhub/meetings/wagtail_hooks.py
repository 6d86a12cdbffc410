"""The meetings app in the admin: meetings, actions, partners and venues in one "Meetings"
menu, and the organisers' "Who is coming"."""

import django_filters
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views, support
from .models import Action, MeetingPage, Partner, Venue


class MeetingFilterSet(PageListingViewSet.filterset_class):
    class Meta:
        model = MeetingPage
        fields = ["audience", "attendance_mode", "venue", "starts_at"]


class MeetingListingViewSet(PageListingViewSet):
    """Every meeting in one list with its date, who it is for and the venue; searched by
    title and filtered by who it is for, how people come, venue and date. For the officers
    who make pages (editors and moderators)."""

    name = "meeting_pages"
    model = MeetingPage
    menu_label = "Meetings"
    icon = "date"
    columns = PageListingViewSet.columns + [
        Column("starts_at", label="Starts", sort_key="starts_at"),
        Column("audience", label="Who it is for", accessor="get_audience_display"),
        Column("venue", label="Venue"),
    ]
    filterset_class = MeetingFilterSet


# Venues, partners and actions are searched through the search index, by their models' own
# search_fields: a viewset's search_fields would ask SQLite's full-text index for columns it
# does not have.


class VenueViewSet(SnippetViewSet):
    model = Venue
    menu_label = "Venues"
    icon = "home"
    list_display = ["name", "postcode"]


class PartnerViewSet(SnippetViewSet):
    model = Partner
    menu_label = "Partners"
    icon = "group"
    list_display = ["name", "role"]


class ActionFilterSet(WagtailFilterSet):
    overdue = django_filters.BooleanFilter(
        label="Overdue", method="filter_overdue", widget=BooleanRadioSelect
    )

    class Meta:
        model = Action
        fields = ["status", "owner", "meeting"]

    def filter_overdue(self, queryset, name, value):
        overdue = Action.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class ActionCreateView(CreateView):
    """Adding an action from a meeting's "Who is coming" page (?meeting=<id>) starts with
    that meeting chosen."""

    def get_initial_form_instance(self):
        meeting_id = self.request.GET.get("meeting", "")
        meeting = (
            MeetingPage.objects.filter(pk=meeting_id).first() if meeting_id.isdigit() else None
        )
        return Action(meeting=meeting) if meeting else super().get_initial_form_instance()


class ActionViewSet(SnippetViewSet):
    model = Action
    add_view_class = ActionCreateView
    menu_label = "Actions"
    icon = "tasks"
    list_display = ["__str__", "owner", "meeting", "due_on", "status"]
    filterset_class = ActionFilterSet


class MeetingsGroup(SnippetViewSetGroup):
    menu_label = "Meetings"
    menu_icon = "date"
    menu_order = 260
    items = (MeetingListingViewSet, ActionViewSet, PartnerViewSet, VenueViewSet)


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
        path("<int:meeting_id>/came/", admin_views.attendance, name="attendance"),
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
