"""Draw the demo site's pictures: simple, flat illustrations with no words in them.

Run it from the repository root to (re)make the PNGs in site/demo/images/:

    .venv/bin/python site/demo/draw_pictures.py

The pictures are drawn at twice their size and scaled down, which smooths the edges, then
reduced to a small palette so each file stays a few tens of kilobytes. They hold no text:
words belong in the page and in each picture's alt text, where everyone can read them.
"""

from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 800, 500
SCALE = 2  # draw at 2x, then scale down for smooth edges
IMAGES_DIR = Path(__file__).resolve().parent / "images"

# A calm palette with strong contrast between each shape and what is behind it.
BACKGROUND = "#eef4f2"
INK = "#1d3b45"
TEAL = "#1f7a78"
SUN = "#f2b134"
CORAL = "#e0684b"
SKY = "#5b8fd6"
PLUM = "#8a5a9e"
LEAF = "#6aa84f"
WHITE = "#ffffff"
TABLE = "#b07a4f"
SKIN_TONES = ["#f1c7a3", "#c98e63", "#8d5a3b", "#e6b08a", "#5c3a26"]


def canvas(background=BACKGROUND):
    image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
    return image, ImageDraw.Draw(image)


def s(*values):
    """Scale coordinates drawn on an 800x500 grid up to the working size."""
    return [value * SCALE for value in values]


def save(image, name):
    small = image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    small = small.quantize(colors=96, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
    path = IMAGES_DIR / name
    small.save(path, optimize=True)
    return path


def person(draw, x, y, shirt, skin, size=1.0):
    """A seated person seen from the front: head and shoulders, centred on x."""
    head = 34 * size
    draw.rounded_rectangle(
        s(x - 58 * size, y + 20 * size, x + 58 * size, y + 150 * size),
        radius=48 * SCALE * size,
        fill=shirt,
    )
    draw.ellipse(s(x - head, y - 62 * size, x + head, y + 6 * size), fill=skin)


def board_around_table():
    """Five people sitting round a table, talking: the board at work."""
    image, draw = canvas()
    draw.ellipse(s(40, 380, 760, 520), fill="#d9e7e3")
    # People behind the table.
    for x, shirt, skin in [
        (150, TEAL, SKIN_TONES[0]),
        (280, CORAL, SKIN_TONES[2]),
        (410, SKY, SKIN_TONES[1]),
        (540, PLUM, SKIN_TONES[3]),
    ]:
        person(draw, x, 170, shirt, skin)
    # A wheelchair user at the end of the table.
    draw.rounded_rectangle(s(650, 200, 750, 340), radius=16 * SCALE, fill="#9fb3b8")
    person(draw, 700, 210, LEAF, SKIN_TONES[4], size=0.9)
    draw.ellipse(s(640, 300, 760, 420), outline=INK, width=10 * SCALE)
    draw.line(s(700, 300, 700, 420), fill=INK, width=4 * SCALE)
    draw.line(s(640, 360, 760, 360), fill=INK, width=4 * SCALE)
    # The table, with papers and cups on it.
    draw.rounded_rectangle(s(60, 300, 610, 350), radius=14 * SCALE, fill=TABLE)
    draw.rectangle(s(100, 350, 120, 440), fill=TABLE)
    draw.rectangle(s(550, 350, 570, 440), fill=TABLE)
    for left in (120, 370):
        draw.rectangle(s(left, 285, left + 70, 302), fill=WHITE)
        draw.line(s(left + 10, 292, left + 60, 292), fill="#9fb3b8", width=2 * SCALE)
    for left in (250, 480):
        draw.rounded_rectangle(s(left, 268, left + 30, 302), radius=6 * SCALE, fill=SUN)
        draw.arc(s(left + 22, 276, left + 44, 294), 270, 90, fill=SUN, width=5 * SCALE)
    # Two small speech bubbles: people are talking.
    draw.rounded_rectangle(s(170, 40, 250, 92), radius=20 * SCALE, fill=WHITE)
    draw.polygon(s(195, 90, 217, 90, 201, 110), fill=WHITE)
    draw.rounded_rectangle(s(445, 30, 535, 86), radius=20 * SCALE, fill=WHITE)
    draw.polygon(s(475, 84, 500, 84, 482, 106), fill=WHITE)
    for cx, cy in [(190, 66), (210, 66), (230, 66), (470, 58), (490, 58), (510, 58)]:
        draw.ellipse(s(cx - 6, cy - 6, cx + 6, cy + 6), fill=INK)
    return save(image, "board-around-table.png")


def speech_bubbles():
    """Two overlapping speech bubbles: having your say."""
    image, draw = canvas("#fdf3e1")
    draw.rounded_rectangle(s(120, 70, 470, 290), radius=60 * SCALE, fill=TEAL)
    draw.polygon(s(190, 280, 260, 280, 170, 380), fill=TEAL)
    for y in (135, 180, 225):
        draw.rounded_rectangle(s(170, y, 420 - (y - 135), y + 18), radius=9 * SCALE, fill=WHITE)
    draw.rounded_rectangle(s(360, 190, 690, 400), radius=60 * SCALE, fill=SUN)
    draw.polygon(s(600, 390, 540, 390, 640, 470), fill=SUN)
    # A tick in the second bubble: we listened and acted.
    draw.line(s(470, 300, 515, 345, 600, 245), fill=INK, width=22 * SCALE, joint="curve")
    return save(image, "speech-bubbles.png")


def magnifying_glass():
    """A magnifying glass over a page with a chart: looking at what changed."""
    image, draw = canvas("#eaf0fb")
    draw.rounded_rectangle(s(170, 50, 500, 450), radius=18 * SCALE, fill=WHITE)
    for y in (95, 130, 165):
        draw.rounded_rectangle(s(210, y, 460, y + 14), radius=7 * SCALE, fill="#c5d3e6")
    for x, top, colour in [(225, 330, SKY), (285, 280, TEAL), (345, 240, LEAF), (405, 300, CORAL)]:
        draw.rectangle(s(x, top, x + 40, 410), fill=colour)
    draw.line(s(530, 330, 680, 470), fill=INK, width=34 * SCALE)
    draw.ellipse(s(370, 150, 590, 370), fill="#d7ecf5", outline=INK, width=22 * SCALE)
    draw.arc(s(410, 190, 550, 330), 200, 260, fill=WHITE, width=12 * SCALE)
    return save(image, "magnifying-glass.png")


def letter_a(draw, left, bottom, height, colour, background=WHITE):
    """A capital A drawn from shapes, so the picture needs no font."""
    half = height * 0.4
    stroke = height * 0.2
    top_half = stroke * 0.45
    centre = left + half
    top = bottom - height
    # The outer shape, a tall trapezium.
    draw.polygon(
        s(left, bottom, centre - top_half, top, centre + top_half, top, left + 2 * half, bottom),
        fill=colour,
    )
    # Cut out the space between the legs: a triangle with sides parallel to the outside.
    inner_half = half - stroke
    inner_height = inner_half * height / (half - top_half)
    draw.polygon(
        s(centre - inner_half, bottom, centre, bottom - inner_height, centre + inner_half, bottom),
        fill=background,
    )
    # The crossbar.
    bar_bottom = bottom - height * 0.28
    draw.rectangle(
        s(centre - inner_half, bar_bottom - stroke * 0.7, centre + inner_half, bar_bottom),
        fill=colour,
    )


def larger_text_and_contrast():
    """A small and a large letter A, and a half-dark circle: text size and contrast controls."""
    image, draw = canvas("#f4f1fa")
    draw.rounded_rectangle(s(60, 90, 500, 410), radius=30 * SCALE, fill=WHITE)
    letter_a(draw, 110, 340, 110, INK)
    letter_a(draw, 250, 360, 220, PLUM)
    # An arrow from the small letter to the large one.
    draw.line(s(150, 380, 360, 380), fill=SUN, width=10 * SCALE)
    draw.polygon(s(360, 365, 390, 380, 360, 395), fill=SUN)
    # Contrast: a circle, half black and half white.
    draw.ellipse(s(550, 150, 750, 350), fill=WHITE, outline=INK, width=10 * SCALE)
    draw.pieslice(s(550, 150, 750, 350), 90, 270, fill=INK)
    return save(image, "larger-text-and-contrast.png")


def padlock():
    """A padlock on a folder: your information is kept safe."""
    image, draw = canvas("#eef6ec")
    draw.rounded_rectangle(s(120, 150, 520, 420), radius=24 * SCALE, fill=SUN)
    draw.rounded_rectangle(s(120, 110, 280, 180), radius=20 * SCALE, fill=SUN)
    draw.rounded_rectangle(s(135, 175, 505, 405), radius=18 * SCALE, fill="#f7c95f")
    draw.arc(s(480, 80, 680, 300), 180, 360, fill=INK, width=36 * SCALE)
    draw.line(s(498, 190, 498, 240), fill=INK, width=36 * SCALE)
    draw.line(s(662, 190, 662, 240), fill=INK, width=36 * SCALE)
    draw.rounded_rectangle(s(450, 220, 710, 440), radius=26 * SCALE, fill=TEAL)
    draw.ellipse(s(558, 285, 602, 329), fill=INK)
    draw.polygon(s(568, 315, 592, 315, 600, 380, 560, 380), fill=INK)
    return save(image, "padlock.png")


def main():
    IMAGES_DIR.mkdir(exist_ok=True)
    for draw_picture in (
        board_around_table,
        speech_bubbles,
        magnifying_glass,
        larger_text_and_contrast,
        padlock,
    ):
        path = draw_picture()
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
