from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from boardhub.core.blocks import ContentStreamBlock


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
        "feedback.TellUsPage",
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
        """The page's sections in the order visitors read them: what is open now, what the
        board changed, how to join (home/sections.py says what each shows, and where the next
        board meeting will go)."""
        from .sections import sections_for  # reads other apps' views: imported once apps are ready

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sections_for(request, self)
        return context

    def route(self, request, path_components):
        """Wagtail's routing, with every page on the way down found in one query. Wagtail asks
        for each page in turn, by its slug and then as its own class: a consultation or a guide,
        two levels down, took four queries to find, and now takes two.

        Pages that route on their own (a RoutablePage, such as a consultation or "you said,
        we did") are handed the rest of the address as Wagtail would; anything unexpected, such
        as a page not found, goes Wagtail's own way from there."""
        if not path_components:
            return super().route(request, path_components)
        on_the_way = Page.objects.filter(
            path__startswith=self.path,
            depth__gt=self.depth,
            depth__lte=self.depth + len(path_components),
            slug__in=set(path_components),
        )
        by_url_path = {page.url_path: page for page in on_the_way}
        page = self
        for step, slug in enumerate(path_components):
            child = by_url_path.get(page.url_path + slug + "/")
            if (
                child is None
                or child.depth != page.depth + 1
                or not child.path.startswith(page.path)
            ):
                return Page.route(page, request, path_components[step:])
            child._cached_parent_obj = page  # as Wagtail does, so get_parent() needs no query
            page = child
            if page.specific_class is None or page.specific_class.route is not Page.route:
                return page.specific.route(request, path_components[step + 1 :])
        return page.specific.route(request, [])
