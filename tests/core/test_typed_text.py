"""Characters a database cannot store (NUL above all), and quotes in search boxes, never give
an error page or lose what someone typed (boardhub.core.typed_text, core.search_backend).

Run on SQLite and on PostgreSQL: PostgreSQL refuses NUL in text and in jsonb ("A string
literal cannot contain NUL (0x00) characters"); SQLite's full-text search fails on an
unbalanced double quote and stops reading at a NUL."""

import json

import pytest
from django.test import RequestFactory
from django.urls import reverse

from boardhub.consultations.models import Feedback, FeedbackDraft
from boardhub.core.typed_text import StorableTextMiddleware, storable_value
from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    EasyReadGuidePageFactory,
    EasyReadIndexPageFactory,
    UserFactory,
)
from boardhub.joining.models import Application
from home.models import HomePage
from tests.consultations.conftest import check_answers, idempotency_key
from tests.feedback.conftest import officer_in

pytestmark = pytest.mark.django_db

NUL = "\x00"
QUOTES = ['"care', "'", '"', 'care"s', "care'", '""', "'care homes"]


@pytest.fixture
def client(client):
    """A client that gets the page people would see, rather than the test's exception."""
    client.raise_request_exception = False
    return client


@pytest.fixture
def consultation():
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get(), title="Consultations")
    return ConsultationPageFactory(parent=index, title="Care homes near you")


# Typed into forms


def test_a_member_saving_a_draft_with_a_nul_keeps_everything_else_they_typed(client, consultation):
    member = UserFactory()
    client.force_login(member)

    response = client.post(
        consultation.url,
        {"what_works_well_for_you": f"The carers{NUL} are kind.", "action": "save"},
    )

    assert response.status_code == 302
    draft = FeedbackDraft.objects.get(member=member)
    assert draft.answers["what_works_well_for_you"] == "The carers are kind."


def test_answers_with_a_nul_are_checked_and_sent_without_it(client, consultation):
    check_answers(client, consultation, {"what_works_well_for_you": f"Kind{NUL} staff"})

    response = client.post(
        consultation.url + "check-your-answers/",
        {"idempotency_key": idempotency_key(client, consultation)},
    )

    assert response.status_code == 200
    assert Feedback.objects.get().form_data["what_works_well_for_you"] == "Kind staff"


def test_an_application_to_join_with_a_nul_is_stored_without_it(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/join/",
            {
                "name": f"Pat{NUL} Applicant",
                "email": "pat@example.org",
                "contact_method": "email",
                "support_needs": f"Large{NUL} print",
                "consent": "on",
            },
        )

    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.name, application.support_needs) == ("Pat Applicant", "Large print")


def test_signing_in_with_a_nul_in_the_email_address_says_what_is_wrong(client):
    UserFactory(email="pat@example.org", password="a-long-password-2026")

    response = client.post(
        reverse("account_login"), {"login": f"pat@{NUL}example.org", "password": "wrong"}
    )

    assert response.status_code == 200
    assert "The email address or password is not right" in response.content.decode()


# Addresses, query strings, cookies and JSON


def test_a_nul_in_an_address_that_is_looked_up_is_page_not_found(client):
    # The reference in the address is looked up in the database.
    client.force_login(UserFactory())

    assert client.get("/account/feedback/BH-2026%00-000001/").status_code == 404


def test_a_nul_in_an_address_that_does_not_exist_is_page_not_found(client):
    assert client.get("/no-such-page%00/").status_code == 404


def test_a_nul_in_the_session_cookie_is_not_an_error(client, consultation):
    # A quoted cookie value may hold octal escapes: \000 is NUL. The session key is looked up
    # in the database.
    cookie = 'sessionid="abcdefghijk\\000lmnop"'

    assert client.get(consultation.url, HTTP_COOKIE=cookie).status_code == 200
    assert client.post(consultation.url, HTTP_COOKIE=cookie).status_code == 200


def test_a_nul_in_a_consultation_filter_is_not_an_error(client, consultation):
    response = client.get(consultation.get_parent().url, {"status": f"open{NUL}"})

    assert response.status_code == 200
    assert "Care homes near you" in response.content.decode()


def test_a_nul_in_the_you_said_we_did_filters_is_not_an_error(client):
    from boardhub.impact.models import YouSaidWeDidPage

    page = HomePage.objects.get().add_child(
        instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did")
    )

    response = client.get(page.url, {"service": NUL, "year": f"2026{NUL}", "status": NUL})

    assert response.status_code == 200


def test_json_sent_to_the_admin_with_a_nul_is_stored_without_it(client):
    officer = officer_in("Moderators")
    client.force_login(officer)

    response = client.patch(
        reverse("wagtailadmin_dismissibles"),
        json.dumps({"whats-new\u0000": True}),
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json() == {"whats-new": True}


def test_json_in_a_form_value_loses_nul_and_lone_surrogates_and_keeps_emoji():
    rich_text = json.dumps({"blocks": [{"text": "Kind\u0000 staff \ud800😀"}]})

    assert json.loads(storable_value(rich_text)) == {"blocks": [{"text": "Kind staff 😀"}]}


def test_text_that_is_not_json_keeps_what_looks_like_an_escape():
    assert storable_value("Type \\u0000 to mean nothing") == "Type \\u0000 to mean nothing"


def test_the_names_of_uploaded_files_lose_their_nul():
    from django.core.files.uploadedfile import SimpleUploadedFile

    request = RequestFactory().post("/join/", {"picture": SimpleUploadedFile("me.png", b"picture")})
    request.FILES["picture"].name = f"me{NUL}.png"

    StorableTextMiddleware(lambda request: None).process_view(request, None, (), {})

    assert request.FILES["picture"].name == "me.png"


# Search boxes


@pytest.mark.parametrize("query", [*QUOTES, f"care{NUL}", NUL])
def test_the_site_search_takes_quotes_and_nul(client, consultation, query):
    response = client.get("/search/", {"query": query})

    assert response.status_code == 200


def test_a_search_with_an_unbalanced_quote_finds_the_words_in_it(client, consultation):
    content = client.get("/search/", {"query": '"care'}).content.decode()

    assert "Care homes near you" in content


@pytest.mark.parametrize("query", [*QUOTES, f"money{NUL}"])
def test_the_easy_read_search_takes_quotes_and_nul(client, query):
    index = EasyReadIndexPageFactory(parent=HomePage.objects.get(), slug="easy-read")
    EasyReadGuidePageFactory(parent=index, title="Direct payments", slug="direct-payments")

    response = client.get(index.url, {"query": query})

    assert response.status_code == 200


@pytest.mark.parametrize(
    "listing",
    ["wagtailadmin_pages:search", "feedback:index", "wagtailsnippets_impact_changerecord:list"],
)
@pytest.mark.parametrize("query", ['"care', "'", '"', f"care{NUL}"])
def test_the_admin_search_boxes_take_quotes_and_nul(client, consultation, listing, query):
    client.force_login(officer_in("Moderators", "Feedback handlers"))

    response = client.get(reverse(listing), {"q": query})

    assert response.status_code == 200
