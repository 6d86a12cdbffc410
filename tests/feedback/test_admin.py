"""Officers' triage in Wagtail's admin: who sees responses, the listing and its filters, a
response's own page, and the actions on it."""

import re

import pytest
from wagtail.models import ModelLogEntry

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.demo.factories import (
    FeedbackFactory,
    SafeguardingFlagFactory,
    ServiceFactory,
    UserFactory,
)
from boardhub.feedback import handling
from boardhub.feedback.models import SafeguardingAccess, Theme
from tests.feedback.conftest import XSS, officer_in

pytestmark = pytest.mark.django_db

LIST = "/admin/feedback/"


def inspect_url(feedback):
    return f"/admin/feedback/inspect/{feedback.pk}/"


def flag_url(feedback):
    return f"/admin/feedback/flag/{feedback.pk}/"


def post_form(client, feedback, **data):
    """Post the response page's one form (status, note to the sender, theme, internal note),
    changing only what `data` gives."""
    fields = {
        "status": feedback.status,
        "note_to_author": "",
        "theme": "",
        "internal_note": "",
        "seen": handling.decisions_so_far(feedback),  # as the page draws it now
    }
    fields.update(data)
    return client.post(inspect_url(feedback), fields)


def refused(response):
    return response.status_code in (302, 403, 404)


def test_an_editor_without_the_permission_cannot_list_view_or_export(client, editor, feedback):
    client.force_login(editor)

    assert refused(client.get(LIST))
    assert refused(client.get(LIST + "?export=xlsx"))
    assert refused(client.get(LIST + "?export=csv"))
    assert refused(client.get(inspect_url(feedback)))
    assert refused(
        post_form(
            client,
            feedback,
            status=FeedbackStatus.ACKNOWLEDGED,
            theme=Theme.objects.get(name="Money").pk,
            internal_note="Not mine to write.",
        )
    )
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    assert not feedback.theme_links.exists()
    assert not feedback.internal_notes.exists()
    assert not ModelLogEntry.objects.filter(object_id=str(feedback.pk)).exists()


def test_a_handler_sees_the_listing_and_a_response(client, handler, feedback):
    client.force_login(handler)

    listing = client.get(LIST)
    page = client.get(inspect_url(feedback))

    assert listing.status_code == 200
    assert feedback.reference in listing.content.decode()
    assert page.status_code == 200
    assert "The carers are kind." in page.content.decode()
    assert ModelLogEntry.objects.filter(
        object_id=str(feedback.pk), action=handling.VIEWED, user=handler
    ).exists()


def test_answers_are_escaped_in_the_listing_and_on_the_response(client, handler, consultation):
    feedback = FeedbackFactory(page=consultation, form_data={"what_works_well_for_you": XSS})
    handling.add_note(feedback, XSS, handler)
    client.force_login(handler)

    for url in (LIST, inspect_url(feedback)):
        page = client.get(url).content.decode()
        assert "<script>alert(1)" not in page
        assert "<img src=x onerror" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_listing_filters(client, handler, consultation):
    service = ServiceFactory()
    consultation.services.set([service])
    consultation.save()
    tagged = FeedbackFactory(page=consultation)
    handling.add_theme(tagged, Theme.objects.get(name="Money"), handler)
    read = FeedbackFactory(page=consultation, status=FeedbackStatus.ACKNOWLEDGED)
    client.force_login(handler)

    def shown(query):
        page = client.get(LIST + "?" + query).content.decode()
        return {item for item in (tagged, read) if item.reference in page}

    money = Theme.objects.get(name="Money").pk
    assert shown(f"theme={money}") == {tagged}
    assert shown("status=acknowledged") == {read}
    assert shown(f"consultation={consultation.pk}") == {tagged, read}
    assert shown(f"service={service.pk}") == {tagged, read}
    assert shown(f"service={ServiceFactory().pk}") == set()


def test_changing_the_status_in_the_admin(client, handler, feedback):
    client.force_login(handler)

    response = post_form(client, feedback, status=FeedbackStatus.NOT_TAKEN_FORWARD)
    feedback.refresh_from_db()
    assert response.status_code == 200
    assert "Write the reason it is not being taken forward" in response.content.decode()
    assert feedback.status == FeedbackStatus.RECEIVED  # no reason given
    assert not ModelLogEntry.objects.filter(action=handling.STATUS_CHANGED).exists()

    response = post_form(
        client,
        feedback,
        status=FeedbackStatus.NOT_TAKEN_FORWARD,
        note_to_author="We cannot afford it this year.",
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.NOT_TAKEN_FORWARD
    entry = ModelLogEntry.objects.get(object_id=str(feedback.pk), action=handling.STATUS_CHANGED)
    assert entry.user == handler
    assert entry.data == {"from": "received", "to": "not_taken_forward"}
    page = client.get(inspect_url(feedback)).content.decode()
    assert "We cannot afford it this year." in page


def test_themes_and_internal_notes_in_the_admin(client, handler, feedback):
    client.force_login(handler)
    money = Theme.objects.get(name="Money")

    post_form(client, feedback, theme=money.pk)
    post_form(client, feedback, internal_note="Call the team about this.")

    page = client.get(inspect_url(feedback)).content.decode()
    assert "Money" in page
    assert "Call the team about this." in page
    logged = ModelLogEntry.objects.filter(object_id=str(feedback.pk), user=handler)
    assert logged.get(action=handling.THEME_ADDED).data == {"theme": "Money"}
    assert logged.filter(action=handling.NOTE_ADDED).count() == 1


def test_a_theme_already_on_it_is_not_added_again_and_the_form_says_why(client, handler, feedback):
    client.force_login(handler)
    money = Theme.objects.get(name="Money")

    post_form(client, feedback, theme=money.pk)
    again = post_form(client, feedback, theme=money.pk)  # from the page drawn afterwards

    assert again.status_code == 200
    assert "It may be on this response already" in again.content.decode()
    assert feedback.theme_links.count() == 1
    assert ModelLogEntry.objects.filter(action=handling.THEME_ADDED).count() == 1


def test_a_flagged_response_is_for_the_safeguarding_group_and_each_opening_is_recorded(
    client, handler, safeguarder, feedback
):
    client.force_login(handler)
    client.post(flag_url(feedback), {"reason": "They may be at risk."}, follow=True)

    assert client.get(inspect_url(feedback)).status_code == 404
    assert feedback.reference not in client.get(LIST).content.decode()
    assert not SafeguardingAccess.objects.exists()

    client.force_login(safeguarder)
    assert client.get(inspect_url(feedback)).status_code == 200
    assert feedback.reference in client.get(LIST).content.decode()
    access = SafeguardingAccess.objects.get()
    assert (access.feedback, access.user) == (feedback, safeguarder)


def test_only_the_safeguarding_group_can_post_the_form_on_a_flagged_response(
    client, handler, safeguarder, feedback
):
    SafeguardingFlagFactory(feedback=feedback)
    money = Theme.objects.get(name="Money")

    client.force_login(handler)
    response = post_form(
        client, feedback, status=FeedbackStatus.ACKNOWLEDGED, theme=money.pk, internal_note="Hi"
    )
    assert response.status_code == 404
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    assert not feedback.theme_links.exists()
    assert not feedback.internal_notes.exists()

    client.force_login(safeguarder)
    response = post_form(client, feedback, status=FeedbackStatus.ACKNOWLEDGED, theme=money.pk)
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ACKNOWLEDGED
    assert feedback.theme_links.get().theme == money


def test_the_member_is_emailed_once_with_the_note_but_never_the_internal_note(
    client, sent, handler, consultation
):
    member = UserFactory(verified=True)
    feedback = FeedbackFactory(page=consultation, member=member)
    client.force_login(handler)

    seen = handling.decisions_so_far(feedback)  # the page the officer opened

    def save():
        return post_form(
            client,
            feedback,
            seen=seen,
            status=FeedbackStatus.ACKNOWLEDGED,
            note_to_author="Thank you. We are reading it.",
            internal_note="Private: ring the care team.",
        )

    emails = sent(save)
    assert len(emails) == 1
    assert emails[0].to == [member.email]
    assert "Thank you. We are reading it." in emails[0].body
    assert "ring the care team" not in emails[0].body + emails[0].alternatives[0][0]

    again = sent(save)  # the same form sent twice (a double click, or the back button)
    assert len(again) == 1  # no second email
    assert again[0] is emails[0]
    feedback.refresh_from_db()
    assert feedback.status_changes.count() == 1
    assert feedback.internal_notes.count() == 1
    assert ModelLogEntry.objects.filter(action=handling.STATUS_CHANGED).count() == 1


def test_the_form_sent_twice_saves_once_and_says_so(client, handler, feedback):
    client.force_login(handler)
    form = {
        "seen": handling.decisions_so_far(feedback),
        "status": FeedbackStatus.BEING_CONSIDERED,
        "internal_note": "Ask the finance team.",
    }

    first = post_form(client, feedback, **form)
    second = post_form(client, feedback, **form)

    assert first.status_code == 302
    assert second.status_code == 200
    assert "Nothing was saved: this response changed since you opened it" in (
        second.content.decode()
    )
    assert feedback.status_changes.count() == 1
    assert feedback.internal_notes.count() == 1
    assert ModelLogEntry.objects.filter(action=handling.NOTE_ADDED).count() == 1


def test_a_form_drawn_before_someone_else_saved_is_refused_then_saves_as_redrawn(
    client, handler, feedback
):
    client.force_login(handler)
    seen = handling.decisions_so_far(feedback)
    handling.add_note(feedback, "Someone else's note.", officer_in("Feedback handlers"))

    refused_form = post_form(client, feedback, seen=seen, internal_note="My own note.")

    assert refused_form.status_code == 200
    page = refused_form.content.decode()
    assert "this response changed since you opened it" in page
    assert "My own note." in page  # what was typed is kept
    assert list(feedback.internal_notes.values_list("text", flat=True)) == ["Someone else's note."]
    redrawn = re.search(r'name="seen" value="([^"]*)"', page).group(1)
    assert redrawn == handling.decisions_so_far(feedback)

    saved = post_form(client, feedback, seen=redrawn, internal_note="My own note.")

    assert saved.status_code == 302
    assert feedback.internal_notes.count() == 2


def test_a_status_changed_meanwhile_by_someone_else_saves_nothing_and_tells_nobody(
    client, sent, handler, consultation, monkeypatch
):
    """Two officers save the same response at once: the second's whole form is refused."""
    member = UserFactory(verified=True)
    feedback = FeedbackFactory(page=consultation, member=member)
    money = Theme.objects.get(name="Money")
    save_decisions = handling.save_decisions

    def saved_by_someone_else_first(item, *args, **kwargs):
        Feedback.objects.filter(pk=item.pk).update(status=FeedbackStatus.ACKNOWLEDGED)
        return save_decisions(item, *args, **kwargs)

    monkeypatch.setattr(handling, "save_decisions", saved_by_someone_else_first)
    client.force_login(handler)

    responses = []
    emails = sent(
        lambda: responses.append(
            post_form(
                client,
                feedback,
                status=FeedbackStatus.ACKNOWLEDGED,
                note_to_author="Thank you.",
                theme=money.pk,
                internal_note="Typed, and kept on the page.",
            )
        )
    )

    assert responses[0].status_code == 200
    page = responses[0].content.decode()
    assert "This response is already “Read by the council”." in page
    assert "Typed, and kept on the page." in page
    shown_status = re.search(r"<dt>Status</dt>\s*<dd>([^<]*)</dd>", page).group(1)
    assert shown_status == "Read by the council"  # the status as it is now
    redrawn = re.search(r'name="seen" value="([^"]*)"', page).group(1)
    assert redrawn == handling.decisions_so_far(feedback)  # saving again would work
    assert emails == []
    assert not feedback.status_changes.exists()
    assert not feedback.theme_links.exists()
    assert not feedback.internal_notes.exists()
    assert not ModelLogEntry.objects.filter(
        action__in=[handling.STATUS_CHANGED, handling.THEME_ADDED, handling.NOTE_ADDED]
    ).exists()


def test_a_flagged_consultation_leaves_wagtails_forms_listing_for_handlers(client, feedback):
    SafeguardingFlagFactory(feedback=feedback)
    officer = officer_in("Editors", "Feedback handlers")
    client.force_login(officer)

    assert refused(client.get(f"/admin/forms/submissions/{feedback.page.pk}/"))


def test_a_handler_cannot_delete_or_edit(client, handler, feedback):
    client.force_login(handler)

    client.post(f"/admin/feedback/delete/{feedback.pk}/")
    client.post(f"/admin/feedback/edit/{feedback.pk}/", {"status": "acknowledged"})

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED


def test_the_listing_makes_as_many_queries_for_50_responses_as_for_5(
    client, handler, consultation, django_assert_max_num_queries
):
    money = Theme.objects.get(name="Money")
    client.force_login(handler)

    def queries_for(count):
        Feedback.objects.all().delete()
        for __ in range(count):
            handling.add_theme(FeedbackFactory(page=consultation), money, handler)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    few = queries_for(5)
    with django_assert_max_num_queries(few):
        client.get(LIST)
    assert queries_for(50) <= few


def test_the_overdue_and_date_filters(client, handler, consultation):
    import datetime

    import time_machine
    from django.utils import timezone

    def sent(day):
        item = FeedbackFactory(page=consultation)
        when = timezone.make_aware(datetime.datetime(2026, 3, day, 12))
        Feedback.objects.filter(pk=item.pk).update(submit_time=when)
        return item

    late = sent(2)  # Monday 2 March: due Monday 9 March
    recent = sent(9)
    client.force_login(handler)

    def shown(query):
        page = client.get(LIST + "?" + query).content.decode()
        return {item for item in (late, recent) if item.reference in page}

    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 3, 10, 9)), tick=False):
        assert shown("overdue=true") == {late}
        assert shown("overdue=false") == {recent}
        assert shown("submit_time_from=2026-03-05&submit_time_to=2026-03-12") == {recent}


def test_bulk_acknowledge_and_add_theme(client, handler, consultation):
    first, second = FeedbackFactory(page=consultation), FeedbackFactory(page=consultation)
    flagged = FeedbackFactory(page=consultation)
    handling.flag_for_safeguarding(flagged, "At risk", handler)
    ids = f"id={first.pk}&id={second.pk}&id={flagged.pk}"
    client.force_login(handler)

    listing = client.get(LIST).content.decode()
    assert "Mark as read" in listing
    assert client.get(f"/admin/bulk/consultations/feedback/acknowledge/?{ids}").status_code == 200
    response = client.post(f"/admin/bulk/consultations/feedback/acknowledge/?{ids}&next={LIST}")
    assert response.status_code == 302
    money = Theme.objects.get(name="Money")
    client.post(f"/admin/bulk/consultations/feedback/add_theme/?{ids}", {"theme": money.pk})

    for item in (first, second, flagged):
        item.refresh_from_db()
    assert first.status == second.status == FeedbackStatus.ACKNOWLEDGED
    assert flagged.status == FeedbackStatus.RECEIVED  # the handler cannot see it
    assert set(Feedback.objects.filter(theme_links__theme=money)) == {first, second}
    assert ModelLogEntry.objects.filter(action=handling.STATUS_CHANGED).count() == 2


def test_an_editor_cannot_use_the_bulk_actions(client, editor, feedback):
    client.force_login(editor)

    client.post(f"/admin/bulk/consultations/feedback/acknowledge/?id={feedback.pk}")

    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED


def test_a_consultations_usage_lists_none_of_its_responses(
    client, editor, consultation, django_capture_on_commit_callbacks
):
    """A page's usage lists where the page is used: not every response to it (as "Private
    feedback" rows, thousands of them on a busy consultation)."""
    from boardhub.consultations.models import store_feedback

    client.force_login(editor)
    client.get(f"/admin/pages/{consultation.pk}/usage/")  # the admin's models registered
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail indexes at commit
        feedback = store_feedback(consultation, {"what_works_well_for_you": "Kind carers."})

    usage = client.get(f"/admin/pages/{consultation.pk}/usage/")

    assert usage.status_code == 200
    assert feedback.reference not in usage.content.decode()
    assert "Private feedback" not in usage.content.decode()
    assert "There are no results." in usage.content.decode()
