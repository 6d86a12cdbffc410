"""Factories for tests and for the demo site (`manage.py load_demo_site` builds on them).

A page body is written with wagtail-factories' StreamField syntax, one block per index:

    StandardPageFactory(
        parent=home,
        body__0__heading__text="Who we are",
        body__1__paragraph__value="<p>We are people who use care.</p>",
        body__2__image__image__image=picture,  # or leave it out for a new image
        body__2__image__alt_text="Five people round a table",
        body__3__callout__title="Join us",
        body__3__callout__text="<p>Email us.</p>",
    )
"""

import secrets
from datetime import timedelta

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail import blocks
from wagtail.models import Collection
from wagtail.rich_text import RichText

from boardhub.core import blocks as core_blocks
from boardhub.core.models import StandardPage
from boardhub.easyread import blocks as easyread_blocks
from boardhub.impact.models import ChangeConsultation, ChangeService
from boardhub.joining.models import hash_token
from home.models import HomePage

TEST_PASSWORD = "test-password-for-factories"


class UserFactory(factory.django.DjangoModelFactory):
    """A member account, signed in with its email address.

    Its password is TEST_PASSWORD unless you pass `password=`. Pass `verified=True` to give it
    the verified, primary email address that allauth needs before it lets someone sign in.
    """

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("first_name", locale="en_GB")
    password = factory.django.Password(TEST_PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        verified = factory.Trait(
            email_address=factory.RelatedFactory(
                "boardhub.demo.factories.VerifiedEmailAddressFactory", factory_related_name="user"
            )
        )


class VerifiedEmailAddressFactory(factory.django.DjangoModelFactory):
    """The allauth record that says a person has confirmed their email address."""

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda obj: obj.user.email)
    verified = True
    primary = True

    class Meta:
        model = EmailAddress
        django_get_or_create = ["user", "email"]


class ImageFactory(wagtail_factories.ImageFactory):
    """A picture in the image library. Pass `file__from_path=` to use a real file."""

    title = factory.Sequence(lambda n: f"Picture {n}")
    # In the root collection, where editors find it (wagtail-factories makes a new root).
    collection = factory.LazyFunction(Collection.get_first_root_node)


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)


# Blocks of boardhub.core.blocks.ContentStreamBlock


class RichTextBlockFactory(wagtail_factories.blocks.BlockFactory):
    """Rich text from an HTML string: `value="<p>...</p>"`."""

    value = "<p>The board meets every month to talk about care services.</p>"

    class Meta:
        model = blocks.RichTextBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return RichText(kwargs["value"])


class HeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = factory.Sequence(lambda n: f"Heading {n}")
    level = "h2"

    class Meta:
        model = core_blocks.HeadingBlock


class ImageChooserBlockFactory(wagtail_factories.ImageChooserBlockFactory):
    image = factory.SubFactory(ImageFactory)


class DocumentChooserBlockFactory(wagtail_factories.DocumentChooserBlockFactory):
    document = factory.SubFactory(DocumentFactory)


class ImageFigureBlockFactory(wagtail_factories.StructBlockFactory):
    image = factory.SubFactory(ImageChooserBlockFactory)
    alt_text = "A simple drawing"
    caption = ""

    class Meta:
        model = core_blocks.ImageFigureBlock


class CalloutBlockFactory(wagtail_factories.StructBlockFactory):
    title = "You can ask for help"
    text = "<p>Call us if you would like this page read to you.</p>"

    class Meta:
        model = core_blocks.CalloutBlock

    @classmethod
    def _construct_struct_value(cls, block_class, params):
        # Accept the text as an HTML string, as an editor would type it.
        if isinstance(params.get("text"), str):
            params = {**params, "text": RichText(params["text"])}
        return super()._construct_struct_value(block_class, params)


class DocumentLinkBlockFactory(wagtail_factories.StructBlockFactory):
    document = factory.SubFactory(DocumentChooserBlockFactory)
    title = ""

    class Meta:
        model = core_blocks.DocumentLinkBlock


class ContentStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    heading = factory.SubFactory(HeadingBlockFactory)
    paragraph = factory.SubFactory(RichTextBlockFactory)
    image = factory.SubFactory(ImageFigureBlockFactory)
    callout = factory.SubFactory(CalloutBlockFactory)
    document = factory.SubFactory(DocumentLinkBlockFactory)

    class Meta:
        model = core_blocks.ContentStreamBlock


# Pages


class StandardPageFactory(wagtail_factories.PageFactory):
    """A content page. Pass `parent=` (usually the home page); without one it becomes a root."""

    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "A short introduction to this page."
    body = wagtail_factories.StreamFieldFactory(ContentStreamBlockFactory)

    class Meta:
        model = StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page. Migrations already make one (there can only be one): use it in most tests."""

    title = "Home"
    introduction = "We are people who use care and support, and carers."
    body = wagtail_factories.StreamFieldFactory(ContentStreamBlockFactory)

    class Meta:
        model = HomePage


# Joining the board (boardhub.joining)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application from the "Join the board" page, waiting for a decision."""

    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    contact_method = "email"
    lived_experience = factory.LazyFunction(lambda: ["unpaid_carer"])
    support_needs = "Papers in large print, please."
    consented_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = "joining.Application"


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation, waiting to be used. Only the token's hash is stored: the token for its
    link is on `invitation.token` (pass `token=` to choose it)."""

    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    token_hash = factory.LazyAttribute(lambda obj: hash_token(obj.token))

    class Meta:
        model = "joining.Invitation"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        token = kwargs.pop("token")
        invitation = super()._create(model_class, *args, **kwargs)
        invitation.token = token
        return invitation


# Two-factor authentication


def activate_totp(user, secret=None):
    """Turn on two-factor authentication (an authenticator app) for `user`; return the secret.

    Officers and admins need it before any admin page opens (AdminGateMiddleware).
    Pass the secret to `current_totp_code` to get the code an app would show right now.
    """
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = secret or generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_totp_code(secret):
    """The code an authenticator app set up with `secret` shows at this moment."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


# Services and consultations (boardhub.services, boardhub.consultations)


class ServiceFactory(factory.django.DjangoModelFactory):
    """A council service or strategy."""

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    description = "Help at home with washing, dressing and meals."
    team = "Adult social care"

    class Meta:
        model = "services.Service"


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    """The consultations section. Pass `parent=` (usually the home page)."""

    title = "Consultations"
    introduction = "Tell us what you think about care services."

    class Meta:
        model = "consultations.ConsultationIndexPage"


def _days_from_now(days):
    return timezone.now() + timedelta(days=days)


def _default_questions():
    return [
        {"label": "What works well for you?", "field_type": "multiline"},
        {
            "label": "The service is easy to use",
            "field_type": "agreement",
            "help_text": "Choose one number.",
            "required": False,
        },
    ]


class ConsultationPageFactory(wagtail_factories.PageFactory):
    """An open consultation for everyone, closing in 14 days, with two questions.

    Pass `parent=` (a consultation index page), `questions=[{"label": ..., "field_type": ...,
    "choices": ...}, ...]` to choose the questions (`questions=[]` for none) and
    `services=[...]` for the services it is about.
    """

    title = factory.Sequence(lambda n: f"Consultation {n}")
    summary = "We want to know what you think about care at home."
    body = wagtail_factories.StreamFieldFactory(ContentStreamBlockFactory)
    opens_at = factory.LazyFunction(lambda: _days_from_now(-1))
    closes_at = factory.LazyFunction(lambda: _days_from_now(14))
    audience = "everyone"
    contact_name = "The board team"
    contact_email = "board@example.org"

    class Meta:
        model = "consultations.ConsultationPage"
        skip_postgeneration_save = True

    @factory.post_generation
    def questions(page, create, extracted, **kwargs):
        if not create:
            return
        from boardhub.consultations.models import ConsultationFormField

        for number, question in enumerate(_default_questions() if extracted is None else extracted):
            ConsultationFormField.objects.create(page=page, sort_order=number, **question)

    @factory.post_generation
    def services(page, create, extracted, **kwargs):
        if create and extracted:
            page.services.set(extracted)
            page.save()


class FeedbackFactory(factory.django.DjangoModelFactory):
    """Someone's answers to a consultation, with its reference. Pass `page=`."""

    form_data = factory.LazyFunction(
        lambda: {
            "what_works_well_for_you": "The carers are kind.",
            "the_service_is_easy_to_use": "4",
        }
    )
    member = None

    class Meta:
        model = "consultations.Feedback"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        feedback = super()._create(model_class, *args, **kwargs)
        feedback.set_reference()
        return feedback


# Feedback handling (boardhub.feedback)


class ThemeFactory(factory.django.DjangoModelFactory):
    """A theme for tagging responses (migrations already make the usual five)."""

    name = factory.Sequence(lambda n: f"Theme {n}")

    class Meta:
        model = "feedback.Theme"
        django_get_or_create = ["name"]


class SafeguardingFlagFactory(factory.django.DjangoModelFactory):
    """A response flagged for safeguarding. Pass `feedback=`."""

    reason = "They say they are not safe at home."

    class Meta:
        model = "feedback.SafeguardingFlag"


class FeedbackDraftFactory(factory.django.DjangoModelFactory):
    """A member's saved answers to finish later. Pass `consultation=` (and `member=`)."""

    member = factory.SubFactory(UserFactory)
    answers = factory.LazyFunction(lambda: {"what_works_well_for_you": "The carers are"})

    class Meta:
        model = "consultations.FeedbackDraft"


# "You said, we did" (boardhub.impact)


class ChangeRecordFactory(factory.django.DjangoModelFactory):
    """A published change record. Pass `live=False` for one never published. Give it services
    and consultations with `services=[...]` and `consultations=[...]`."""

    title = factory.Sequence(lambda n: f"Change {n}")
    you_said = "Home care visits came too early in the evening."
    we_did = "Visits can now be booked up to 9pm."
    status = "agreed"
    live = True

    class Meta:
        model = "impact.ChangeRecord"
        skip_postgeneration_save = True

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        # Straight into the table: the cluster's own .create() only keeps it in memory.
        for service in extracted or ():
            ChangeService.objects.create(change=self, service=service)

    @factory.post_generation
    def consultations(self, create, extracted, **kwargs):
        for consultation in extracted or ():
            ChangeConsultation.objects.create(change=self, consultation=consultation)


class ChangeFeedbackLinkFactory(factory.django.DjangoModelFactory):
    """A response linked to a change, straight into the table (no status change, nobody told).
    To link as an officer does, use boardhub.impact.linking.link."""

    change = factory.SubFactory(ChangeRecordFactory)

    class Meta:
        model = "impact.ChangeFeedbackLink"


# Easy-read guides (boardhub.easyread)


class EasyReadRowBlockFactory(wagtail_factories.StructBlockFactory):
    """A row: a new picture with alt text beside two short sentences."""

    image = factory.SubFactory(ImageChooserBlockFactory)
    decorative = False
    alt_text = "A person at home with a helper"
    text = "You choose who helps you. You choose when they come."

    class Meta:
        model = easyread_blocks.RowBlock


class EasyReadHeadingBlockFactory(wagtail_factories.StructBlockFactory):
    text = factory.Sequence(lambda n: f"Heading {n}")

    class Meta:
        model = easyread_blocks.HeadingBlock


class EasyReadImportantBlockFactory(wagtail_factories.blocks.BlockFactory):
    value = "You can ask for help at any time."

    class Meta:
        model = blocks.TextBlock


class EasyReadHardWordBlockFactory(wagtail_factories.StructBlockFactory):
    word = "Assessment"
    meaning = "A meeting where we talk with you about the help you need."

    class Meta:
        model = easyread_blocks.HardWordBlock


class EasyReadContactBlockFactory(wagtail_factories.StructBlockFactory):
    name = "The care team"
    phone = "01234 567890"
    email = "care@example.org"
    address = ""

    class Meta:
        model = easyread_blocks.ContactBlock


class EasyReadStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    row = factory.SubFactory(EasyReadRowBlockFactory)
    heading = factory.SubFactory(EasyReadHeadingBlockFactory)
    important = factory.SubFactory(EasyReadImportantBlockFactory)
    hard_word = factory.SubFactory(EasyReadHardWordBlockFactory)
    contact = factory.SubFactory(EasyReadContactBlockFactory)

    class Meta:
        model = easyread_blocks.EasyReadStreamBlock


class EasyReadIndexPageFactory(wagtail_factories.PageFactory):
    """The easy-read section. Pass `parent=` (usually the home page)."""

    title = "Easy read"
    introduction = "Guides in easy words, with pictures."

    class Meta:
        model = "easyread.EasyReadIndexPage"


class EasyReadGuidePageFactory(wagtail_factories.PageFactory):
    """A guide that passes the readability check. Pass `parent=` (an easy-read index page).

    Its body, unless you write your own with `body__0__row__text=...` and so on: a heading,
    three rows with new pictures and alt text, a hard word, an important box and a contact.
    """

    title = factory.Sequence(lambda n: f"Easy read guide {n}")
    topic = "money"
    summary = "How to get money from the council to pay for your care."
    checked_by = "Our easy read group"
    checked_on = factory.LazyFunction(lambda: timezone.localdate())
    body = wagtail_factories.StreamFieldFactory(EasyReadStreamBlockFactory)

    class Meta:
        model = "easyread.EasyReadGuidePage"

    @classmethod
    def _generate(cls, strategy, params):
        if not any(key.startswith("body") for key in params):
            params = {**params, **DEFAULT_GUIDE_BODY}
        return super()._generate(strategy, params)


DEFAULT_GUIDE_BODY = {
    "body__0__heading__text": "What are direct payments?",
    "body__1__row__text": "Direct payments are money from the council. You use it to pay for care.",
    "body__1__row__alt_text": "A person holding a bank card",
    "body__2__row__text": "You choose who helps you. You choose when they come.",
    "body__3__hard_word__word": "Assessment",
    "body__4__row__text": "First we have an assessment with you. Then we agree what help you need.",
    "body__4__row__alt_text": "Two people talking at a table",
    "body__5__important__value": "You can ask for help at any time.",
    "body__6__contact__name": "The care team",
}


# "Tell us": feedback about any service (boardhub.feedback.tell_us)


class TellUsPageFactory(wagtail_factories.PageFactory):
    """The "Tell us" page. Pass `parent=` (the home page)."""

    title = "Tell us"
    slug = "tell-us"
    intro = "<p>Tell us what went well, what worried you, or your idea to make care better.</p>"

    class Meta:
        model = "feedback.TellUsPage"


# Meetings


class VenueFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Community hub {n}, main hall")
    address = "12 Brookside Road\nLarkfield"
    postcode = "LA1 2BB"
    how_to_get_there = "Bus 14 stops outside. Blue badge parking by the main door."
    step_free_entrance = "yes"
    lift = "yes"
    accessible_toilet = "yes"
    hearing_loop = "no"
    contact_on_the_day = "the board team"
    contact_phone = "01632 960000"

    class Meta:
        model = "meetings.Venue"


class PartnerFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    role = "Director of Adult Social Services"
    council_contact_email = factory.Sequence(lambda n: f"partner{n}@example.org")

    class Meta:
        model = "meetings.Partner"


class MeetingIndexPageFactory(wagtail_factories.PageFactory):
    """The "Meetings" index. Pass `parent=` (the home page)."""

    title = "Board meetings"
    slug = "meetings"

    class Meta:
        model = "meetings.MeetingIndexPage"


class MeetingPageFactory(wagtail_factories.PageFactory):
    """A public meeting in person in 10 days, two and a half hours long. Pass `parent=` (a
    meetings index)."""

    title = factory.Sequence(lambda n: f"Board meeting {n}")
    summary = "What people told us about care at home."
    starts_at = factory.LazyFunction(lambda: _days_from_now(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2, minutes=30))
    attendance_mode = "in_person"
    venue = factory.SubFactory(VenueFactory)
    audience = "public"
    chair = "The co-chairs of the board"

    class Meta:
        model = "meetings.MeetingPage"


class ActionFactory(factory.django.DjangoModelFactory):
    promise = factory.Sequence(lambda n: f"Promise number {n}, in plain English.")
    owner = factory.SubFactory(PartnerFactory)
    due_on = factory.LazyAttribute(
        lambda o: timezone.localdate(o.meeting.starts_at) + timedelta(days=30)
    )
    status = "open"

    class Meta:
        model = "meetings.Action"
