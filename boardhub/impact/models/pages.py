"""The public side of "you said, we did": one page, with a route for each change and each
service, and the open data beside it (boardhub.impact.opendata).

Everything it shows reads only published change records (rows with `live=True`); drafts live
in revisions, which public code never opens. Serving a request is the public views' job
(boardhub.impact.public_views): each route below hands over to one.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index


def _public_views():
    """The app's public views. They import this module, so they are imported when a request
    first needs them, not at the top."""
    from boardhub.impact import public_views

    return public_views


class YouSaidWeDidPage(RoutablePageMixin, Page):
    """Every published change, filterable, with a page for each change and each service."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="One or two plain sentences that say what this record is and why it matters.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    content_panels = Page.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = "you said, we did page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(_public_views().index_context(self, request))
        return context

    @path("changes/<int:pk>/", name="change")
    def change_route(self, request, pk):
        return _public_views().change_page(self, request, pk)

    @path("services/<slug:slug>/", name="service")
    def service_route(self, request, slug):
        return _public_views().service_page(self, request, slug)

    def change_url(self, change_pk, request=None):
        return self.get_url(request) + self.reverse_subpage("change", args=[change_pk])

    def service_url(self, slug, request=None):
        return self.get_url(request) + self.reverse_subpage("service", args=[slug])

    def open_data_url(self, extension, request=None):
        """The open data, served by boardhub.impact.opendata.serve (see its docstring)."""
        return self.get_url(request) + f"open-data.{extension}"


def you_said_we_did_page(request=None):
    """The live, public "you said, we did" page, or None. Remembered on the request, so a list
    of links costs one query."""
    if request is not None and hasattr(request, "_you_said_we_did_page"):
        return request._you_said_we_did_page
    page = YouSaidWeDidPage.objects.live().public().first()
    if request is not None:
        request._you_said_we_did_page = page
    return page


def public_change_url(change, request=None):
    """Where the public reads this change, or None: when it is not published, or when the site
    has no live "you said, we did" page."""
    if not change.live:
        return None
    page = you_said_we_did_page(request)
    if page is None:
        return None
    return page.change_url(change.pk, request)
