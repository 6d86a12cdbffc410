"""Officers' triage in Wagtail's admin: who sees responses, the listing and its filters, a
response's own page, and the actions on it."""

import pytest
from wagtail.models import ModelLogEntry

from boardhub.consultations.models import Feedback, FeedbackStatus
from boardhub.demo.factories import FeedbackFactory, SafeguardingFlagFactory, ServiceFactory
from boardhub.feedback import handling
from boardhub.feedback.models import SafeguardingAccess, Theme
from tests.feedback.conftest import XSS, officer_in

pytestmark = pytest.mark.django_db

LIST = "/admin/feedback/"


def inspect_url(feedback):
    return f"/admin/feedback/inspect/{feedback.pk}/"


def action_url(name, feedback):
    return f"/admin/feedback/{name}/{feedback.pk}/"


def refused(response):
    return response.status_code in (302, 403, 404)


def test_an_editor_without_the_permission_cannot_list_view_or_export(client, editor, feedback):
    client.force_login(editor)

    assert refused(client.get(LIST))
    assert refused(client.get(LIST + "?export=xlsx"))
    assert refused(client.get(LIST + "?export=csv"))
    assert refused(client.get(inspect_url(feedback)))
    assert refused(client.post(action_url("status", feedback), {"status": "acknowledged"}))
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.RECEIVED
    assert not ModelLogEntry.objects.filter(action=handling.VIEWED).exists()


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

    response = client.post(action_url("status", feedback), {"status": "not_taken_forward"})
    feedback.refresh_from_db()
    assert response.status_code == 302
    assert feedback.status == FeedbackStatus.RECEIVED  # no reason given

    client.post(
        action_url("status", feedback),
        {"status": "not_taken_forward", "note": "We cannot afford it this year."},
    )
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.NOT_TAKEN_FORWARD
    page = client.get(inspect_url(feedback)).content.decode()
    assert "We cannot afford it this year." in page


def test_themes_and_internal_notes_in_the_admin(client, handler, feedback):
    client.force_login(handler)
    money = Theme.objects.get(name="Money")

    client.post(action_url("theme", feedback), {"theme": money.pk})
    client.post(action_url("note", feedback), {"text": "Call the team about this."})

    page = client.get(inspect_url(feedback)).content.decode()
    assert "Money" in page
    assert "Call the team about this." in page


def test_a_flagged_response_is_for_the_safeguarding_group_and_each_opening_is_recorded(
    client, handler, safeguarder, feedback
):
    client.force_login(handler)
    client.post(action_url("flag", feedback), {"reason": "They may be at risk."}, follow=True)

    assert client.get(inspect_url(feedback)).status_code == 404
    assert feedback.reference not in client.get(LIST).content.decode()
    assert not SafeguardingAccess.objects.exists()

    client.force_login(safeguarder)
    assert client.get(inspect_url(feedback)).status_code == 200
    assert feedback.reference in client.get(LIST).content.decode()
    access = SafeguardingAccess.objects.get()
    assert (access.feedback, access.user) == (feedback, safeguarder)


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
