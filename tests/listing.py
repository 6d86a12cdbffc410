"""Reading lists the way a person scans them: cards with a title, a status tag, a line about
the item and a fact or two (templates/includes/status_tag.html, the listing templates), and
GOV.UK's pagination (templates/includes/pagination.html)."""

from bs4 import BeautifulSoup


def _soup(html):
    if isinstance(html, bytes):
        html = html.decode()
    return BeautifulSoup(html, "html.parser")


def cards(html, selector=".card"):
    """Every card in `html`, in order: its title, its tag's words and colour, its summary and
    its facts, as text."""
    found = []
    for card in _soup(html).select(selector):
        tag = card.select_one(".status-tag")
        summary = card.select_one(".card__summary")
        found.append(
            {
                "title": card.select_one(".card__title").get_text(" ", strip=True),
                "tag": tag.get_text(strip=True) if tag else None,
                "colour": next(
                    (name.removeprefix("status-tag--") for name in tag["class"] if "--" in name),
                    None,
                )
                if tag
                else None,
                "summary": summary.get_text(" ", strip=True) if summary else None,
                "facts": [li.get_text(" ", strip=True) for li in card.select(".card__facts li")],
                "links": [a["href"] for a in card.select("a[href]")],
            }
        )
    return found


def key_value_tables_in_lists(html):
    """The key-value tables (<dl> or <table>) inside the cards and lists of `html`."""
    soup = _soup(html)
    return soup.select(".card dl, .card table, .card-list dl, .card-list table")


def current_page(html):
    """The page number marked as the current one, or None when there is one page."""
    current = _soup(html).select_one('.pagination [aria-current="page"]')
    return current.get_text(strip=True) if current else None


def page_numbers(html):
    """The page numbers and ellipses in the pagination, as text: ["1", "…", "6", "7"]."""
    return [item.get_text(strip=True) for item in _soup(html).select(".pagination__list > li")]


def previous_and_next(html):
    """The words of the Previous and Next links, and where they go: {"prev": (text, href)}."""
    soup = _soup(html)
    links = {}
    for rel in ("prev", "next"):
        link = soup.select_one(f'.pagination a[rel="{rel}"]')
        if link:
            links[rel] = (link.get_text(" ", strip=True), link["href"])
    return links
