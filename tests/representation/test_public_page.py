"""The public "Who is on the board" page: the board beside the population, in words, a chart
and a table that agree, with every small number hidden."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.representation.conftest import member

pytestmark = pytest.mark.django_db


def board(counts):
    """Members by age band: {"45_54": 12, ...}; everything else as ANSWERS."""
    for age_band, number in counts.items():
        for __ in range(number):
            member(age_band=age_band)


def row(soup, table_id, label):
    table = soup.find(id=f"{table_id}-caption").find_parent("table")
    cells = table.find("th", string=label).find_parent("tr").find_all(["th", "td"])
    return [" ".join(cell.get_text().split()) for cell in cells]


def test_the_board_beside_the_census(client, board_page, census):
    board({"45_54": 12, "75_84": 8, "25_34": 20})
    soup = BeautifulSoup(client.get(board_page.url).content, "html.parser")

    # 8 in 40 members are 75 to 84 (20%), and 9% of Larkfield: 11 points more.
    assert row(soup, "age_band", "75 to 84") == ["75 to 84", "8", "20%", "9%", "11 points more"]
    assert row(soup, "age_band", "18 to 24") == ["18 to 24", "0", "0%", "10%", "10 points fewer"]
    text = soup.get_text(" ", strip=True)
    assert (
        "More people aged 75 to 84 are on the board than among people in Larkfield: "
        "20 in 100 members who told us are, and 9 in 100 people in Larkfield are."
    ) in text
    assert row(soup, "age_band", "All members")[:2] == ["All members", "40"]


def test_a_small_group_is_fewer_than_five_and_another_is_hidden(client, board_page, census):
    board({"45_54": 30, "75_84": 2, "25_34": 9})
    soup = BeautifulSoup(client.get(board_page.url).content, "html.parser")

    assert row(soup, "age_band", "75 to 84")[1:3] == ["fewer than 5", "not shown"]
    # 30 + 9 + 2 = 41 members: 9 is hidden too, or 41 - 30 would give the 2 away.
    assert row(soup, "age_band", "25 to 34")[1:3] == ["hidden", "not shown"]
    assert row(soup, "age_band", "45 to 54")[1] == "30"


def test_the_chart_is_an_image_with_words_and_no_script(client, board_page, census):
    board({"45_54": 12, "75_84": 8})
    html = client.get(board_page.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    chart = soup.find("svg", class_="chart")
    assert chart["role"] == "img"
    title_id, desc_id = chart["aria-labelledby"].split()
    assert chart.find(id=title_id).get_text() == "Age: the board and the people it speaks for"
    assert "The table below gives the same figures" in chart.find(id=desc_id).get_text()
    assert not chart.find_all(["script", "style"]) and "style=" not in str(chart)
    # The census's bars are striped, not only another colour.
    assert chart.find("pattern") is not None
    assert re.search(r'fill="url\(#chart-[0-9a-f]+-stripes\)"', str(chart))


def test_a_board_of_four_shows_no_figures(client, board_page, census):
    board({"45_54": 4})
    response = client.get(board_page.url)
    assert "fewer than 5 members who could be counted" in response.content.decode()
    assert "<table" not in response.content.decode()


def test_the_easy_read_version(client, board_page, census):
    board({"45_54": 12, "75_84": 8, "25_34": 20})
    response = client.get(board_page.url + "easy-read/")
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    # The three biggest gaps of each question, one idea a line: 25 to 34 is the biggest.
    assert "There are more people aged 25 to 34 on the board." in text
    assert "50 in 100 members." in text and "15 in 100 people in Larkfield." in text
    assert "75 to 84" not in text  # 11 points: not among the three biggest
