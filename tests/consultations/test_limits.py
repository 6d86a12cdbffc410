"""Sending more than the server takes, or an answer longer than a question takes: the person
is told the limit in plain words, and keeps what they typed (boardhub.core.request_limits,
boardhub.consultations.views)."""

from urllib.parse import urlencode

import pytest

from boardhub.consultations.models import Feedback, FeedbackDraft
from boardhub.demo.factories import ConsultationPageFactory, UserFactory

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"
TWO_AND_A_HALF_MB = 2_621_440  # Django's DATA_UPLOAD_MAX_MEMORY_SIZE


@pytest.fixture
def client(client):
    """A client that gets the page people would see, rather than the test's exception."""
    client.raise_request_exception = False
    return client


@pytest.fixture
def consultation(index):
    return ConsultationPageFactory(
        parent=index,
        questions=[
            {"label": "What works well for you?", "field_type": "multiline"},
            {"label": "What could be better?", "field_type": "multiline", "required": False},
        ],
    )


def post_form(client, url, fields):
    """Post `fields` (pairs, in order) as a browser sends a form."""
    return client.post(url, urlencode(fields), content_type=FORM)


# More than the server takes


def test_answers_over_the_size_limit_come_back_in_the_form_with_what_fitted(client, consultation):
    fields = [
        ("what_works_well_for_you", "The carers are kind."),
        ("what_could_be_better", "x" * TWO_AND_A_HALF_MB),
        ("action", "continue"),
    ]

    response = post_form(client, consultation.url, fields)

    content = response.content.decode()
    assert response.status_code == 413
    assert (
        "What you sent was too long: more than 2.5\xa0MB. We kept what we could below. "
        "Shorten your answer and send it again." in content
    )
    assert "The carers are kind." in content  # the field that fitted, in its box
    assert "xxxxxxxxxx" not in content  # the one cut in two is not kept half-sent
    assert 'name="what_could_be_better"' in content
    assert not Feedback.objects.exists()
    assert "consultation_answers" not in client.session  # nothing waits to be sent


def test_answers_with_too_many_parts_come_back_with_the_parts_that_fitted(client, consultation):
    fields = [("what_works_well_for_you", "The carers are kind.")]
    fields += [(f"extra{number}", "") for number in range(10_001)]

    response = post_form(client, consultation.url, fields)

    content = response.content.decode()
    assert response.status_code == 413
    assert "What you sent had too many parts: more than 10,000." in content
    assert "The carers are kind." in content


def test_saving_answers_over_the_size_limit_saves_nothing_cut_short(client, consultation):
    member = UserFactory()
    client.force_login(member)
    fields = [
        ("what_works_well_for_you", "Kind."),
        ("what_could_be_better", "z" * TWO_AND_A_HALF_MB),
        ("action", "save"),
    ]

    response = post_form(client, consultation.url, fields)

    assert response.status_code == 413
    assert "Kind." in response.content.decode()
    assert not FeedbackDraft.objects.exists()


def test_any_other_form_over_the_size_limit_gets_a_plain_page_with_the_limit(client):
    response = post_form(client, "/join/", [("name", "Pat"), ("support_needs", "n" * 2_700_000)])

    content = response.content.decode()
    assert response.status_code == 413
    assert "What you sent was too much for us" in content
    assert "What you sent was too long: more than 2.5\xa0MB." in content
    assert "back button to go back to the form" in content
    assert "css/boardhub.css" in content  # the site's own design


def test_an_address_with_too_many_parts_gets_the_plain_page(client):
    query = "&".join(f"p{number}=1" for number in range(10_001))

    response = client.get(f"/search/?{query}")

    assert response.status_code == 413
    assert "What you sent had too many parts: more than 10,000." in response.content.decode()


# An answer longer than its question takes


def test_an_answer_that_is_too_long_says_by_how_much_and_is_kept(client, consultation):
    answer = "a" * 10_400

    response = client.post(
        consultation.url, {"what_works_well_for_you": answer, "action": "continue"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert (
        "Your answer is 10,400 characters long; the most we can take is 10,000. "
        "Shorten it by 400 characters." in content
    )
    assert answer in content


def test_a_short_answer_that_is_too_long_says_so_in_the_same_words(client, index):
    consultation = ConsultationPageFactory(
        parent=index, questions=[{"label": "Your town", "field_type": "singleline"}]
    )

    response = client.post(consultation.url, {"your_town": "b" * 256, "action": "continue"})

    assert "Your answer is 256 characters long; the most we can take is 255. " in (
        response.content.decode()
    )
    assert "Shorten it by 1 character." in response.content.decode()


def test_a_draft_with_an_answer_too_long_is_saved_whole_and_says_so(client, consultation):
    member = UserFactory()
    client.force_login(member)
    answer = "c" * 10_400

    response = client.post(
        consultation.url,
        {"what_works_well_for_you": answer, "what_could_be_better": "", "action": "save"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "We have saved your answers." in content
    assert "Shorten it by 400 characters." in content
    assert "Answer the question:" not in content  # a blank answer is fine in a draft
    assert answer in content
    assert FeedbackDraft.objects.get(member=member).answers["what_works_well_for_you"] == answer


def test_a_draft_within_the_limits_is_saved_and_goes_back_to_the_form(client, consultation):
    member = UserFactory()
    client.force_login(member)

    response = client.post(
        consultation.url, {"what_works_well_for_you": "d" * 10_000, "action": "save"}
    )

    assert response.status_code == 302
    assert len(FeedbackDraft.objects.get().answers["what_works_well_for_you"]) == 10_000
