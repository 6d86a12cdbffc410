""" "You said, we did" from end to end, with axe and keyboard checks on every public page: an
officer writes a change, links three responses from two members to it and publishes it; the
public index, the service page and the consultation's outcome show it; both members were told
and see "what my feedback changed"; the open data has the row and nobody's personal data."""

import csv
import datetime
import io
import re

from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from boardhub.consultations.models import ConsultationIndexPage, FeedbackStatus
from boardhub.demo.factories import (
    TEST_PASSWORD,
    ConsultationPageFactory,
    FeedbackFactory,
    UserFactory,
)
from boardhub.impact.models import ChangeRecord
from boardhub.members.models import MemberProfile, User
from boardhub.services.models import Service

from .conftest import new_context, visit
from .test_consultation_journey import officer_client
from .test_member_journey import Journey

ADMIN = "/admin/snippets/impact/changerecord/"
TITLE = "Carers can book breaks online"
WE_DID = "You can now book a short break online, any time of day."
NOTE = "Thank you: your idea about booking at night made this happen."


def closed_consultation(service):
    now = timezone.now()
    return ConsultationPageFactory(
        parent=ConsultationIndexPage.objects.get(),
        title="Booking short breaks",
        slug="booking-short-breaks",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=10),
        services=[service],
    )


def member_who_wants_updates(**kwargs):
    member = kwargs.pop("user", None) or UserFactory(verified=True, **kwargs)
    MemberProfile.objects.update_or_create(
        user=member, defaults={"notify_feedback_updates": True, "contact_method": "email"}
    )
    return member


def loaded_revision(response):
    html = response.content.decode()
    return {
        name: re.search(rf'name="{name}" value="([^"]*)"', html).group(1)
        for name in ("loaded_revision_id", "loaded_revision_created_at")
    }


def change_form(service, consultation, **extra):
    return nested_form_data(
        {
            "title": TITLE,
            "you_said": "Booking a break by phone was hard. The line closed at 5pm.",
            "we_did": WE_DID,
            "status": "done",
            "not_possible_reason": "",
            # Newer than the demo's changes, so the home page's latest three include it.
            "agreed_on": (timezone.localdate() - datetime.timedelta(days=7)).isoformat(),
            "done_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "service_links": inline_formset([{"service": service.pk}]),
            "consultation_links": inline_formset([{"consultation": consultation.pk}]),
            "evidence": streamfield([]),
            "easy_read_summary": "",
            **extra,
        }
    )


def write_link_and_publish(officer, service, consultation, responses):
    """As the officer, in the admin: a draft change, three responses linked, then published."""
    response = officer.post(f"{ADMIN}add/", change_form(service, consultation))
    assert response.status_code == 302, response.content.decode()[:2000]
    change = ChangeRecord.objects.get(title=TITLE)
    assert not change.live

    response = officer.post(
        f"{ADMIN}link/{change.pk}/",
        {"responses": [feedback.pk for feedback in responses], "note": NOTE},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    loaded = loaded_revision(officer.get(f"{ADMIN}edit/{change.pk}/"))
    # The officer's form still holds the links the add view made: send them back as they are.
    form = change_form(service, consultation, **loaded, **{"action-publish": "publish"})
    form.update(existing_rows(change))
    response = officer.post(f"{ADMIN}edit/{change.pk}/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    change.refresh_from_db()
    assert change.live
    return change


def existing_rows(change):
    """The inline forms' data for the services and consultations the change already has."""
    data = {}
    for prefix, rows, field in (
        ("service_links", change.service_links.all(), "service"),
        ("consultation_links", change.consultation_links.all(), "consultation"),
    ):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": str(len(rows)),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for number, row in enumerate(rows):
            data[f"{prefix}-{number}-id"] = str(row.pk)
            data[f"{prefix}-{number}-{field}"] = str(getattr(row, f"{field}_id"))
            data[f"{prefix}-{number}-ORDER"] = str(number + 1)
            data[f"{prefix}-{number}-DELETE"] = ""
    return data


def sign_in_as(page, demo_site, email, password):
    page.goto(demo_site["/accounts/login/"])
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="Sign in").click()
    assert page.url == demo_site["/"], page.locator("main").inner_text()


def test_a_change_is_traced_from_the_feedback_to_the_public_record(browser, demo_site, mailoutbox):
    service = Service.objects.order_by("name").first()
    consultation = closed_consultation(service)
    first = member_who_wants_updates(user=User.objects.get(email=demo_site.member_email))
    second = member_who_wants_updates(display_name="Priya Seeded", email="priya.seeded@example.org")
    responses = [
        FeedbackFactory(page=consultation, member=first),
        FeedbackFactory(page=consultation, member=first),
        FeedbackFactory(page=consultation, member=second),
    ]
    officer = officer_client("Feedback handlers", "Moderators")

    change = write_link_and_publish(officer, service, consultation, responses)

    # Both members were told, once the change was published.
    for feedback in responses:
        feedback.refresh_from_db()
        assert feedback.status == FeedbackStatus.SHAPED_A_CHANGE
    told = {message.to[0] for message in mailoutbox if TITLE in message.body}
    assert told == {first.email, second.email}

    # The public sees it on the index, the service page and the consultation's outcome.
    context = new_context(browser, demo_site)
    journey = Journey(context.new_page(), demo_site)
    page = journey.page
    for name, path in (
        ("You said, we did", "/you-said-we-did/"),
        ("You said, we did, filtered", f"/you-said-we-did/?service={service.slug}&status=done"),
        ("One change", f"/you-said-we-did/changes/{change.pk}/"),
        ("A service and its changes", f"/you-said-we-did/services/{service.slug}/"),
        ("A closed consultation and what it changed", consultation.url),
        ("Home page with the latest changes", "/"),
    ):
        visit(page, demo_site, path)
        journey.check(name)
        text = page.locator("main").inner_text()
        assert TITLE in text, f"{name} does not show the change"
        for person in (first, second):
            assert person.display_name not in text and person.email not in text
    visit(page, demo_site, f"/you-said-we-did/changes/{change.pk}/")
    count = page.locator("dt", has_text="Responses that shaped it").locator("xpath=../dd")
    assert count.inner_text().strip() == "3"
    context.close()

    # Each member sees what their feedback changed, and nothing about the other.
    for member, password, theirs in (
        (first, demo_site.member_password, 2),
        (second, TEST_PASSWORD, 1),
    ):
        context = new_context(browser, demo_site)
        journey = Journey(context.new_page(), demo_site)
        sign_in_as(journey.page, demo_site, member.email, password)
        visit(journey.page, demo_site, "/account/what-my-feedback-changed/")
        journey.check(f"What my feedback changed, {theirs} responses")
        text = journey.page.locator("main").inner_text()
        assert TITLE in text and NOTE in text
        mine = {feedback.reference for feedback in responses if feedback.member == member}
        others = {feedback.reference for feedback in responses} - mine
        assert all(reference in text for reference in mine)
        assert not any(reference in text for reference in others)
        context.close()

    # The open data has the row, and no personal data.
    open_data = officer.get("/you-said-we-did/open-data.csv")
    content = b"".join(open_data.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row for row in rows if TITLE in row.values()], content
    for personal in (first.email, second.email, second.display_name, NOTE):
        assert personal not in content
    assert not any(feedback.reference in content for feedback in responses)
