"""Reading easy read guides: the guide page, its links to and from the standard versions, and
the index of guides by topic with its search."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from boardhub.core.page_cache import forget_every_page
from boardhub.demo.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    EasyReadGuidePageFactory,
    ImageFactory,
    ServiceFactory,
    StandardPageFactory,
)
from boardhub.impact.models import YouSaidWeDidPage
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_remembered_renditions():
    """Wagtail remembers renditions in the cache by image id, and the test database hands out
    the same ids again: without this a test could see another test's renditions."""
    cache.clear()
    yield
    cache.clear()


def soup_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def main_of(client, url, **params):
    return soup_of(client, url, **params).find("main")


def words(element):
    return " ".join(element.get_text(" ").split())


def body_kwargs(blocks):
    """wagtail-factories kwargs for a guide body from (block type, value) pairs."""
    kwargs = {}
    for index, (block_type, value) in enumerate(blocks):
        key = f"body__{index}__{block_type}"
        if isinstance(value, str):
            kwargs[f"{key}__value"] = value
        else:
            kwargs.update({f"{key}__{name}": item for name, item in value.items()})
    return kwargs


def make_guide(index, blocks=None, **fields):
    return EasyReadGuidePageFactory(
        parent=index, **(body_kwargs(blocks) if blocks is not None else {}), **fields
    )


def row(text, alt_text="A person at home with a helper", **fields):
    return ("row", {"text": text, "alt_text": alt_text, **fields})


# The guide page


def hostile(field):
    return f"<script>alert(\"{field}\")</script> 'quoted' & {field}"


def escaped(html, field):
    """True if `hostile(field)` is in `html`, escaped: its tags as text, never as tags."""
    pattern = rf"&lt;script&gt;alert\((?:&quot;|\"){field}(?:&quot;|\")\)&lt;/script&gt;"
    return re.search(pattern, html) is not None


def test_every_piece_of_text_in_every_block_is_shown_escaped(client, easy_read_index):
    text_fields = {
        "title": hostile("title"),
        "summary": hostile("summary"),
        "checked_by": hostile("checked_by"),
    }
    blocks = [
        ("heading", {"text": hostile("heading")}),
        row(hostile("row_text"), alt_text=hostile("alt_text")),
        ("important", hostile("important")),
        ("hard_word", {"word": hostile("word"), "meaning": hostile("meaning")}),
        (
            "contact",
            {
                "name": hostile("contact_name"),
                "phone": hostile("phone"),
                "email": hostile("email"),
                "address": hostile("address"),
            },
        ),
    ]
    guide = make_guide(easy_read_index, blocks, **text_fields)

    html = client.get(guide.url).content.decode()

    assert "<script>alert" not in html
    fields = [
        *text_fields,
        "heading",
        "row_text",
        "alt_text",
        "important",
        "word",
        "meaning",
        "contact_name",
        "phone",
        "email",
        "address",
    ]
    not_escaped = [field for field in fields if not escaped(html, field)]
    assert not_escaped == [], f"not shown, or not escaped: {not_escaped}"
    # Attributes stay closed: the quotes in the alt text and the links cannot end them.
    main = BeautifulSoup(html, "html.parser").find("main")
    assert main.find("img")["alt"] == hostile("alt_text")
    assert main.find("a", href=re.compile("^tel:"))["href"] == "tel:" + hostile("phone").replace(
        " ", ""
    )
    assert main.find("a", href=re.compile("^mailto:"))["href"] == "mailto:" + hostile("email")
    assert not main.find_all("script")


def test_the_guide_shows_each_block_in_order(client, easy_read_index):
    guide = make_guide(
        easy_read_index,
        [
            ("heading", {"text": "What direct payments are"}),
            row("Direct payments are money from the council.", alt_text="Coins and a note"),
            ("important", "Only spend the money on your care."),
            ("hard_word", {"word": "Assessment", "meaning": "A talk about the help you need."}),
            (
                "contact",
                {
                    "name": "The direct payments team",
                    "phone": "01632 960001",
                    "email": "pay@example.org",
                    "address": "Town Hall\nMarket Street",
                },
            ),
        ],
        title="Direct payments",
        summary="Money from the council for your care.",
    )

    main = main_of(client, guide.url)

    assert words(main.find("h1")) == "Direct payments"
    assert words(main.select_one(".easy-read__summary")) == "Money from the council for your care."
    headings = [words(h2) for h2 in main.find_all("h2")]
    assert headings[:2] == ["What direct payments are", "Important"]
    row_element = main.select_one(".easy-read-row")
    assert row_element.select_one(".easy-read-row__picture img")["alt"] == "Coins and a note"
    assert words(row_element.select_one(".easy-read-row__text")) == (
        "Direct payments are money from the council."
    )
    # The important box says so in words, not by its colour alone.
    important = main.select_one(".easy-read-important")
    assert words(important) == "Important Only spend the money on your care."
    hard_word = main.select_one(".easy-read-hard-word")
    assert words(hard_word.find("dt")) == "Hard word: Assessment"
    assert words(hard_word.find("dd")) == "A talk about the help you need."
    contact = main.select_one(".easy-read-contact")
    assert contact.find("a", href="tel:01632960001").text == "01632 960001"
    assert contact.find("a", href="mailto:pay@example.org").text == "pay@example.org"
    assert contact.find("address").find("br") is not None  # the address keeps its lines
    order = [
        element["class"][0]
        for element in main.select(
            ".easy-read__heading, .easy-read-row, .easy-read-important, .easy-read-hard-word, "
            ".easy-read-contact"
        )
    ]
    assert order[:5] == [
        "easy-read__heading",
        "easy-read-row",
        "easy-read-important",
        "easy-read-hard-word",
        "easy-read-contact",
    ]


def test_a_decorative_picture_has_empty_alt_text_and_others_their_own(client, easy_read_index):
    guide = make_guide(
        easy_read_index,
        [
            row("You choose who helps you.", alt_text="A person and a big tick"),
            row("We pay the money each month.", alt_text="", decorative=True),
            row("Keep your receipts.", alt_text="A till receipt and a coin"),
        ],
    )

    pictures = main_of(client, guide.url).select(".easy-read-row__picture img")

    assert [img["alt"] for img in pictures] == [
        "A person and a big tick",
        "",
        "A till receipt and a coin",
    ]
    # The first pictures are in view when the page opens; the rest load as they come near.
    assert [img.get("loading") for img in pictures] == [None, None, "lazy"]


def test_a_row_without_a_picture_shows_its_words(client, easy_read_index):
    guide = make_guide(easy_read_index, [row("Call us if you need help.", image=None)])

    main = main_of(client, guide.url)

    assert words(main.select_one(".easy-read-row__text")) == "Call us if you need help."
    assert main.select_one(".easy-read-row__picture") is None


def test_the_glossary_lists_each_hard_word_once_in_the_order_used(client, easy_read_index):
    guide = make_guide(
        easy_read_index,
        [
            ("hard_word", {"word": "Personal assistant", "meaning": "Someone you pay to help."}),
            row("You can pay a personal assistant."),
            ("hard_word", {"word": "Assessor", "meaning": "The person who talks with you."}),
            ("hard_word", {"word": "personal assistant", "meaning": "Said again."}),
        ],
    )

    main = main_of(client, guide.url)

    glossary = main.find("h2", string="Hard words in this guide")
    assert glossary is not None
    items = [
        (words(item.find("dt")), words(item.find("dd")))
        for item in glossary.find_next("dl").select(".easy-read-glossary__item")
    ]
    assert items == [
        ("Personal assistant", "Someone you pay to help."),
        ("Assessor", "The person who talks with you."),
    ]


def test_a_guide_without_hard_words_has_no_glossary(client, easy_read_index):
    guide = make_guide(easy_read_index, [row("You choose who helps you.")])

    assert main_of(client, guide.url).find("h2", string="Hard words in this guide") is None


def test_the_guide_says_who_checked_it_and_when(client, easy_read_index):
    guide = make_guide(
        easy_read_index,
        checked_by="Larkfield Speak Up group",
        checked_on=datetime.date(2026, 10, 14),
    )

    main = main_of(client, guide.url)

    heading = main.find("h2", string="Who checked this guide")
    assert words(heading.find_next("p")) == (
        "Larkfield Speak Up group checked this guide on 14 October 2026."
    )


def test_a_guide_nobody_has_checked_does_not_say_it_was(client, easy_read_index):
    guide = make_guide(easy_read_index, checked_by="", checked_on=None)

    main = main_of(client, guide.url)

    assert main.find("h2", string="Who checked this guide") is None
    assert "checked this guide" not in words(main)


def test_the_listen_control_is_left_to_the_script(client, guide):
    """Without JavaScript there is no button that does nothing: the control is hidden until
    read-aloud.js shows it, in the slot under the summary."""
    soup = soup_of(client, guide.url)

    control = soup.find("main").select_one("[data-read-aloud]")
    assert control.has_attr("hidden")
    assert all(button in control.find_all("button") for button in soup.main.find_all("button"))
    assert soup.select_one("[data-listen-slot]") is not None
    script = soup.find("script", src=re.compile(r"js/read-aloud\.js$"))
    assert script is not None and script.has_attr("defer")
    assert soup.find("link", href=re.compile(r"css/easyread\.css$")) is not None
    # What the script reads: the title, the summary and each row, heading, box and word.
    read = [words(element) for element in soup.select("[data-listen]")]
    assert read[:2] == [guide.title, guide.summary]
    assert "Direct payments are money from the council. You use it to pay for care." in read


def test_an_unpublished_guide_is_not_found(client, guide):
    guide.unpublish()

    assert client.get(guide.url).status_code == 404


def test_a_draft_guide_is_not_found(client, easy_read_index):
    draft = make_guide(easy_read_index, live=False, slug="draft-guide")

    assert client.get(draft.url).status_code == 404


# Standard versions, both ways


@pytest.fixture
def you_said_we_did():
    return HomePage.objects.get().add_child(
        instance=YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did")
    )


def easy_read_links(main):
    return [
        (words(link), link["href"])
        for link in main.select(".easy-read-link a")  # the link to the easy read version
    ]


def standard_links(main):
    return [(words(link), link["href"]) for link in main.select(".easy-read-standard a")]


def test_a_standard_page_and_its_guide_link_to_each_other(client, guide):
    standard = StandardPageFactory(
        parent=HomePage.objects.get(),
        title="Paying for your care",
        slug="paying-for-care",
        easy_read_page=guide,
    )

    assert easy_read_links(main_of(client, standard.url)) == [
        ("Read the easy read version of this page", guide.url)
    ]
    assert standard_links(main_of(client, guide.url)) == [("Paying for your care", standard.url)]


def test_the_standard_version_a_guide_names_is_linked_once(client, easy_read_index):
    standard = StandardPageFactory(
        parent=HomePage.objects.get(), title="Paying for your care", slug="paying-for-care"
    )
    guide = make_guide(easy_read_index, standard_version=standard)
    standard.easy_read_page = guide
    standard.save_revision().publish()

    assert standard_links(main_of(client, guide.url)) == [("Paying for your care", standard.url)]


def test_a_consultation_and_its_guide_link_to_each_other(client, guide):
    index = ConsultationIndexPageFactory(parent=HomePage.objects.get())
    consultation = ConsultationPageFactory(
        parent=index, title="Direct payments survey", easy_read_page=guide
    )

    assert easy_read_links(main_of(client, consultation.url)) == [
        ("Read the easy read version of this consultation", guide.url)
    ]
    assert standard_links(main_of(client, guide.url)) == [
        ("Direct payments survey", consultation.url)
    ]


def test_a_service_and_its_guide_link_to_each_other(client, guide, you_said_we_did):
    service = ServiceFactory(name="Direct payments", slug="direct-payments", easy_read_guide=guide)
    service_url = you_said_we_did.url + "services/direct-payments/"

    assert easy_read_links(main_of(client, service_url)) == [
        ("Read the easy read version of this service", guide.url)
    ]
    main = main_of(client, guide.url)
    assert standard_links(main) == [("Direct payments", service_url)]
    # On paper, the link's full address is written out.
    assert words(main.select_one(".easy-read-standard .easy-read-print-only")) == (
        f"at http://testserver{service_url}"
    )
    assert service.easy_read_guide == guide


def test_pages_do_not_link_to_a_guide_that_is_not_published(client, guide):
    standard = StandardPageFactory(parent=HomePage.objects.get(), easy_read_page=guide)
    guide.unpublish()

    assert easy_read_links(main_of(client, standard.url)) == []


def test_a_guide_with_no_standard_version_says_nothing_about_one(client, guide):
    assert main_of(client, guide.url).select_one(".easy-read-standard") is None


# The index


def index_topics(main):
    """Each topic heading on the index, with the titles of the guides under it."""
    topics = []
    for heading in main.select("h2[id^=topic-]"):
        guide_list = heading.find_next_sibling("ul")
        titles = [words(title) for title in guide_list.select(".easy-read-guides__title")]
        topics.append((words(heading), titles))
    return topics


def test_the_index_lists_guides_by_topic_in_the_topic_order(client, easy_read_index):
    make_guide(easy_read_index, title="Breaks for carers", topic="carers")
    make_guide(easy_read_index, title="Direct payments", topic="money")
    make_guide(easy_read_index, title="Where to get help", topic="where_to_go")
    make_guide(easy_read_index, title="Paying for care", topic="money")
    make_guide(easy_read_index, title="Not live", topic="rights", live=False)

    main = main_of(client, easy_read_index.url)

    # Topics with no live guides (assessments, rights, having your say) are left out.
    assert index_topics(main) == [
        ("Money and direct payments", ["Direct payments", "Paying for care"]),
        ("Carers", ["Breaks for carers"]),
        ("Know where to go", ["Where to get help"]),
    ]
    contents = [words(link) for link in main.select(".easy-read-topics a")]
    assert contents == ["Money and direct payments", "Carers", "Know where to go"]


def test_each_guide_on_the_index_has_its_summary_and_first_picture(client, easy_read_index):
    picture = ImageFactory(title="Coins")
    make_guide(
        easy_read_index,
        [("heading", {"text": "Money"}), row("Money for care.", image__image=picture)],
        title="Direct payments",
        summary="Money from the council for your care.",
    )
    make_guide(easy_read_index, [row("Call us.", image=None)], title="Where to get help")

    items = main_of(client, easy_read_index.url).select(".easy-read-guides__item")

    with_picture, without_picture = items
    assert words(with_picture.select_one("p")) == "Money from the council for your care."
    img = with_picture.select_one(".easy-read-guides__picture img")
    assert img["src"] in {rendition.url for rendition in picture.renditions.all()}
    assert img["alt"] == ""  # the title beside it says what the guide is about
    assert without_picture.select_one("img") is None


def test_an_index_with_no_guides_says_so(client, easy_read_index):
    main = main_of(client, easy_read_index.url)

    assert "There are no easy read guides yet." in words(main)


def test_the_search_finds_guides_and_says_how_many(client, easy_read_index):
    def guide(title, summary):
        make_guide(
            easy_read_index, [row("You choose who helps you.")], title=title, summary=summary
        )

    guide("Direct payments", "Money for your care.")
    guide("Your care assessment", "A talk about your care.")
    guide("Where to get help", "Who to call.")
    StandardPageFactory(parent=HomePage.objects.get(), title="Care and money")

    one = main_of(client, easy_read_index.url, query="money")
    two = main_of(client, easy_read_index.url, query="care")

    assert words(one.find("h2")) == "We found 1 guide about “money”"
    assert [words(t) for t in one.select(".easy-read-guides__title")] == ["Direct payments"]
    assert words(two.find("h2")) == "We found 2 guides about “care”"
    assert sorted(words(t) for t in two.select(".easy-read-guides__title")) == [
        "Direct payments",
        "Your care assessment",
    ]
    # One search box on the page, the guides' own (the header leaves its out), keeps what was
    # searched for.
    page = soup_of(client, easy_read_index.url, query="money")
    assert [box["value"] for box in page.find_all("input", attrs={"type": "search"})] == ["money"]
    assert page.find("main").find("input", attrs={"type": "search"})["id"] == "easy-read-query"


def test_a_search_that_finds_nothing_says_so_kindly(client, guide):
    main = main_of(client, guide.get_parent().url, query="zzxqjv")

    assert words(main.find("h2")) == "We did not find any guides about “zzxqjv”"
    assert "Try a different word." in words(main)
    assert main.select(".easy-read-guides__item") == []


def test_the_search_only_finds_live_guides(client, easy_read_index):
    make_guide(easy_read_index, title="Direct payments", summary="Money for your care.")
    make_guide(easy_read_index, title="Old money guide", summary="Money.", live=False)

    main = main_of(client, easy_read_index.url, query="money")

    assert [words(t) for t in main.select(".easy-read-guides__title")] == ["Direct payments"]


def test_the_search_shows_the_query_escaped(client, guide):
    response = client.get(guide.get_parent().url, {"query": '<script>alert("q")</script>'})

    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;" in html


# Query counts

# The most queries each page may make, however long the guide or however many guides. A page
# that needs more has grown an N+1: fix the page rather than raise its budget.
BUDGETS = {
    "guide": 17,  # 19 when written, 14 with the pictures' renditions read in one query
    "index": 16,  # 13 when written
}


def count_queries(client, url):
    # A new generation, as publishing would start: the fragments pages share in the cache are
    # worked out afresh, so this counts all a page needs.
    forget_every_page()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def warm(client, url):
    """Visit once, as the first visitor does: the pictures' renditions are made, and the
    caches (site root paths, settings, renditions) filled, so counts compare like with like."""
    assert client.get(url).status_code == 200


def test_a_long_guide_makes_no_more_queries_than_a_short_one(
    client, easy_read_index, django_assert_max_num_queries
):
    def guide_of(rows, slug):
        return make_guide(
            easy_read_index,
            [
                *(row(f"Row {number}.") for number in range(rows)),
                ("hard_word", {"word": "Assessor", "meaning": "The person who talks with you."}),
                ("contact", {"name": "The care team", "phone": "01632 960000"}),
            ],
            slug=slug,
            standard_version=HomePage.objects.get(),
        )

    short, long = guide_of(2, "short"), guide_of(10, "long")
    warm(client, short.url)
    warm(client, long.url)

    few = count_queries(client, short.url)
    with django_assert_max_num_queries(BUDGETS["guide"]):
        many = count_queries(client, long.url)
    assert many == few, f"{few} queries with 2 rows, {many} with 10"


def test_the_index_makes_no_more_queries_with_more_guides(
    client, easy_read_index, django_assert_max_num_queries
):
    topics = ["money", "carers", "where_to_go"]
    for number in range(2):
        make_guide(easy_read_index, title=f"Guide {number}", topic=topics[number % 3])
    warm(client, easy_read_index.url)
    few = count_queries(client, easy_read_index.url)
    for number in range(2, 10):
        make_guide(easy_read_index, title=f"Guide {number}", topic=topics[number % 3])
    warm(client, easy_read_index.url)

    with django_assert_max_num_queries(BUDGETS["index"]):
        many = count_queries(client, easy_read_index.url)
    assert many == few, f"{few} queries with 2 guides, {many} with 10"


def test_a_search_makes_no_more_queries_with_more_guides(client, easy_read_index):
    url = easy_read_index.url + "?query=money"
    for number in range(2):
        make_guide(easy_read_index, title=f"Money guide {number}")
    warm(client, url)
    few = count_queries(client, url)
    for number in range(2, 10):
        make_guide(easy_read_index, title=f"Money guide {number}")
    warm(client, url)

    assert count_queries(client, url) == few
