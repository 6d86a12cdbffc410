"""Consultation pages: what officers build, the status people see, and who may answer."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from boardhub.consultations.models import (
    ConsultationFormField,
    ConsultationIndexPage,
    ConsultationPage,
    ConsultationStatus,
    Feedback,
)
from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    ServiceFactory,
    UserFactory,
    activate_totp,
)
from home.models import HomePage
from tests.conftest import record_second_factor
from tests.consultations.conftest import XSS, send_answers

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
ANSWERS = {"what_works_well_for_you": "The carers are kind.", "the_service_is_easy_to_use": "4"}


def at(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


# Building pages in the admin


class TestPageTypes(WagtailPageTestCase):
    def setUp(self):
        self.home = HomePage.objects.get()
        officer = self.login()
        activate_totp(officer)  # the admin requires two-factor, passed in this session
        record_second_factor(self.client, officer)

    def test_an_officer_can_add_the_consultations_section_to_the_home_page(self):
        self.assertCanCreateAt(HomePage, ConsultationIndexPage)
        self.assertCanCreate(
            self.home,
            ConsultationIndexPage,
            nested_form_data(
                {
                    "title": "Consultations",
                    "slug": "consultations",
                    "introduction": "Tell us what you think.",
                }
            ),
        )

    def test_consultations_go_only_in_the_consultations_section(self):
        self.assertAllowedParentPageTypes(ConsultationPage, {ConsultationIndexPage})
        self.assertAllowedSubpageTypes(ConsultationIndexPage, {ConsultationPage})

    def test_an_officer_can_build_a_consultation_with_questions(self):
        index = ConsultationIndexPageFactory(parent=self.home)
        service = ServiceFactory(name="Home care")
        data = nested_form_data(
            {
                "title": "Care at home",
                "slug": "care-at-home",
                "summary": "We want to know what you think about care at home.",
                "body": streamfield([("paragraph", rich_text("<p>Read this first.</p>"))]),
                "opens_at": "2026-12-01 09:00",
                "closes_at": "2026-12-15 17:00",
                "audience": "members",
                "form_fields": inline_formset(
                    [
                        {
                            "label": "What works well?",
                            "help_text": "Tell us in your own words.",
                            "required": "on",
                            "field_type": "multiline",
                            "choices": "",
                            "default_value": "",
                        },
                        {
                            "label": "Home care is easy to arrange",
                            "help_text": "",
                            "required": "on",
                            "field_type": "agreement",
                            "choices": "",
                            "default_value": "",
                        },
                    ]
                ),
                "thank_you_text": rich_text("<p>Thank you.</p>"),
                "contact_name": "The board team",
                "contact_email": "board@example.org",
                "contact_phone": "",
                "easy_read_page": "",
                "outcome": rich_text(""),
            }
        )
        data["services"] = [str(service.pk)]  # a multiple choice, not a nested form
        self.assertCanCreate(index, ConsultationPage, data)
        page = ConsultationPage.objects.get(slug="care-at-home")
        assert [field.field_type for field in page.form_fields.all()] == [
            "multiline",
            "agreement",
        ]
        assert list(page.services.all()) == [service]

    def test_consultation_pages_render(self):
        index = ConsultationIndexPageFactory(parent=self.home)
        self.assertPageIsRenderable(index)
        self.assertPageIsRenderable(ConsultationPageFactory(parent=index))

    def test_an_officer_previews_the_questions_and_the_thank_you_page(self):
        page = ConsultationPageFactory(parent=ConsultationIndexPageFactory(parent=self.home))
        data = nested_form_data(
            {
                "title": "Care at home",
                "slug": page.slug,
                "summary": "We want to know what you think about care at home.",
                "body": streamfield([]),
                "opens_at": "2026-12-01 09:00",
                "closes_at": "2026-12-15 17:00",
                "audience": "everyone",
                "form_fields": inline_formset(
                    [
                        {
                            "label": "What works well?",
                            "help_text": "",
                            "required": "on",
                            "field_type": "multiline",
                            "choices": "",
                            "default_value": "",
                        }
                    ]
                ),
                "thank_you_text": rich_text("<p>We read every answer within a week.</p>"),
                "contact_name": "",
                "contact_email": "",
                "contact_phone": "",
                "easy_read_page": "",
                "outcome": rich_text(""),
            }
        )
        preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])

        shown = {}
        for mode in ("form", "landing"):
            stored = self.client.post(preview_url, data=data, QUERYSTRING=f"mode={mode}")
            assert stored.json() == {"is_valid": True, "is_available": True}
            shown[mode] = self.client.get(preview_url, {"mode": mode}).content.decode()

        assert "What works well?" in shown["form"]
        assert "We read every answer within a week." not in shown["form"]
        assert "Thank you for answering “Care at home”." in shown["landing"]
        assert "We read every answer within a week." in shown["landing"]
        assert "What works well?" not in shown["landing"]


def test_a_consultation_must_close_after_it_opens(index):
    page = ConsultationPageFactory(parent=index)
    page.closes_at = page.opens_at

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert "The closing date must be after the opening date." in str(error.value)


def test_a_choice_question_needs_its_choices(index):
    page = ConsultationPageFactory(parent=index, questions=[])
    question = ConsultationFormField(page=page, label="Pick one", field_type="radio")

    with pytest.raises(ValidationError) as error:
        question.full_clean()

    assert "Give the answers people can choose from" in str(error.value)


# Status


@pytest.mark.parametrize(
    ("moment", "status", "label", "tag"),
    [
        (at(2026, 12, 1, 8, 59, 59), ConsultationStatus.UPCOMING, "Not open yet", "Not open yet"),
        (at(2026, 12, 1, 9, 0), ConsultationStatus.OPEN, "Open \N{EN DASH} 14 days left", "Open"),
        (at(2026, 12, 8, 23, 59), ConsultationStatus.OPEN, "Open \N{EN DASH} 7 days left", "Open"),
        # Closing soon: fewer than 7 days left, from midnight.
        (
            at(2026, 12, 9, 0, 0),
            ConsultationStatus.OPEN,
            "Closing soon \N{EN DASH} 6 days left",
            "Closing soon",
        ),
        (
            at(2026, 12, 14, 23, 59),
            ConsultationStatus.OPEN,
            "Closing soon \N{EN DASH} closes tomorrow",
            "Closing soon",
        ),
        (at(2026, 12, 15, 0, 0), ConsultationStatus.OPEN, "Closes today", "Closing soon"),
        (at(2026, 12, 15, 16, 59, 59), ConsultationStatus.OPEN, "Closes today", "Closing soon"),
        (
            at(2026, 12, 15, 17, 0),
            ConsultationStatus.CLOSED,
            "Closed \N{EN DASH} we are reading the answers",
            "Closed",
        ),
    ],
)
def test_the_status_follows_the_dates_in_uk_time(index, moment, status, label, tag):
    page = ConsultationPageFactory(
        parent=index, opens_at=at(2026, 12, 1, 9, 0), closes_at=at(2026, 12, 15, 17, 0)
    )

    with time_machine.travel(moment, tick=False):
        assert page.status == status
        assert page.status_label == label
        assert page.tag_words == tag


def test_days_left_count_calendar_days_across_the_clocks_changing(index):
    page = ConsultationPageFactory(
        parent=index, opens_at=at(2026, 3, 1, 9, 0), closes_at=at(2026, 4, 2, 9, 0)
    )

    with time_machine.travel(at(2026, 3, 28, 23, 30), tick=False):
        assert page.status_label == "Closing soon \N{EN DASH} 5 days left"


def test_a_closed_consultation_with_an_outcome_says_so(index):
    page = ConsultationPageFactory(
        parent=index,
        opens_at=at(2026, 1, 1, 9, 0),
        closes_at=at(2026, 2, 1, 9, 0),
        outcome="<p>We changed the leaflet.</p>",
    )

    with time_machine.travel(at(2026, 3, 1, 9, 0), tick=False):
        assert page.status == ConsultationStatus.OUTCOME_PUBLISHED
        content = page.serve(_get(page)).render().content.decode()

    assert '<strong class="status-tag status-tag--purple">Outcome published</strong>' in content
    assert '<a href="#what-happened">See what happened</a>' in content
    assert "We changed the leaflet." in content


def _get(page):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get(page.url)
    request.user = AnonymousUser()
    return request


def test_the_page_shows_dates_in_words_and_the_status_as_text(client, index):
    service = ServiceFactory(name="Short breaks")
    page = ConsultationPageFactory(
        parent=index,
        opens_at=at(2026, 12, 1, 9, 0),
        closes_at=at(2026, 12, 15, 17, 30),
        services=[service],
    )

    with time_machine.travel(at(2026, 12, 10, 12, 0), tick=False):
        content = client.get(page.url).content.decode()

    assert "Tuesday 1 December 2026, 9am" in content
    assert "Tuesday 15 December 2026, 5:30pm" in content
    status = BeautifulSoup(content, "html.parser").select_one(".consultation-facts dd")
    assert status.select_one(".status-tag").get_text() == "Closing soon"
    assert status.get_text(" ", strip=True) == "Closing soon 5 days left"
    assert "Short breaks" in content
    assert "Everyone" in content


# Answering


def test_an_open_consultation_stores_the_answers_and_shows_a_reference(client, index):
    page = ConsultationPageFactory(parent=index)

    response = send_answers(client, page, ANSWERS)

    assert response.status_code == 200
    feedback = Feedback.objects.get()
    assert feedback.page_id == page.pk
    assert feedback.member is None
    assert feedback.status == Feedback.Status.RECEIVED
    assert feedback.form_data == ANSWERS
    assert re.fullmatch(r"BH-\d{4}-\d{6}", feedback.reference)
    assert feedback.reference == f"BH-{feedback.submit_time.year}-{feedback.pk:06d}"
    content = response.content.decode()
    assert "We have your answers" in content
    assert feedback.reference in content
    assert "4 \N{EN DASH} Agree" in content


def test_a_signed_in_member_is_stored_with_their_answers(client, index):
    member = UserFactory()
    page = ConsultationPageFactory(parent=index, audience="members")
    client.force_login(member)

    send_answers(client, page, ANSWERS)

    assert Feedback.objects.get().member == member


def test_mistakes_are_explained_and_nothing_is_stored(client, index):
    page = ConsultationPageFactory(parent=index)

    response = client.post(page.url, {"the_service_is_easy_to_use": "4"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content
    assert "Answer the question: What works well for you?" in content
    assert re.search(r'name="the_service_is_easy_to_use" value="4"[^>]*checked', content)
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (3, 10, "This consultation is not open yet"),
        (-10, -3, "This consultation has closed"),
    ],
)
def test_a_consultation_that_is_not_open_refuses_answers(client, index, opens, closes, message):
    now = datetime.datetime.now(tz=LONDON)
    page = ConsultationPageFactory(
        parent=index,
        opens_at=now + datetime.timedelta(days=opens),
        closes_at=now + datetime.timedelta(days=closes),
    )

    shown = client.get(page.url).content.decode()
    response = client.post(page.url, ANSWERS)

    assert message in shown
    assert 'name="what_works_well_for_you"' not in shown
    assert response.status_code == 403
    assert message in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_members_consultation_asks_visitors_to_sign_in_and_sends_them_there(client, index):
    page = ConsultationPageFactory(parent=index, audience="members")

    shown = client.get(page.url).content.decode()
    response = client.post(page.url, ANSWERS)

    assert "Sign in to answer" in shown
    assert f'href="/accounts/login/?next={page.url}"' in shown
    assert 'name="what_works_well_for_you"' not in shown
    # What they posted is kept for after they sign in (tests/consultations/test_timeout.py).
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={page.url}"
    assert not Feedback.objects.exists()


def test_the_agreement_scale_is_five_labelled_radios_in_a_fieldset(client, index):
    page = ConsultationPageFactory(parent=index)

    content = client.get(page.url).content.decode()

    fieldset = re.search(r"<fieldset.*?</fieldset>", content, re.S).group(0)
    assert "<legend" in fieldset
    assert "The service is easy to use" in fieldset
    assert "Choose one number." in fieldset
    assert fieldset.count('type="radio"') == 5
    for label in (
        "1 \N{EN DASH} Strongly disagree",
        "3 \N{EN DASH} Neither agree nor disagree",
        "5 \N{EN DASH} Strongly agree",
    ):
        assert label in fieldset


def test_choice_questions_render_as_the_project_form_renders_them(client, index):
    page = ConsultationPageFactory(
        parent=index,
        questions=[
            {"label": "Which day?", "field_type": "radio", "choices": "Monday\nTuesday"},
            {"label": "Which help?", "field_type": "checkboxes", "choices": "Meals\nShopping"},
            {"label": "Which area?", "field_type": "dropdown", "choices": "North\nSouth"},
            {"label": "Your name", "field_type": "singleline", "required": False},
        ],
    )

    content = client.get(page.url).content.decode()

    assert content.count("<fieldset") == 2 + 1  # two questions, and the format request
    assert 'type="checkbox"' in content
    assert "<select" in content
    assert "Your name (optional)" in content


def test_what_people_and_officers_typed_is_shown_as_text(client, index):
    page = ConsultationPageFactory(
        parent=index,
        title=XSS,
        summary=XSS,
        contact_name=XSS,
        questions=[
            {"label": XSS, "field_type": "singleline", "help_text": XSS},
            {"label": "Pick", "field_type": "radio", "choices": f"{XSS}\nSafe"},
            {"label": "Tell us", "field_type": "multiline"},
        ],
    )
    fields = {field.label: field.clean_name for field in page.form_fields.all()}

    shown = client.get(page.url).content.decode()
    landing = send_answers(
        client, page, {fields[XSS]: XSS, fields["Pick"]: XSS, fields["Tell us"]: XSS}
    ).content.decode()

    assert Feedback.objects.get().form_data[fields["Tell us"]] == XSS  # stored as typed
    for content in (shown, landing):
        assert "<script>alert(1)" not in content
        assert "<img src=x" not in content
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_the_consultation_page_needs_a_bounded_number_of_queries(
    client, index, django_assert_max_num_queries
):
    page = ConsultationPageFactory(parent=index, services=ServiceFactory.create_batch(5))
    client.get(page.url)

    with django_assert_max_num_queries(13):
        response = client.get(page.url)

    assert response.status_code == 200
