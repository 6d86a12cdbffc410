"""Keeping in touch: "Your feedback" in a member's account, with each response's status in
words and its history, for its author alone."""

import pytest

from boardhub.consultations.models import FeedbackStatus
from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    FeedbackFactory,
    SafeguardingFlagFactory,
    UserFactory,
)
from boardhub.feedback import handling
from home.models import HomePage
from tests.listing import cards, key_value_tables_in_lists

pytestmark = pytest.mark.django_db

LIST = "/account/feedback/"
XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


def detail_url(feedback):
    return f"/account/feedback/{feedback.reference}/"


@pytest.fixture
def consultation():
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    return ConsultationPageFactory(parent=index, title="Care at home")


@pytest.fixture
def member():
    return UserFactory(verified=True)


@pytest.fixture
def officer():
    return UserFactory(email="officer.name@council.example.org", display_name="Officername")


def test_the_dashboard_links_to_your_feedback(client, member):
    client.force_login(member)
    assert f'href="{LIST}">Your feedback</a>' in client.get("/account/").content.decode()


def test_signing_in_is_needed(client, consultation):
    feedback = FeedbackFactory(page=consultation, member=UserFactory())
    for url in (LIST, detail_url(feedback)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_a_member_sees_their_responses_newest_first_with_status_and_history(
    client, member, officer, consultation
):
    older = FeedbackFactory(page=consultation, member=member)
    newer_page = ConsultationPageFactory(parent=consultation.get_parent(), title="Day centres")
    newer = FeedbackFactory(page=newer_page, member=member)
    someone_elses = FeedbackFactory(page=consultation, member=UserFactory())
    handling.change_status(older, FeedbackStatus.ACKNOWLEDGED, officer, note="Thank you.")
    handling.change_status(
        older, FeedbackStatus.NOT_TAKEN_FORWARD, officer, note="We have no money for it."
    )
    handling.add_note(older, "Internal: ring the provider", officer)
    SafeguardingFlagFactory(feedback=older, reason="Worried about them", flagged_by=officer)
    client.force_login(member)

    content = client.get(LIST).content.decode()
    detail = client.get(detail_url(older)).content.decode()

    # One card each, newest first: the consultation, the status in words and its colour, the
    # latest the council told them, and when they sent it with its reference.
    assert someone_elses.reference not in content
    shown = cards(content)
    assert [card["title"] for card in shown] == [
        f"Day centres , reference {newer.reference}",
        f"Care at home , reference {older.reference}",
    ]
    assert [(card["tag"], card["colour"]) for card in shown] == [
        ("Received", "grey"),
        ("Not taken forward", "pink"),
    ]
    assert "We have no money for it." in shown[1]["summary"]
    assert shown[1]["facts"][1] == f"Reference {older.reference}"
    assert shown[1]["facts"][0].startswith("Sent ")
    assert not key_value_tables_in_lists(content)
    # The whole history is on its own page.
    assert "the council changed this" in detail
    assert "Thank you." in detail and "We have no money for it." in detail
    # Never officers' names, internal notes or safeguarding.
    for page in (content, detail):
        for secret in ("Officername", "officer.name", "Internal: ring", "Worried", "safeguarding"):
            assert secret not in page


def test_the_detail_page_shows_the_answers_and_history(client, member, officer, consultation):
    feedback = FeedbackFactory(
        page=consultation,
        member=member,
        form_data={"what_works_well_for_you": XSS, "the_service_is_easy_to_use": "4"},
    )
    handling.change_status(feedback, FeedbackStatus.BEING_CONSIDERED, officer, note=XSS)
    client.force_login(member)

    response = client.get(detail_url(feedback))
    content = response.content.decode()

    assert response.status_code == 200
    assert feedback.reference in content
    assert "Being thought about" in content
    assert "What you told us" in content
    assert "Officername" not in content
    assert "<script>alert(1)</script>" not in content
    assert "<img src=x" not in content
    assert "&lt;script&gt;" in content


def test_another_member_gets_page_not_found(client, member, consultation):
    feedback = FeedbackFactory(page=consultation, member=member)
    anonymous = FeedbackFactory(page=consultation)
    client.force_login(UserFactory())

    assert client.get(detail_url(feedback)).status_code == 404
    assert client.get(detail_url(anonymous)).status_code == 404
    assert feedback.reference not in client.get(LIST).content.decode()


def test_someone_with_no_responses_is_told_so(client, member):
    client.force_login(member)
    assert "You have not sent any answers" in client.get(LIST).content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_takes_a_bounded_number_of_queries(
    client, member, officer, consultation, count, django_assert_max_num_queries
):
    for __ in range(count):
        feedback = FeedbackFactory(page=consultation, member=member)
        handling.change_status(feedback, FeedbackStatus.ACKNOWLEDGED, officer, note="Read it.")
    client.force_login(member)

    with django_assert_max_num_queries(14):
        response = client.get(LIST)

    assert response.content.decode().count("Read it.") == count


def test_the_detail_page_takes_a_bounded_number_of_queries(
    client, member, officer, consultation, django_assert_max_num_queries
):
    feedback = FeedbackFactory(page=consultation, member=member)
    for status in (FeedbackStatus.ACKNOWLEDGED, FeedbackStatus.BEING_CONSIDERED):
        handling.change_status(feedback, status, officer)
    client.force_login(member)

    # One more than before issue 5: the changes it shaped.
    with django_assert_max_num_queries(17):
        assert client.get(detail_url(feedback)).status_code == 200
