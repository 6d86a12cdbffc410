"""The easy-read check: what in a guide breaks the easy-read rules, said plainly, and where.

Each rule is a small function that looks at one piece of the guide's text (the summary, a row,
a heading, an important box or the meaning of a hard word) and returns its problems. The rules
follow common easy-read guidance: short sentences, everyday words, one idea per row, active
voice, numbers as digits, no initials, percentages, capital letters or sayings, and a picture
beside each idea.

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

# Passive voice: a form of "to be" (or of "get": "you get paid"), perhaps "not" or an adverb,
# then a past participle: any regular one (-ed) or any irregular one in this list.
FORMS_OF_BE = (
    r"(?:\b(?:am|is|are|was|were|be|been|being|isn't|aren't|wasn't|weren't)"
    r"|\b[a-z]+['\u2019](?:re|m))"  # "you're paid", "I'm told"
)
FORMS_OF_GET = r"\b(?:get|gets|got|getting|gotten)"
IRREGULAR_PARTICIPLES = {
    "arisen",
    "awoken",
    "beaten",
    "begun",
    "bent",
    "bet",
    "bitten",
    "blown",
    "bought",
    "bred",
    "brought",
    "built",
    "burnt",
    "burst",
    "cast",
    "caught",
    "chosen",
    "cost",
    "crept",
    "cut",
    "dealt",
    "done",
    "drawn",
    "dreamt",
    "driven",
    "dug",
    "eaten",
    "fallen",
    "felt",
    "fought",
    "found",
    "flown",
    "forbidden",
    "forecast",
    "forgiven",
    "forgotten",
    "frozen",
    "given",
    "ground",
    "grown",
    "hanged",
    "heard",
    "held",
    "hid",
    "hidden",
    "hit",
    "hung",
    "kept",
    "knelt",
    "knit",
    "known",
    "laid",
    "led",
    "leant",
    "learnt",
    "lent",
    "let",
    "lit",
    "made",
    "meant",
    "met",
    "mislaid",
    "misled",
    "mistaken",
    "misunderstood",
    "mown",
    "overcome",
    "overheard",
    "overpaid",
    "overtaken",
    "overseen",
    "paid",
    "proven",
    "put",
    "quit",
    "read",
    "rebuilt",
    "redone",
    "repaid",
    "resold",
    "reset",
    "rewritten",
    "ridden",
    "rung",
    "run",
    "said",
    "sawn",
    "seen",
    "sent",
    "set",
    "sewn",
    "shaken",
    "shed",
    "shone",
    "shot",
    "shown",
    "shrunk",
    "slain",
    "slid",
    "sold",
    "sought",
    "sown",
    "spat",
    "spent",
    "spilt",
    "split",
    "spoken",
    "spread",
    "sprung",
    "stolen",
    "struck",
    "strung",
    "stung",
    "sung",
    "sunk",
    "swept",
    "sworn",
    "swum",
    "taken",
    "taught",
    "thought",
    "thrown",
    "told",
    "torn",
    "trodden",
    "undergone",
    "understood",
    "undertaken",
    "undone",
    "upheld",
    "withdrawn",
    "withheld",
    "won",
    "worn",
    "wound",
    "woven",
    "written",
}
# Words that follow "to be" or "get" but describe a person or thing rather than an action done
# to them: "I am worried", "we are based in the town hall", "the office is closed", "this is
# called", "you were born", "the lift is broken", "someone is badly hurt", "you get tired".
ADJECTIVES_AFTER_BE = {
    "aged",
    "annoyed",
    "based",
    "bored",
    "born",
    "bound",
    "broken",
    "called",
    "closed",
    "concerned",
    "confused",
    "disabled",
    "drunk",
    "excited",
    "gone",
    "hurt",
    "interested",
    "involved",
    "left",
    "lost",
    "married",
    "meant",
    "named",
    "pleased",
    "qualified",
    "retired",
    "scared",
    "shut",
    "stuck",
    "supposed",
    "tired",
    "upset",
    "used",
    "worried",
}
# "Get" with these is something people do for themselves: "get dressed", "get started".
NOT_PASSIVE_AFTER_GET = {"changed", "divorced", "dressed", "engaged", "started", "washed"}
# The participle is matched in a look-ahead, so "is being paid" is read as "is being" and then
# as "being paid".
ADVERB = r"(?:not|also|never|only|always|just|\w+ly)"
PASSIVE = re.compile(
    rf"(?:{FORMS_OF_BE}|(?P<get>{FORMS_OF_GET}))\s+(?=(?:{ADVERB}\s+)?(?P<participle>[a-z]+)\b)",
    re.IGNORECASE,
)

# Short forms readers may not know, and what to say instead.
SHORT_FORMS = [
    (re.compile(r"(?<!\w)(?:e\.\s?g\.?|eg\.)(?!\w)", re.IGNORECASE), "for example"),
    (re.compile(r"(?<!\w)(?:i\.\s?e\.?|ie\.)(?!\w)", re.IGNORECASE), "that means"),
    (re.compile(r"(?<!\w)etc(?:\.|(?!\w))", re.IGNORECASE), "and other things"),
]

# Initials (GP, CQC, EHCP) and words in capital letters (PLEASE CALL US). A word in capitals
# that is an English word (in the CMU dictionary textstat reads) is shouting; one that is not
# is initials. Two-letter words are few, so they are listed. A few initials are everyday words.
CAPITALS = re.compile(r"\b[A-Z][A-Z0-9]+(?:['\u2019]?s)?\b")
TWO_LETTER_WORDS = set(
    re.findall(
        r"[A-Z]+", "AM AN AS AT BE BY DO GO HE HI IF IN IS IT ME MY NO OF OH ON OR SO TO UP US WE"
    )
)
EVERYDAY_INITIALS = {"OK", "TV", "UK"}

PERCENTAGE = re.compile(r"\d+(?:\.\d+)?\s?(?:%|per\s?cent\b)", re.IGNORECASE)

# Sayings that mean something other than their words: readers may take them word for word.
IDIOMS = [
    r"a drop in the ocean",
    r"a piece of cake",
    r"at the end of the day",
    r"bend over backwards",
    r"bite the bullet",
    r"break the ice",
    r"cost an arm and a leg",
    r"cut corners",
    r"(?:go|goes|went|going) the extra mile",
    r"(?:get|gets|got|getting) the ball rolling",
    r"hit the ground running",
    r"in a nutshell",
    r"in the loop",
    r"(?:jump|jumping) through hoops",
    r"(?:keep|keeps|keeping|kept) an eye on",
    r"(?:keep|keeps|keeping|kept) (?:you|them) posted",
    r"let the cat out of the bag",
    r"(?:on|in) the same boat",
    r"on the back burner",
    r"on the same page",
    r"once in a blue moon",
    r"over the moon",
    r"pull (?:your|their|our) socks up",
    r"put (?:your|their) feet up",
    r"raining cats and dogs",
    r"sit(?:ting)? on the fence",
    r"the ball is in (?:your|our|their) court",
    r"the last straw",
    r"think(?:ing)? outside the box",
    r"touch(?:ing)? base",
    r"under the weather",
    r"up in the air",
]
IDIOM = re.compile(rf"\b(?:{'|'.join(IDIOMS)})\b", re.IGNORECASE)

WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")  # \u2019: a curly apostrophe
HYPHENATED_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
# A sentence may end at . ! or ? followed by a space, or at a line break (see sentences()).
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")
# Short forms whose full stop does not end a sentence ("etc." may, before a capital letter).
NEVER_END_A_SENTENCE = re.compile(r"(?:\b(?:e\.g|i\.e|mr|mrs|ms|dr|st|no)\.|\be\.g|\bi\.e)$", re.I)
MAY_END_A_SENTENCE = re.compile(r"\betc\.$", re.IGNORECASE)
# What starts a new sentence on a new line: a capital letter, a digit, a bullet or a dash.
STARTS_A_SENTENCE = re.compile(r"^[\"'\u2018\u201c(]?[A-Z0-9\u2022*\u2013\u2014-]")


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
            pieces.append(TextPiece("heading", f"Heading {number}", value["text"]))
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
    """The sentences of a piece of text, each on one line.

    A full stop after "e.g." or "Mr." does not end a sentence. A line break does when the line
    ends with . ! ? : or ; or the next line starts like a sentence (a capital letter, a digit,
    a bullet): officers often break a long sentence across lines in the text box, and it is
    still one long sentence to the reader.
    """
    text = text.strip()
    found, start = [], 0
    for match in SENTENCE_END.finditer(text):
        before, after = text[start : match.start()], text[match.end() :]
        if "\n" in match.group():
            ends = before.rstrip().endswith((".", "!", "?", ":", ";"))
            if not ends and not STARTS_A_SENTENCE.match(after):
                continue
        if NEVER_END_A_SENTENCE.search(before):
            continue
        if MAY_END_A_SENTENCE.search(before) and not STARTS_A_SENTENCE.match(after):
            continue
        found.append(before)
        start = match.end()
    found.append(text[start:])
    return [" ".join(sentence.split()) for sentence in found if WORD.search(sentence)]


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


def is_past_participle(word, after_get=False):
    word = word.lower()
    if word in ADJECTIVES_AFTER_BE or (after_get and word in NOT_PASSIVE_AFTER_GET):
        return False
    if word in IRREGULAR_PARTICIPLES:
        return True
    # "need", "feed" and "speed" end in -ed but are not participles.
    return len(word) > 3 and word.endswith("ed") and not word.endswith("eed")


def passive_voice(piece):
    phrases = []
    for match in PASSIVE.finditer(piece.text):
        phrase = " ".join(piece.text[match.start() : match.end("participle")].split())
        participle = match.group("participle")
        passive = is_past_participle(participle, after_get=bool(match.group("get")))
        if passive and phrase not in phrases:
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


def word_forms(word):
    """The forms of a word a guide may use: "signpost" is also "signposts", "signposted" and
    "signposting"; "utilise" is also "utilised" and "utilising"; "safeguarding" is also
    "safeguard". Some forms are not words ("respiting"): they never match, so do no harm."""
    word = word.lower()
    roots = {word}
    for ending in ("ation", "ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            roots.add(word[: -len(ending)])
    forms = set()
    for root in roots:
        bare = root.removesuffix("e")
        forms |= {root, f"{root}s", f"{root}es", f"{root}ed", f"{root}ing"}
        forms |= {f"{bare}e", f"{bare}es", f"{bare}ed", f"{bare}ing", f"{bare}ion", f"{bare}ions"}
        forms |= {f"{bare}ation", f"{bare}ations", f"{root}er", f"{root}ers"}
    return forms


def jargon_pattern(term):
    """A term of one or more words, its last word in any of its forms."""
    *first, last = term.split()
    forms = "|".join(sorted((re.escape(form) for form in word_forms(last)), key=len, reverse=True))
    words = [re.escape(part) for part in first] + [f"(?:{forms})"]
    spaces = r"\s+"
    return re.compile(rf"\b{spaces.join(words)}\b", re.IGNORECASE)


def jargon(piece, terms, explained):
    """Words from the jargon list (officers extend it in the admin), in any of their forms:
    "signposting" is the jargon word "signpost". A hard word block for any form explains it."""
    problems = []
    for term in terms:
        match = jargon_pattern(term.word).search(piece.text)
        if match is None:
            continue
        *first, last = term.word.lower().split()
        if (
            is_explained(match.group(), explained)
            or {" ".join([*first, form]) for form in word_forms(last)} & explained
        ):
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


def short_forms(piece):
    """ "e.g.", "i.e." and "etc.": the words they stand for are easier."""
    return [
        Problem(
            "short_form",
            f"“{match.group()}” is a short form some readers do not know. Say “{instead}” instead.",
            piece.where,
        )
        for pattern, instead in SHORT_FORMS
        if (match := pattern.search(piece.text))
    ]


def english_words():
    """The CMU pronouncing dictionary, as textstat loads it once for counting syllables."""
    from textstat.backend.utils import get_cmudict

    return get_cmudict("en_US") or {}


def is_capitalised_word(letters):
    """True for an English word written in capitals ("PLEASE"), False for initials ("CQC")."""
    if len(letters) == 2:
        return letters in TWO_LETTER_WORDS
    return letters.lower() in english_words()


def explained_in_brackets(letters, text):
    """ "Care Quality Commission (CQC)" or "CQC (Care Quality Commission)"."""
    letters = re.escape(letters)
    return re.search(rf"\(\s*{letters}\s*\)|\b{letters}\s*\(", text) is not None


def initials_and_capitals(piece, explained):
    """Initials with no explanation (a hard word block, or the words in brackets), and words
    in capital letters, which are harder to read than small letters."""
    initials, capitals = {}, {}
    for match in CAPITALS.finditer(piece.text):
        letters = re.sub(r"['\u2019]?s$", "", match.group())
        if is_capitalised_word(letters):
            capitals.setdefault(letters, match.group())
        elif not (
            letters in EVERYDAY_INITIALS
            or explained_in_brackets(letters, piece.text)
            or is_explained(match.group(), explained)
            or letters.lower() in explained
        ):
            initials.setdefault(letters, match.group())
    problems = [
        Problem(
            "initials",
            f"“{letters}” is initials. Say the words in full, "
            "or explain them with a hard word block.",
            piece.where,
        )
        for letters in initials
    ]
    if capitals:
        written = ", ".join(f"“{word}”" for word in capitals.values())
        problems.append(
            Problem(
                "capitals",
                f"{written} {'is' if len(capitals) == 1 else 'are'} in capital letters. "
                "Capital letters are harder to read: use small letters.",
                piece.where,
            )
        )
    return problems


def percentages(piece):
    return [
        Problem(
            "percentage",
            f"“{match.group()}” is a percentage, which many readers find hard. "
            "Say it another way, such as “half” or “1 in 4 people”.",
            piece.where,
        )
        for match in PERCENTAGE.finditer(piece.text)
    ]


def idioms(piece):
    found = {}  # in small letters: as written
    for match in IDIOM.finditer(piece.text):
        found.setdefault(" ".join(match.group().lower().split()), match.group())
    return [
        Problem(
            "idiom",
            f"“{phrase}” is a saying. Some readers take it word for word: "
            "say what you mean in plain words.",
            piece.where,
        )
        for phrase in found.values()
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
        problems += short_forms(piece)
        problems += initials_and_capitals(piece, explained)
        problems += percentages(piece)
        problems += idioms(piece)
        problems += missing_picture(piece)
    return problems


def check_guide(page):
    """The problems in an easy-read guide (saved or not), as a list of Problem."""
    return check_content(page.summary, page.body)


def flesch_reading_ease(prose):
    """Flesch's reading ease of these sentences, counted as the check counts them: textstat
    would split "e.g." into sentences of its own, and the figure would not fall as it should
    when a row has a long sentence. Syllables are textstat's."""
    words = sum(map(word_count, prose))
    if not words:
        return None
    syllables = sum(textstat.syllable_count(sentence) for sentence in prose)
    ease = 206.835 - 1.015 * (words / len(prose)) - 84.6 * (syllables / words)
    return round(ease, 1)


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
    words = sum(map(word_count, prose))
    return {
        "flesch_reading_ease": flesch_reading_ease(prose),
        "average_words_per_sentence": round(words / len(prose), 1),
        "longest_sentence": longest,
        "longest_sentence_words": word_count(longest),
    }
