"""The "Tell us" form: a compliment, a concern or an idea about any service, at any time, and
storing it as a response like any other.

A "Tell us" response is a `consultations.Feedback` whose page is the `TellUsPage`. Its words
are the response's answers (`form_data`, under the keys of `TELL_US_QUESTIONS`, in words, so
that everything that shows answers shows these); what it is about is a `GeneralFeedback`; and,
when someone who is not signed in wants a reply, how to reach them is a `ReplyContact`. The
contact details are never answers: they are private, shown only to the feedback groups.

`store_tell_us` is the one way to store one, online (the page, boardhub.feedback.tell_us_views)
or recorded by an officer on someone's behalf (boardhub.feedback.recording).
"""

import re
import uuid

from django import forms
from django.core.exceptions import ValidationError

from boardhub.consultations.forms import with_plain_length_limits
from boardhub.consultations.models import HONEYPOT_FIELD, Channel, store_feedback
from boardhub.core.spam import honeypot_field
from boardhub.core.widgets import Select
from boardhub.notifications.choices import ReplyBy
from boardhub.notifications.validators import DETAILS_NEEDED, check_reply_details
from boardhub.services.models import Service

from .models import FeedbackKind, GeneralFeedback, ReplyContact
from .notifications import send_receipt

NOT_SURE = "not_sure"
NOT_SURE_WORDS = "I'm not sure"
YES, NO = "yes", "no"

# How each kind reads in the answers (the form asks in longer words).
KIND_WORDS = {
    FeedbackKind.COMPLIMENT: "Compliment",
    FeedbackKind.CONCERN: "Concern",
    FeedbackKind.IDEA: "Idea",
}

# The ways a visitor can ask us to reply, in their words, in the order the form offers them.
# "Not at all" is the "No" to "Do you want us to reply?".
VISITOR_REPLY_CHOICES = [
    (ReplyBy.TEXT, "By text message"),
    (ReplyBy.EMAIL, "By email"),
    (ReplyBy.POST, "By letter"),
    (ReplyBy.PHONE, "By phone call"),
    (ReplyBy.SUPPORTER, "Through someone who supports me"),
]
REPLY_WORDS = dict(VISITOR_REPLY_CHOICES)
# What a signed-in member's answer says: they hear back the way their profile says.
MEMBER_REPLY_WORDS = "The way the member's profile says"

# What to say when a box the chosen way of replying needs is empty
# (boardhub.notifications.validators.DETAILS_NEEDED says which boxes each way needs).
MISSING = {
    ReplyBy.TEXT: {"phone": "Enter a mobile number for the text message, or choose another way"},
    ReplyBy.PHONE: {"phone": "Enter a phone number for us to call, or choose another way"},
    ReplyBy.EMAIL: {"email": "Enter your email address, or choose another way"},
    ReplyBy.POST: {
        "postal_address": "Enter your address for the letter, or choose another way",
        "postcode": "Enter your postcode for the letter",
    },
    ReplyBy.SUPPORTER: {
        "supporter_contact": "Enter how we can reach the person who supports you",
    },
}
CONTACT_FIELDS = ("name", "email", "phone", "postal_address", "postcode", "supporter_contact")
VISITOR_ONLY_FIELDS = (*CONTACT_FIELDS, "reply_by", "easy_read", "large_print", "may_quote")

KEY_PATTERN = re.compile(r"^[0-9a-f]{32}$")


def new_idempotency_key():
    return uuid.uuid4().hex


def service_choices():
    """The list to choose from, read only when the form is shown."""
    services = Service.objects.order_by("name").values_list("pk", "name")
    return [("", "Choose a service"), *services, (NOT_SURE, NOT_SURE_WORDS)]


class ServiceChoiceField(forms.ChoiceField):
    """The services by name, read only when the form is shown: the form's clean_service()
    checks a choice by reading that one service, so sending the form never reads the list."""

    def __init__(self, **kwargs):
        super().__init__(choices=service_choices, **kwargs)

    def valid_value(self, value):
        return True  # clean_service() looks the service up


class TellUsForm(forms.Form):
    """What someone tells us, and whether and how they want a reply.

    Give `member` (a signed-in member) to leave out the ways to reply and the contact details:
    we reply to a member the way their profile says. `cleaned_data` is what `store_tell_us`
    takes: `service` is a Service or None ("I'm not sure"), `wants_reply` a bool, and details
    a way of replying does not need are left out.
    """

    kind = forms.ChoiceField(
        label="What would you like to tell us about?",
        choices=FeedbackKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you would like to tell us about"},
    )
    service = ServiceChoiceField(
        label="Which service is it about?",
        help_text="If you do not know which service it is, choose “I'm not sure”.",
        widget=Select,
        error_messages={
            "required": "Choose the service, or “I'm not sure”",
            "invalid_choice": "Choose a service from the list, or “I'm not sure”",
        },
    )
    what_happened = forms.CharField(
        label="What happened?",
        help_text="Tell us in your own words. Say when it happened, if you can.",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Tell us what happened"},
    )
    what_would_help = forms.CharField(
        label="What would make it better?",
        help_text="For example, what you would like us to do differently, or to keep doing.",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    wants_reply = forms.ChoiceField(
        label="Do you want us to reply?",
        choices=[(YES, "Yes"), (NO, "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes if you want us to reply, or no"},
    )
    reply_by = forms.ChoiceField(
        label="How should we reply?",
        help_text="Only if you want a reply.",
        choices=VISITOR_REPLY_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose how we should reply"},
    )
    name = forms.CharField(
        label="Your name",
        help_text="We need it for a letter. For anything else you can leave it out.",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Email address",
        help_text="Only if you chose email.",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number",
        help_text="Only if you chose a text message (give a mobile number) or a phone call.",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    postal_address = forms.CharField(
        label="Address",
        help_text="Only if you chose a letter. Put the postcode in the next box.",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        help_text="Only if you chose a letter.",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    supporter_contact = forms.CharField(
        label="How can we reach the person who supports you?",
        help_text=(
            "Only if you chose someone who supports you. Their name, and their phone number "
            "or email address."
        ),
        max_length=200,
        required=False,
    )
    easy_read = forms.BooleanField(label="Send me the reply in easy read", required=False)
    large_print = forms.BooleanField(label="Send me letters in large print", required=False)
    may_quote = forms.BooleanField(
        label="You may quote my words in the council's reports, without my name",
        help_text=(
            "Only if you want a reply: then you can tell us if you change your mind. We never "
            "quote words about keeping someone safe."
        ),
        required=False,
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        if member is not None:
            for name in VISITOR_ONLY_FIELDS:
                del self.fields[name]
        self.fields[HONEYPOT_FIELD] = honeypot_field()
        with_plain_length_limits(self.fields)

    def clean_service(self):
        value = self.cleaned_data["service"]
        if value == NOT_SURE:
            return None
        service = (
            Service.objects.only("pk", "name").filter(pk=value).first() if value.isdigit() else None
        )
        if service is None:
            raise ValidationError(self.fields["service"].error_messages["invalid_choice"])
        return service

    def clean_wants_reply(self):
        return self.cleaned_data["wants_reply"] == YES

    def clean_idempotency_key(self):
        # A key that is not one of ours is not an error the person can fix: use a new one.
        key = self.cleaned_data["idempotency_key"]
        return key if KEY_PATTERN.match(key) else new_idempotency_key()

    def clean(self):
        cleaned_data = super().clean()
        if self.member is not None:
            return cleaned_data
        if not cleaned_data.get("wants_reply"):
            # Nothing to reply to: keep none of their details.
            cleaned_data.update(dict.fromkeys(CONTACT_FIELDS, ""), reply_by="")
            cleaned_data.update(easy_read=False, large_print=False, may_quote=False)
            return cleaned_data
        reply_by = cleaned_data.get("reply_by")
        if not reply_by:
            if "reply_by" not in self.errors:
                self.add_error("reply_by", "Choose how we should reply")
            return cleaned_data
        if reply_by == ReplyBy.POST and not cleaned_data.get("name", "").strip():
            self.add_error("name", "Enter your name for the letter")
        check_reply_details(self, cleaned_data, reply_by, MISSING[reply_by])
        # Keep only what this way of replying needs (and the name, if they gave it).
        needed = DETAILS_NEEDED[reply_by]
        for name in CONTACT_FIELDS:
            if name != "name" and name not in needed and name in cleaned_data:
                cleaned_data[name] = ""
        return cleaned_data


# Storing


def tell_us_answers(cleaned_data, member=None):
    """The answers as `form_data` keeps them: in words, under TELL_US_QUESTIONS' keys."""
    service = cleaned_data.get("service")
    wants_reply = bool(cleaned_data.get("wants_reply"))
    if not wants_reply:
        reply_words = ""
    elif member is not None:
        reply_words = MEMBER_REPLY_WORDS
    else:
        reply_words = REPLY_WORDS.get(cleaned_data.get("reply_by"), "")
    return {
        "kind": KIND_WORDS[cleaned_data["kind"]],
        "service": service.name if service is not None else NOT_SURE_WORDS,
        "what_happened": cleaned_data["what_happened"],
        "what_would_help": cleaned_data.get("what_would_help", ""),
        "wants_reply": "Yes" if wants_reply else "No",
        "reply_by": reply_words,
    }


def reply_contact_for(feedback, cleaned_data):
    return ReplyContact(
        feedback=feedback,
        reply_by=cleaned_data["reply_by"],
        **{name: cleaned_data.get(name, "") for name in CONTACT_FIELDS},
        easy_read=bool(cleaned_data.get("easy_read")),
        large_print=bool(cleaned_data.get("large_print")),
        may_quote=bool(cleaned_data.get("may_quote")),
    )


def store_tell_us(
    page,
    cleaned_data,
    member=None,
    idempotency_key=None,
    channel=Channel.ONLINE,
    also=None,
):
    """Store one "Tell us" response on `page` (the TellUsPage), all or nothing, once only for
    each idempotency key (see consultations' store_feedback), then send its receipt.

    `cleaned_data` is a TellUsForm's (or a form with the same names): `kind`, `service` (a
    Service, or None for "I'm not sure"), `what_happened`, `what_would_help`, `wants_reply`
    (bool) and, for someone who is not a signed-in `member` and wants a reply, `reply_by` (a
    ReplyBy) with the details it needs (`name`, `email`, `phone`, `postal_address`,
    `postcode`, `supporter_contact`) and `easy_read`, `large_print`. A member is replied to
    through their profile, so no ReplyContact is stored for them. `also(feedback)`, if given,
    stores what else goes with a new response in the same transaction (an officer's
    OfflineRecord). Returns the Feedback, with `is_new` False when the key had stored it.
    """

    def store_what_goes_with_it(feedback):
        GeneralFeedback.objects.create(
            feedback=feedback, kind=cleaned_data["kind"], service=cleaned_data.get("service")
        )
        if member is None and cleaned_data.get("wants_reply") and cleaned_data.get("reply_by"):
            reply_contact_for(feedback, cleaned_data).save()
        if also is not None:
            also(feedback)

    feedback = store_feedback(
        page,
        tell_us_answers(cleaned_data, member),
        member=member,
        idempotency_key=idempotency_key,
        channel=channel,
        receipt=False,
        also=store_what_goes_with_it,
    )
    if feedback.is_new and cleaned_data.get("wants_reply"):
        # The way they asked, once the response is stored; nothing to someone who said they
        # do not need a reply (a member's profile would otherwise still reach them).
        send_receipt(feedback)
    return feedback


def questions_by_page(responses):
    """{page id: questions} for `responses` (with their `page` selected): a consultation's
    questions, read in one query, and the "Tell us" page's, which are fixed."""
    from django.contrib.contenttypes.models import ContentType

    from boardhub.consultations.models import ConsultationFormField

    from .models import TELL_US_QUESTIONS, TellUsPage

    questions = {}
    page_ids = {response.page_id for response in responses}
    for question in ConsultationFormField.objects.filter(page_id__in=page_ids).order_by(
        "page_id", "sort_order"
    ):
        questions.setdefault(question.page_id, []).append(question)
    tell_us_type = ContentType.objects.get_for_model(TellUsPage).pk
    for response in responses:
        if response.page.content_type_id == tell_us_type:
            questions[response.page_id] = list(TELL_US_QUESTIONS)
    return questions
