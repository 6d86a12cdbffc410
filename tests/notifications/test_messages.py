"""Every message BoardHub sends, in plain words and in easy read, on each channel: what each
version must hold, and the officers' preview of them all ("Messages we send")."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from boardhub.demo.factories import UserFactory, activate_totp
from boardhub.easyread.readability import sentences, word_count
from boardhub.notifications import messages

pytestmark = pytest.mark.django_db

KEYS = [
    "feedback_receipt",
    "feedback_status_changed",
    "feedback_shaped_a_change",
    "consultation_opened",
    "format_request_sent",
    "format_request_could_not_do",
]
BOARD = {
    "name": "Larkfield Making it Real Board",
    "council": "Larkfield Council",
    "email": "board@example.org",
    "phone": "01632 960 001",
    "website": "https://board.example.org",
}
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'
STATIC = Path(settings.BASE_DIR) / "static"


def render(key, easy_read=False, **changes):
    context = {**messages.get(key).sample_context(), "board": BOARD, **changes}
    return messages.render(key, context, easy_read=easy_read)


def every_version():
    return [(key, easy_read) for key in KEYS for easy_read in (False, True)]


def officer_in(*group_names):
    officer = UserFactory(verified=True)
    officer.groups.set(Group.objects.filter(name__in=group_names))
    activate_totp(officer)
    return officer


# The registry


def test_every_message_is_registered_once_and_nothing_else():
    keys = [message_type.key for message_type in messages.message_types()]
    assert sorted(key for key in keys if key in KEYS) == sorted(KEYS)
    assert "meeting_reminder" in keys  # registered by boardhub.meetings, from its ready()
    assert len(keys) == len(set(keys))


def test_registering_a_key_again_keeps_the_first(monkeypatch):
    monkeypatch.setattr(messages, "_message_types", dict(messages._message_types))
    first = messages.get("feedback_receipt")
    again = messages.register(messages.MessageType("feedback_receipt", "Other", "", dict))
    assert again is first
    assert messages.get("feedback_receipt").name == first.name


def test_an_unknown_message_says_so():
    with pytest.raises(LookupError, match="nothing_like_this"):
        messages.render("nothing_like_this", {})


# Every version, on every channel


@pytest.mark.parametrize(("key", "easy_read"), every_version())
def test_each_message_renders_on_every_channel(key, easy_read):
    rendered = render(key, easy_read)
    sample = messages.get(key).sample_context()

    for part in (rendered.subject, rendered.email_text, rendered.email_html):
        assert part.strip()
    for part in (getattr(rendered, name) for name in messages.Rendered.PARTS):
        assert "{{" not in part and "{%" not in part
        assert "None" not in part
    assert "\n" not in rendered.subject
    assert '<html lang="en-GB">' in rendered.email_html
    assert "Hello Sam" in rendered.email_text
    assert BOARD["name"] in rendered.email_text
    assert BOARD["name"] in rendered.text_message
    if "reference" in sample:
        for part in (rendered.email_text, rendered.text_message, rendered.letter):
            assert sample["reference"] in part


@pytest.mark.parametrize(("key", "easy_read"), every_version())
def test_a_letter_names_the_board_says_what_happened_and_how_to_get_in_touch(key, easy_read):
    letter = render(key, easy_read).letter
    sample = messages.get(key).sample_context()

    assert letter.startswith(f"{BOARD['name']}\n{BOARD['council']}\n")
    assert "Dear Sam," in letter
    assert sample["title"] in letter or "tell_us" in sample
    assert "How to get in touch" in letter
    for detail in ("phone", "email", "website"):
        assert BOARD[detail] in letter
    assert "<" not in letter  # plain text, not HTML
    if "reference" in sample:
        assert sample["reference"] in letter


def test_a_letter_to_someone_we_have_no_name_for_says_hello():
    assert "\nHello,\n" in render("feedback_status_changed", name="").letter


@pytest.mark.parametrize(("key", "easy_read"), every_version())
def test_a_text_message_fits_in_three_texts_in_plain_characters(key, easy_read):
    text = render(key, easy_read).text_message
    assert len(text) <= messages.TEXT_MESSAGE_LIMIT == 459
    assert messages.text_message_count(text) <= 3
    assert not set(text) & set("\u2018\u2019\u201c\u201d\u2013\u2014\u2026")


@pytest.mark.parametrize(("key", "easy_read"), every_version())
def test_a_text_message_stays_short_however_long_the_words_given(key, easy_read):
    long = "A very long piece of text that someone wrote at length. " * 40
    rendered = render(
        key,
        easy_read,
        title=long[:250],
        note=long,
        reason=long,
        how_sent=long,
        format=long[:100],
        summary=long,
        board={**BOARD, "name": "The " + "Larkfield " * 20 + "Board"},
    )
    assert len(rendered.text_message) <= messages.TEXT_MESSAGE_LIMIT


def test_the_counts_of_text_messages_are_notifys():
    assert messages.text_message_count("a" * 160) == 1
    assert messages.text_message_count("a" * 161) == 2
    assert messages.text_message_count("a" * 306) == 2
    assert messages.text_message_count("a" * 307) == 3
    assert messages.text_message_count("a" * 459) == 3


def test_a_too_long_text_is_cut_at_a_word_as_a_last_resort():
    text = messages.fit_text_message("word " * 200)
    assert len(text) <= 459
    assert text.endswith("word...")


# Easy read is easy read


def template_lines(text, free_text):
    """The lines the template wrote: not what an officer or a person typed."""
    typed = [piece.strip() for words in free_text for piece in words.splitlines() if piece.strip()]
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not any(piece in line for piece in typed)
    ]


@pytest.mark.parametrize("key", KEYS)
def test_easy_read_is_short_sentences_one_idea_a_line(key):
    sample = messages.get(key).sample_context()
    free_text = [
        sample.get(name, "") for name in ("note", "reason", "summary", "how_sent", "title", "link")
    ]
    free_text += [part for pair in sample.get("answers", []) for part in pair]
    rendered = render(key, easy_read=True)

    for text in (rendered.email_text, rendered.letter, rendered.text_message):
        for line in template_lines(text, free_text):
            said = sentences(line)
            assert len(said) <= 2, line
            for sentence in said:
                assert word_count(sentence) <= 12, sentence


@pytest.mark.parametrize("key", KEYS)
def test_easy_read_is_shorter_than_the_plain_words(key):
    plain, easy = render(key), render(key, easy_read=True)
    longest = max(len(line) for line in easy.email_text.splitlines())
    assert longest <= max(len(line) for line in plain.email_text.splitlines())


@pytest.mark.parametrize("key", KEYS)
def test_the_easy_read_email_has_a_picture_with_alt_text_and_large_text(key):
    message_type = messages.get(key)
    html = render(key, easy_read=True).email_html

    [img] = re.findall(r"<img [^>]+>", html)
    src = re.search(r'src="([^"]+)"', img).group(1)
    assert src.startswith(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + settings.STATIC_URL)
    assert (STATIC / src.split(settings.STATIC_URL, 1)[1]).is_file()
    assert f'alt="{message_type.picture_alt}"' in img
    assert message_type.picture_alt.strip()
    assert "font-size: 22px" in html


@pytest.mark.parametrize("key", KEYS)
def test_the_plain_email_has_no_picture_and_ordinary_text(key):
    html = render(key).email_html
    assert "<img" not in html
    assert "font-size: 16px" in html


# What a message may carry


def test_a_receipt_carries_the_persons_own_answers_by_email_only():
    for easy_read in (False, True):
        rendered = render("feedback_receipt", easy_read)
        for answer in ("The carers are kind and they listen.", "What could be better?"):
            assert answer in rendered.email_text
            assert answer in rendered.email_html
            assert answer not in rendered.text_message
            assert answer not in rendered.letter


def test_a_receipt_without_answers_lists_none():
    rendered = render("feedback_receipt", answers=[])
    assert "What you told us" not in rendered.email_text + rendered.email_html


def test_words_people_typed_are_inert_in_the_html_email():
    for key in KEYS:
        html = render(key, note=XSS, reason=XSS, title=XSS, summary=XSS, name=XSS).email_html
        assert "<script>" not in html
        assert "<img src=x" not in html


def test_a_tell_us_receipt_speaks_of_feedback_about_the_service():
    rendered = render("feedback_receipt", tell_us=True, title="Home care", answers=[])
    assert "Thank you for telling us about Home care. We have your feedback." in (
        rendered.email_text
    )
    assert rendered.subject == "We have your feedback: BH-2026-000123"


def test_the_member_is_told_how_to_stop_emails_and_others_are_not():
    member = render("feedback_status_changed", member=True).email_text
    someone = render("feedback_status_changed", member=False, link="").email_text
    assert "You can stop them in your profile" in member
    assert "profile" not in someone


def test_the_board_comes_from_the_site_when_not_given():
    context = messages.get("feedback_receipt").sample_context()
    rendered = messages.render("feedback_receipt", context)
    board = messages.board_details()
    assert board["name"] in rendered.letter
    assert board["website"] in rendered.letter


# The officers' preview


PREVIEW = "/admin/messages-we-send/"


def test_feedback_handlers_see_every_message_listed(client, django_assert_max_num_queries):
    client.force_login(officer_in("Feedback handlers"))
    with django_assert_max_num_queries(25):
        response = client.get(PREVIEW)
    assert response.status_code == 200
    content = response.content.decode()
    for message_type in messages.message_types():
        assert message_type.name in content
        assert f'href="{PREVIEW}{message_type.key}/"' in content
    assert "<h1" in content
    assert content.count("<h2") >= len(KEYS)


@pytest.mark.parametrize("key", KEYS)
def test_the_preview_shows_both_versions_on_every_channel(
    client, key, django_assert_max_num_queries
):
    client.force_login(officer_in("Safeguarding"))
    with django_assert_max_num_queries(30):
        response = client.get(f"{PREVIEW}{key}/")
    assert response.status_code == 200
    content = response.content.decode()
    for variant in ("plain", "easy_read"):
        rendered = render(key, variant == "easy_read", board=messages.board_details())
        assert f'<h2 id="{variant}">' in content
        for channel in ("email", "text", "letter"):
            assert f'<h3 id="{variant}-{channel}">' in content
        assert f'src="{PREVIEW}{key}/{variant}/email/"' in content
        assert "sandbox" in content
        first_line = rendered.text_message.splitlines()[0]
        assert first_line.replace('"', "&quot;") in content
    assert "characters:" in content


def test_the_email_frame_shows_the_html_email_and_allows_only_its_styles(client):
    client.force_login(officer_in("Feedback handlers"))
    response = client.get(f"{PREVIEW}feedback_receipt/easy_read/email/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = response["Content-Security-Policy"]
    assert "script-src 'none'" in policy
    assert "style-src 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "<img src=" in response.content.decode()


def test_an_unknown_message_or_version_is_not_found(client):
    client.force_login(officer_in("Feedback handlers"))
    assert client.get(f"{PREVIEW}nothing_like_this/").status_code == 404
    assert client.get(f"{PREVIEW}feedback_receipt/shouting/email/").status_code == 404


def test_officers_outside_the_feedback_groups_see_no_preview(client):
    editor = officer_in("Editors", "Moderators")
    client.force_login(editor)
    for url in (PREVIEW, f"{PREVIEW}feedback_receipt/", f"{PREVIEW}feedback_receipt/plain/email/"):
        assert client.get(url).status_code in (302, 403)
    assert "Messages we send" not in client.get("/admin/").content.decode()


def test_the_menu_leads_handlers_to_the_preview(client):
    client.force_login(officer_in("Feedback handlers"))
    content = client.get("/admin/").content.decode()
    assert "Messages we send" in content


def test_superusers_see_the_preview(admin_client):
    assert admin_client.get(PREVIEW).status_code == 200
