"""Charts are SVG an HTML page can hold, whatever else the process has drawn."""

import qrcode
import qrcode.image.svg

from boardhub.core.charts import bar_chart


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
