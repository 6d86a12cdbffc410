"""The easy-read check: what in a guide breaks the easy-read rules, said plainly, and where.

Each rule is a small function that looks at one piece of the guide's text (the summary, a row,
a heading, an important box or the meaning of a hard word) and returns its problems. The rules
follow common easy-read guidance: short sentences, everyday words, one idea per row, active
voice, numbers as digits and a picture beside each idea.

textstat counts syllables (from the CMU pronouncing dictionary, with a hyphenation fallback for
words it does not know) and works out the Flesch reading ease.
"""

import re
from dataclasses import asdict, dataclass

import textstat

MAX_WORDS_PER_SENTENCE = 15
MAX_SYLLABLES_PER_WORD = 3
MAX_SENTENCES_PER_ROW = 3

# Long words that easy-read guides use all the time and their readers know, so flagging them
# would only teach officers to ignore the check. "Disability" is the readers' own word.
EVERYDAY_LONG_WORDS = {
    "anybody",
    "disabilities",
    "disability",
    "emergency",
    "everybody",
    "february",
    "information",
    "january",
    "television",
}

UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
NUMBER_WORDS = {
    # "One" on its own is left out on purpose: "no one", "the one you like" and "one of us"
    # are not numbers. It still counts in "twenty-one".
    **{word: value for word, value in UNITS.items() if word != "one"},
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    **TENS,
    "hundred": 100,
    "thousand": 1000,
    "million": 1000000,
}

# Passive voice: a form of "to be", perhaps "not" or an adverb, then a past participle.
FORMS_OF_BE = r"(?:am|is|are|was|were|be|been|being|isn't|aren't|wasn't|weren't)"
IRREGULAR_PARTICIPLES = {
    "bought",
    "brought",
    "built",
    "chosen",
    "done",
    "forgotten",
    "found",
    "given",
    "held",
    "kept",
    "known",
    "made",
    "paid",
    "seen",
    "sent",
    "shown",
    "sold",
    "spent",
    "taken",
    "told",
    "understood",
    "written",
}
# -ed words that, after "to be", describe a person or place rather than an action done to them:
# "I am worried", "we are based in the town hall", "the office is closed", "this is called".
ADJECTIVES_ENDING_IN_ED = {
    "annoyed",
    "based",
    "bored",
    "called",
    "closed",
    "concerned",
    "confused",
    "disabled",
    "excited",
    "interested",
    "involved",
    "married",
    "named",
    "pleased",
    "qualified",
    "retired",
    "scared",
    "supposed",
    "tired",
    "used",
    "worried",
}
# The participle is matched in a look-ahead, so "is being paid" is read as "is being" and then
# as "being paid".
ADVERB = r"(?:not|also|never|only|always|just|\w+ly)"
PASSIVE = re.compile(
    rf"\b{FORMS_OF_BE}\s+(?=(?:{ADVERB}\s+)?(?P<participle>[a-z]+)\b)", re.IGNORECASE
)

WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")  # \u2019: a curly apostrophe
HYPHENATED_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# A sentence ends at . ! or ? followed by a space or the end, or at a line break.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")


@dataclass(frozen=True)
class Problem:
    """One thing to fix: which rule, what to do, and where in the guide."""

    rule: str
    message: str
    where: str

    def __str__(self):
        return f"{self.where}: {self.message}"

    def as_dict(self):
        return asdict(self)


def problem_count(count):
    """ "1 problem", "3 problems"."""
    return f"{count} problem{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class TextPiece:
    """A piece of the guide's text that the rules read, and how to point an officer to it."""

    kind: str
    where: str
    text: str
    image: object = None


# Reading the guide


def text_pieces(summary, body):
    """The summary and each block with text to read, numbered by kind ("Row 3")."""
    pieces = [TextPiece("summary", "Summary", summary or "")]
    counts = {}
    for block in body:
        counts[block.block_type] = counts.get(block.block_type, 0) + 1
        number = counts[block.block_type]
        value = block.value
        if block.block_type == "row":
            pieces.append(TextPiece("row", f"Row {number}", value["text"], value["image"]))
        elif block.block_type == "heading":
            pieces.append(TextPiece("heading", f"Heading {number}", value))
        elif block.block_type == "important":
            pieces.append(TextPiece("important", f"Important box {number}", value))
        elif block.block_type == "hard_word":
            where = f"The meaning of the hard word “{value['word']}”"
            pieces.append(TextPiece("hard_word", where, value["meaning"]))
    return pieces


def explained_words(body):
    """The words the guide explains with hard word blocks, in small letters."""
    return {
        block.value["word"].strip().lower() for block in body if block.block_type == "hard_word"
    }


def sentences(text):
    return [sentence for sentence in SENTENCE_END.split(text.strip()) if WORD.search(sentence)]


def word_count(sentence):
    """Words as a reader sees them: "£20" is a word, a dash on its own is not."""
    return sum(1 for token in sentence.split() if any(char.isalnum() for char in token))


def opening(sentence, words=5):
    """The first few words of a sentence, so the officer can find it."""
    start = sentence.split()[:words]
    return " ".join(start) + ("…" if word_count(sentence) > words else "")


def is_explained(word, explained):
    """Explained by a hard word block, also in the plural ("assessments" for "assessment")."""
    word = word.lower()
    return bool({word, word.removesuffix("s"), word.removesuffix("es")} & explained)


# The rules: each takes a piece of text and returns a list of Problems.


def long_sentences(piece):
    return [
        Problem(
            "long_sentence",
            f"the sentence “{opening(sentence)}” has {word_count(sentence)} words. "
            f"Try to keep each sentence to {MAX_WORDS_PER_SENTENCE} words or fewer.",
            piece.where,
        )
        for sentence in sentences(piece.text)
        if word_count(sentence) > MAX_WORDS_PER_SENTENCE
    ]


def long_words(piece, explained):
    """Words of more than 3 syllables that no hard word block explains. Words with a capital
    letter inside a sentence are names ("Westshire", "Citizens Advice") and are left alone."""
    found = {}  # in small letters: as written, in the order they appear
    for sentence in sentences(piece.text):
        for position, match in enumerate(WORD.finditer(sentence)):
            word = match.group()
            if position > 0 and word[0].isupper():
                continue
            if word.lower() in found or word.lower() in EVERYDAY_LONG_WORDS:
                continue
            if is_explained(word, explained):
                continue
            if textstat.syllable_count(word) > MAX_SYLLABLES_PER_WORD:
                found[word.lower()] = word
    return [
        Problem(
            "long_word",
            f"“{word}” is a long word. Use a shorter, everyday word, "
            "or explain it with a hard word block.",
            piece.where,
        )
        for word in found.values()
    ]


def too_many_sentences(piece):
    count = len(sentences(piece.text))
    if piece.kind != "row" or count <= MAX_SENTENCES_PER_ROW:
        return []
    return [
        Problem(
            "too_many_sentences",
            f"this row has {count} sentences. Keep each row to one idea, in 1 to "
            f"{MAX_SENTENCES_PER_ROW} sentences. Move the next idea to a new row.",
            piece.where,
        )
    ]


def is_past_participle(word):
    word = word.lower()
    if word in ADJECTIVES_ENDING_IN_ED:
        return False
    if word in IRREGULAR_PARTICIPLES:
        return True
    # "need", "feed" and "speed" end in -ed but are not participles.
    return len(word) > 4 and word.endswith("ed") and not word.endswith("eed")


def passive_voice(piece):
    phrases = []
    for match in PASSIVE.finditer(piece.text):
        phrase = piece.text[match.start() : match.end("participle")]
        if is_past_participle(match.group("participle")) and phrase not in phrases:
            phrases.append(phrase)
    return [
        Problem(
            "passive",
            f"“{phrase}” may be passive. Say who does it. "
            "For example: “We will pay you”, not “You will be paid”.",
            piece.where,
        )
        for phrase in phrases
    ]


def jargon(piece, terms, explained):
    """Words from the jargon list (officers extend it in the admin), also in the plural."""
    problems = []
    for term in terms:
        words = r"\s+".join(re.escape(part) for part in term.word.split())
        match = re.search(rf"\b{words}(?:s|es)?\b", piece.text, re.IGNORECASE)
        if match is None or is_explained(match.group(), explained):
            continue
        if term.plain_words:
            advice = f"Say “{term.plain_words}” instead."
        else:
            advice = "Use an everyday word, or explain it with a hard word block."
        problems.append(Problem("jargon", f"“{match.group()}” is jargon. {advice}", piece.where))
    return problems


def number_value(word):
    """The number a word or a pair like "twenty-five" stands for, or None."""
    parts = word.lower().split("-")
    if len(parts) == 2 and parts[0] in TENS and parts[1] in UNITS:
        return TENS[parts[0]] + UNITS[parts[1]]
    return NUMBER_WORDS.get(parts[0]) if len(parts) == 1 else None


def numbers_as_words(piece):
    found = {}
    for match in HYPHENATED_WORD.finditer(piece.text):
        value = number_value(match.group())
        if value is not None:
            found.setdefault(match.group().lower(), value)
    return [
        Problem(
            "number_as_word",
            f"write “{word}” as a number: {value:,}. Numbers are easier to read.",
            piece.where,
        )
        for word, value in found.items()
    ]


def missing_picture(piece):
    if piece.kind != "row" or piece.image is not None:
        return []
    return [
        Problem(
            "missing_picture",
            "this row has no picture. Add a picture that helps explain the words.",
            piece.where,
        )
    ]


# The whole guide


def check_content(summary, body):
    """The problems in a guide's summary and body, in the order they appear."""
    from .models import JargonTerm  # here, because the models' admin form imports this module

    terms = list(JargonTerm.objects.all())
    explained = explained_words(body)
    problems = []
    for piece in text_pieces(summary, body):
        problems += long_sentences(piece)
        problems += too_many_sentences(piece)
        problems += long_words(piece, explained)
        problems += jargon(piece, terms, explained)
        problems += passive_voice(piece)
        problems += numbers_as_words(piece)
        problems += missing_picture(piece)
    return problems


def check_guide(page):
    """The problems in an easy-read guide (saved or not), as a list of Problem."""
    return check_content(page.summary, page.body)


def guide_figures(page):
    """Reading figures for the guide's rows, important boxes and hard word meanings."""
    prose = [
        sentence
        for piece in text_pieces("", page.body)
        if piece.kind in {"row", "important", "hard_word"}
        for sentence in sentences(piece.text)
    ]
    if not prose:
        return {
            "flesch_reading_ease": None,
            "average_words_per_sentence": 0,
            "longest_sentence": "",
            "longest_sentence_words": 0,
        }
    longest = max(prose, key=word_count)
    # Each sentence ends with a full stop, so textstat counts the sentences as we do.
    text = " ".join(sentence.rstrip(".!?") + "." for sentence in prose)
    return {
        "flesch_reading_ease": round(textstat.flesch_reading_ease(text), 1),
        "average_words_per_sentence": round(sum(map(word_count, prose)) / len(prose), 1),
        "longest_sentence": longest,
        "longest_sentence_words": word_count(longest),
    }
