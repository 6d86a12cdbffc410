"""Choosing the responses that shaped a change: it starts on the change's own consultation,
finds a response by its reference or by words in its answers, shows each answer under its
question, and a new change is saved and on to choosing in one step. And the change's editor
has one main button that publishes, for the officers who may publish."""

import pytest
from bs4 import BeautifulSoup

from boardhub.demo.factories import ConsultationPageFactory, FeedbackFactory
from boardhub.impact.models import ChangeRecord
from tests.consultations.test_editor_wording import action_menu
from tests.impact.conftest import change_record
from tests.impact.test_admin import LIST, edit_url, link_url, new_change_form, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(consultation_index):
    return ConsultationPageFactory(parent=consultation_index, title="Day centres")


def said(text):
    return {"what_works_well_for_you": text, "the_service_is_easy_to_use": "4"}


def listed(client, change, **query):
    """The references of the responses the chooser lists."""
    soup = BeautifulSoup(text_of(client.get(link_url(change), query)), "html.parser")
    return {
        row.find("label").get_text(" ", strip=True).removeprefix("Choose ")
        for row in soup.select("tbody tr")
    }


def test_the_chooser_starts_on_the_changes_own_consultation(
    client, handler, change, consultation, elsewhere
):
    here = FeedbackFactory(page=consultation)
    there = FeedbackFactory(page=elsewhere)
    client.force_login(handler)

    response = client.get(link_url(change))

    soup = BeautifulSoup(text_of(response), "html.parser")
    chosen = soup.find("select", attrs={"name": "consultation"}).find("option", selected=True)
    assert chosen.get_text(strip=True) == "Care at home"
    assert listed(client, change) == {here.reference}
    assert listed(client, change, consultation="") == {here.reference, there.reference}


def test_a_change_from_no_consultation_lists_every_response(
    client, handler, consultation, elsewhere
):
    change = change_record(title="Better letters", consultations=[])
    responses = {FeedbackFactory(page=page).reference for page in (consultation, elsewhere)}
    client.force_login(handler)

    assert listed(client, change) == responses


def test_the_chooser_finds_a_response_by_its_reference(client, handler, change, consultation):
    wanted = FeedbackFactory(page=consultation)
    FeedbackFactory(page=consultation, form_data=said(f"Like {wanted.reference}, I agree."))
    client.force_login(handler)

    found = listed(client, change, search=wanted.reference.lower(), consultation=consultation.pk)

    assert found == {wanted.reference}


def test_the_chooser_finds_responses_by_words_in_their_answers(
    client, handler, change, consultation
):
    buses = FeedbackFactory(page=consultation, form_data=said("The evening buses never come."))
    FeedbackFactory(page=consultation, form_data=said("The buses are fine."))
    FeedbackFactory(page=consultation, form_data=said("Evening visits are late."))
    client.force_login(handler)

    found = listed(client, change, search="evening buses", consultation=consultation.pk)

    assert found == {buses.reference}


def test_a_reference_from_another_consultation_offers_to_look_in_every_one(
    client, handler, change, elsewhere
):
    there = FeedbackFactory(page=elsewhere)
    client.force_login(handler)

    page = text_of(
        client.get(
            link_url(change),
            {
                "search": there.reference,
                "consultation": change.consultation_links.get().consultation_id,
            },
        )
    )

    assert "No responses match." in page
    assert "Look in every consultation" in page
    assert listed(client, change, search=there.reference, consultation="") == {there.reference}


def test_each_answer_is_shown_under_its_question(client, handler, change, consultation):
    FeedbackFactory(
        page=consultation,
        form_data={
            "what_works_well_for_you": "Kind carers.\nVisits on time.",
            "the_service_is_easy_to_use": "",
        },
    )
    FeedbackFactory(page=consultation, form_data=said("Nothing much."))
    client.force_login(handler)

    soup = BeautifulSoup(text_of(client.get(link_url(change))), "html.parser")
    rows = soup.select("tbody tr")
    answers = [
        [(dt.get_text(strip=True), dt.find_next_sibling("dd")) for dt in row.select("dl dt")]
        for row in rows
    ]

    newest, first = answers
    assert [question for question, __ in newest] == [
        "What works well for you?",
        "The service is easy to use",
    ]
    assert newest[1][1].get_text(strip=True) == "4 \N{EN DASH} Agree"
    # The unanswered question is left out; the answer's own lines are kept.
    assert [question for question, __ in first] == ["What works well for you?"]
    assert first[0][1].decode_contents().strip() == "Kind carers.<br/>Visits on time."


# Saving a new change is the one step before choosing its responses


def test_a_new_change_is_saved_as_a_draft_and_on_to_choosing_in_one_step(
    client, handler, service, consultation
):
    client.force_login(handler)
    form = text_of(client.get(f"{LIST}add/"))
    assert 'name="save-then-link"' in form

    response = client.post(
        f"{LIST}add/", {**new_change_form(service, consultation), "save-then-link": "1"}
    )

    change = ChangeRecord.objects.get()
    assert not change.live
    assert response.status_code == 302
    assert response["Location"] == link_url(change)


def test_saving_a_new_change_without_that_button_stays_on_its_form(
    client, handler, service, consultation
):
    client.force_login(handler)

    response = client.post(f"{LIST}add/", new_change_form(service, consultation))

    assert response["Location"] == edit_url(ChangeRecord.objects.get())


def test_an_officer_who_cannot_link_is_not_offered_to_choose(client, editor):
    client.force_login(editor)

    form = text_of(client.get(f"{LIST}add/"))

    assert 'name="save-then-link"' not in form
    assert "officers who handle feedback can link" in form


# One clear way to publish a change


def test_a_moderator_has_one_main_button_that_publishes_a_change(
    client, moderator_handler, draft_change
):
    client.force_login(moderator_handler)

    for url in (f"{LIST}add/", edit_url(draft_change)):
        soup = BeautifulSoup(text_of(client.get(url)), "html.parser")
        main, others = action_menu(soup)
        assert main == "Publish", url
        assert not any("Submit" in item for item in others), url


def test_a_handler_who_cannot_publish_saves_and_sends_it_for_approval(
    client, handler, draft_change
):
    client.force_login(handler)

    soup = BeautifulSoup(text_of(client.get(edit_url(draft_change))), "html.parser")
    main, others = action_menu(soup)

    assert main == "Save draft"
    assert "Submit to Moderators approval" in others
    assert "Publish" not in others
