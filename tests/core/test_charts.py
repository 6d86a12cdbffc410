"""Charts are SVG an HTML page can hold, whatever else the process has drawn."""

import qrcode
import qrcode.image.svg
from defusedxml.ElementTree import fromstring

from boardhub.core.charts import SVG, bar_chart, line_chart


def test_a_chart_drawn_after_a_two_factor_code_is_still_a_chart():
    # Setting up two-factor draws a QR code as SVG, and qrcode registers "svg:" as the SVG
    # prefix for the whole process: charts came out as <svg:svg>, which browsers do not draw.
    qrcode.make("otpauth://totp/BoardHub:officer", image_factory=qrcode.image.svg.SvgImage)
    svg = bar_chart(
        "After a two-factor code",
        "A chart drawn after a QR code.",
        ["Home care", "Day centres"],
        [("Responses", [3, 5])],
        unit="",
    )
    assert svg.startswith("<svg ")
    assert "<svg:" not in svg


def test_each_line_differs_by_its_dashes_and_markers_as_well_as_its_colour():
    svg = line_chart(
        "How the themes moved",
        "Responses each month for two themes.",
        ["Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026"],
        [("Times of visits", [3, 5, 2, 6]), ("Transport", [1, None, 4, 2])],
    )
    root = fromstring(str(svg))
    assert root.get("role") == "img"
    assert [element.text for element in root[:2]] == [
        "How the themes moved",
        "Responses each month for two themes.",
    ]
    assert not root.findall(f".//{{{SVG}}}script") and not root.findall(f".//{{{SVG}}}style")
    lines = {
        group.get("class").split()[1]: group
        for group in root.iter(f"{{{SVG}}}g")
        if "series" in group.get("class", "").split() and group.find(f"{{{SVG}}}path") is not None
    }
    assert {line.find(f"{{{SVG}}}path").get("stroke-dasharray") for line in lines.values()} == {
        "none",
        "10 5",
    }
    # A marker at each point with a figure, circles for the first theme and squares for the
    # second; a month without a figure has none.
    markers = [
        (group.get("class").split()[1], marker.tag.rsplit("}", 1)[1])
        for group in root.iter(f"{{{SVG}}}g")
        if "series" in group.get("class", "").split()
        for marker in group.iter()
        if marker.tag.endswith(("circle", "polygon"))
    ]
    assert sorted(markers) == [("serie-0", "circle")] * 4 + [("serie-1", "polygon")] * 3
