"""The forms an officer fills in to record a response gathered off-line, and to open a drop-in
session.

A recorded response is the consultation's own questions (its form class, the same checks as
online) beside `RecordForm`: how, when and where it was gathered, who helped, who the person
is, how they want to hear back, and an optional scan of the paper form. Every message says
what to fix; nothing typed is lost on an error. A chosen file cannot be kept by a browser, so
the form says to choose it again.

The scan is checked from the file itself, never from its name alone: a PDF starts with
"%PDF-", and a photo is opened by Pillow (its header only, as boardhub.core.images does) to
check its type and pixel count. Photos lose their hidden details (where they were taken).
"""

import uuid
import warnings

import filetype
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from PIL import Image as PILImage

from boardhub.consultations.models import Channel, ConsultationPage
from boardhub.core.images import name_ending, without_hidden_details
from boardhub.notifications.choices import ReplyBy
from boardhub.notifications.validators import (
    check_reply_details,
    normalise_phone,
    normalise_postcode,
)

from .models import DropInSession

RECORD_PREFIX = "record"

# The scan of a paper form

SCAN_MAX_BYTES = 10 * 1024 * 1024
SCAN_FORMATS_TEXT = "a JPEG, PNG or WebP photo, or a PDF"
# Pillow's names for the photo formats we take, and the endings a name may have for each.
SCAN_PICTURE_FORMATS = {
    "JPEG": ("JPEG", {"jpg", "jpeg"}),
    "MPO": ("JPEG", {"jpg", "jpeg"}),
    "PNG": ("PNG", {"png"}),
    "WEBP": ("WebP", {"webp"}),
}
SCAN_ENDINGS = {"pdf"} | {
    ending for __, endings in SCAN_PICTURE_FORMATS.values() for ending in endings
}
CHOOSE_AGAIN = "Choose the file again."
CHOOSE_AGAIN_AFTER_ERROR = (
    "If you chose a scan or photo, choose it again: a browser cannot keep a chosen file when "
    "the page comes back with something to fix."
)


def scan_max_pixels():
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)


def refuse_scan(message, code):
    raise ValidationError(f"{message} {CHOOSE_AGAIN}", code=code)


def check_scan(upload):
    """The upload, checked (and a photo without its hidden details), or ValidationError."""
    if upload.size > SCAN_MAX_BYTES:
        refuse_scan(
            f"This file is too big ({filesizeformat(upload.size)}). The biggest file you can "
            f"upload is {filesizeformat(SCAN_MAX_BYTES)}. Scan it at a lower resolution, or "
            "take the photo again at a smaller size.",
            "scan_too_large",
        )
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    ending = name_ending(upload.name)
    is_pdf = head.startswith(b"%PDF-")
    if ending == "pdf":
        if not is_pdf:
            refuse_scan(
                "This file's name ends in .pdf, but it is not a PDF. Save the scan as a PDF "
                "again, or upload a photo of the form.",
                "scan_not_pdf",
            )
        return upload
    if is_pdf:
        refuse_scan(
            "This file is a PDF, but its name does not end in .pdf. Change the end of its "
            "name to .pdf.",
            "scan_pdf_name",
        )
    kind = filetype.guess(head)
    if kind is not None and kind.extension in {"heic", "heif"}:
        refuse_scan(
            "This photo is saved as HEIC, which we cannot check. Save it as a JPEG (on an "
            "iPhone: Settings, Camera, Formats, Most Compatible) and upload that.",
            "scan_heic",
        )
    if ending not in SCAN_ENDINGS:
        refuse_scan(
            f"You cannot upload this type of file. Upload {SCAN_FORMATS_TEXT}.", "scan_type"
        )
    check_scan_picture(upload, ending)
    upload.seek(0)
    return without_hidden_details(upload)


def check_scan_picture(upload, ending):
    """Read the photo's header, not its pixels: its type, and how many pixels it has."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(upload) as picture:
                picture_format, width, height = picture.format, picture.width, picture.height
    except PILImage.DecompressionBombError:
        picture_format, width, height = None, None, None
    except PILImage.UnidentifiedImageError:
        refuse_scan(
            f"This file is not a photo or PDF we can read. Upload {SCAN_FORMATS_TEXT}.",
            "scan_unreadable",
        )
    if picture_format is not None:
        our_name, endings = SCAN_PICTURE_FORMATS.get(picture_format, (picture_format, set()))
        if not endings:
            refuse_scan(
                f"This file is a {our_name} picture, which we cannot use. Upload "
                f"{SCAN_FORMATS_TEXT}.",
                "scan_type",
            )
        if ending not in endings:
            refuse_scan(
                f"This file's name ends in .{ending}, but it is a {our_name} picture. Change "
                f"the end of its name to .{sorted(endings)[0]}.",
                "scan_name",
            )
    limit = scan_max_pixels()
    if width is None or width * height > limit:
        size = f" ({width:,} by {height:,} pixels)" if width is not None else ""
        refuse_scan(
            f"This photo is too big{size}. The biggest photo you can upload has "
            f"{limit // 1_000_000:,} million pixels. Take it again at a smaller size.",
            "scan_too_many_pixels",
        )


class ScanField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text",
            f"Upload {SCAN_FORMATS_TEXT}, up to {filesizeformat(SCAN_MAX_BYTES)}. "
            "Only the feedback team can open it. It is never public.",
        )
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.webp"

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return check_scan(upload)


# Who the person is

# What to say when a box the chosen way of replying needs is empty
# (boardhub.notifications.validators.DETAILS_NEEDED says which boxes each way needs).
MISSING = {
    ReplyBy.TEXT: {"phone": "Enter a mobile number to send a text message to"},
    ReplyBy.PHONE: {"phone": "Enter the phone number to call them on"},
    ReplyBy.EMAIL: {"email": "Enter the email address to reply to"},
    ReplyBy.POST: {
        "postal_address": "Enter the address to send a letter to",
        "postcode": "Enter the postcode to send a letter to",
    },
    ReplyBy.SUPPORTER: {"supporter_contact": "Enter how to reach their supporter"},
}

WHO_MEMBER = "member"
WHO_PERSON = "person"
WHO_ANONYMOUS = "anonymous"
WHO_CHOICES = [
    (WHO_MEMBER, "A board member"),
    (WHO_PERSON, "Someone else, who gave their name or contact details"),
    (WHO_ANONYMOUS, "They did not say who they are"),
]
MEMBER_HINT = (
    "Type their email address, or their name. A board member hears back the way their "
    "profile says, so you do not need their contact details."
)


def find_member(text):
    """The one active member whose email address is `text`, or whose name holds every word
    of it; ValidationError saying what to do when none or several match."""
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError("Type the board member's email address or name", code="required")
    users = get_user_model().objects.filter(is_active=True)
    by_email = users.filter(email__iexact=text)
    if by_email:
        return by_email.get()
    words = Q()
    for word in text.split():
        words &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(display_name__icontains=word)
        )
    found = list(users.filter(words).order_by("pk")[:2])
    if not found:
        raise ValidationError(
            f"No board member is called “{text}”. Check the spelling, type their email "
            "address, or choose “Someone else”.",
            code="no_member",
        )
    if len(found) > 1:
        raise ValidationError(
            f"More than one board member matches “{text}”. Type their email address instead.",
            code="several_members",
        )
    return found[0]


class RecordForm(forms.Form):
    """How a response was gathered, and who it is from. The consultation's questions are a
    form of their own beside this one (see recording.py)."""

    channel = forms.ChoiceField(
        label="How it reached us",
        choices=[choice for choice in Channel.choices if choice[0] != Channel.ONLINE],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how the response reached us",
            "invalid_choice": "Choose how the response reached us from the list",
        },
    )
    gathered_on = forms.DateField(
        label="When it was gathered",
        help_text="For example, 2026-11-27. It cannot be in the future.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"],
        error_messages={
            "required": "Enter the date it was gathered",
            "invalid": "Enter the date it was gathered as a real date, like 2026-11-27",
        },
    )
    gathered_where = forms.CharField(
        label="Where it was gathered",
        required=False,
        max_length=200,
        help_text="For example, Brookside community hub.",
        error_messages={"max_length": "Write where it was gathered in 200 characters or fewer"},
    )
    session = forms.ModelChoiceField(
        label="Drop-in session",
        queryset=DropInSession.objects.all(),
        required=False,
        empty_label="Not from a drop-in session",
        error_messages={"invalid_choice": "Choose a drop-in session from the list"},
    )
    supporter_role = forms.CharField(
        label="With support from: their role",
        required=False,
        max_length=100,
        help_text="For example, advocate, carer or interpreter.",
        error_messages={"max_length": "Write the role in 100 characters or fewer"},
    )
    supporter_organisation = forms.CharField(
        label="With support from: their organisation",
        required=False,
        max_length=150,
        help_text="For example, Larkfield Advocacy.",
        error_messages={"max_length": "Write the organisation in 150 characters or fewer"},
    )
    supporter_name = forms.CharField(
        label="With support from: their name",
        required=False,
        max_length=100,
        help_text="Only if they gave it.",
        error_messages={"max_length": "Write the name in 100 characters or fewer"},
    )
    who = forms.ChoiceField(
        label="Who the response is from",
        choices=WHO_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the response is from"},
    )
    member = forms.CharField(
        label="The board member", required=False, max_length=254, help_text=MEMBER_HINT
    )
    name = forms.CharField(
        label="Their name",
        required=False,
        max_length=100,
        error_messages={"max_length": "Write their name in 100 characters or fewer"},
    )
    email = forms.EmailField(
        label="Their email address",
        required=False,
        error_messages={"invalid": "Enter an email address like name@example.com"},
    )
    phone = forms.CharField(
        label="Their phone number",
        required=False,
        max_length=40,
        help_text="A mobile number if they want a text message.",
    )
    postal_address = forms.CharField(
        label="Their address",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Without the postcode.",
        error_messages={"max_length": "Write the address in 500 characters or fewer"},
    )
    postcode = forms.CharField(label="Their postcode", required=False, max_length=10)
    reply_by = forms.ChoiceField(
        label="How they want to hear back",
        choices=ReplyBy.choices,
        initial=ReplyBy.NOT_AT_ALL,
        widget=forms.RadioSelect,
        help_text="Not needed for a board member: they hear back the way their profile says.",
        error_messages={"required": "Choose how they want to hear back"},
    )
    supporter_contact = forms.CharField(
        label="How to reach their supporter",
        required=False,
        max_length=200,
        help_text="Only if they want to hear back through their supporter.",
        error_messages={"max_length": "Write this in 200 characters or fewer"},
    )
    easy_read = forms.BooleanField(label="They want messages in easy read", required=False)
    large_print = forms.BooleanField(label="They want letters in large print", required=False)
    may_quote = forms.BooleanField(
        label="They agreed we may quote their words, without their name",
        help_text="Only with contact details, so that they can take it back.",
        required=False,
    )
    scan = ScanField(label="Scan or photo of the paper form")
    key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", RECORD_PREFIX)
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("key", uuid.uuid4().hex)
        initial.setdefault("reply_by", ReplyBy.NOT_AT_ALL)
        super().__init__(*args, **kwargs)

    def clean_gathered_on(self):
        day = self.cleaned_data["gathered_on"]
        if day > timezone.localdate():
            raise ValidationError(
                "The date it was gathered must be today or in the past", code="future"
            )
        return day

    def clean_key(self):
        key = self.cleaned_data.get("key", "")
        try:
            return uuid.UUID(key).hex
        except ValueError:
            return uuid.uuid4().hex

    def clean_postcode(self):
        postcode = self.cleaned_data.get("postcode", "").strip()
        return normalise_postcode(postcode) if postcode else ""

    def clean(self):
        data = super().clean()
        who = data.get("who")
        if who == WHO_MEMBER:
            try:
                data["member_user"] = find_member(data.get("member"))
            except ValidationError as error:
                self.add_error("member", error)
            return data
        data["member_user"] = None
        if who == WHO_PERSON and not any(
            data.get(name) for name in ("name", "email", "phone", "postal_address")
        ):
            self.add_error(
                "name",
                "Write their name, or how to reach them. If they did not say who they are, "
                "choose “They did not say who they are”",
            )
        self.check_reply(data, who)
        return data

    def check_reply(self, data, who):
        """The contact detail the chosen way of replying needs is there, in the right form."""
        reply_by = data.get("reply_by")
        if who == WHO_ANONYMOUS and reply_by not in (None, ReplyBy.NOT_AT_ALL, ReplyBy.SUPPORTER):
            self.add_error(
                "reply_by",
                "We cannot reply to someone who did not say who they are. Choose “They do not "
                "want to hear back” or “Through their supporter”, or say who they are",
            )
            return
        if reply_by in MISSING:
            check_reply_details(self, data, reply_by, MISSING[reply_by])
        if reply_by not in (ReplyBy.TEXT, ReplyBy.PHONE) and (data.get("phone") or "").strip():
            # A number kept for the record, though not the way to reply: still a real one.
            try:
                data["phone"] = normalise_phone(data["phone"])
            except ValidationError as error:
                self.add_error("phone", error)


class ChooseForm(forms.Form):
    """Step 1: what the response is to: a consultation (open, or closed: a paper form may
    arrive after the closing date, sent in time), or feedback about any service."""

    to = forms.ChoiceField(
        label="What the response is to",
        error_messages={
            "required": "Choose what the response is to",
            "invalid_choice": "Choose what the response is to from the list",
        },
    )

    def __init__(self, *args, tell_us_available=False, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.now()
        pages = ConsultationPage.objects.live().filter(opens_at__lte=now).order_by("-closes_at")
        open_now, closed = [], []
        for pk, title, closes_at in pages.values_list("pk", "title", "closes_at"):
            (open_now if closes_at > now else closed).append((str(pk), title))
        choices = [("", "Choose one")]
        if tell_us_available:
            choices.append(("tell-us", "Feedback about any service (“Tell us”)"))
        if open_now:
            choices.append(("Open consultations", open_now))
        if closed:
            choices.append(("Closed consultations", closed))
        self.fields["to"].choices = choices


class DropInSessionForm(forms.ModelForm):
    class Meta:
        model = DropInSession
        fields = ["title", "place", "held_on"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "title": {"required": "Enter what the session was, like Digital drop-in"},
            "place": {"required": "Enter where it was, like Brookside community hub"},
            "held_on": {
                "required": "Enter the date of the session",
                "invalid": "Enter the date of the session as a real date, like 2026-11-27",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].input_formats = ["%Y-%m-%d", "%d/%m/%Y"]
        self.fields["held_on"].help_text = "For example, 2026-11-27."
