"""The easy-read check: each rule, with text that passes and text that fails."""

import pytest

from boardhub.demo.factories import ImageFactory
from boardhub.easyread.blocks import EasyReadStreamBlock
from boardhub.easyread.models import EasyReadGuidePage, JargonTerm
from boardhub.easyread.readability import check_guide, guide_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture():
    return ImageFactory()


def row(text, picture=None):
    return {
        "type": "row",
        "value": {
            "image": picture.pk if picture else None,
            "decorative": False,
            "alt_text": "A drawing of a house" if picture else "",
            "text": text,
        },
    }


def hard_word(word, meaning="A word we explain here."):
    return {"type": "hard_word", "value": {"word": word, "meaning": meaning}}


def guide_of(*blocks, summary="This guide is about help at home."):
    """An unsaved guide: the check reads guides before they are saved, as officers write."""
    body = EasyReadStreamBlock().to_python(list(blocks))
    return EasyReadGuidePage(title="A guide", summary=summary, body=body)


def messages(guide, rule):
    return [str(problem) for problem in check_guide(guide) if problem.rule == rule]


def words(count):
    return " ".join(["home"] * count)


class TestLongSentences:
    def test_a_sentence_of_15_words_passes(self, picture):
        assert messages(guide_of(row(f"{words(15)}.", picture)), "long_sentence") == []

    def test_a_sentence_of_16_words_is_flagged_with_where_and_what_to_do(self, picture):
        text = "We will come to your home and talk with you about the help you need now."

        assert messages(
            guide_of(row("You are welcome.", picture), row(text, picture)), "long_sentence"
        ) == [
            "Row 2: the sentence “We will come to your…” has 16 words. "
            "Try to keep each sentence to 15 words or fewer."
        ]

    def test_sentences_end_at_line_breaks_as_well_as_full_stops(self, picture):
        text = f"{words(10)}\n{words(10)}"

        assert messages(guide_of(row(text, picture)), "long_sentence") == []

    def test_the_summary_is_checked_too(self, picture):
        guide = guide_of(row("Hello.", picture), summary=f"{words(20)}.")

        assert messages(guide, "long_sentence") == [
            "Summary: the sentence “home home home home home…” has 20 words. "
            "Try to keep each sentence to 15 words or fewer."
        ]


class TestLongWords:
    def test_everyday_words_pass(self, picture):
        assert (
            messages(guide_of(row("You choose who helps you at home.", picture)), "long_word") == []
        )

    def test_a_word_of_more_than_3_syllables_is_flagged_once(self, picture):
        text = "We talk about your eligibility. Eligibility means who can get help."

        assert messages(guide_of(row(text, picture)), "long_word") == [
            "Row 1: “eligibility” is a long word. Use a shorter, everyday word, "
            "or explain it with a hard word block."
        ]

    def test_a_long_word_explained_by_a_hard_word_block_passes_even_in_the_plural(self, picture):
        guide = guide_of(
            hard_word("Medication", "The tablets your doctor gives you."),
            row("Bring your medications with you.", picture),
        )

        assert messages(guide, "long_word") == []

    def test_everyday_long_words_pass(self, picture):
        text = "Ask us for information. Tell us about your disability."

        assert messages(guide_of(row(text, picture)), "long_word") == []

    def test_names_inside_a_sentence_pass(self, picture):
        text = "Call the Westshire Independent Advocacy team."

        assert messages(guide_of(row(text, picture)), "long_word") == []


class TestOneIdeaPerRow:
    def test_3_sentences_in_a_row_pass(self, picture):
        text = "We pay you. You choose a helper. They help you."

        assert messages(guide_of(row(text, picture)), "too_many_sentences") == []

    def test_4_sentences_in_a_row_are_flagged(self, picture):
        text = "We pay you. You choose a helper. They help you. You tell us how it went."

        assert messages(guide_of(row(text, picture)), "too_many_sentences") == [
            "Row 1: this row has 4 sentences. Keep each row to one idea, in 1 to 3 sentences. "
            "Move the next idea to a new row."
        ]

    def test_only_rows_hold_one_idea_each(self, picture):
        guide = guide_of(
            row("Hello.", picture),
            {"type": "important", "value": "Be safe. Lock the door. Close windows. Call us."},
        )

        assert messages(guide, "too_many_sentences") == []


class TestPassiveVoice:
    @pytest.mark.parametrize(
        "text",
        [
            "We will pay you.",
            "I am worried about money.",
            "The office is closed on Sunday.",
            "This is called a care plan.",
            "We are based in the town hall.",
            "We need your help.",
            "You are tired.",
        ],
    )
    def test_active_sentences_and_describing_words_pass(self, picture, text):
        assert messages(guide_of(row(text, picture)), "passive") == []

    @pytest.mark.parametrize(
        ("text", "phrase"),
        [
            ("You will be paid by the council.", "be paid"),
            ("The form was not signed.", "was not signed"),
            ("The letter is being sent today.", "being sent"),
            ("Your plan was given to the team.", "was given"),
            ("Forms are usually checked in a week.", "are usually checked"),
        ],
    )
    def test_passive_constructions_are_flagged(self, picture, text, phrase):
        assert messages(guide_of(row(text, picture)), "passive") == [
            f"Row 1: “{phrase}” may be passive. Say who does it. "
            "For example: “We will pay you”, not “You will be paid”."
        ]


class TestJargon:
    def test_words_from_the_list_are_flagged_with_what_to_say_instead(self, picture):
        text = "You may get respite."

        assert messages(guide_of(row(text, picture)), "jargon") == [
            "Row 1: “respite” is jargon. Say “a break” instead."
        ]

    def test_plurals_and_capitals_are_found(self, picture):
        text = "Pathways help. We check outcomes."

        assert messages(guide_of(row(text, picture)), "jargon") == [
            "Row 1: “outcomes” is jargon. Say “what changes for you” instead.",
            "Row 1: “Pathways” is jargon. Say “the steps” instead.",
        ]

    def test_officers_extend_the_list_and_words_are_stored_in_small_letters(self, picture):
        JargonTerm.objects.create(word="  Care Package ")
        text = "Your care package starts soon."

        assert JargonTerm.objects.filter(word="care package").exists()
        assert messages(guide_of(row(text, picture)), "jargon") == [
            "Row 1: “care package” is jargon. "
            "Use an everyday word, or explain it with a hard word block."
        ]

    def test_everyday_words_pass(self, picture):
        assert messages(guide_of(row("You can have a break.", picture)), "jargon") == []

    def test_jargon_explained_by_a_hard_word_block_passes(self, picture):
        guide = guide_of(
            hard_word("Respite", "A break from caring."),
            row("You may get respite.", picture),
        )

        assert messages(guide, "jargon") == []


class TestNumbers:
    def test_digits_and_words_that_only_look_like_numbers_pass(self, picture):
        text = "You get 3 visits a week. No one will call. Someone will help."

        assert messages(guide_of(row(text, picture)), "number_as_word") == []

    def test_numbers_written_as_words_are_flagged_with_the_digits(self, picture):
        text = "You get three visits. Twenty-five people came."

        assert messages(guide_of(row(text, picture)), "number_as_word") == [
            "Row 1: write “three” as a number: 3. Numbers are easier to read.",
            "Row 1: write “twenty-five” as a number: 25. Numbers are easier to read.",
        ]


class TestPictures:
    def test_a_row_with_a_picture_passes(self, picture):
        assert messages(guide_of(row("We pay you.", picture)), "missing_picture") == []

    def test_a_row_without_a_picture_is_flagged(self, picture):
        guide = guide_of(row("We pay you.", picture), row("You choose a helper."))

        assert messages(guide, "missing_picture") == [
            "Row 2: this row has no picture. Add a picture that helps explain the words."
        ]

    def test_headings_do_not_need_pictures(self, picture):
        guide = guide_of({"type": "heading", "value": "Money"}, row("We pay you.", picture))

        assert messages(guide, "missing_picture") == []


class TestWholeGuide:
    def test_the_shared_guide_passes_every_rule(self, guide):
        assert check_guide(guide) == []

    def test_problems_come_in_the_order_of_the_guide(self, picture):
        guide = guide_of(
            row("We pay you.", picture),
            {"type": "heading", "value": "Your respite"},
            row("You choose three helpers."),
        )

        assert [str(problem) for problem in check_guide(guide)] == [
            "Heading 1: “respite” is jargon. Say “a break” instead.",
            "Row 2: write “three” as a number: 3. Numbers are easier to read.",
            "Row 2: this row has no picture. Add a picture that helps explain the words.",
        ]

    def test_the_check_costs_two_queries_however_long_the_guide(
        self, picture, django_assert_num_queries
    ):
        guide = guide_of(*[row("We pay you.", ImageFactory()) for _ in range(10)])

        # The jargon list, and the rows' pictures all at once.
        with django_assert_num_queries(2):
            check_guide(guide)


class TestFigures:
    def test_the_figures_of_a_guide(self, picture):
        guide = guide_of(
            {"type": "heading", "value": "A heading is not counted"},
            row("We pay you. You choose a helper.", picture),
            row("They come to your home in the morning or at night.", picture),
        )

        figures = guide_figures(guide)

        assert figures["average_words_per_sentence"] == 6.0  # (3 + 4 + 11) / 3
        assert figures["longest_sentence"] == "They come to your home in the morning or at night."
        assert figures["longest_sentence_words"] == 11
        assert figures["flesch_reading_ease"] > 90

    def test_hard_text_reads_less_easily_than_easy_text(self, picture):
        easy = guide_of(row("We pay you. You choose a helper.", picture))
        hard = guide_of(
            row("Eligibility for domiciliary provision follows a comprehensive assessment.")
        )

        assert guide_figures(hard)["flesch_reading_ease"] < 30
        assert guide_figures(easy)["flesch_reading_ease"] > 80

    def test_a_guide_with_no_words_yet_has_no_reading_ease(self):
        assert guide_figures(guide_of())["flesch_reading_ease"] is None
