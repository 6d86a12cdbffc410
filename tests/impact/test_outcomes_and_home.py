"""Where else the public meets changes: a closed consultation's outcome, the home page's latest
changes and running totals. And the promise across every public page and the open data: no
draft, no person and nothing a person wrote ever shows."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from boardhub.demo.factories import (
    ConsultationPageFactory,
    FeedbackFactory,
    ServiceFactory,
    UserFactory,
)
from boardhub.feedback.models import InternalNote, SafeguardingFlag
from boardhub.impact import linking
from boardhub.impact.models import ChangeStatus
from boardhub.privacy.erasure import erase_account
from tests.impact.conftest import summary_value
from tests.impact.test_public_pages import (  # noqa: F401
    html_of,
    listed_titles,
    make_change,
    you_said_we_did,
)
from tests.listing import cards, key_value_tables_in_lists

pytestmark = pytest.mark.django_db

SEE_WHAT_HAPPENED = "Outcome published See what happened"
STILL_READING = "Closed We are reading the answers."


def status_on_page(html):
    """The status in a consultation's facts, in words: its tag and what follows it."""
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one(".consultation-facts dd").get_text(" ", strip=True)


def days_from_now(number):
    return timezone.now() + datetime.timedelta(days=number)


@pytest.fixture
def closed(consultation_index, service):
    """A consultation that closed five days ago, with no outcome written."""
    return ConsultationPageFactory(
        parent=consultation_index,
        title="Weekend visits",
        opens_at=days_from_now(-30),
        closes_at=days_from_now(-5),
        services=[service],
    )


# A closed consultation's outcome


def test_a_closed_consultation_shows_the_published_changes_it_led_to(
    client,
    you_said_we_did,  # noqa: F811
    closed,
):
    change = make_change(
        title="Visits at the times you were told",
        we_did="Care companies keep to a two-hour window.",
        status=ChangeStatus.IN_PROGRESS,
        consultations=[closed],
    )
    make_change(title="A draft from it", consultations=[closed], live=False)

    html = html_of(client, closed.url)

    assert '<h2 class="heading-l" id="what-happened">What happened</h2>' in html
    assert status_on_page(html) == SEE_WHAT_HAPPENED
    assert "led to this change:" in html
    assert listed_titles(html) == ["Visits at the times you were told"]
    assert f'<a href="/you-said-we-did/changes/{change.pk}/">' in html
    (card,) = cards(html, ".change-list__item")
    assert card["summary"] == "Care companies keep to a two-hour window."
    assert (card["tag"], card["colour"]) == ("In progress", "yellow")
    assert not key_value_tables_in_lists(html)
    assert "A draft from it" not in html


def test_a_closed_consultation_with_published_changes_shows_as_outcome_published_in_the_list(
    client,
    you_said_we_did,  # noqa: F811
    consultation_index,
    closed,
):
    waiting = ConsultationPageFactory(
        parent=consultation_index,
        title="Still reading",
        opens_at=days_from_now(-30),
        closes_at=days_from_now(-6),
    )
    make_change(consultations=[closed])
    make_change(consultations=[waiting], live=False)

    soup = BeautifulSoup(html_of(client, consultation_index.url), "html.parser")

    statuses = {card["title"]: (card["tag"], card["colour"]) for card in cards(str(soup))}
    assert statuses == {
        "Weekend visits": ("Outcome published", "purple"),
        "Still reading": ("Closed", "grey"),
    }


def test_a_closed_consultation_with_only_a_draft_change_is_still_being_read(
    client,
    you_said_we_did,  # noqa: F811
    closed,
):
    make_change(title="Not published yet", consultations=[closed], live=False)

    html = html_of(client, closed.url)

    assert status_on_page(html) == STILL_READING
    assert "What happened" not in html
    assert "Not published yet" not in html


def test_the_outcome_shows_the_written_outcome_and_the_changes(
    client,
    you_said_we_did,  # noqa: F811
    closed,
):
    closed.outcome = "<p>42 people answered.</p>"
    closed.save_revision().publish()
    make_change(title="Visits at the times you were told", consultations=[closed])

    html = html_of(client, closed.url)

    assert html.index("42 people answered.") < html.index("Visits at the times you were told")


def test_an_open_consultation_shows_no_outcome_yet(
    client,
    you_said_we_did,  # noqa: F811
    consultation,
):
    make_change(title="Early change", consultations=[consultation])

    html = html_of(client, consultation.url)

    assert "What happened" not in html
    assert "Early change" not in html


def test_without_a_you_said_we_did_page_the_outcome_lists_changes_without_links(client, closed):
    make_change(title="Visits at the times you were told", consultations=[closed])

    soup = BeautifulSoup(html_of(client, closed.url), "html.parser")

    item = soup.select_one(".change-list__item")
    assert item.h3.get_text() == "Visits at the times you were told"
    assert item.h3.a is None


# The home page


def test_the_home_page_shows_the_latest_three_changes_and_the_running_totals(
    client,
    you_said_we_did,  # noqa: F811
    service,
    consultation,
):
    other_service = ServiceFactory(name="Short breaks", slug="short-breaks")
    ServiceFactory(name="Only in a draft", slug="only-in-a-draft")
    shared = FeedbackFactory(page=consultation)
    for number in range(4):
        make_change(
            title=f"Change {number}",
            agreed_on=datetime.date(2026, 1, 1 + number),
            services=[service],
            responses=[shared, FeedbackFactory(page=consultation)],
        )
    make_change(
        title="Short breaks change", agreed_on=datetime.date(2025, 1, 1), services=[other_service]
    )
    make_change(
        title="A draft",
        agreed_on=datetime.date(2026, 6, 1),
        live=False,
        services=[ServiceFactory(name="Draft only", slug="draft-only")],
        responses=[FeedbackFactory(page=consultation)],
    )

    html = html_of(client, "/")

    assert listed_titles(html) == ["Change 3", "Change 2", "Change 1"]
    soup = BeautifulSoup(html, "html.parser")
    totals = [item.get_text(" ", strip=True) for item in soup.select(".change-totals li")]
    # The response that shaped all four changes counts once; the draft counts for nothing.
    # None is done, so none is counted as made (issue 13).
    assert totals == [
        "0 changes made",
        "5 changes agreed, not started yet",
        "5 responses from people shaped them",
    ]
    assert '<a href="/you-said-we-did/">See everything you said and what we did</a>' in html
    assert "A draft" not in html


def test_the_home_page_shows_no_changes_without_a_live_you_said_we_did_page(
    client,
    you_said_we_did,  # noqa: F811
):
    make_change(title="Evening visits")
    you_said_we_did.unpublish()

    html = html_of(client, "/")

    assert "What the board has changed" not in html
    assert "Evening visits" not in html


def test_the_home_page_shows_nothing_about_changes_until_one_is_published(
    client,
    you_said_we_did,  # noqa: F811
):
    make_change(title="A draft", live=False)

    html = html_of(client, "/")

    assert "What the board has changed" not in html
    assert "A draft" not in html


# Counts, whatever happens to the people behind them


def test_counts_stay_the_same_when_a_member_deletes_their_account(
    client,
    you_said_we_did,  # noqa: F811
    consultation,
):
    member = UserFactory(verified=True)
    change = make_change(responses=[FeedbackFactory(page=consultation, member=member)])

    erase_account(member)

    html = html_of(client, f"/you-said-we-did/changes/{change.pk}/")
    assert summary_value(html, "Responses that shaped it") == "1"


# Nothing personal, and no draft, anywhere public

SEEDED = [
    "Philippa Quartermaine",  # the member's name
    "philippa.private@example.org",  # the member's email
    "Oswald Pemberton",  # the officer's name
    "oswald.officer@example.org",
    "My neighbour Dot has no heating",  # what the member wrote
    "Note to Philippa only",  # the officer's note to her
    "Officers only: call her back",  # an internal note
    "She says she is not safe",  # a safeguarding flag
    "Unpublished zebra crossing",  # a draft change
    "Newer draft wording about llamas",  # a published change's newer draft
]


def test_no_public_page_or_download_shows_a_person_or_a_draft(
    client,
    you_said_we_did,  # noqa: F811
    service,
    closed,
    django_capture_on_commit_callbacks,
):
    member = UserFactory(
        verified=True, display_name="Philippa Quartermaine", email="philippa.private@example.org"
    )
    officer = UserFactory(display_name="Oswald Pemberton", email="oswald.officer@example.org")
    feedback = FeedbackFactory(
        page=closed,
        member=member,
        form_data={"what_works_well_for_you": "My neighbour Dot has no heating"},
    )
    flagged = FeedbackFactory(page=closed, form_data={"what_works_well_for_you": "Help."})
    SafeguardingFlag.objects.create(feedback=flagged, reason="She says she is not safe")
    InternalNote.objects.create(
        feedback=feedback, author=officer, text="Officers only: call her back"
    )
    change = make_change(title="Evening visits", services=[service], consultations=[closed])
    with django_capture_on_commit_callbacks(execute=True):
        linking.link(change, feedback, officer, note="Note to Philippa only")
        linking.link(change, flagged, officer)
    make_change(
        title="Unpublished zebra crossing", services=[service], consultations=[closed], live=False
    )
    change.we_did = "Newer draft wording about llamas"
    change.save_revision(user=officer)

    pages = {
        url: html_of(client, url)
        for url in (
            "/",
            "/you-said-we-did/",
            f"/you-said-we-did/changes/{change.pk}/",
            f"/you-said-we-did/services/{service.slug}/",
            closed.url,
            closed.get_parent().url,
        )
    }
    for url in ("/you-said-we-did/open-data.csv", "/you-said-we-did/open-data.json"):
        pages[url] = b"".join(client.get(url).streaming_content).decode()
    for word in ("Philippa", "Dot", "llamas", "zebra", "safe"):
        pages[f"search for {word}"] = html_of(client, "/search/", query=word)

    showing_the_change = [url for url in pages if not url.startswith(("search", "/consult"))]
    assert all("Evening visits" in pages[url] for url in showing_the_change)
    for where, content in pages.items():
        for seeded in SEEDED:
            assert seeded not in content, f"{seeded!r} on {where}"
        assert feedback.reference not in content, where
    assert (
        summary_value(pages[f"/you-said-we-did/changes/{change.pk}/"], "Responses that shaped it")
        == "2"
    )
