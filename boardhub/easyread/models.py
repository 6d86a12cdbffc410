"""Easy-read guides: one idea at a time, short sentences in everyday words, a picture beside
each idea. Officers write them in Wagtail; boardhub.easyread.readability checks them."""

from typing import NamedTuple

from django.db import models
from django.db.models import Case, Q, Value, When
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import EasyReadStreamBlock
from .forms import EasyReadGuideForm
from .panels import ReadabilityCheckPanel


class Topic(models.TextChoices):
    MONEY = "money", "Money and direct payments"
    ASSESSMENTS = "assessments", "Assessments"
    RIGHTS = "rights", "Your rights"
    CARERS = "carers", "Carers"
    WHERE_TO_GO = "where_to_go", "Know where to go"
    HAVING_YOUR_SAY = "having_your_say", "Having your say"


class StandardVersion(NamedTuple):
    """A link to the standard (not easy-read) version of a guide's information."""

    title: str
    url: str


class EasyReadIndexPage(Page):
    """Every easy-read guide, by topic, with a search box."""

    introduction = models.TextField(
        blank=True,
        max_length=500,
        help_text="One or two easy sentences that say what these guides are.",
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["easyread.EasyReadGuidePage"]
    max_count = 1

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    content_panels = Page.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = "easy read index page"

    def get_context(self, request, *args, **kwargs):
        # Imported here: reading.py imports this module.
        from .reading import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(self, request))
        # Its box searches the guides and is the page's one search box: the header leaves its
        # own out.
        context["own_search_box"] = True
        return context


class EasyReadGuidePage(Page):
    """An easy-read guide, such as "Direct payments" or "Your care assessment"."""

    topic = models.CharField(max_length=30, choices=Topic.choices)
    summary = models.TextField(
        max_length=300,
        help_text="One or two easy sentences that say what this guide is about.",
    )
    body = StreamField(EasyReadStreamBlock())
    checked_by = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "Who checked this guide with people with a learning disability. "
            "For example: 'Our easy read group'."
        ),
    )
    checked_on = models.DateField(null=True, blank=True, help_text="When they checked it.")
    standard_version = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the page with the standard version of this information.",
    )
    # The readability problems the officer chose to publish with, as a list of
    # {"rule", "message", "where"}; empty when the last publish had none.
    published_with_problems = models.JSONField(default=list, blank=True, editable=False)

    parent_page_types = ["easyread.EasyReadIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("topic"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("topic"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [ReadabilityCheckPanel(), FieldPanel("publish_anyway")],
            "Easy read check",
        ),
        MultiFieldPanel(
            [FieldPanel("checked_by"), FieldPanel("checked_on")],
            "Checked with readers",
        ),
        FieldPanel("standard_version"),
    ]
    base_form_class = EasyReadGuideForm

    class Meta:
        verbose_name = "easy read guide"

    def get_context(self, request, *args, **kwargs):
        # Imported here: reading.py imports this module.
        from .reading import guide_context

        context = super().get_context(request, *args, **kwargs)
        context.update(guide_context(self, request))
        return context

    def glossary(self):
        """The hard words explained in the guide, as (word, meaning) in the order they appear.
        A word explained twice is listed once, with its first meaning."""
        seen = set()
        glossary = []
        for block in self.body:
            if block.block_type != "hard_word":
                continue
            word = block.value["word"].strip()
            if word.lower() not in seen:
                seen.add(word.lower())
                glossary.append((word, block.value["meaning"]))
        return glossary

    def standard_versions(self, request=None):
        """Links to the standard versions of this information: the page this guide names, then
        the live pages and the services that name this guide as their easy-read version."""
        # One query for every page: the page named first, then consultations, then standard
        # pages, each kind in site order. Only what a link needs is read: a guide may be named
        # by hundreds of consultations.
        named = Q(pk=self.standard_version_id) if self.standard_version_id else Q(pk__in=[])
        naming_this = Q(consultationpage__easy_read_page=self) | Q(
            standardpage__easy_read_page=self
        )
        pages = (
            Page.objects.live()
            .public()
            .filter(named | naming_this)
            .annotate(
                kind=Case(
                    When(named, then=Value(0)),
                    When(consultationpage__easy_read_page=self, then=Value(1)),
                    default=Value(2),
                )
            )
            .order_by("kind", "path")
            .only("pk", "path", "title", "url_path")
        )
        links = [StandardVersion(page.title, page.get_url(request)) for page in pages]
        return links + self._service_links(request)

    def _service_links(self, request):
        """Each service's own page on this site, if an app gives it one, or else the
        council's page about it."""
        services = list(self.standard_services.order_by("name"))
        if not services:
            return []
        pages = service_pages(services, request)
        links = []
        for service in services:
            url = pages.get(service.pk) or service.url
            if url:
                links.append(StandardVersion(service.name, url))
        return links


def service_pages(services, request=None):
    """{service pk: the address of its page on this site} for `services`.

    The pages belong to apps above this one (impact's "you said, we did" gives each service
    a page), which this app must not import: each registers a `service_page_urls` Wagtail hook,
    `hook(services, request)` returning such a dict. The first hook to give a page wins."""
    urls = {}
    for hook in hooks.get_hooks("service_page_urls"):
        for pk, url in hook(services, request).items():
            urls.setdefault(pk, url)
    return urls


class JargonTerm(models.Model):
    """A word officers use that readers may not know. The readability check flags it."""

    word = models.CharField(
        max_length=60,
        unique=True,
        error_messages={"unique": "This word is already on the list."},
        help_text="The word to flag. We store it in small letters.",
    )
    plain_words = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional: what to say instead. For example: 'a break' for 'respite'.",
    )

    panels = [FieldPanel("word"), FieldPanel("plain_words")]

    class Meta:
        ordering = ["word"]
        verbose_name = "jargon word"

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = self.word.strip().lower()
        super().save(*args, **kwargs)

    def clean(self):
        # Before the unique check, so "Eligibility" is refused when "eligibility" is listed.
        self.word = self.word.strip().lower()
