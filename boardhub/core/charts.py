"""Charts drawn on the server as SVG that needs no JavaScript, made accessible in one place.

pygal draws the bars (`bar_chart`) and the lines (`line_chart`); `accessible` then makes its
SVG fit this site: an image with a title and
a description a screen reader announces (role="img", aria-labelledby), no script, no inline
style (the Content-Security-Policy allows neither: static/css/boardhub.css styles the
`.chart` classes), and each series filled with its own pattern as well as its own colour, so
the bars differ without colour, in high contrast and when printed; each line has its own
dashes and its own marker at each point (circle, square, triangle, diamond) for the same
reason. A chart never stands
alone: the page shows the same figures as a table beside it, so a screen reader's user is
told to read the table rather than every bar.
"""

import hashlib
import json
import uuid
import xml.etree.ElementTree as ET

import pygal
from defusedxml.ElementTree import fromstring
from django.core.cache import cache
from django.utils.safestring import mark_safe
from pygal.style import Style

SVG = "http://www.w3.org/2000/svg"
CHART_SECONDS = 24 * 60 * 60

# Fill for each series in turn: (colour, pattern). Colours are the site's, each at least 3:1
# against white; the patterns are drawn in white over the colour.
SERIES_FILLS = [
    ("#1d3f73", None),  # solid
    ("#b14b00", "stripes"),
    ("#00703c", "dots"),
    ("#6f2d91", "crosses"),
]
PATTERN_SHAPES = {
    "stripes": '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#fff" stroke-width="2"/>',
    "dots": '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',
    "crosses": '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#fff" stroke-width="1.5"/>',
}
# The font sizes pygal lays the chart out with; static/css/boardhub.css draws the text in the
# same sizes (pygal's own style sheet is taken out).
CHART_STYLE = Style(
    font_family="sans-serif",
    label_font_size=16,
    major_label_font_size=16,
    value_font_size=16,
    value_label_font_size=16,
    legend_font_size=16,
    title_font_size=18,
    colors=tuple(colour for colour, __ in SERIES_FILLS),
)
# pygal's parts that a page without scripts has no use for.
DROPPED_CLASSES = {"tooltip-overlay", "overlay"}
# Each line in turn: its dashes (stroke-dasharray) and the marker at each of its points.
SERIES_LINES = [
    ("none", "circle"),
    ("10 5", "square"),
    ("3 4", "triangle"),
    ("12 4 3 4", "diamond"),
]
MARKER_RADIUS = 6


def bar_chart(title, description, labels, series, *, unit="%", maximum=None):
    """A horizontal bar chart, as SVG markup safe to put in a page.

    `labels` name the bars' groups, top to bottom; `series` is [(name, values)], each value
    a number or None (not shown: a hidden figure has no bar). The bars say their values.
    Drawing one takes pygal about 10 ms, so each is kept in the cache under what it shows:
    the same figures give the same chart, and other figures another key.
    """
    drawn = [title, description, labels, [[name, list(values)] for name, values in series]]
    # "v3": charts kept before may read <svg:svg> (qrcode's prefix) or have unaligned labels.
    key = (
        "chart:v3:"
        + hashlib.sha256(json.dumps([*drawn, unit, maximum], default=str).encode()).hexdigest()
    )
    svg = cache.get(key)
    if svg is None:
        svg = _draw(title, description, labels, series, unit, maximum)
        cache.set(key, svg, CHART_SECONDS)
    # Safe: ElementTree escapes every label and name it writes (officers type some).
    return mark_safe(svg)  # noqa: S308


def line_chart(title, description, labels, series, *, unit=""):
    """A line chart, as SVG markup safe to put in a page: `labels` name the points along the
    bottom, left to right; `series` is [(name, values)], a value None where there is none.
    Kept in the cache as bar charts are."""
    drawn = ["line", title, description, labels, [[name, list(values)] for name, values in series]]
    key = "chart:v3:" + hashlib.sha256(json.dumps([*drawn, unit], default=str).encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        chart = pygal.Line(
            style=CHART_STYLE,
            js=[],
            css=[],
            no_prefix=True,
            disable_xml_declaration=True,
            explicit_size=False,
            width=560,
            height=360,
            show_dots=True,
            dots_size=MARKER_RADIUS,
            allow_interruptions=True,  # no line across a month with no figure
            x_label_rotation=0 if len(labels) <= 6 else 30,
            show_minor_x_labels=True,
            legend_at_bottom=True,
            legend_at_bottom_columns=min(len(series), 2),
            value_formatter=lambda value: f"{value:g}{unit}",
            truncate_legend=-1,
            margin=12,
        )
        chart.title = title
        chart.x_labels = list(labels)
        for name, values in series:
            chart.add(name, list(values))
        svg = accessible(chart.render(is_unicode=True), title, description, lines=True)
        cache.set(key, svg, CHART_SECONDS)
    # Safe: ElementTree escapes every label and name it writes (officers type some).
    return mark_safe(svg)  # noqa: S308


def _draw(title, description, labels, series, unit, maximum):
    chart = pygal.HorizontalBar(
        style=CHART_STYLE,
        js=[],
        css=[],
        no_prefix=True,
        disable_xml_declaration=True,
        explicit_size=False,
        width=560,
        height=110 + 30 * len(labels) * max(len(series), 1),
        print_values=True,
        print_values_position="top",
        show_y_guides=False,
        range=(0, maximum) if maximum else None,
        legend_at_bottom=True,
        legend_at_bottom_columns=len(series),
        value_formatter=lambda value: f"{value:g}{unit}",
        truncate_label=-1,
        margin=12,
    )
    chart.title = title
    # pygal draws the first group at the bottom: give them bottom first to read top down.
    chart.x_labels = list(reversed(labels))
    for name, values in series:
        chart.add(name, list(reversed(values)))
    return accessible(chart.render(is_unicode=True), title, description)


def accessible(svg, title, description, lines=False):
    """pygal's SVG with its script, styles and tooltips taken out, patterns (or, for `lines`,
    dashes and markers) put in, and a title and description an assistive technology reads."""
    root = fromstring(svg)
    chart_id = f"chart-{uuid.uuid4().hex[:8]}"
    _strip(root, keep={"overlay"} if lines else set())
    if lines:
        _mark_lines(root)
    defs = root.find(f"{{{SVG}}}defs")
    if defs is None:
        defs = ET.SubElement(root, f"{{{SVG}}}defs")
    fills = _add_patterns(defs, chart_id)
    _fill_series(root, fills)
    _anchor_text(root)

    for old_title in root.findall(f"{{{SVG}}}title"):
        root.remove(old_title)
    title_element = ET.Element(f"{{{SVG}}}title", id=f"{chart_id}-title")
    title_element.text = title
    desc_element = ET.Element(f"{{{SVG}}}desc", id=f"{chart_id}-desc")
    desc_element.text = description
    root.insert(0, desc_element)
    root.insert(0, title_element)
    root.set("id", chart_id)
    root.set("class", "chart")
    root.set("role", "img")
    root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
    root.set("focusable", "false")
    # ElementTree's prefixes belong to the whole process, and qrcode registers "svg:" each
    # time it draws a two-factor code: every chart after that would be <svg:svg>, which no
    # browser draws in an HTML page. So SVG is made the default again just before writing.
    ET.register_namespace("", SVG)
    return ET.tostring(root, encoding="unicode")


def _strip(element, keep):
    """Take out what a page without scripts has no use for; `keep`: classes to keep even so
    (a line chart's markers are in pygal's "overlay")."""
    for child in list(element):
        tag = child.tag.rsplit("}", 1)[-1]
        classes = set(child.get("class", "").split())
        dropped = (classes & DROPPED_CLASSES) - keep
        if tag in ("script", "style") or dropped or not isinstance(tag, str):
            element.remove(child)
            continue
        if tag == "desc" or (tag == "title" and element.get("class") == "guides"):
            element.remove(child)  # pygal's notes for its tooltips: noise to a screen reader
            continue
        child.attrib.pop("style", None)
        _strip(child, keep)


def _anchor_text(element, axis=""):
    """Align the text as pygal's style sheet (taken out) would: the title and the x axis'
    labels centred, the y axis' labels ending at the axis. As attributes, which the page's
    Content-Security-Policy allows and an image in a PDF keeps."""
    classes = element.get("class", "").split()
    if "axis" in classes:
        axis = "x" if "x" in classes else "y" if "y" in classes else axis
    if element.tag == f"{{{SVG}}}text":
        if axis == "x" and element.get("transform"):
            element.set("text-anchor", "start")  # turned labels hang from their point
        elif "title" in classes or "centered" in classes or "no_data" in classes or axis == "x":
            element.set("text-anchor", "middle")
        elif axis == "y":
            element.set("text-anchor", "end")
    for child in element:
        _anchor_text(child, axis)


def _mark_lines(root):
    """Give each line its colour and dashes, and each of its points its series' marker; the
    legend shows each series' marker on a stretch of its line, not a box."""
    for legend in root.iter(f"{{{SVG}}}g"):
        if not legend.get("id", "").startswith("activate-serie-"):
            continue
        number = int(legend.get("id").removeprefix("activate-serie-"))
        box = legend.find(f"{{{SVG}}}rect")
        if box is None:
            continue
        legend.remove(box)
        x, y = float(box.get("x")), float(box.get("y")) + float(box.get("height")) / 2
        colour = SERIES_FILLS[number % len(SERIES_FILLS)][0]
        dashes, marker = SERIES_LINES[number % len(SERIES_LINES)]
        stretch = ET.Element(
            f"{{{SVG}}}path",
            d=f"M{x - 8:g} {y:g} h28",
            stroke=colour,
            fill="none",
            **{"stroke-width": "3", "stroke-dasharray": dashes},
        )
        legend.insert(0, _marker(marker, x + 6, y, colour))
        legend.insert(0, stretch)
        for text in legend.iter(f"{{{SVG}}}text"):
            text.set("x", f"{float(text.get('x')) + 12:g}")
    for group in root.iter(f"{{{SVG}}}g"):
        classes = group.get("class", "").split()
        number = next(
            (int(c.removeprefix("serie-")) for c in classes if c.startswith("serie-")), None
        )
        if number is None:
            continue
        colour = SERIES_FILLS[number % len(SERIES_FILLS)][0]
        dashes, marker = SERIES_LINES[number % len(SERIES_LINES)]
        for line in group.iter(f"{{{SVG}}}path"):
            line.attrib.update(
                {"stroke": colour, "stroke-width": "3", "fill": "none", "stroke-dasharray": dashes}
            )
        for dots in group.iter(f"{{{SVG}}}g"):
            for dot in list(dots.findall(f"{{{SVG}}}circle")):
                dots.remove(dot)
                dots.append(_marker(marker, float(dot.get("cx")), float(dot.get("cy")), colour))


def _marker(shape, x, y, colour):
    r = MARKER_RADIUS
    if shape == "circle":
        return ET.Element(f"{{{SVG}}}circle", cx=f"{x:g}", cy=f"{y:g}", r=str(r), fill=colour)
    corners = {
        "square": [(-r, -r), (r, -r), (r, r), (-r, r)],
        "triangle": [(0, -r - 1), (r + 1, r), (-r - 1, r)],
        "diamond": [(0, -r - 2), (r + 2, 0), (0, r + 2), (-r - 2, 0)],
    }[shape]
    points = " ".join(f"{x + dx:g},{y + dy:g}" for dx, dy in corners)
    return ET.Element(f"{{{SVG}}}polygon", points=points, fill=colour)


def _add_patterns(defs, chart_id):
    """A <pattern> for each patterned series; returns each series' fill."""
    fills = []
    for colour, pattern in SERIES_FILLS:
        if pattern is None:
            fills.append(colour)
            continue
        pattern_id = f"{chart_id}-{pattern}"
        markup = (
            f'<pattern xmlns="{SVG}" id="{pattern_id}" width="8" height="8" '
            f'patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{colour}"/>'
            f"{PATTERN_SHAPES[pattern]}</pattern>"
        )
        defs.append(fromstring(markup))
        fills.append(f"url(#{pattern_id})")
    return fills


def _fill_series(root, fills):
    """Give each series' bars and its legend's box the series' fill, as attributes."""
    for element in root.iter():
        classes = element.get("class", "").split()
        colour = next((c for c in classes if c.startswith("color-")), None)
        if colour is None:
            continue
        fill = fills[int(colour.removeprefix("color-")) % len(fills)]
        targets = [element] if element.tag.endswith("rect") else element.iter(f"{{{SVG}}}rect")
        for rect in targets:
            rect.set("fill", fill)
            rect.set("stroke", "#0b0c0c")
