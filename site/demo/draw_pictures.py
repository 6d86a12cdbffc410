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


def canvas(background=BACKGROUND, size=(WIDTH, HEIGHT)):
    image = Image.new("RGB", (size[0] * SCALE, size[1] * SCALE), background)
    return image, ImageDraw.Draw(image)


def s(*values):
    """Scale coordinates drawn on an 800x500 grid up to the working size."""
    return [value * SCALE for value in values]


def save(image, name):
    small = image.resize((image.width // SCALE, image.height // SCALE), Image.Resampling.LANCZOS)
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


# Easy read pictures (boardhub.easyread): square, one idea each, with thick dark outlines on a
# light background so the shape reads at 10rem wide and when printed in black and white.

ICON = (400, 400)
LINE = 8 * SCALE  # the outline round every shape


def icon_canvas(background=BACKGROUND):
    return canvas(background, ICON)


def outlined(draw, shape, box, fill, **kwargs):
    """Draw a rectangle, rounded rectangle or ellipse filled and outlined in ink."""
    getattr(draw, shape)(s(*box), fill=fill, outline=INK, width=LINE, **kwargs)


def tick_mark(draw, points, width=34):
    draw.line(s(*points), fill=INK, width=width * SCALE, joint="curve")


def standing_person(draw, x, top, shirt, skin, size=1.0):
    """A person from the waist up, centred on x, outlined so it stands out on any background."""
    outlined(
        draw,
        "rounded_rectangle",
        (x - 70 * size, top + 95 * size, x + 70 * size, top + 250 * size),
        shirt,
        radius=int(55 * SCALE * size),
    )
    outlined(draw, "ellipse", (x - 45 * size, top, x + 45 * size, top + 90 * size), skin)


def money():
    """A bank note and a pile of coins: money to spend on your care."""
    image, draw = icon_canvas("#eef6ec")
    outlined(draw, "rounded_rectangle", (40, 90, 300, 240), LEAF, radius=16 * SCALE)
    outlined(draw, "ellipse", (130, 125, 210, 205), "#cfe8c3")
    for bottom in (350, 320, 290, 260):
        outlined(draw, "ellipse", (200, bottom - 60, 360, bottom), SUN)
    return save(image, "er-money.png")


def bank_card():
    """A bank card: the money goes into your own bank account."""
    image, draw = icon_canvas("#eaf0fb")
    outlined(draw, "rounded_rectangle", (40, 100, 360, 300), SKY, radius=22 * SCALE)
    draw.rectangle(s(44, 140, 356, 175), fill=INK)
    outlined(draw, "rounded_rectangle", (75, 200, 135, 250), SUN, radius=8 * SCALE)
    for left in (170, 230, 290):
        draw.rounded_rectangle(s(left, 222, left + 45, 236), radius=6 * SCALE, fill=WHITE)
    return save(image, "er-bank-card.png")


def calendar():
    """A calendar page with one day ringed: a date to remember."""
    image, draw = icon_canvas("#fdf3e1")
    outlined(draw, "rounded_rectangle", (50, 70, 350, 350), WHITE, radius=18 * SCALE)
    draw.rounded_rectangle(s(54, 74, 346, 135), radius=14 * SCALE, fill=CORAL)
    draw.line(s(50, 135, 350, 135), fill=INK, width=LINE)
    for x in (120, 280):
        draw.rounded_rectangle(s(x - 10, 40, x + 10, 100), radius=8 * SCALE, fill=INK)
    for row in range(3):
        for column in range(4):
            left, top = 80 + column * 65, 160 + row * 62
            draw.rounded_rectangle(s(left, top, left + 45, top + 40), radius=6, fill="#c5d3e6")
    draw.rounded_rectangle(s(80, 160, 125, 200), radius=6, fill=TEAL)
    draw.ellipse(s(62, 145, 143, 215), outline=INK, width=LINE)
    return save(image, "er-calendar.png")


def receipts():
    """A till receipt and a coin: keep a record of what you spend."""
    image, draw = icon_canvas("#f4f1fa")
    teeth = [(70 + step * 20, 340 + (step % 2) * 18) for step in range(11)]
    outline = [(70, 50), (270, 50), *reversed(teeth)]
    draw.polygon(s(*[value for point in outline for value in point]), fill=WHITE, outline=INK)
    draw.line(
        s(*[value for point in [*outline, outline[0]] for value in point]), fill=INK, width=LINE
    )
    for top in (95, 140, 185, 230):
        draw.rounded_rectangle(s(100, top, 240, top + 16), radius=8 * SCALE, fill="#9fb3b8")
    draw.rounded_rectangle(s(100, 280, 240, 300), radius=8 * SCALE, fill=INK)
    outlined(draw, "ellipse", (240, 230, 360, 350), SUN)
    outlined(draw, "ellipse", (270, 260, 330, 320), "#f7c95f")
    return save(image, "er-receipts.png")


def you_choose():
    """A person beside a big tick: you make the choice."""
    image, draw = icon_canvas("#eef4f2")
    standing_person(draw, 130, 90, PLUM, SKIN_TONES[1])
    outlined(draw, "ellipse", (220, 60, 380, 220), WHITE)
    tick_mark(draw, (255, 140, 290, 180, 350, 100))
    return save(image, "er-you-choose.png")


def care_worker():
    """A care worker handing a cup of tea to the person they support."""
    image, draw = icon_canvas("#eef4f2")
    standing_person(draw, 105, 110, TEAL, SKIN_TONES[2], size=0.9)
    standing_person(draw, 295, 110, CORAL, SKIN_TONES[0], size=0.9)
    outlined(draw, "rounded_rectangle", (175, 250, 225, 310), WHITE, radius=8 * SCALE)
    draw.arc(s(210, 262, 245, 298), 270, 90, fill=INK, width=LINE)
    return save(image, "er-care-worker.png")


def two_people_talking():
    """Two people and a speech bubble between them: a talk about what you need."""
    image, draw = icon_canvas("#eaf0fb")
    standing_person(draw, 95, 150, SKY, SKIN_TONES[3], size=0.8)
    standing_person(draw, 305, 150, LEAF, SKIN_TONES[4], size=0.8)
    outlined(draw, "rounded_rectangle", (120, 30, 280, 120), WHITE, radius=30 * SCALE)
    for x in (160, 200, 240):
        draw.ellipse(s(x - 10, 65, x + 10, 85), fill=INK)
    return save(image, "er-two-people-talking.png")


def house():
    """A house: at home."""
    image, draw = icon_canvas("#eef6ec")
    outlined(draw, "rectangle", (80, 180, 320, 350), SUN)
    draw.polygon(s(50, 190, 200, 60, 350, 190), fill=CORAL, outline=INK)
    draw.line(s(50, 190, 200, 60, 350, 190, 50, 190), fill=INK, width=LINE, joint="curve")
    outlined(draw, "rectangle", (170, 250, 230, 350), TEAL)
    for left in (105, 255):
        outlined(draw, "rectangle", (left, 215, left + 45, 260), WHITE)
    return save(image, "er-house.png")


def phone():
    """A mobile phone with sound coming from it: call us."""
    image, draw = icon_canvas("#fdf3e1")
    outlined(draw, "rounded_rectangle", (130, 40, 270, 360), INK, radius=24 * SCALE)
    draw.rounded_rectangle(s(148, 80, 252, 300), radius=8 * SCALE, fill=SKY)
    draw.ellipse(s(185, 315, 215, 345), fill=WHITE)
    for radius in (40, 75):
        draw.arc(
            s(270 - radius, 130 - radius, 270 + radius, 130 + radius), 300, 30, fill=INK, width=LINE
        )
    return save(image, "er-phone.png")


def letter():
    """An envelope: we write to you."""
    image, draw = icon_canvas("#f4f1fa")
    outlined(draw, "rectangle", (40, 100, 360, 310), WHITE)
    draw.line(s(44, 104, 200, 220, 356, 104), fill=INK, width=LINE, joint="curve")
    draw.line(s(44, 306, 160, 190), fill=INK, width=LINE)
    draw.line(s(356, 306, 240, 190), fill=INK, width=LINE)
    return save(image, "er-letter.png")


def list_and_pencil():
    """A list with boxes to tick and a pencil: write down what you want to say."""
    image, draw = icon_canvas("#eef4f2")
    outlined(draw, "rounded_rectangle", (60, 40, 290, 360), WHITE, radius=12 * SCALE)
    for top in (90, 170, 250):
        outlined(draw, "rectangle", (90, top, 135, top + 45), WHITE)
        draw.rounded_rectangle(s(155, top + 14, 260, top + 30), radius=8 * SCALE, fill="#9fb3b8")
    tick_mark(draw, (97, 110, 110, 125, 130, 95), width=12)
    draw.polygon(s(300, 90, 350, 110, 290, 330, 260, 350, 250, 315), fill=SUN, outline=INK)
    draw.line(s(300, 90, 350, 110, 290, 330, 260, 350, 250, 315, 300, 90), fill=INK, width=LINE)
    return save(image, "er-list.png")


def someone_with_you():
    """Two people side by side with a heart above them: someone you trust comes with you."""
    image, draw = icon_canvas("#fdf3e1")
    standing_person(draw, 120, 140, SKY, SKIN_TONES[1], size=0.9)
    standing_person(draw, 280, 140, PLUM, SKIN_TONES[3], size=0.9)
    draw.ellipse(s(160, 40, 205, 85), fill=CORAL)
    draw.ellipse(s(195, 40, 240, 85), fill=CORAL)
    draw.polygon(s(163, 72, 237, 72, 200, 120), fill=CORAL)
    return save(image, "er-someone-with-you.png")


def tick():
    """A big tick in a circle: yes, you can."""
    image, draw = icon_canvas("#eef6ec")
    outlined(draw, "ellipse", (50, 50, 350, 350), LEAF)
    draw.line(s(120, 200, 180, 260, 290, 140), fill=WHITE, width=40 * SCALE, joint="curve")
    return save(image, "er-tick.png")


def ambulance():
    """An ambulance with its light on: call 999 in an emergency."""
    image, draw = icon_canvas("#eaf0fb")
    outlined(draw, "rounded_rectangle", (30, 130, 370, 300), WHITE, radius=16 * SCALE)
    outlined(draw, "rounded_rectangle", (250, 150, 340, 210), SKY, radius=8 * SCALE)
    draw.rectangle(s(34, 240, 366, 262), fill=CORAL)
    draw.rectangle(s(110, 150, 140, 230), fill=CORAL)
    draw.rectangle(s(85, 175, 165, 205), fill=CORAL)
    outlined(draw, "rounded_rectangle", (140, 95, 200, 133), SKY, radius=10 * SCALE)
    for x in (100, 300):
        outlined(draw, "ellipse", (x - 38, 262, x + 38, 338), INK)
        draw.ellipse(s(x - 14, 286, x + 14, 314), fill=WHITE)
    return save(image, "er-ambulance.png")


def doctor():
    """A doctor in a white coat with a stethoscope."""
    image, draw = icon_canvas("#eef4f2")
    standing_person(draw, 200, 60, WHITE, SKIN_TONES[2], size=1.2)
    draw.polygon(s(170, 180, 230, 180, 200, 250), fill=SKY)
    draw.arc(s(140, 170, 260, 300), 20, 160, fill=INK, width=LINE)
    outlined(draw, "ellipse", (228, 258, 262, 292), SUN)
    return save(image, "er-doctor.png")


def chemist():
    """A chemist's green cross and a bottle of pills."""
    image, draw = icon_canvas("#eef6ec")
    cross = (110, 40, 190, 240, 40, 110, 260, 190)
    outlined(draw, "rectangle", (cross[0], cross[1], cross[2], cross[3]), LEAF)
    outlined(draw, "rectangle", (cross[4], cross[5], cross[6], cross[7]), LEAF)
    draw.rectangle(s(114, 114, 186, 186), fill=LEAF)
    outlined(draw, "rounded_rectangle", (240, 200, 360, 360), SUN, radius=14 * SCALE)
    outlined(draw, "rectangle", (255, 170, 345, 205), WHITE)
    outlined(draw, "rectangle", (255, 250, 345, 310), WHITE)
    return save(image, "er-chemist.png")


def town_hall():
    """Larkfield Town Hall: a building with a pointed roof, columns and steps."""
    image, draw = icon_canvas("#f4f1fa")
    draw.polygon(s(40, 130, 200, 40, 360, 130), fill=TEAL)
    draw.line(s(40, 130, 200, 40, 360, 130, 40, 130), fill=INK, width=LINE, joint="curve")
    outlined(draw, "rectangle", (60, 130, 340, 160), WHITE)
    for left in (80, 150, 220, 290):
        outlined(draw, "rectangle", (left, 160, left + 30, 300), WHITE)
    outlined(draw, "rectangle", (50, 300, 350, 325), "#c5d3e6")
    outlined(draw, "rectangle", (30, 325, 370, 355), "#c5d3e6")
    return save(image, "er-town-hall.png")


def keep_safe():
    """A shield with a heart on it: keeping people safe."""
    image, draw = icon_canvas("#fdf3e1")
    shield = (60, 70, 200, 30, 340, 70, 330, 230, 200, 370, 70, 230)
    draw.polygon(s(*shield), fill=SKY)
    draw.line(s(*shield, 60, 70), fill=INK, width=LINE, joint="curve")
    draw.ellipse(s(130, 120, 205, 195), fill=WHITE)
    draw.ellipse(s(195, 120, 270, 195), fill=WHITE)
    draw.polygon(s(135, 172, 265, 172, 200, 260), fill=WHITE)
    return save(image, "er-keep-safe.png")


def stop_sign():
    """A stop sign: you can stop at any time."""
    image, draw = icon_canvas("#eef4f2")
    draw.regular_polygon((200 * SCALE, 200 * SCALE, 160 * SCALE), 8, rotation=22.5, fill=INK)
    draw.regular_polygon((200 * SCALE, 200 * SCALE, 144 * SCALE), 8, rotation=22.5, fill=CORAL)
    draw.rounded_rectangle(s(105, 175, 295, 225), radius=10 * SCALE, fill=WHITE)
    return save(image, "er-stop.png")


EASY_READ_PICTURES = (
    money,
    bank_card,
    calendar,
    receipts,
    you_choose,
    care_worker,
    two_people_talking,
    house,
    phone,
    letter,
    list_and_pencil,
    someone_with_you,
    tick,
    ambulance,
    doctor,
    chemist,
    town_hall,
    keep_safe,
    stop_sign,
)


def main():
    IMAGES_DIR.mkdir(exist_ok=True)
    for draw_picture in (
        board_around_table,
        speech_bubbles,
        magnifying_glass,
        larger_text_and_contrast,
        padlock,
        *EASY_READ_PICTURES,
    ):
        path = draw_picture()
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
