"""Writing a guide in the editor: the check as the officer writes, and before publishing."""

import pytest
from django.urls import reverse
from wagtail import blocks
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, streamfield

from boardhub.demo.factories import EasyReadGuidePageFactory, ImageFactory, UserFactory
from boardhub.easyread.models import EasyReadGuidePage, JargonTerm

pytestmark = pytest.mark.django_db

LONG_SENTENCE = "We will come to your home and talk with you about the help you need now."
PUBLISH_ANYWAY = "Publish anyway, I have read the problems"


@pytest.fixture
def picture():
    return ImageFactory()


def row(text, picture=None, alt_text="A drawing of a house", decorative=False):
    value = {"image": picture.pk if picture else "", "alt_text": alt_text, "text": text}
    if decorative:
        value["decorative"] = "on"
    return ("row", value)


def form_data(guide, body, **fields):
    """What the edit form posts: the guide's fields, with `body` as (block type, value) pairs."""
    data = {
        "title": guide.title,
        "slug": guide.slug,
        "topic": guide.topic,
        "summary": guide.summary,
        "body": streamfield(body),
        "checked_by": guide.checked_by,
        "checked_on": "2026-11-02",
    }
    return nested_form_data({**data, **fields})


def edit_url(guide):
    return reverse("wagtailadmin_pages:edit", args=[guide.pk])


def check(client, data):
    return client.post(reverse("easyread_check"), data)


def live_texts(guide):
    guide = EasyReadGuidePage.objects.get(pk=guide.pk)
    return [block.value["text"] for block in guide.body if block.block_type == "row"]


class TestCheckAsTheOfficerWrites:
    def test_the_check_returns_the_problems_of_unsaved_text_and_saves_nothing(
        self, client, officer, guide, picture, django_assert_max_num_queries
    ):
        client.force_login(officer)
        revisions = guide.revisions.count()
        body = [row("We pay you.", picture), row(LONG_SENTENCE)]

        with django_assert_max_num_queries(12):
            response = check(client, form_data(guide, body, summary="Three things."))

        answer = response.json()
        assert answer["count"] == 3
        assert answer["status"] == "3 problems to fix."
        assert [problem["where"] for problem in answer["problems"]] == [
            "Summary",
            "Row 2",
            "Row 2",
        ]
        assert "has 16 words" in answer["html"]
        assert "this row has no picture" in answer["html"]
        assert guide.revisions.count() == revisions
        assert LONG_SENTENCE not in live_texts(guide)

    def test_a_guide_without_problems_says_so(self, client, officer, guide, picture):
        client.force_login(officer)

        answer = check(client, form_data(guide, [row("We pay you.", picture)])).json()

        assert answer["count"] == 0
        assert answer["status"] == "No problems found."

    def test_the_check_works_on_a_guide_not_yet_saved(self, client, officer, picture):
        client.force_login(officer)
        data = nested_form_data(
            {"title": "New guide", "body": streamfield([row("You get three visits.", picture)])}
        )

        answer = check(client, data).json()

        assert [problem["rule"] for problem in answer["problems"]] == ["number_as_word"]

    def test_text_in_the_results_is_escaped(self, client, officer, guide, picture):
        client.force_login(officer)
        text = "<script>alert(1)</script> " + " ".join(["word"] * 16) + "."

        html = check(client, form_data(guide, [row(text, picture)])).json()["html"]

        assert "<script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    def test_the_public_and_members_cannot_use_the_check(self, client, guide, picture):
        data = form_data(guide, [row("We pay you.", picture)])

        anonymous = check(client, data)
        client.force_login(UserFactory(verified=True))
        member = check(client, data)

        assert anonymous.status_code == 302
        assert anonymous["Location"] == "/accounts/login/?next=/admin/easyread/check/"
        assert member.status_code == 403
        assert "readability" not in member.content.decode().lower()

    def test_the_check_only_answers_posts(self, client, officer):
        client.force_login(officer)

        assert client.get(reverse("easyread_check")).status_code == 405

    def test_a_post_that_is_not_the_edit_form_is_refused(self, client, officer):
        client.force_login(officer)

        assert check(client, {"title": "No body"}).status_code == 400
        assert check(client, {"body-count": "many"}).status_code == 400

    def test_the_editor_shows_the_problems_of_the_last_saved_version(self, client, officer, guide):
        guide.body = [("row", {"image": None, "alt_text": "", "text": "We pay you."})]
        guide.save_revision(user=officer)
        client.force_login(officer)

        page = client.get(edit_url(guide)).content.decode()

        assert "Easy read check" in page
        assert "1 problem to fix." in page
        assert "Row 1:</strong> this row has no picture." in page
        assert "easyread/js/readability-check.js" in page
        assert 'role="status"' in page

    def test_the_editor_for_a_new_guide_has_the_check(self, client, officer, easy_read_index):
        client.force_login(officer)
        add_url = reverse(
            "wagtailadmin_pages:add",
            args=["easyread", "easyreadguidepage", easy_read_index.pk],
        )

        page = client.get(add_url).content.decode()

        assert "Easy read check" in page
        assert PUBLISH_ANYWAY in page


class TestPublishing:
    def test_a_guide_without_problems_publishes_with_no_extra_step(
        self, client, officer, guide, picture
    ):
        client.force_login(officer)
        data = form_data(guide, [row("You choose who helps you.", picture)])

        response = client.post(edit_url(guide), {**data, "action-publish": "publish"})

        assert response.status_code == 302
        assert live_texts(guide) == ["You choose who helps you."]
        assert EasyReadGuidePage.objects.get(pk=guide.pk).published_with_problems == []
        assert not PageLogEntry.objects.filter(
            page=guide, action="easyread.publish_with_problems"
        ).exists()

    def test_publishing_with_problems_is_refused_and_keeps_the_officers_text(
        self, client, officer, guide, picture
    ):
        client.force_login(officer)
        data = form_data(guide, [row(LONG_SENTENCE, picture)])

        response = client.post(edit_url(guide), {**data, "action-publish": "publish"})

        page = response.content.decode()
        assert response.status_code == 200
        assert "This guide has 1 problem with easy read" in page
        assert f"tick “{PUBLISH_ANYWAY}”" in page
        assert "Row 1: the sentence “We will come to your…” has 16 words." in page
        assert LONG_SENTENCE in page
        assert LONG_SENTENCE not in live_texts(guide)

    def test_ticking_publish_anyway_publishes_and_records_the_problems(
        self, client, officer, guide, picture
    ):
        client.force_login(officer)
        data = form_data(guide, [row(LONG_SENTENCE, picture)], publish_anyway="on")

        response = client.post(edit_url(guide), {**data, "action-publish": "publish"})

        assert response.status_code == 302
        assert live_texts(guide) == [LONG_SENTENCE]
        recorded = EasyReadGuidePage.objects.get(pk=guide.pk).published_with_problems
        assert [problem["rule"] for problem in recorded] == ["long_sentence"]
        entry = PageLogEntry.objects.get(page=guide, action="easyread.publish_with_problems")
        assert entry.user == officer
        assert entry.data["problems"] == recorded
        assert entry.message.startswith(
            "Published with 1 problem from the easy read check: Row 1: the sentence “We will"
        )

    def test_saving_a_draft_with_problems_needs_no_confirmation(
        self, client, officer, guide, picture
    ):
        client.force_login(officer)

        response = client.post(edit_url(guide), form_data(guide, [row(LONG_SENTENCE, picture)]))

        assert response.status_code == 302
        latest = EasyReadGuidePage.objects.get(pk=guide.pk).get_latest_revision_as_object()
        assert [block.value["text"] for block in latest.body] == [LONG_SENTENCE]

    def test_a_new_guide_with_problems_is_not_published_without_confirmation(
        self, client, officer, easy_read_index, picture
    ):
        client.force_login(officer)
        add_url = reverse(
            "wagtailadmin_pages:add",
            args=["easyread", "easyreadguidepage", easy_read_index.pk],
        )
        data = nested_form_data(
            {
                "title": "Carers",
                "slug": "carers",
                "topic": "carers",
                "summary": "Help for carers.",
                "body": streamfield([row("You get three breaks.", picture)]),
            }
        )

        refused = client.post(add_url, {**data, "action-publish": "publish"})
        published = client.post(
            add_url, {**data, "action-publish": "publish", "publish_anyway": "on"}
        )

        assert refused.status_code == 200
        assert "This guide has 1 problem with easy read" in refused.content.decode()
        assert published.status_code == 302
        guide = EasyReadGuidePage.objects.get(slug="carers")
        assert guide.live
        assert PageLogEntry.objects.filter(
            page=guide, action="easyread.publish_with_problems"
        ).exists()


class TestAltText:
    @pytest.mark.parametrize("action", [{"action-publish": "publish"}, {}])
    def test_a_row_without_alt_text_cannot_be_published_or_saved(
        self, client, officer, guide, picture, action
    ):
        client.force_login(officer)
        revisions = guide.revisions.count()
        data = form_data(guide, [row("We pay you.", picture, alt_text="")], publish_anyway="on")

        response = client.post(edit_url(guide), {**data, **action})

        assert response.status_code == 200
        assert "Say what the picture shows, for people who cannot see it." in (
            response.content.decode()
        )
        assert guide.revisions.count() == revisions

    def test_alt_text_that_only_says_it_is_a_picture_is_refused(
        self, client, officer, guide, picture
    ):
        client.force_login(officer)
        data = form_data(guide, [row("We pay you.", picture, alt_text="Picture.")])

        response = client.post(edit_url(guide), {**data, "action-publish": "publish"})

        assert response.status_code == 200
        assert "Describe what the picture shows" in response.content.decode()

    def test_a_decorative_row_without_alt_text_can_be_published(
        self, client, officer, guide, picture
    ):
        client.force_login(officer)
        body = [row("We pay you.", picture, alt_text="", decorative=True)]

        response = client.post(
            edit_url(guide), {**form_data(guide, body), "action-publish": "publish"}
        )

        assert response.status_code == 302
        live = EasyReadGuidePage.objects.get(pk=guide.pk)
        assert live.body[0].value["decorative"] is True
        assert live.body[0].value["alt_text"] == ""


class TestPlainText:
    TYPED = 'Tom & Jerry <b>said</b> "hi" <script>alert(1)</script>\nNew line.'

    def test_no_block_accepts_html(self):
        def all_blocks(block):
            yield block
            for child in getattr(block, "child_blocks", {}).values():
                yield from all_blocks(child)

        body = EasyReadGuidePage._meta.get_field("body").stream_block
        found = list(all_blocks(body))

        assert len(found) > 10
        assert not [b for b in found if isinstance(b, blocks.RichTextBlock | blocks.RawHTMLBlock)]

    def test_text_in_every_block_is_stored_as_typed(self, client, officer, guide, picture):
        client.force_login(officer)
        body = [
            row(self.TYPED, picture, alt_text=self.TYPED.replace("\n", " ")),
            ("heading", {"text": self.TYPED.replace("\n", " ")}),
            ("important", self.TYPED),
            ("hard_word", {"word": "<i>Care</i>", "meaning": self.TYPED}),
            (
                "contact",
                {
                    "name": "<b>Ann</b> & co",
                    "phone": "<01234>",
                    "email": "ann@example.org",
                    "address": self.TYPED,
                },
            ),
        ]
        data = form_data(guide, body, summary=self.TYPED, publish_anyway="on")

        response = client.post(edit_url(guide), {**data, "action-publish": "publish"})

        assert response.status_code == 302
        live = EasyReadGuidePage.objects.get(pk=guide.pk)
        values = [block["value"] for block in live.body.raw_data]
        one_line = self.TYPED.replace("\n", " ")
        assert values[0]["text"] == self.TYPED
        assert values[0]["alt_text"] == one_line
        assert values[1] == {"text": one_line}
        assert values[2] == self.TYPED
        assert values[3] == {"word": "<i>Care</i>", "meaning": self.TYPED}
        assert values[4]["name"] == "<b>Ann</b> & co"
        assert values[4]["phone"] == "<01234>"
        assert values[4]["address"] == self.TYPED
        assert live.summary == self.TYPED

    def test_every_block_shows_the_typed_text_escaped(self, easy_read_index, picture):
        guide = EasyReadGuidePageFactory(
            parent=easy_read_index,
            body__0__row__text=self.TYPED,
            body__1__heading__text=self.TYPED,
            body__2__important__value=self.TYPED,
            body__3__hard_word__word=self.TYPED,
            body__3__hard_word__meaning=self.TYPED,
            body__4__contact__name=self.TYPED,
            body__4__contact__address=self.TYPED,
        )

        for block in guide.body:
            html = block.render()
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, block.block_type
            assert "<script>" not in html and "<b>" not in html


class TestJargonList:
    def test_officers_add_jargon_words_in_the_admin(self, client, officer):
        client.force_login(officer)

        response = client.post(
            reverse("wagtailsnippets_easyread_jargonterm:add"),
            {"word": "Care Package", "plain_words": "the help you get"},
        )

        assert response.status_code == 302
        assert JargonTerm.objects.get(word="care package").plain_words == "the help you get"

    def test_a_word_already_listed_in_other_letters_is_refused(self, client, officer):
        client.force_login(officer)

        response = client.post(
            reverse("wagtailsnippets_easyread_jargonterm:add"), {"word": "Respite"}
        )

        assert response.status_code == 200
        assert "This word is already on the list." in response.content.decode()
        assert JargonTerm.objects.filter(word__iexact="respite").count() == 1
