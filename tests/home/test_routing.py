"""HomePage.route finds every page below the home page as Wagtail's own routing does, with the
pages on the way down found in one query."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page

from boardhub.demo.factories import (
    ChangeRecordFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    EasyReadGuidePageFactory,
    EasyReadIndexPageFactory,
    ServiceFactory,
    StandardPageFactory,
)
from boardhub.impact.models import YouSaidWeDidPage
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return HomePage.objects.get()


@pytest.fixture
def site_pages(home):
    index = ConsultationIndexPageFactory(parent=home, slug="consultations")
    ConsultationPageFactory(parent=index, slug="care-at-home")
    easy_read = EasyReadIndexPageFactory(parent=home, slug="easy-read")
    EasyReadGuidePageFactory(parent=easy_read, slug="direct-payments")
    about = StandardPageFactory(parent=home, slug="about")
    StandardPageFactory(parent=about, slug="not-yet", live=False)
    draft = StandardPageFactory(parent=home, slug="draft-parent", live=False)
    StandardPageFactory(parent=draft, slug="live-child")
    # A page elsewhere in the tree with a slug used on the way: never mistaken for it.
    StandardPageFactory(parent=about, slug="consultations")
    home.add_child(instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did"))
    ServiceFactory(slug="home-care")
    return {"change": ChangeRecordFactory()}


def route(router, request, components):
    """The route's page, view arguments and keyword arguments, or "404"."""
    try:
        found = router(request, components)
    except Http404:
        return "404"
    # A routable page's route carries its view, a method bound to the page found: compare
    # which method, not which copy of the page it is bound to.
    args = tuple(getattr(arg, "__qualname__", arg) for arg in found.args)
    return (type(found.page), found.page.pk, args, found.kwargs)


PATHS = [
    "",
    "consultations",
    "consultations/care-at-home",
    "consultations/care-at-home/check-your-answers",
    "consultations/care-at-home/no-such-route",
    "consultations/no-such-page",
    "no-such-page",
    "no-such-page/care-at-home",
    "about",
    "about/not-yet",
    "about/consultations",
    "draft-parent",
    "draft-parent/live-child",
    "easy-read/direct-payments",
    "easy-read/direct-payments/more",
    "you-said-we-did",
    "you-said-we-did/services/home-care",
    "you-said-we-did/changes/{change}",
    "you-said-we-did/no-such-route",
]


@pytest.mark.parametrize("path", PATHS)
def test_every_address_leads_where_wagtails_routing_leads(home, site_pages, path):
    components = [part for part in path.format(change=site_pages["change"].pk).split("/") if part]
    request = RequestFactory().get("/" + path)

    ours = route(home.route, request, components)
    wagtails = route(
        lambda request, components: Page.route(home, request, components), request, components
    )

    assert ours == wagtails


def test_a_page_two_levels_down_takes_two_queries_to_find(
    home, site_pages, django_assert_num_queries
):
    request = RequestFactory().get("/consultations/care-at-home/")

    with django_assert_num_queries(2):  # the pages on the way, then the consultation itself
        found = home.route(request, ["consultations", "care-at-home"])

    assert found.page.slug == "care-at-home"
