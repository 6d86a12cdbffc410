"""Every message BoardHub sends a person, in one place: what it is, and its words.

Each message type has a key, a name and a description for officers, and a `sample_context`
(made-up details, never a real person's) from which the officers' preview ("Messages we send",
in the admin) renders it. Its words live in templates, one folder a message:

    templates/notifications/<key>/plain/{subject.txt, email.txt, email.html,
                                         text_message.txt, letter.txt}
    templates/notifications/<key>/easy_read/...    the same five, in easy read

`render(key, context, easy_read=False)` gives all five (`Rendered`), each rendered when it is
first read, so the sender renders only the ones of the channel the person asked for.
The invariants, which tests/notifications/test_messages.py checks for every registered type:

- A text message fits in 3 text messages' worth of characters (TEXT_MESSAGE_LIMIT, 459), and
  is written in characters every phone shows (curly quotes and dashes are made plain).
- Easy read is short sentences, one idea a line, with a picture (and its alt text) in the
  HTML email, in large text.
- A letter is plain text with the board's name, what happened, the reference and how to get
  in touch.
- A message never carries anyone else's answers. A receipt may carry the person's own answers
  in an email (`answers` in the context), and its text message and letter never do.

The context is plain values (strings, lists, booleans), so a message can be rendered again
from what was stored. Each template may use `board` (the board's name, its council and how
to reach it): `render` fills it in unless the caller gave it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static

from boardhub.core.links import absolute_url

TEXT_MESSAGE_LIMIT = 459  # 3 text messages of 153 characters each: Notify's sums
TEXT_MESSAGE_FRAGMENT = 160  # one text message on its own
TEXT_MESSAGE_PART = 153  # each part of a longer one
VARIANTS = ("plain", "easy_read")
PARTS = ("subject.txt", "email.txt", "email.html", "text_message.txt", "letter.txt")


@dataclass(frozen=True)
class MessageType:
    """One kind of message. `picture` is a path in static/ shown at the top of the easy-read
    HTML email, described by `picture_alt`."""

    key: str
    name: str
    description: str
    sample_context: Callable[[], dict]
    picture: str = "img/messages/tick.png"
    picture_alt: str = "A tick"

    def template(self, variant, part):
        return f"notifications/{self.key}/{variant}/{part}"


class Rendered:
    """One message's words for every channel, each rendered the first time it is read."""

    PARTS = ("subject", "email_text", "email_html", "text_message", "letter")

    def __init__(self, render_part):
        self._render_part = render_part  # a template's name -> its text

    @cached_property
    def subject(self):
        return one_line(self._render_part("subject.txt"))

    @cached_property
    def email_text(self):
        return tidy_text(self._render_part("email.txt"))

    @cached_property
    def email_html(self):
        return self._render_part("email.html")

    @cached_property
    def text_message(self):
        return fit_text_message(self._render_part("text_message.txt"))

    @cached_property
    def letter(self):
        return tidy_text(self._render_part("letter.txt"))


_message_types = {}


def register(message_type):
    """Add a message type. A key is registered once: registering it again keeps the first
    (two apps that both register a message get the same words, never two versions)."""
    return _message_types.setdefault(message_type.key, message_type)


def message_types():
    """Every registered message type, in the order registered."""
    return list(_message_types.values())


def get(key):
    try:
        return _message_types[key]
    except KeyError:
        raise LookupError(
            f"No message type {key!r}: register it in notifications.messages"
        ) from None


# The board, as a message names it


def board_details():
    """The board's name, its council, and how to reach it, for the default site: the site
    and its settings in one query (the settings are made, as Wagtail does, the first time)."""
    from wagtail.models import Site

    from boardhub.core.models import BoardSettings
    from boardhub.core.templatetags.board_tags import name_of_site

    board_settings = (
        BoardSettings.base_queryset()
        .select_related("site")
        .filter(site__is_default_site=True)
        .first()
    )
    if board_settings is not None:
        site = board_settings.site
    else:
        site = Site.objects.filter(is_default_site=True).first()
        board_settings = BoardSettings.for_site(site) if site else None
    return {
        "name": name_of_site(site),
        "council": board_settings.council_name if board_settings else "",
        "email": board_settings.contact_email if board_settings else "",
        "phone": board_settings.contact_phone if board_settings else "",
        "website": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
    }


# Rendering

PLAIN_CHARACTERS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u00a0": " ",
    }
)


def tidy_text(text):
    """Template text as a person reads it: no spaces at line ends, at most one blank line
    between paragraphs, none at the start or the end."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def one_line(text):
    return " ".join(text.split())


def fit_text_message(text):
    """A text message in plain characters, within TEXT_MESSAGE_LIMIT. The templates keep
    within it (they shorten what people typed); cutting here, at a word, is a last resort."""
    text = tidy_text(text.translate(PLAIN_CHARACTERS)).strip()
    if len(text) <= TEXT_MESSAGE_LIMIT:
        return text
    cut = text[: TEXT_MESSAGE_LIMIT - 3].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "..."


def text_message_count(text):
    """How many text messages Notify counts `text` as (plain characters)."""
    if len(text) <= TEXT_MESSAGE_FRAGMENT:
        return 1
    return -(-len(text) // TEXT_MESSAGE_PART)


def picture_url(path):
    return absolute_url(static(path))


def render(key, context, easy_read=False):
    """Every channel's version of message `key` for `context`, plain or in easy read."""
    message_type = get(key)
    variant = "easy_read" if easy_read else "plain"
    full = {
        **context,
        "board": context.get("board") or board_details(),
        "easy_read": easy_read,
        "picture_url": picture_url(message_type.picture),
        "picture_alt": message_type.picture_alt,
    }

    def part(name):
        return render_to_string(message_type.template(variant, name), full)

    return Rendered(part)


# The messages BoardHub sends. Sample details are made up: the reference, the names and the
# words are nobody's.


def sample_receipt():
    return {
        "name": "Sam",
        "reference": "BH-2026-000123",
        "title": "Care at home: what matters to you",
        "tell_us": False,
        "member": True,
        "link": absolute_url("/account/feedback/BH-2026-000123/"),
        "answers": [
            ["What works well for you?", "The carers are kind and they listen."],
            ["What could be better?", "Visits are sometimes late in the evening."],
        ],
    }


def sample_status_changed():
    return {
        "name": "Sam",
        "reference": "BH-2026-000123",
        "title": "Care at home: what matters to you",
        "from_status": "Received",
        "to_status": "Not taken forward",
        "note": "We looked at this carefully. We cannot change the visit times this year, "
        "because the contract with the care company runs until April.",
        "member": True,
        "link": absolute_url("/account/feedback/BH-2026-000123/"),
    }


def sample_shaped_a_change():
    return {
        "name": "Sam",
        "reference": "BH-2026-000123",
        "title": "Care at home: what matters to you",
        "change_title": "Evening home care visits",
        "note": "Your answers helped to shape this change: “Evening home care visits”.\n\n"
        "What we did: Carers now arrive within 30 minutes of the time agreed.",
        "member": True,
        "link": absolute_url("/account/feedback/changes/"),
    }


def sample_consultation_opened():
    return {
        "name": "Sam",
        "title": "Getting to your GP appointment",
        "summary": "Tell us how you get to the doctor and what would make it easier.",
        "closes_on": "31 January 2027",
        "link": absolute_url("/have-your-say/getting-to-your-gp/"),
        "member": True,
    }


def sample_format_request_sent():
    return {
        "name": "Sam",
        "title": "Getting to your GP appointment",
        "format": "Easy read",
        "how_sent": "We have sent it to you by post.",
        "link": absolute_url("/have-your-say/getting-to-your-gp/"),
        "member": True,
    }


def sample_format_request_could_not_do():
    return {
        "name": "Sam",
        "title": "Getting to your GP appointment",
        "format": "British Sign Language",
        "reason": "We could not book an interpreter to film it before the consultation "
        "closes. You can tell us your views by phone or at a drop-in session instead.",
        "member": True,
    }


FEEDBACK_RECEIPT = register(
    MessageType(
        key="feedback_receipt",
        name="We have your feedback",
        description=(
            "Sent when someone answers a consultation or tells us about a service, or when an "
            "officer records what they said. It gives their reference. An email to a member "
            "lists their own answers; a text message or letter never does."
        ),
        sample_context=sample_receipt,
        picture="img/messages/tick.png",
        picture_alt="A tick",
    )
)
FEEDBACK_STATUS_CHANGED = register(
    MessageType(
        key="feedback_status_changed",
        name="News about your feedback",
        description=(
            "Sent when an officer moves someone's feedback on (for example to “Read by the "
            "council” or “Not taken forward”), if they asked to hear. It says what it was, what "
            "it is now, and the note to them."
        ),
        sample_context=sample_status_changed,
        picture="img/messages/list.png",
        picture_alt="A list with one thing ticked",
    )
)
FEEDBACK_SHAPED_A_CHANGE = register(
    MessageType(
        key="feedback_shaped_a_change",
        name="Your feedback helped to change something",
        description=(
            "Sent when a change that someone's feedback shaped is published in “You said, we "
            "did”, and again for each further change, if they asked to hear."
        ),
        sample_context=sample_shaped_a_change,
        picture="img/messages/speech-bubbles.png",
        picture_alt="2 speech bubbles, one with a tick",
    )
)
CONSULTATION_OPENED = register(
    MessageType(
        key="consultation_opened",
        name="A new consultation is open",
        description=(
            "Sent once to each member who asked to hear about new consultations, when one "
            "opens to them."
        ),
        sample_context=sample_consultation_opened,
        picture="img/messages/two-people-talking.png",
        picture_alt="2 people talking",
    )
)
FORMAT_REQUEST_SENT = register(
    MessageType(
        key="format_request_sent",
        name="Your other format is on its way",
        description=(
            "Sent when an officer marks a request for a consultation in another format as sent."
        ),
        sample_context=sample_format_request_sent,
        picture="img/messages/letter.png",
        picture_alt="A letter",
    )
)
FORMAT_REQUEST_COULD_NOT_DO = register(
    MessageType(
        key="format_request_could_not_do",
        name="We could not make the format you asked for",
        description=(
            "Sent when an officer marks a request for another format as “could not do”, with "
            "the reason and other ways to take part."
        ),
        sample_context=sample_format_request_could_not_do,
        picture="img/messages/phone.png",
        picture_alt="A phone",
    )
)
