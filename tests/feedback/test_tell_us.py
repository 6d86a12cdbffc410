"""The public "Tell us" page: feedback about any service, stored as a response like any other."""

import pytest
from django.urls import reverse

from boardhub.consultations.models import Feedback
from boardhub.demo.factories import ServiceFactory, TellUsPageFactory, UserFactory
from boardhub.feedback import quotes
from boardhub.feedback.models import FeedbackKind, GeneralFeedback, ReplyContact
from boardhub.feedback.tell_us import TellUsForm, store_tell_us
from home.models import HomePage

from .conftest import XSS

pytestmark = pytest.mark.django_db


@pytest.fixture
def tell_us_page():
    return TellUsPageFactory(parent=HomePage.objects.get())


@pytest.fixture
def service():
    return ServiceFactory(name="Direct payments")


def sent_data(about, **changes):
    data = {
        "kind": "concern",
        "service": str(about.pk),
        "what_happened": "The carer came two hours late.",
        "what_would_help": "Ring me when they are late.",
        "wants_reply": "yes",
        "reply_by": "text",
        "phone": "07700 900 982",
        "idempotency_key": "a" * 32,
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_the_page_shows_the_form_and_whom_to_call_if_someone_is_at_risk(
    client, tell_us_page, service
):
    response = client.get(tell_us_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "If you or someone else is at risk" in html
    assert "call 999" in html
    assert "Direct payments" in html
    assert "I&#x27;m not sure" in html or "I'm not sure" in html
    assert 'name="your-website"' in html
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("kind", FeedbackKind.values)
def test_a_visitor_sends_each_kind(client, tell_us_page, service, kind):
    response = client.post(tell_us_page.url, sent_data(service, kind=kind))
    assert response.status_code == 200
    feedback = Feedback.objects.get()
    assert feedback.reference in response.content.decode()
    assert feedback.page_id == tell_us_page.pk and feedback.member is None
    assert feedback.general.kind == kind
    assert feedback.general.service == service
    assert feedback.reply_contact.reply_by == "text"
    assert feedback.reply_contact.phone == "07700 900982"
    answers = dict(feedback.get_answers())
    assert answers["What happened?"] == "The carer came two hours late."
    assert answers["Which service is it about?"] == "Direct payments"
    # Contact details are never answers.
    assert "07700" not in str(feedback.form_data)


def test_not_sure_and_no_reply_keeps_no_contact_details(client, tell_us_page, service):
    client.post(
        tell_us_page.url,
        sent_data(service, service="not_sure", wants_reply="no", email="jo@example.org"),
    )
    feedback = Feedback.objects.get()
    assert feedback.general.service is None
    assert not ReplyContact.objects.exists()
    assert dict(feedback.get_answers())["Which service is it about?"] == "I'm not sure"


def test_a_letter_needs_a_name_an_address_and_a_real_postcode(client, tell_us_page, service):
    response = client.post(
        tell_us_page.url,
        sent_data(
            service, reply_by="post", phone="", postal_address="1 High Street", postcode="nope"
        ),
    )
    html = response.content.decode()
    assert "Enter your name for the letter" in html
    assert "Enter a real postcode" in html
    assert "1 High Street" in html and "The carer came two hours late." in html
    assert "<title>Error: " in html
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"what_happened": ""}, "Tell us what happened"),
        ({"phone": ""}, "Enter a mobile number for the text message"),
        ({"phone": "01632 960 001"}, "Enter a UK mobile number for text messages"),
        ({"reply_by": "email", "phone": "", "email": "not an address"}, "Enter an email address"),
        ({"reply_by": ""}, "Choose how we should reply"),
        ({"kind": ""}, "Choose what you would like to tell us about"),
        ({"service": ""}, "Choose the service"),
        ({"service": "999999"}, "Choose a service from the list"),
        ({"service": "not-a-number"}, "Choose a service from the list"),
    ],
)
def test_bad_input_says_what_to_fix_and_keeps_what_was_typed(
    client, tell_us_page, service, changes, message
):
    data = sent_data(service, what_would_help=XSS, **changes)
    response = client.post(tell_us_page.url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert "Ring me" not in html  # replaced by the XSS text, which is escaped
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not Feedback.objects.exists()


def test_a_double_submit_stores_one(client, tell_us_page, service):
    first = client.post(tell_us_page.url, sent_data(service))
    second = client.post(tell_us_page.url, sent_data(service))
    assert Feedback.objects.count() == 1
    reference = Feedback.objects.get().reference
    assert reference in first.content.decode() and reference in second.content.decode()
    assert GeneralFeedback.objects.count() == 1 and ReplyContact.objects.count() == 1


def test_each_form_carries_its_own_key(client, tell_us_page):
    first = TellUsForm().fields  # noqa: F841 - builds without a database error
    one = client.get(tell_us_page.url).content.decode()
    two = client.get(tell_us_page.url).content.decode()

    def key(html):
        start = html.index('name="idempotency_key" value="') + len('name="idempotency_key" value="')
        return html[start : start + 32]

    assert key(one) != key(two)


def test_the_honeypot_looks_as_if_it_worked_and_keeps_nothing(client, tell_us_page, service):
    response = client.post(tell_us_page.url, sent_data(service, **{"your-website": "spam.example"}))
    assert response.status_code == 200
    assert "We have your feedback" in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_rate_limit_refuses_kindly_and_keeps_what_was_typed(
    client, tell_us_page, service, settings
):
    settings.BOARDHUB_RATE_LIMITS = {
        **settings.BOARDHUB_RATE_LIMITS,
        "consultations:answers": {"per_session": 1, "per_address": 60},
    }
    client.post(tell_us_page.url, sent_data(service))
    response = client.post(
        tell_us_page.url, sent_data(service, idempotency_key="b" * 32, what_happened="Second time")
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert "Retry-After" in response
    assert "have not been sent yet" in html
    assert "Second time" in html
    assert Feedback.objects.count() == 1


def test_a_member_is_pre_filled_never_limited_and_needs_no_contact_details(
    client, tell_us_page, service, settings
):
    settings.BOARDHUB_RATE_LIMITS = {
        **settings.BOARDHUB_RATE_LIMITS,
        "consultations:answers": {"per_session": 1, "per_address": 1},
    }
    member = UserFactory(display_name="Sam Okafor", email="sam@example.org")
    client.force_login(member)
    html = client.get(tell_us_page.url).content.decode()
    assert "Sam Okafor" in html
    assert "By email, to sam@example.org" in html
    assert 'name="phone"' not in html
    for number in range(2):
        response = client.post(
            tell_us_page.url, sent_data(service, idempotency_key=str(number) * 32, phone="")
        )
        assert response.status_code == 200
        assert reverse("members:feedback") in response.content.decode()
    assert Feedback.objects.filter(member=member).count() == 2
    assert not ReplyContact.objects.exists()
    listing = client.get(reverse("members:feedback"))
    assert Feedback.objects.first().reference in listing.content.decode()


def test_store_tell_us_for_a_recorded_response(tell_us_page, service):
    """What the officers' recording form calls: `also` runs in the same transaction."""
    stored = []
    cleaned = TellUsForm(sent_data(service))
    assert cleaned.is_valid()
    feedback = store_tell_us(
        tell_us_page,
        cleaned.cleaned_data,
        idempotency_key="c" * 32,
        channel="phone",
        also=stored.append,
    )
    again = store_tell_us(tell_us_page, cleaned.cleaned_data, idempotency_key="c" * 32)
    assert again.pk == feedback.pk and not again.is_new
    assert stored == [feedback]
    assert feedback.channel == "phone"


def test_query_counts_are_bounded(client, tell_us_page, service, django_assert_max_num_queries):
    ServiceFactory.create_batch(30)
    with django_assert_max_num_queries(15):
        client.get(tell_us_page.url)
    with django_assert_max_num_queries(40):
        client.post(tell_us_page.url, sent_data(service))


def test_the_form_page_is_never_kept_in_the_page_cache(client, tell_us_page, settings):
    """Each form carries its own idempotency key: a shared copy would make one visitor's
    send look like another's double click."""
    from boardhub.core import page_cache

    settings.PAGE_CACHE_SECONDS = 60
    assert client.get("/").get(page_cache.HEADER) == "miss"  # the cache is at work here
    first = client.get(tell_us_page.url)
    second = client.get(tell_us_page.url)
    # Neither stored ("miss") nor served from the cache ("hit").
    assert first.get(page_cache.HEADER) is None and second.get(page_cache.HEADER) is None
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]


def test_a_search_finds_it_by_its_words(client, handler, tell_us_page, service):
    feedback = sent_by_visitor(client, tell_us_page, service)
    client.force_login(handler)
    found = client.get("/admin/feedback/", {"q": "two hours late"}).content.decode()
    assert feedback.reference in found


# In the officers' flow, with everything else


def sent_by_visitor(client, tell_us_page, service, **changes):
    client.post(tell_us_page.url, sent_data(service, **changes))
    return Feedback.objects.order_by("-pk").first()


def test_it_is_in_triage_filtered_by_service_and_by_tell_us(client, handler, tell_us_page, service):
    other = ServiceFactory(name="Carers' breaks")
    about = sent_by_visitor(client, tell_us_page, service)
    elsewhere = sent_by_visitor(client, tell_us_page, other, idempotency_key="d" * 32)
    client.force_login(handler)

    listing = client.get("/admin/feedback/").content.decode()
    assert about.reference in listing and "Tell us" in listing
    assert "Concern · Direct payments · The carer came two hours late." in listing
    assert "07700" not in listing

    by_service = client.get(f"/admin/feedback/?service={service.pk}").content.decode()
    assert about.reference in by_service and elsewhere.reference not in by_service

    for typed in ("Tell us", str(tell_us_page.pk)):
        by_page = client.get("/admin/feedback/", {"consultation": typed}).content.decode()
        assert about.reference in by_page and elsewhere.reference in by_page


def test_the_download_has_its_answers(client, handler, tell_us_page, service):
    feedback = sent_by_visitor(client, tell_us_page, service)
    client.force_login(handler)
    response = client.get("/admin/feedback/?export=csv")
    download = b"".join(response.streaming_content).decode()
    assert feedback.reference in download
    assert "What happened?: The carer came two hours late." in download


def test_it_can_be_themed_status_changed_and_linked_to_a_change(
    client, handler, tell_us_page, service
):
    from boardhub.consultations.models import FeedbackStatus
    from boardhub.demo.factories import ChangeRecordFactory
    from boardhub.feedback import handling
    from boardhub.feedback.models import Theme
    from boardhub.impact.models import ChangeFeedbackLink
    from boardhub.impact.public_views import running_totals

    feedback = sent_by_visitor(client, tell_us_page, service)
    client.force_login(handler)
    inspect = f"/admin/feedback/inspect/{feedback.pk}/"
    html = client.get(inspect).content.decode()
    assert "The carer came two hours late." in html

    money = Theme.objects.get(name="Money")
    response = client.post(
        inspect,
        {
            "status": FeedbackStatus.BEING_CONSIDERED,
            "note_to_author": "",
            "theme": money.pk,
            "internal_note": "",
            "seen": handling.decisions_so_far(feedback),
        },
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.BEING_CONSIDERED
    assert feedback.theme_links.get().theme == money

    change = ChangeRecordFactory(title="Text when a carer is late")
    chooser = client.get(
        f"/admin/snippets/impact/changerecord/link/{change.pk}/",
        {"consultation": tell_us_page.pk, "service": service.pk},
    )
    assert chooser.status_code == 200
    assert "The carer came two hours late." in chooser.content.decode()
    elsewhere = client.get(
        f"/admin/snippets/impact/changerecord/link/{change.pk}/",
        {"service": ServiceFactory().pk},
    )
    assert "The carer came two hours late." not in elsewhere.content.decode()
    response = client.post(
        f"/admin/snippets/impact/changerecord/link/{change.pk}/", {"responses": [feedback.pk]}
    )
    assert response.status_code == 302
    assert ChangeFeedbackLink.objects.filter(change=change, feedback=feedback).exists()
    assert running_totals()["responses"] == 1


def test_flagged_it_is_restricted_as_any_response(
    client, handler, safeguarder, tell_us_page, service
):
    from boardhub.feedback import handling

    feedback = sent_by_visitor(client, tell_us_page, service)
    handling.flag_for_safeguarding(feedback, "Someone may be at risk.", safeguarder)
    client.force_login(handler)
    assert feedback.reference not in client.get("/admin/feedback/").content.decode()
    assert client.get(f"/admin/feedback/inspect/{feedback.pk}/").status_code in (403, 404)
    client.force_login(safeguarder)
    assert client.get(f"/admin/feedback/inspect/{feedback.pk}/").status_code == 200


def test_contact_details_never_show_on_public_pages(client, tell_us_page, service):
    feedback = sent_by_visitor(
        client,
        tell_us_page,
        service,
        reply_by="post",
        phone="",
        name="Jo Private",
        postal_address="1 Secret Lane",
        postcode="la1 1aa",
    )
    assert feedback.reply_contact.postcode == "LA1 1AA"
    thank_you = client.post(
        tell_us_page.url, sent_data(service, idempotency_key=feedback.idempotency_key)
    )
    for public in (thank_you, client.get(tell_us_page.url), client.get("/")):
        html = public.content.decode()
        assert "Jo Private" not in html and "Secret Lane" not in html and "LA1 1AA" not in html


# The page in the admin


def test_editors_can_make_one_tell_us_page_under_the_home_page():
    from boardhub.feedback.models import TellUsPage

    assert TellUsPage in HomePage.allowed_subpage_models()
    assert TellUsPage.allowed_parent_page_models() == [HomePage]
    assert TellUsPage.max_count == 1


def test_the_page_cannot_be_deleted_while_it_has_responses(
    admin_client, client, tell_us_page, service
):
    sent_by_visitor(client, tell_us_page, service)
    refused = admin_client.post(f"/admin/pages/{tell_us_page.pk}/delete/")
    assert refused.status_code == 409
    assert "You cannot delete" in refused.content.decode()
    assert Feedback.objects.filter(page=tell_us_page).count() == 1


def test_the_page_header_leads_to_its_responses(admin_client, tell_us_page):
    html = admin_client.get(f"/admin/pages/{tell_us_page.pk}/edit/").content.decode()
    assert f"/admin/feedback/?consultation={tell_us_page.pk}" in html


@pytest.mark.parametrize(("mode", "words"), [("", "What happened?"), ("landing", "Thank you")])
def test_editors_preview_the_form_and_the_thank_you_page(tell_us_page, mode, words):
    response = tell_us_page.make_preview_request(preview_mode=mode)
    response.render()
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_member_reads_it_in_their_feedback(client, tell_us_page, service):
    member = UserFactory()
    client.force_login(member)
    client.post(tell_us_page.url, sent_data(service, phone=""))
    feedback = Feedback.objects.get()
    detail = client.get(reverse("members:feedback_detail", args=[feedback.reference]))
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "The carer came two hours late." in html and "Direct payments" in html
    assert "Tell us something else" in html and "Read the consultation" not in html


def test_a_visitor_who_leaves_a_way_to_reach_them_may_agree_to_be_quoted(
    client, tell_us_page, service, handler, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agreed = sent_by_visitor(
            client, tell_us_page, service, reply_by="email", email="jo@example.org", may_quote="on"
        )
    assert agreed.reply_contact.may_quote
    # Their receipt says how to take it back.
    assert "You said we may quote your words in the council's reports" in mailoutbox[0].body
    quotes.mark(agreed, "The carer came two hours late.", handler)
    assert list(quotes.quotable().values_list("feedback", flat=True)) == [agreed.pk]

    # Without a reply, nothing of theirs is kept: nor their agreement.
    sent_by_visitor(
        client, tell_us_page, service, wants_reply="no", may_quote="on", idempotency_key="b" * 32
    )
    assert ReplyContact.objects.filter(may_quote=True).count() == 1
