from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from boardhub.core.blocks import ContentStreamBlock
from boardhub.impact.public_views import home_page_context


class HomePage(Page):
    """The front page: what the board is and where to start."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="Two or three plain sentences that say what the board does and who it is for.",
    )
    body = StreamField(ContentStreamBlock(), blank=True, use_json_field=True)

    # There is one home page, at the top of the site; each kind of section page joins this list.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "core.StandardPage",
        "consultations.ConsultationIndexPage",
        "impact.YouSaidWeDidPage",
        "easyread.EasyReadIndexPage",
    ]
    max_count = 1

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_page_context(request))
        return context
