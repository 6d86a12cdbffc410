"""Change records in Wagtail's admin: the listing, two officers editing at once, linking
responses from the change and from the feedback listing, unlinking, and who may do each."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from boardhub.consultations.models import FeedbackStatus
from boardhub.demo.factories import (
    ConsultationPageFactory,
    FeedbackFactory,
    ServiceFactory,
    ThemeFactory,
    UserFactory,
    activate_totp,
)
from boardhub.feedback import handling
from boardhub.impact import linking
from boardhub.impact.models import (
    ChangeConsultation,
    ChangeFeedbackLink,
    ChangeRecord,
    ChangeService,
)
from tests.feedback.conftest import XSS, officer_in
from tests.impact.conftest import change_record

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/impact/changerecord/"
FEEDBACK_LIST = "/admin/feedback/"


def edit_url(change):
    return f"{LIST}edit/{change.pk}/"


def link_url(change):
    return f"{LIST}link/{change.pk}/"


def unlink_url(made):
    return f"{LIST}unlink/{made.pk}/"


def bulk_url(*feedback):
    ids = "&".join(f"id={item.pk}" for item in feedback)
    return f"/admin/bulk/consultations/feedback/link_to_change/?{ids}&next={FEEDBACK_LIST}"


def text_of(response):
    return response.content.decode()


def assert_refused(response):
    """Wagtail's answer to an officer without permission: back to the dashboard, with "Sorry,
    you do not have permission to access this area"."""
    assert (response.status_code, response["Location"]) == (302, "/admin/")


# The listing


def test_the_listing_shows_each_changes_status_whether_it_is_published_and_its_responses(
    client, handler, change, draft_change, consultation
):
    ChangeFeedbackLink.objects.create(change=change, feedback=FeedbackFactory(page=consultation))
    client.force_login(handler)

    page = text_of(client.get(LIST))

    assert "You said, we did" in page
    for record in (change, draft_change):
        assert record.title in page
    assert "Agreed" in page
    assert "live" in page and "draft" in page
    assert "Responses linked" in page


def test_the_listing_filters_by_status_service_and_publishing_and_searches(
    client, handler, change, draft_change, service
):
    done = change_record(title="Done elsewhere", status="done", done_on="2025-01-02")
    other_service = ServiceFactory(name="Day centres")
    elsewhere = change_record(title="Day centre lunches", services=[other_service])
    client.force_login(handler)

    by_status = text_of(client.get(LIST, {"status": "done"}))
    by_service = text_of(client.get(LIST, {"service": service.pk}))
    drafts = text_of(client.get(LIST, {"live": "false"}))
    searched = text_of(client.get(LIST, {"q": "lunches"}))

    assert done.title in by_status and change.title not in by_status
    assert change.title in by_service and elsewhere.title not in by_service
    assert draft_change.title in drafts and change.title not in drafts
    assert elsewhere.title in searched and change.title not in searched


# Writing and publishing a change


def new_change_form(service, consultation, **extra):
    return nested_form_data(
        {
            "title": "Large print letters",
            "you_said": "Letters were too small to read.",
            "we_did": "Every letter now comes in large print if you ask.",
            "status": "agreed",
            "not_possible_reason": "",
            "agreed_on": "2025-03-01",
            "done_on": "",
            "service_links": inline_formset([{"service": service.pk}]),
            "consultation_links": inline_formset([{"consultation": consultation.pk}]),
            "evidence": streamfield([]),
            "easy_read_summary": "",
            **extra,
        }
    )


def test_a_handler_writes_a_change_as_a_draft(client, handler, service, consultation):
    client.force_login(handler)

    form = text_of(client.get(f"{LIST}add/"))
    response = client.post(f"{LIST}add/", new_change_form(service, consultation))

    assert "Save as a draft and choose responses" in form
    assert response.status_code == 302
    change = ChangeRecord.objects.get()
    assert (change.title, change.live) == ("Large print letters", False)
    assert list(ChangeService.objects.filter(change=change).values_list("service", flat=True)) == [
        service.pk
    ]
    assert ChangeConsultation.objects.get(change=change).consultation_id == consultation.pk


def test_not_possible_needs_a_reason(client, moderator_handler, service, consultation):
    client.force_login(moderator_handler)

    response = client.post(
        f"{LIST}add/",
        new_change_form(service, consultation, status="not_possible", **{"action-publish": "1"}),
    )

    assert response.status_code == 200
    assert "Say why the change was not possible" in text_of(response)
    assert not ChangeRecord.objects.exists()


def test_publishing_in_the_admin_tells_the_authors_linked_to_the_draft(
    sent, client, moderator_handler, handler, draft_change, consultation, member
):
    feedback = FeedbackFactory(page=consultation, member=member)
    linking.link(draft_change, feedback, handler)
    draft_change.save_revision(user=handler)
    client.force_login(moderator_handler)
    opened = loaded_revision(client.get(edit_url(draft_change)))

    emails = sent(
        lambda: client.post(
            edit_url(draft_change),
            {**edit_form(draft_change, draft_change.title, opened), "action-publish": "1"},
        )
    )

    assert ChangeRecord.objects.get(pk=draft_change.pk).live
    step = feedback.status_changes.get()
    assert (step.to_status, step.changed_by) == (FeedbackStatus.SHAPED_A_CHANGE, moderator_handler)
    assert [email.to for email in emails] == [[member.email]]


# Two officers editing one change at once


def edit_form(change, title, loaded):
    services = list(ChangeService.objects.filter(change=change))
    consultations = list(ChangeConsultation.objects.filter(change=change))
    return nested_form_data(
        {
            "title": title,
            "you_said": change.you_said,
            "we_did": change.we_did,
            "status": change.status,
            "not_possible_reason": "",
            "agreed_on": change.agreed_on.isoformat(),
            "done_on": "",
            "service_links": inline_formset(
                [{"id": link.pk, "service": link.service_id} for link in services],
                initial=len(services),
            ),
            "consultation_links": inline_formset(
                [{"id": link.pk, "consultation": link.consultation_id} for link in consultations],
                initial=len(consultations),
            ),
            "evidence": streamfield([]),
            "easy_read_summary": "",
            **loaded,
        }
    )


def loaded_revision(response):
    """The hidden fields that say which version the form was opened on."""
    page = text_of(response)
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', page).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def latest_title(change):
    return ChangeRecord.objects.get(pk=change.pk).get_latest_revision_as_object().title


def test_a_save_from_an_old_version_is_refused_and_keeps_what_was_typed(client, handler, change):
    change.save_revision(user=handler)
    other = UserFactory(verified=True, display_name="Priya", is_staff=True)
    other.groups.set(handler.groups.all())
    activate_totp(other)
    client.force_login(handler)
    opened = loaded_revision(client.get(edit_url(change)))

    client.force_login(other)
    first = client.post(edit_url(change), edit_form(change, "Priya's title", opened))
    client.force_login(handler)
    second = client.post(edit_url(change), edit_form(change, "My own title", opened))

    assert first.status_code == 302
    assert second.status_code == 200
    page = text_of(second)
    assert "Priya saved this change after you opened it" in page
    assert "we have not saved your changes" in page
    assert 'value="My own title"' in page
    assert latest_title(change) == "Priya's title"

    # Told, they can now choose to save their version over it.
    third = client.post(
        edit_url(change), edit_form(change, "My own title", loaded_revision(second))
    )

    assert third.status_code == 302
    assert latest_title(change) == "My own title"


def test_saving_twice_from_the_same_page_in_turn_works(client, handler, change):
    """Each save moves the form on to the version it saved."""
    change.save_revision(user=handler)
    client.force_login(handler)
    opened = loaded_revision(client.get(edit_url(change)))

    first = client.post(edit_url(change), edit_form(change, "First go", opened))
    reopened = loaded_revision(client.get(edit_url(change)))
    second = client.post(edit_url(change), edit_form(change, "Second go", reopened))

    assert (first.status_code, second.status_code) == (302, 302)
    assert latest_title(change) == "Second go"


# The linked responses on the change


def test_the_change_shows_its_linked_responses_to_feedback_handlers(
    client, handler, change, consultation
):
    feedback = FeedbackFactory(page=consultation)
    made = linking.link(change, feedback, handler, note=XSS)
    client.force_login(handler)

    page = text_of(client.get(edit_url(change)))

    assert feedback.reference in page
    assert "Care at home" in page
    assert unlink_url(made) in page
    assert link_url(change) in page
    assert "<script>alert(1)" not in page


def test_an_editor_who_cannot_read_feedback_sees_only_how_many(
    client, editor, handler, change, consultation
):
    feedback = FeedbackFactory(page=consultation)
    linking.link(change, feedback, handler)
    client.force_login(editor)

    page = text_of(client.get(edit_url(change)))

    assert "1 response is linked to this change" in page
    assert feedback.reference not in page
    assert link_url(change) not in page


def test_a_flagged_linked_response_is_counted_but_not_shown_to_other_handlers(
    client, handler, safeguarder, change, consultation
):
    flagged = FeedbackFactory(page=consultation)
    linking.link(change, flagged, safeguarder)
    handling.flag_for_safeguarding(flagged, "At risk", safeguarder)
    client.force_login(handler)

    page = text_of(client.get(edit_url(change)))

    assert flagged.reference not in page
    assert "1 more response is flagged for safeguarding" in page


# Choosing responses to link


def test_a_handler_links_responses_with_a_note(sent, client, handler, change, consultation, member):
    first = FeedbackFactory(page=consultation, member=member)
    second = FeedbackFactory(page=consultation)
    client.force_login(handler)

    emails = sent(
        lambda: client.post(
            link_url(change), {"responses": [first.pk, second.pk], "note": "Thank you."}
        )
    )

    assert set(change.shaping_feedback()) == {first, second}
    assert set(ChangeFeedbackLink.objects.values_list("note", flat=True)) == {"Thank you."}
    first.refresh_from_db()
    assert first.status == FeedbackStatus.SHAPED_A_CHANGE
    assert [email.to for email in emails] == [[member.email]]
    page = text_of(client.get(edit_url(change)))
    assert "2 responses linked to “Evening home care visits”." in page


def test_linking_responses_linked_already_says_nothing_changed(
    client, handler, change, consultation
):
    feedback = FeedbackFactory(page=consultation)
    linking.link(change, feedback, handler)
    client.force_login(handler)

    response = client.post(link_url(change), {"responses": [feedback.pk]}, follow=True)

    assert "Nothing changed: those responses were linked" in text_of(response)
    assert ChangeFeedbackLink.objects.count() == 1


def test_linking_to_a_draft_says_they_will_be_told_on_publishing(
    client, handler, draft_change, consultation
):
    feedback = FeedbackFactory(page=consultation)
    client.force_login(handler)

    client.post(link_url(draft_change), {"responses": [feedback.pk]})

    page = text_of(client.get(edit_url(draft_change)))
    assert "will be told when the change is published" in page
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED


def test_linking_nothing_says_what_to_do(client, handler, change, consultation):
    FeedbackFactory(page=consultation)
    client.force_login(handler)

    response = client.post(link_url(change), {"responses": []})

    assert response.status_code == 400
    assert "Choose at least one response to link" in text_of(response)
    assert not ChangeFeedbackLink.objects.exists()


def test_the_list_filters_by_consultation_service_and_theme(
    client, handler, change, consultation, consultation_index
):
    elsewhere = ConsultationPageFactory(
        parent=consultation_index, title="Day centres", services=[ServiceFactory()]
    )
    here = FeedbackFactory(page=consultation)
    there = FeedbackFactory(page=elsewhere)
    money = ThemeFactory(name="Money")
    handling.add_theme(there, money, handler)
    client.force_login(handler)

    def listed(**filters):
        page = text_of(client.get(link_url(change), filters))
        return {item for item in (here, there) if item.reference in page}

    assert listed() == {here}  # at first, only the change's own consultation
    assert listed(consultation="") == {here, there}  # "All consultations"
    assert listed(consultation=elsewhere.pk) == {there}
    assert listed(consultation=consultation.pk) == {here}
    assert listed(service=consultation.services.get().pk) == {here}
    assert listed(theme=money.pk) == {there}


def test_the_list_marks_responses_already_linked(client, handler, change, consultation):
    feedback = FeedbackFactory(page=consultation)
    linking.link(change, feedback, handler)
    client.force_login(handler)

    page = text_of(client.get(link_url(change)))

    assert "(linked already)" in page
    assert f'id="response-{feedback.pk}"' not in page


def test_the_list_escapes_what_people_wrote(client, handler, change, consultation):
    FeedbackFactory(page=consultation, form_data={"what_works_well_for_you": XSS})
    client.force_login(handler)

    page = text_of(client.get(link_url(change)))

    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


def test_flagged_responses_are_listed_only_for_the_safeguarding_group(
    client, handler, safeguarder, change, consultation
):
    flagged = FeedbackFactory(page=consultation)
    handling.flag_for_safeguarding(flagged, "At risk", safeguarder)

    client.force_login(handler)
    assert flagged.reference not in text_of(client.get(link_url(change)))
    refused = client.post(link_url(change), {"responses": [flagged.pk]})
    assert refused.status_code == 400
    assert not ChangeFeedbackLink.objects.exists()

    client.force_login(safeguarder)
    assert flagged.reference in text_of(client.get(link_url(change)))
    client.post(link_url(change), {"responses": [flagged.pk]})
    assert ChangeFeedbackLink.objects.get().feedback == flagged


def test_the_list_takes_the_same_number_of_queries_for_many_responses(
    client, handler, change, consultation, consultation_index
):
    themes = [ThemeFactory(name="Money"), ThemeFactory(name="Transport")]
    another = ConsultationPageFactory(parent=consultation_index, services=[ServiceFactory()])
    client.force_login(handler)

    def queries_for_listing():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(link_url(change))
        assert response.status_code == 200
        return len(captured)

    def add_responses(count):
        for number in range(count):
            feedback = FeedbackFactory(page=consultation if number % 2 else another)
            handling.add_theme(feedback, themes[number % 2], handler)
            if number % 3 == 0:
                ChangeFeedbackLink.objects.create(change=change, feedback=feedback)

    add_responses(3)
    few = queries_for_listing()
    add_responses(30)
    many = queries_for_listing()

    assert many == few
    assert many <= 25


# Unlinking from the change


def test_unlinking_asks_first_then_puts_the_status_back(client, handler, change, consultation):
    feedback = FeedbackFactory(page=consultation)
    made = linking.link(change, feedback, handler)
    client.force_login(handler)

    question = client.get(unlink_url(made))
    assert question.status_code == 200
    assert "Yes, unlink it" in text_of(question)
    assert ChangeFeedbackLink.objects.exists()

    response = client.post(unlink_url(made))

    assert response.status_code == 302
    assert not ChangeFeedbackLink.objects.exists()
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    assert ModelLogEntry.objects.filter(action=linking.UNLINKED, user=handler).count() == 2


def test_a_handler_cannot_unlink_a_flagged_response_they_cannot_see(
    client, handler, safeguarder, change, consultation
):
    flagged = FeedbackFactory(page=consultation)
    made = linking.link(change, flagged, safeguarder)
    handling.flag_for_safeguarding(flagged, "At risk", safeguarder)
    client.force_login(handler)

    assert client.post(unlink_url(made)).status_code == 404
    assert ChangeFeedbackLink.objects.exists()


# Who may link


def test_an_editor_who_cannot_read_feedback_cannot_link_or_unlink(
    client, editor, handler, change, consultation
):
    feedback = FeedbackFactory(page=consultation)
    made = linking.link(change, feedback, handler)
    other = FeedbackFactory(page=consultation)
    client.force_login(editor)

    for response in (
        client.get(link_url(change)),
        client.post(link_url(change), {"responses": [other.pk]}),
        client.get(unlink_url(made)),
        client.post(unlink_url(made)),
    ):
        assert_refused(response)
    assert list(ChangeFeedbackLink.objects.all()) == [made]


def test_a_feedback_handler_who_cannot_change_changes_cannot_link(client, change, consultation):
    reader = officer_in()
    reader.user_permissions.add(
        *Permission.objects.filter(codename__in=["handle_feedback", "access_admin"])
    )
    feedback = FeedbackFactory(page=consultation)
    client.force_login(reader)

    assert_refused(client.get(link_url(change)))
    assert_refused(client.get(bulk_url(feedback)))
    assert_refused(client.post(bulk_url(feedback), {"change": change.pk}))
    assert not ChangeFeedbackLink.objects.exists()


@pytest.mark.parametrize("who", ["member", "anonymous"])
def test_members_and_the_public_are_refused(client, who, member, change, consultation):
    feedback = FeedbackFactory(page=consultation)
    if who == "member":
        client.force_login(member)

    for response in (
        client.get(link_url(change)),
        client.post(link_url(change), {"responses": [feedback.pk]}),
        client.post(bulk_url(feedback), {"change": change.pk}),
    ):
        if who == "member":  # signed in already: told the area is for officers
            assert response.status_code == 403
        else:
            assert response.status_code == 302
            assert response["Location"].startswith("/accounts/login/")
    assert not ChangeFeedbackLink.objects.exists()


# Linking from the feedback listing


def test_the_feedback_listing_offers_link_to_a_change(client, handler, consultation):
    FeedbackFactory(page=consultation)
    client.force_login(handler)

    assert "Link to a change" in text_of(client.get(FEEDBACK_LIST))


def test_the_bulk_action_lists_changes_newest_first_and_links_the_chosen_responses(
    sent, client, handler, change, draft_change, consultation, member
):
    first = FeedbackFactory(page=consultation, member=member)
    second = FeedbackFactory(page=consultation)
    client.force_login(handler)

    form = text_of(client.get(bulk_url(first, second)))
    assert form.index(draft_change.title) < form.index(change.title)  # newer first
    assert "(draft, not published yet)" in form

    response = None

    def post():
        nonlocal response
        response = client.post(bulk_url(first, second), {"change": change.pk, "note": "Thanks"})

    emails = sent(post)

    assert response.status_code == 302
    assert set(change.shaping_feedback()) == {first, second}
    assert [email.to for email in emails] == [[member.email]]
    listing = text_of(client.get(FEEDBACK_LIST))
    assert "2 responses linked to “Evening home care visits”." in listing


def test_the_bulk_action_needs_a_change(client, handler, consultation):
    feedback = FeedbackFactory(page=consultation)
    client.force_login(handler)

    response = client.post(bulk_url(feedback), {"change": ""})

    assert response.status_code == 200
    assert "Choose the change these responses shaped" in text_of(response)
    assert not ChangeFeedbackLink.objects.exists()


def test_the_bulk_action_skips_flagged_responses_the_officer_cannot_see(
    client, handler, change, consultation
):
    visible = FeedbackFactory(page=consultation)
    flagged = FeedbackFactory(page=consultation)
    handling.flag_for_safeguarding(flagged, "At risk", handler)
    client.force_login(handler)

    client.post(bulk_url(visible, flagged), {"change": change.pk})

    assert list(change.shaping_feedback()) == [visible]
