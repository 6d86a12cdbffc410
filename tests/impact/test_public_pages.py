"""The public "you said, we did" pages: the list of changes with its filters and pages, one
change, one service and its timeline, an officer's preview, and site search. Only published
changes are ever shown, and only a count of the responses that shaped them."""

import datetime

import pytest
from bs4 import BeautifulSoup

from boardhub.demo.factories import (
    ChangeFeedbackLinkFactory,
    ChangeRecordFactory,
    ConsultationPageFactory,
    DocumentFactory,
    FeedbackFactory,
    ServiceFactory,
)
from boardhub.impact.models import (
    ChangeConsultation,
    ChangeRecord,
    ChangeService,
    ChangeStatus,
    YouSaidWeDidPage,
    public_change_url,
)
from home.models import HomePage
from tests.impact.conftest import summary_value
from tests.listing import cards, current_page, key_value_tables_in_lists, previous_and_next

pytestmark = pytest.mark.django_db

INDEX = "/you-said-we-did/"


@pytest.fixture
def you_said_we_did():
    """The live "you said, we did" page, under the home page."""
    return HomePage.objects.get().add_child(
        instance=YouSaidWeDidPage(
            title="You said, we did",
            slug="you-said-we-did",
            introduction="What changed because of what you told us.",
        )
    )


def make_change(services=(), consultations=(), responses=(), **kwargs):
    """A change record (published unless `live=False`) with its services, consultations and
    the responses that shaped it, all saved."""
    change = ChangeRecordFactory(**kwargs)
    for service in services:
        ChangeService.objects.create(change=change, service=service)
    for consultation in consultations:
        ChangeConsultation.objects.create(change=change, consultation=consultation)
    for feedback in responses:
        ChangeFeedbackLinkFactory(change=change, feedback=feedback)
    return change


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def listed_titles(html):
    """The titles of the changes listed on a page, in order."""
    soup = BeautifulSoup(html, "html.parser")
    return [item.h3.get_text(strip=True) for item in soup.select(".change-list__item")]


def days_ago(number):
    return datetime.date.today() - datetime.timedelta(days=number)


# The page type


def test_there_is_one_you_said_we_did_page_and_it_lives_under_the_home_page(you_said_we_did):
    home = HomePage.objects.get()

    assert YouSaidWeDidPage.allowed_parent_page_models() == [HomePage]
    assert YouSaidWeDidPage.allowed_subpage_models() == []
    assert YouSaidWeDidPage in HomePage.allowed_subpage_models()
    assert not YouSaidWeDidPage.can_create_at(home)  # there is one already
    you_said_we_did.delete()
    assert YouSaidWeDidPage.can_create_at(home)


# The list of changes


def test_the_list_shows_each_published_change_newest_first_with_what_people_read(
    client, you_said_we_did, service, consultation
):
    old = make_change(title="Older change", agreed_on=days_ago(30), services=[service])
    new = make_change(
        title="Evening home care visits",
        you_said="Visits came too early in the evening.",
        we_did="Visits can now be booked up to 9pm.",
        agreed_on=days_ago(1),
        services=[service],
        responses=[FeedbackFactory(page=consultation) for _ in range(3)],
    )

    html = html_of(client, INDEX)

    assert listed_titles(html) == ["Evening home care visits", "Older change"]
    assert "2 changes. The newest is first." in html
    # Each change is a card: its title, its status in words, what we did and two facts.
    newest = cards(html)[0]
    assert (newest["tag"], newest["colour"]) == ("Agreed", "blue")
    assert newest["summary"] == "Visits can now be booked up to 9pm."
    assert newest["facts"] == ["Service: Home care", "3 responses shaped it"]
    assert not key_value_tables_in_lists(html)
    # What people said is on the change's own page.
    assert "Visits came too early in the evening." not in html
    assert "<p>Visits came too early in the evening.</p>" in html_of(
        client, f"{INDEX}changes/{new.pk}/"
    )
    assert f'href="/you-said-we-did/changes/{new.pk}/">Evening home care visits</a>' in html
    assert f'href="/you-said-we-did/changes/{old.pk}/">Older change</a>' in html
    assert 'href="/you-said-we-did/services/home-care/">Home care</a>' in html
    assert '<p class="lead">What changed because of what you told us.</p>' in html


def test_the_list_never_shows_a_change_that_is_not_published(client, you_said_we_did):
    make_change(title="Published change")
    make_change(title="Draft change", we_did="Something we have not agreed.", live=False)

    html = html_of(client, INDEX)

    assert listed_titles(html) == ["Published change"]
    assert "Draft change" not in html
    assert "Something we have not agreed." not in html


def test_a_change_that_was_not_possible_says_why(client, you_said_we_did):
    make_change(
        title="A named carer",
        status=ChangeStatus.NOT_POSSIBLE,
        not_possible_reason="There are not enough carers at weekends.",
    )

    html = html_of(client, INDEX)
    (card,) = cards(html)
    detail = html_of(client, card["links"][0])

    assert (card["tag"], card["colour"]) == ("Not possible", "red")
    assert summary_value(detail, "Where it is up to") == "Not possible"
    assert summary_value(detail, "Why it was not possible") == (
        "There are not enough carers at weekends."
    )


def test_the_list_says_when_there_is_nothing_yet(client, you_said_we_did):
    html = html_of(client, INDEX)

    assert "0 changes." in html
    assert "There are no changes yet." in html


def test_the_list_links_to_the_open_data(client, you_said_we_did):
    html = html_of(client, INDEX)

    assert 'href="/you-said-we-did/open-data.csv"' in html
    assert 'href="/you-said-we-did/open-data.json"' in html


# Filters


@pytest.fixture
def three_changes(you_said_we_did):
    home_care = ServiceFactory(name="Home care", slug="home-care")
    breaks = ServiceFactory(name="Short breaks", slug="short-breaks")
    ServiceFactory(name="Never changed", slug="never-changed")
    make_change(
        title="Done in 2025",
        agreed_on=datetime.date(2025, 3, 1),
        status=ChangeStatus.DONE,
        done_on=datetime.date(2025, 6, 1),
        services=[home_care],
    )
    make_change(title="Agreed in 2026", agreed_on=datetime.date(2026, 2, 1), services=[breaks])
    make_change(
        title="Not possible in 2026",
        agreed_on=datetime.date(2026, 1, 1),
        status=ChangeStatus.NOT_POSSIBLE,
        not_possible_reason="No money.",
        services=[home_care, breaks],
    )
    make_change(title="Draft in 2024", agreed_on=datetime.date(2024, 1, 1), live=False)


@pytest.mark.parametrize(
    ("filters", "shown"),
    [
        ({"service": "home-care"}, ["Not possible in 2026", "Done in 2025"]),
        ({"service": "short-breaks"}, ["Agreed in 2026", "Not possible in 2026"]),
        ({"year": "2026"}, ["Agreed in 2026", "Not possible in 2026"]),
        ({"status": "done"}, ["Done in 2025"]),
        ({"service": "home-care", "year": "2026"}, ["Not possible in 2026"]),
        ({"service": "short-breaks", "status": "done"}, []),
    ],
)
def test_the_list_filters_by_service_year_and_status(client, three_changes, filters, shown):
    html = html_of(client, INDEX, **filters)

    assert listed_titles(html) == shown
    count = len(shown)
    assert f"{count} change{'' if count == 1 else 's'} match{'es' if count == 1 else ''}." in html
    assert "Show all changes" in html
    if not shown:
        assert "There are no changes that match." in html


def test_the_filters_keep_the_choices_made(client, three_changes):
    soup = BeautifulSoup(
        html_of(client, INDEX, service="home-care", year="2026", status="not_possible"),
        "html.parser",
    )

    assert soup.select_one("#id_service option[selected]")["value"] == "home-care"
    assert soup.select_one("#id_year option[selected]")["value"] == "2026"
    assert soup.select_one("#id_status option[selected]")["value"] == "not_possible"


def test_the_filters_offer_only_services_and_years_with_published_changes(client, three_changes):
    soup = BeautifulSoup(html_of(client, INDEX), "html.parser")

    services = [option.get_text() for option in soup.select("#id_service option")]
    years = [option["value"] for option in soup.select("#id_year option")]
    assert services == ["Any service", "Home care", "Short breaks"]
    assert years == ["", "2026", "2025"]


def test_a_filter_that_is_not_on_the_list_says_so_and_shows_everything(client, three_changes):
    html = html_of(client, INDEX, year="1999", service="no-such-service")

    assert "Choose a year from the list" in html
    assert "Choose a service from the list" in html
    assert len(listed_titles(html)) == 3


# Pages of results


def test_the_list_comes_in_pages_of_20_that_keep_the_filters(client, you_said_we_did):
    for number in range(25):
        make_change(title=f"Change number {number:02d}", agreed_on=days_ago(number))
    make_change(title="In progress", status=ChangeStatus.IN_PROGRESS, agreed_on=days_ago(100))

    first = html_of(client, INDEX, status="agreed")
    second = html_of(client, INDEX, status="agreed", page="2")

    assert listed_titles(first) == [f"Change number {number:02d}" for number in range(20)]
    assert listed_titles(second) == [f"Change number {number:02d}" for number in range(20, 25)]
    assert current_page(first) == "1"
    assert previous_and_next(first) == {"next": ("Next page", "?status=agreed&page=2")}
    assert current_page(second) == "2"
    assert previous_and_next(second) == {"prev": ("Previous page", "?status=agreed&page=1")}


def test_a_page_number_past_the_end_shows_the_last_page(client, you_said_we_did):
    for number in range(21):
        make_change(title=f"Change number {number:02d}", agreed_on=days_ago(number))

    html = html_of(client, INDEX, page="9")

    assert listed_titles(html) == ["Change number 20"]


# One change


def test_a_change_page_shows_the_whole_published_record(
    client, you_said_we_did, service, consultation
):
    leaflet = DocumentFactory(title="Leaflet")
    other_service = ServiceFactory(name="Short breaks", slug="short-breaks")
    change = make_change(
        title="Evening home care visits",
        you_said="Visits came too early.\n\nPeople went to bed at 7pm.",
        we_did="Visits can now be booked up to 9pm.",
        status=ChangeStatus.DONE,
        agreed_on=datetime.date(2026, 1, 5),
        done_on=datetime.date(2026, 3, 2),
        easy_read_summary="Carers can come later.\nYou choose the time.",
        evidence=[
            ("document", {"title": "The new leaflet", "document": leaflet}),
            ("link", {"title": "The council's news", "url": "https://example.org/news"}),
        ],
        services=[service, other_service],
        consultations=[consultation],
        responses=[FeedbackFactory(page=consultation), FeedbackFactory(page=consultation)],
    )

    html = html_of(client, f"{INDEX}changes/{change.pk}/")

    assert '<h1 class="heading-xl">Evening home care visits</h1>' in html
    assert "<title>Evening home care visits \N{EN DASH}" in html
    assert "<p>Visits came too early.</p>\n\n<p>People went to bed at 7pm.</p>" in html
    assert summary_value(html, "Where it is up to") == "Done"
    assert summary_value(html, "Date agreed") == "5 January 2026"
    assert summary_value(html, "Date done") == "2 March 2026"
    assert summary_value(html, "Services it changed") == "Home care Short breaks"
    assert summary_value(html, "Responses that shaped it") == "2"
    assert 'href="/you-said-we-did/services/short-breaks/">Short breaks</a>' in html
    assert "<p>Carers can come later.<br>You choose the time.</p>" in html
    assert f'<a href="{consultation.url}">Care at home</a>' in html
    assert f'<a href="{leaflet.url}">The new leaflet</a>' in html
    assert '<a href="https://example.org/news">The council&#x27;s news</a>' in html
    headings = [h.get_text() for h in BeautifulSoup(html, "html.parser").select("main h2")]
    assert headings == ["You said", "We did", "In easy read", "Where this came from", "Evidence"]


def test_a_change_page_has_breadcrumbs_to_the_list(client, you_said_we_did):
    change = make_change()

    soup = BeautifulSoup(html_of(client, f"{INDEX}changes/{change.pk}/"), "html.parser")

    crumbs = [(a.get_text(), a["href"]) for a in soup.select(".breadcrumbs a")]
    assert crumbs == [("Home", "/"), ("You said, we did", INDEX)]


def test_a_change_page_says_why_it_was_not_possible(client, you_said_we_did):
    change = make_change(status=ChangeStatus.NOT_POSSIBLE, not_possible_reason="No carers.")

    html = html_of(client, f"{INDEX}changes/{change.pk}/")

    assert summary_value(html, "Why it was not possible") == "No carers."


def test_a_change_page_leaves_out_consultations_the_public_cannot_see(
    client, you_said_we_did, consultation_index
):
    hidden = ConsultationPageFactory(parent=consultation_index, title="Not published yet")
    hidden.unpublish()
    change = make_change(consultations=[hidden])

    html = html_of(client, f"{INDEX}changes/{change.pk}/")

    assert "Not published yet" not in html
    assert "Where this came from" not in html


@pytest.mark.parametrize("which", ["draft", "unknown", "unpublished"])
def test_a_change_that_is_not_published_is_not_found(client, you_said_we_did, which):
    change = make_change(live=which != "draft")
    if which == "unpublished":
        change.unpublish()
    pk = change.pk + 1000 if which == "unknown" else change.pk

    response = client.get(f"{INDEX}changes/{pk}/")

    assert response.status_code == 404
    assert change.title not in response.content.decode()


def test_a_published_change_shows_its_published_words_not_a_newer_draft(client, you_said_we_did):
    change = make_change(title="Evening visits", we_did="Visits until 9pm.")
    change.we_did = "Visits until midnight, not agreed yet."
    change.save_revision()

    html = html_of(client, f"{INDEX}changes/{change.pk}/")

    assert "Visits until 9pm." in html
    assert "midnight" not in html
    assert "midnight" not in html_of(client, INDEX)


def test_the_count_drops_when_a_response_is_deleted(client, you_said_we_did, consultation):
    responses = [FeedbackFactory(page=consultation) for _ in range(3)]
    change = make_change(responses=responses)
    url = f"{INDEX}changes/{change.pk}/"
    assert summary_value(html_of(client, url), "Responses that shaped it") == "3"

    responses[0].delete()

    assert summary_value(html_of(client, url), "Responses that shaped it") == "2"
    assert cards(html_of(client, INDEX))[0]["facts"][-1] == "2 responses shaped it"


def test_public_change_url_is_only_for_published_changes_on_a_live_page(you_said_we_did):
    change = make_change()
    draft = make_change(live=False)

    assert public_change_url(change) == f"{INDEX}changes/{change.pk}/"
    assert public_change_url(draft) is None
    you_said_we_did.unpublish()
    assert public_change_url(change) is None


# One service


def test_a_service_page_shows_the_service_and_its_timeline_by_year(
    client, you_said_we_did, service, consultation
):
    service.description = "Help at home with washing and meals."
    service.team = "Home care commissioning"
    service.url = "https://example.org/home-care"
    service.save()
    other_service = ServiceFactory(name="Short breaks", slug="short-breaks")
    shared = FeedbackFactory(page=consultation)
    make_change(
        title="Change in 2025",
        agreed_on=datetime.date(2025, 5, 1),
        services=[service],
        consultations=[consultation],
        responses=[shared],
    )
    make_change(
        title="Change in 2026",
        agreed_on=datetime.date(2026, 5, 1),
        services=[service, other_service],
        consultations=[consultation],
        responses=[shared, FeedbackFactory(page=consultation)],
    )
    make_change(title="Another service's change", services=[other_service])
    make_change(title="A draft", services=[service], live=False)

    html = html_of(client, f"{INDEX}services/home-care/")

    assert '<h1 class="heading-xl">Home care</h1>' in html
    assert '<p class="lead">Help at home with washing and meals.</p>' in html
    assert summary_value(html, "Run by") == "Home care commissioning"
    assert 'href="https://example.org/home-care"' in html
    assert listed_titles(html) == ["Change in 2026", "Change in 2025"]
    assert html.index("Agreed in 2026</h2>") < html.index("Agreed in 2025</h2>")
    soup = BeautifulSoup(html, "html.parser")
    totals = [item.get_text(" ", strip=True) for item in soup.select(".change-totals li")]
    # The response that shaped both changes, and the one consultation, count once.
    # Both are agreed, not done: neither is counted as made (issue 13).
    assert totals == [
        "0 changes made",
        "2 changes agreed, not started yet",
        "2 responses from people shaped them",
        "1 consultation they came from",
    ]
    crumbs = [a.get_text() for a in soup.select(".breadcrumbs a")]
    assert crumbs == ["Home", "You said, we did"]


def test_a_service_with_no_published_changes_says_so(client, you_said_we_did, service):
    make_change(title="A draft", services=[service], live=False)

    html = html_of(client, f"{INDEX}services/{service.slug}/")

    assert "Nothing has been published about changes to this service yet." in html
    assert "A draft" not in html


def test_an_unknown_service_is_not_found(client, you_said_we_did):
    assert client.get(f"{INDEX}services/no-such-service/").status_code == 404


# An officer's preview


def test_the_preview_shows_a_draft_as_the_public_would_see_it(service, consultation):
    change = make_change(
        title="Carers who speak your language",
        we_did="We will ask for carers who speak your language.",
        live=False,
        services=[service],
        responses=[FeedbackFactory(page=consultation)],
    )

    response = change.make_preview_request()

    html = response.render().content.decode()
    assert "This is a preview" in html
    assert '<h1 class="heading-xl">Carers who speak your language</h1>' in html
    assert "<p>We will ask for carers who speak your language.</p>" in html
    assert summary_value(html, "Service it changed") == "Home care"
    assert summary_value(html, "Responses that shaped it") == "1"


def test_the_preview_works_for_a_change_not_saved_yet(service):
    change = ChangeRecord(title="A new change", you_said="You said.", we_did="We did.")
    change.service_links = [ChangeService(service=service)]

    html = change.make_preview_request().render().content.decode()

    assert '<h1 class="heading-xl">A new change</h1>' in html
    assert summary_value(html, "Service it changed") == "Home care"
    assert summary_value(html, "Responses that shaped it") == "None: no responses are linked to it"


# Site search


def test_search_never_shows_a_drafts_words(client, you_said_we_did):
    make_change(title="Zanzibarish minibuses", we_did="Quokka timetables.", live=False)
    published = make_change(title="Evening visits", we_did="Visits until 9pm.")
    published.we_did = "Quokka timetables."
    published.save_revision()

    for query in ("Zanzibarish", "Quokka"):
        html = html_of(client, "/search/", query=query)
        assert f"No results for “{query}”" in html
        assert "minibuses" not in html
        assert "timetables" not in html


def test_search_finds_the_you_said_we_did_page(client, you_said_we_did):
    html = html_of(client, "/search/", query="you said we did")

    assert f'<a href="{INDEX}">You said, we did</a>' in html
