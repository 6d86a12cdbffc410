""" "What my feedback changed": in a member's account, each of their responses that shaped a
published change, with the change, its services and the officer's note to them. Never a
change that is not published, and never anything about other members."""

import pytest

from boardhub.demo.factories import (
    ChangeFeedbackLinkFactory,
    ChangeRecordFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    FeedbackFactory,
    ServiceFactory,
    UserFactory,
)
from boardhub.impact.models import YouSaidWeDidPage
from home.models import HomePage

pytestmark = pytest.mark.django_db

PAGE = "/account/what-my-feedback-changed/"
XSS = '<script>alert(1)</script> "><img src=x onerror=alert(1)>'


def detail_url(feedback):
    return f"/account/feedback/{feedback.reference}/"


@pytest.fixture
def record():
    home = HomePage.objects.get()
    return home.add_child(
        instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did")
    )


@pytest.fixture
def consultation():
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    return ConsultationPageFactory(parent=index, title="Care at home")


@pytest.fixture
def member():
    return UserFactory(verified=True, display_name="Robin")


@pytest.fixture
def home_care():
    return ServiceFactory(name="Home care", slug="home-care")


@pytest.fixture
def evening_visits(home_care):
    return ChangeRecordFactory(
        services=[home_care, ServiceFactory(name="Carers' support")],
        title="Evening home care visits",
        we_did="Visits can now be booked up to 9pm.",
        status="in_progress",
    )


def test_signing_in_is_needed(client):
    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_the_dashboard_links_to_it(client, member):
    client.force_login(member)

    content = client.get("/account/").content.decode()

    assert f'href="{PAGE}">What your feedback changed</a>' in content


def test_a_member_sees_what_their_response_changed(
    client, record, member, consultation, evening_visits
):
    feedback = FeedbackFactory(page=consultation, member=member)
    ChangeFeedbackLinkFactory(
        change=evening_visits,
        feedback=feedback,
        note="Your idea about late visits made the difference.\nSee https://example.org/care",
    )
    client.force_login(member)

    content = client.get(PAGE).content.decode()

    assert "Your answers to “Care at home”" in content
    assert f'href="{detail_url(feedback)}">{feedback.reference}' in content
    assert (
        f'<a href="/you-said-we-did/changes/{evening_visits.pk}/">Evening home care visits</a>'
        in content
    )
    assert "Visits can now be booked up to 9pm." in content
    assert "In progress" in content  # the status, in words
    assert "Carers&#x27; support, Home care" in content
    assert "Your idea about late visits made the difference.<br>" in content
    assert '<a href="https://example.org/care" rel="nofollow noopener">' in content


def test_free_text_is_shown_escaped(client, record, member, consultation):
    change = ChangeRecordFactory(title=XSS, we_did=XSS)
    ChangeFeedbackLinkFactory(
        change=change, feedback=FeedbackFactory(page=consultation, member=member), note=XSS
    )
    client.force_login(member)

    content = client.get(PAGE).content.decode()

    assert "<script>alert(1)</script>" not in content
    assert "<img src=x" not in content
    assert content.count("&lt;script&gt;") >= 3


def test_a_response_that_shaped_two_changes_shows_both_under_it(
    client, record, member, consultation, evening_visits
):
    feedback = FeedbackFactory(page=consultation, member=member)
    other_change = ChangeRecordFactory(title="Carers get a named contact")
    for change in (evening_visits, other_change):
        ChangeFeedbackLinkFactory(change=change, feedback=feedback)
    client.force_login(member)

    content = client.get(PAGE).content.decode()

    assert content.count("Your answers to “Care at home”") == 1
    assert "They helped to shape 2 changes" in content
    assert "Evening home care visits" in content and "Carers get a named contact" in content


def test_responses_are_newest_first(client, record, member, consultation, evening_visits):
    older = FeedbackFactory(page=consultation, member=member)
    newer_consultation = ConsultationPageFactory(
        parent=consultation.get_parent(), title="Day centres"
    )
    newer = FeedbackFactory(page=newer_consultation, member=member)
    for feedback in (older, newer):
        ChangeFeedbackLinkFactory(change=evening_visits, feedback=feedback)
    client.force_login(member)

    content = client.get(PAGE).content.decode()

    assert content.index(newer.reference) < content.index(older.reference)


def test_a_change_that_is_not_published_never_shows(client, record, member, consultation):
    feedback = FeedbackFactory(page=consultation, member=member)
    draft = ChangeRecordFactory(title="Secret draft change", we_did="Not agreed yet", live=False)
    ChangeFeedbackLinkFactory(change=draft, feedback=feedback, note="A note about the draft")
    client.force_login(member)

    for url in (PAGE, detail_url(feedback)):
        content = client.get(url).content.decode()
        assert "Secret draft change" not in content
        assert "Not agreed yet" not in content
        assert "A note about the draft" not in content
        assert f"/you-said-we-did/changes/{draft.pk}/" not in content
    assert "Nothing yet." in client.get(PAGE).content.decode()
    assert "What it changed" not in client.get(detail_url(feedback)).content.decode()


def test_nothing_about_other_members_shows(client, record, member, consultation, evening_visits):
    mine = FeedbackFactory(page=consultation, member=member)
    someone = UserFactory(
        verified=True, display_name="Alexandra", email="alexandra.other@example.org"
    )
    theirs = FeedbackFactory(page=consultation, member=someone)
    ChangeFeedbackLinkFactory(change=evening_visits, feedback=mine, note="Thank you, Robin.")
    ChangeFeedbackLinkFactory(change=evening_visits, feedback=theirs, note="Thank you, Alexandra.")
    client.force_login(member)

    for url in (PAGE, detail_url(mine)):
        content = client.get(url).content.decode()
        assert "Evening home care visits" in content
        assert "Thank you, Robin." in content
        for secret in (theirs.reference, "Alexandra", "alexandra.other"):
            assert secret not in content


def test_someone_whose_feedback_changed_nothing_yet_is_told_kindly(
    client, record, member, consultation
):
    FeedbackFactory(page=consultation, member=member)
    client.force_login(member)

    content = client.get(PAGE).content.decode()

    assert "Nothing yet. Changes can take a long time" in content
    assert 'href="/account/feedback/">your feedback</a>' in content
    assert 'href="/you-said-we-did/">See everything the board has changed</a>' in content


def test_without_a_public_record_page_the_changes_show_without_links(
    client, member, consultation, evening_visits
):
    feedback = FeedbackFactory(page=consultation, member=member)
    ChangeFeedbackLinkFactory(change=evening_visits, feedback=feedback)
    client.force_login(member)

    content = client.get(PAGE).content.decode()

    assert "Evening home care visits" in content
    assert "/you-said-we-did/" not in content


def test_the_response_page_says_what_it_changed(
    client, record, member, consultation, evening_visits
):
    feedback = FeedbackFactory(page=consultation, member=member)
    ChangeFeedbackLinkFactory(change=evening_visits, feedback=feedback, note=XSS)
    client.force_login(member)

    content = client.get(detail_url(feedback)).content.decode()

    assert "What it changed" in content
    assert (
        f'<a href="/you-said-we-did/changes/{evening_visits.pk}/">Evening home care visits</a>: '
        "in progress." in content
    )
    assert "Services it changed: Carers&#x27; support, Home care." in content
    assert "&lt;script&gt;" in content and "<script>alert(1)</script>" not in content
    assert f'href="{PAGE}">See everything your feedback changed</a>' in content


def test_a_response_that_changed_nothing_has_no_such_section(client, member, consultation):
    feedback = FeedbackFactory(page=consultation, member=member)
    client.force_login(member)

    assert "What it changed" not in client.get(detail_url(feedback)).content.decode()


@pytest.mark.parametrize("count", [2, 30])
def test_the_page_takes_a_bounded_number_of_queries(
    client, record, member, consultation, count, django_assert_max_num_queries
):
    services = [ServiceFactory(), ServiceFactory()]
    for number in range(count):
        change = ChangeRecordFactory(services=services)
        feedback = FeedbackFactory(page=consultation, member=member)
        ChangeFeedbackLinkFactory(change=change, feedback=feedback, note=f"Note {number}.")
    client.force_login(member)

    # 15 when written, 16 with what the changes are up to counted in one query (issue 13).
    with django_assert_max_num_queries(16):
        response = client.get(PAGE)

    assert response.content.decode().count("What the council told you about it") == count


@pytest.mark.parametrize("count", [1, 10])
def test_the_response_page_takes_a_bounded_number_of_queries(
    client, record, member, consultation, count, django_assert_max_num_queries
):
    feedback = FeedbackFactory(page=consultation, member=member)
    for __ in range(count):
        ChangeFeedbackLinkFactory(
            change=ChangeRecordFactory(services=[ServiceFactory()]), feedback=feedback
        )
    client.force_login(member)

    with django_assert_max_num_queries(20):
        response = client.get(detail_url(feedback))

    assert response.content.decode().count("/you-said-we-did/changes/") == count
