from bs4 import BeautifulSoup

from tests.feedback.conftest import consultation, handler  # noqa: F401
from tests.meetings.conftest import meeting, meetings_index  # noqa: F401


def figures_table(response, caption_id):
    """{row heading: {column heading: (figure, its link or None)}} from a report's table."""
    soup = BeautifulSoup(response.content, "html.parser")
    found = soup.find(id=caption_id).find_parent("table")
    headings = [th.get_text(strip=True) for th in found.find("thead").find_all("th")][1:]
    rows = {}
    for tr in found.find("tbody").find_all("tr"):
        cells = []
        for td in tr.find_all("td"):
            link = td.find("a")
            cells.append((int(td.get_text(strip=True)), link["href"] if link else None))
        rows[tr.find("th").get_text(strip=True)] = dict(zip(headings, cells, strict=True))
    return rows
