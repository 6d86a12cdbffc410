"""The consultation editor in officers' words, and one clear way to publish.

Officers read the question fields as "The question", "Hint", "Type of answer" and "Answers to
choose from (one a line)", never Wagtail's developer words or a "---------" choice; each
question is headed "Question" (the admin's script numbers them: "Question 1"). A moderator
sees one main button that publishes, and no way to send their own page for approval; an
editor who may not publish still sends it to the moderators."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Workflow

from boardhub.demo.factories import ConsultationPageFactory
from tests.feedback.conftest import officer_in

pytestmark = pytest.mark.django_db


def add_url(index):
    return f"/admin/pages/add/consultations/consultationpage/{index.pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def editor_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def question_template(soup):
    """The new question Wagtail's script copies in when the officer adds one."""
    template = soup.find("template", id="id_form_fields-EMPTY_FORM_TEMPLATE")
    return BeautifulSoup(template.decode_contents(), "html.parser")


def labels(soup):
    return [label.get_text(" ", strip=True) for label in soup.find_all("label")]


def test_each_question_is_asked_for_in_plain_words(client, index):
    client.force_login(officer_in("Moderators"))

    soup = editor_page(client, add_url(index))
    question = question_template(soup)

    for wanted in ("The question", "Hint", "Type of answer", "Answers to choose from (one a line)"):
        assert any(text.startswith(wanted) for text in labels(question)), labels(question)
    for wagtails_own in ("Label", "Field type", "Choices", "Default value", "Help text"):
        assert not any(text.startswith(wagtails_own) for text in labels(question))
    heading = question.find(attrs={"data-inline-panel-child-count": True}).parent
    assert heading.get_text(strip=True) == "Question"
    assert soup.find(id="id_form_fields-ADD").get_text(strip=True) == "Add question"


def test_the_type_of_answer_starts_on_short_text_with_no_dashes(client, index):
    client.force_login(officer_in("Moderators"))

    soup = editor_page(client, add_url(index))
    select = question_template(soup).find(
        "select", attrs={"name": "form_fields-__prefix__-field_type"}
    )

    options = [option.get_text(strip=True) for option in select.find_all("option")]
    assert options[0] == "Short text"
    assert "Single choice" in options and "Agreement scale (1 to 5)" in options
    assert select.find("option", selected=True).get_text(strip=True) == "Short text"
    assert "---------" not in soup.decode()


# One clear way to publish


def action_menu(soup):
    """(main button's words, [the other actions' words]) in the editor's footer."""
    menu = soup.select_one("footer nav.actions .w-dropdown-button")
    main = menu.find(["button", "a"], recursive=False)
    others = menu.select(".w-dropdown__content > button, .w-dropdown__content > a")
    return main.get_text(" ", strip=True), [item.get_text(" ", strip=True) for item in others]


@pytest.fixture
def draft(index):
    page = ConsultationPageFactory(parent=index, title="Day centres", live=False)
    page.save_revision()
    return page


def test_a_moderator_has_one_main_button_that_publishes(client, index, draft):
    client.force_login(officer_in("Moderators"))

    for url in (add_url(index), edit_url(draft)):
        main, others = action_menu(editor_page(client, url))

        assert main == "Publish", url
        assert others == ["Save draft"], url


def test_an_editor_who_cannot_publish_saves_and_sends_it_to_the_moderators(client, draft):
    client.force_login(officer_in("Editors"))

    main, others = action_menu(editor_page(client, edit_url(draft)))

    assert main == "Save draft"
    assert others == ["Submit to Moderators approval"]
    assert "Publish" not in others


def test_a_moderator_approves_what_an_editor_sent_with_one_main_button(client, draft):
    editor = officer_in("Editors")
    Workflow.objects.get(name="Moderators approval").start(draft, editor)
    client.force_login(officer_in("Moderators"))

    main, others = action_menu(editor_page(client, edit_url(draft)))

    assert main == "Approve and publish"
    assert "Publish" not in others
    assert not any(item.startswith("Submit") or item.startswith("Resubmit") for item in others)
    assert "Ask for changes" in others
    assert "Approve and publish, with a comment" in others


# Starting one from the dashboard


def test_the_dashboard_starts_a_new_consultation_in_one_step(client, index):
    client.force_login(officer_in("Moderators"))

    soup = editor_page(client, "/admin/")

    link = soup.find("a", string="Start a new consultation")
    assert link["href"] == add_url(index)
    assert client.get(link["href"]).status_code == 200


def test_officers_who_cannot_add_pages_are_not_offered_it(client, index):
    client.force_login(officer_in("Feedback handlers"))

    soup = editor_page(client, "/admin/")

    assert soup.find("a", string="Start a new consultation") is None
