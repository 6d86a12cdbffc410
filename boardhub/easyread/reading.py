"""What the easy read pages show readers: a guide's links to its standard versions, and the
index's guides, by topic or as the results of a search.

The page classes in models.py call these from their get_context.
"""

from dataclasses import dataclass, field
from functools import cache

from wagtail.images import get_image_model

from boardhub.core.fragments import shared, shared_html, site_pk

from .models import EasyReadGuidePage, Topic

# Longer than any real search; a longer query is cut, not refused.
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class StandardVersionLink:
    title: str
    url: str
    # The address with the site's domain, printed after the link on paper.
    full_url: str


@dataclass
class TopicGuides:
    value: str
    label: str
    guides: list = field(default_factory=list)


def guide_context(guide, request):
    # Looked up only when the template asks, which it does not when the guide comes from the
    # shared cache (templates call a callable, and cache() makes the second call free).
    return {"standard_versions": cache(lambda: standard_version_links(guide, request))}


def standard_version_links(guide, request):
    """Each standard version once: a page the guide names may also name the guide."""

    def titles_and_urls():
        links = {}
        for link in guide.standard_versions(request):
            if link.url and link.url not in links:
                links[link.url] = link.title
        return [[title, url] for url, title in links.items()]

    # Titles and addresses of live public pages and of services: the same for everyone, and a
    # guide may be named by hundreds of consultations, so shared until the next publish.
    found = shared(request, "standard-versions", (site_pk(request), guide.pk), titles_and_urls)
    return [
        StandardVersionLink(title, url, request.build_absolute_uri(url)) for title, url in found
    ]


def index_context(index, request):
    """The guides under `index` by topic; or, with ?query=, the guides that match it."""
    query = request.GET.get("query", "").strip()[:MAX_QUERY_LENGTH]

    def listing():
        guides = EasyReadGuidePage.objects.live().public().descendant_of(index)
        if query:
            results = list(guides.search(query))
            add_pictures(results)
            return {"page": index, "query": query, "results": results, "result_count": len(results)}
        guides = list(guides.order_by("path"))
        add_pictures(guides)
        return {"page": index, "query": "", "topics": guides_by_topic(guides)}

    # Live, public guides only, the same for everyone who searches for the same words: shared.
    guides = shared_html(
        request,
        "easy-read-guides",
        (site_pk(request), index.pk, query),
        "easyread/includes/guide_listing.html",
        listing,
    )
    return {"query": query, "guides": guides}


def guides_by_topic(guides):
    """Topics in Topic's order, each with its guides; a topic with no guides is left out."""
    grouped = {topic.value: TopicGuides(topic.value, topic.label) for topic in Topic}
    for guide in guides:
        grouped[guide.topic].guides.append(guide)
    return [topic for topic in grouped.values() if topic.guides]


def add_pictures(guides):
    """Give each guide a `picture`: the image of its first row, or None.

    Read from the body's stored data, and fetched for every guide at once with their
    renditions, so a longer list costs no more queries.
    """
    image_ids = {guide: first_row_image_id(guide) for guide in guides}
    images = get_image_model().objects.filter(
        pk__in=[pk for pk in image_ids.values() if pk is not None]
    )
    by_id = {image.pk: image for image in images.prefetch_renditions()}
    for guide, image_id in image_ids.items():
        guide.picture = by_id.get(image_id)


def first_row_image_id(guide):
    for block in guide.body.raw_data:
        if block["type"] == "row":
            return block["value"].get("image")
    return None
