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
        text = f"Home {words(9)}\nHome {words(8)}:\n{words(10)}"

        assert messages(guide_of(row(text, picture)), "long_sentence") == []

    def test_a_sentence_broken_across_lines_in_the_text_box_is_one_sentence(self, picture):
        text = "We will come to your home and\ntalk with you about the help\nyou need now."

        assert messages(guide_of(row(text, picture)), "long_sentence") == [
            "Row 1: the sentence “We will come to your…” has 16 words. "
            "Try to keep each sentence to 15 words or fewer."
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "We help with jobs, e.g. food, shops, washing and going out to see your friends too.",
            "You can get a direct payment, i.e. money from the council to pay for your care.",
            "Your helper Mr. Khan will come to your home on Monday and talk with you all.",
        ],
    )
    def test_a_full_stop_in_a_short_form_does_not_end_the_sentence(self, picture, text):
        (message,) = messages(guide_of(row(text, picture)), "long_sentence")

        assert message.startswith(
            f"Row 1: the sentence “{' '.join(text.split()[:5])}…” has 16 words"
        )

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
            "If someone is badly hurt, call 999.",
            "You were born here.",
            "I am upset.",
            "You can get dressed.",
            "We get tired.",
            "You get help.",
            "They got married.",
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
            ("The money is hidden in the form.", "is hidden"),
            ("The letter was driven to your house.", "was driven"),
            ("Your forms were caught in the post.", "were caught"),
            ("You're owed money.", "You're owed"),
            ("You will get paid every month.", "get paid"),
            ("She got told off.", "got told"),
            ("You might get sent a letter.", "get sent"),
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

    @pytest.mark.parametrize(
        ("text", "found", "listed"),
        [
            ("We do signposting.", "signposting", "tell you where to go"),
            ("We signposted you.", "signposted", "tell you where to go"),
            ("We will facilitate it.", "facilitate", "help"),
            ("We facilitated it.", "facilitated", "help"),
            ("We utilised it.", "utilised", "use"),
            ("We safeguard you.", "safeguard", "keeping people safe from harm"),
            ("Your care is personalised.", "personalised", "care that fits you"),
            ("We commission care.", "commission", "choosing and paying for services"),
            ("Care is integrated here.", "integrated", "joined up"),
            ("They are service users.", "service users", "person who gets care or support"),
        ],
    )
    def test_other_forms_of_listed_words_are_found(self, picture, text, found, listed):
        assert messages(guide_of(row(text, picture)), "jargon") == [
            f"Row 1: “{found}” is jargon. Say “{listed}” instead."
        ]

    def test_a_hard_word_block_for_one_form_explains_the_others(self, picture):
        guide = guide_of(
            hard_word("Signposting", "Telling you where to go for help."),
            row("We signpost you to other help.", picture),
        )

        assert messages(guide, "jargon") == []

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


class TestShortForms:
    @pytest.mark.parametrize(
        ("text", "found", "instead"),
        [
            ("Bring things, e.g. your glasses.", "e.g.", "for example"),
            ("Bring things, eg. your glasses.", "eg.", "for example"),
            ("Bring your money, i.e. your card.", "i.e.", "that means"),
            ("Bring food, drink etc.", "etc.", "and other things"),
        ],
    )
    def test_short_forms_are_flagged_with_the_words_to_say(self, picture, text, found, instead):
        assert messages(guide_of(row(text, picture)), "short_form") == [
            f"Row 1: “{found}” is a short form some readers do not know. Say “{instead}” instead."
        ]

    def test_words_that_contain_the_letters_pass(self, picture):
        text = "Bring your glasses to the meeting. We like piece work."

        assert messages(guide_of(row(text, picture)), "short_form") == []


class TestInitialsAndCapitals:
    @pytest.mark.parametrize(
        ("text", "initials"),
        [
            ("Ask your GP.", ["GP"]),
            ("Talk to the GPs and the CQC.", ["GP", "CQC"]),
            ("Your child may get an EHCP.", ["EHCP"]),
            ("The NHS helps.", ["NHS"]),
        ],
    )
    def test_initials_with_no_explanation_are_flagged(self, picture, text, initials):
        assert messages(guide_of(row(text, picture)), "initials") == [
            f"Row 1: “{letters}” is initials. Say the words in full, "
            "or explain them with a hard word block."
            for letters in initials
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "The Care Quality Commission (CQC) checks care homes.",
            "The CQC (Care Quality Commission) checks care homes.",
            "It is OK to ask. Watch TV. We live in the UK.",
            "I can help.",
        ],
    )
    def test_initials_explained_in_brackets_and_everyday_ones_pass(self, picture, text):
        assert messages(guide_of(row(text, picture)), "initials") == []

    def test_initials_explained_by_a_hard_word_block_pass(self, picture):
        guide = guide_of(
            hard_word("GP", "Your doctor."),
            row("Ask your GP.", picture),
        )

        assert messages(guide, "initials") == []

    def test_words_in_capital_letters_are_flagged_once_per_piece(self, picture):
        text = "PLEASE CALL US. Do NOT wait. Please call us."

        assert messages(guide_of(row(text, picture)), "capitals") == [
            "Row 1: “PLEASE”, “CALL”, “US”, “NOT” are in capital letters. "
            "Capital letters are harder to read: use small letters."
        ]
        assert messages(guide_of(row(text, picture)), "initials") == []

    def test_small_letters_pass(self, picture):
        assert messages(guide_of(row("Please call us.", picture)), "capitals") == []


class TestPercentages:
    @pytest.mark.parametrize("found", ["50%", "25 %", "10 per cent", "75 percent", "12.5%"])
    def test_percentages_are_flagged(self, picture, found):
        assert messages(guide_of(row(f"We pay {found} of it.", picture)), "percentage") == [
            f"Row 1: “{found}” is a percentage, which many readers find hard. "
            "Say it another way, such as “half” or “1 in 4 people”."
        ]

    def test_other_numbers_pass(self, picture):
        text = "We pay half of it. 1 in 4 people get help. It costs £20."

        assert messages(guide_of(row(text, picture)), "percentage") == []


class TestIdioms:
    @pytest.mark.parametrize(
        "saying",
        [
            "a piece of cake",
            "under the weather",
            "keep an eye on",
            "over the moon",
            "at the end of the day",
            "in the loop",
            "going the extra mile",
        ],
    )
    def test_sayings_are_flagged(self, picture, saying):
        text = f"We are {saying} it."

        assert messages(guide_of(row(text, picture)), "idiom") == [
            f"Row 1: “{saying}” is a saying. Some readers take it word for word: "
            "say what you mean in plain words."
        ]

    def test_the_same_words_used_plainly_pass(self, picture):
        text = "The moon is bright. Look at the weather. Keep your money safe."

        assert messages(guide_of(row(text, picture)), "idiom") == []


class TestPictures:
    def test_a_row_with_a_picture_passes(self, picture):
        assert messages(guide_of(row("We pay you.", picture)), "missing_picture") == []

    def test_a_row_without_a_picture_is_flagged(self, picture):
        guide = guide_of(row("We pay you.", picture), row("You choose a helper."))

        assert messages(guide, "missing_picture") == [
            "Row 2: this row has no picture. Add a picture that helps explain the words."
        ]

    def test_headings_do_not_need_pictures(self, picture):
        guide = guide_of(
            {"type": "heading", "value": {"text": "Money"}}, row("We pay you.", picture)
        )

        assert messages(guide, "missing_picture") == []


class TestWholeGuide:
    def test_the_shared_guide_passes_every_rule(self, guide):
        assert check_guide(guide) == []

    def test_problems_come_in_the_order_of_the_guide(self, picture):
        guide = guide_of(
            row("We pay you.", picture),
            {"type": "heading", "value": {"text": "Your respite"}},
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
            {"type": "heading", "value": {"text": "A heading is not counted"}},
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

    @pytest.mark.parametrize(
        "bad_row",
        [
            # One long sentence broken across lines in the text box
            "We will look at your care and support plan and\ntalk about the different services"
            "\nthat are available to help you\nand your family at home",
            # Short forms whose full stops do not end the sentence
            "Your support plan is checked every year, e.g. by a social worker, i.e. someone "
            "from the council.",
            "Eligibility for domiciliary provision follows a comprehensive assessment.",
        ],
    )
    def test_the_reading_ease_goes_down_when_a_bad_row_is_added(self, picture, bad_row):
        rows = [
            row("Direct payments are money from the council. You use it to pay for care.", picture),
            row("You choose who helps you. You choose when they come.", picture),
        ]
        before = guide_figures(guide_of(*rows))

        after = guide_figures(guide_of(*rows, row(bad_row, picture)))

        assert after["flesch_reading_ease"] < before["flesch_reading_ease"] - 5
        assert after["longest_sentence"] == " ".join(bad_row.split())

    def test_a_guide_with_no_words_yet_has_no_reading_ease(self):
        assert guide_figures(guide_of())["flesch_reading_ease"] is None
