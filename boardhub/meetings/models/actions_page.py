"""The public "Actions" page: every promise made at a public board meeting, what happened to
it, and a page for each partner: what the board asked of them and what they did."""

from django.db import models
from django.db.models import Count, Q
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .actions import FINISHED, ActionStatus


def totals(actions, today):
    """{open, overdue, done_on_time, done_late, dropped, all} of `actions`: one query."""
    not_finished = ~Q(status__in=FINISHED)
    return actions.aggregate(
        all=Count("pk"),
        open=Count("pk", filter=not_finished & Q(due_on__gte=today)),
        overdue=Count("pk", filter=not_finished & Q(due_on__lt=today)),
        done_on_time=Count(
            "pk", filter=Q(status=ActionStatus.DONE, done_on__lte=models.F("due_on"))
        ),
        done_late=Count("pk", filter=Q(status=ActionStatus.DONE, done_on__gt=models.F("due_on"))),
        dropped=Count("pk", filter=Q(status=ActionStatus.DROPPED)),
    )


def _views():
    from .. import action_views  # reads these models: imported when the page is served

    return action_views


class ActionsPage(RoutablePageMixin, Page):
    """The action log in public, with its filters, totals, partner pages and open data."""

    intro = RichTextField(blank=True, features=["bold", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "actions page"

    @path("")
    def index_route(self, request):
        return _views().actions_index(self, request)

    @path("partners/<slug:slug>/")
    def partner_route(self, request, slug):
        return _views().partner_page(self, request, slug)

    @path("open-data/<str:extension>/")
    def open_data_route(self, request, extension):
        return _views().open_data(self, request, extension)
