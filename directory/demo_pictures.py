"""Pictures for the demo, drawn here with Pillow (never downloaded): flat illustrations of a
field, an orchard, a henhouse, market-garden greens, a market stall and a kitchen table, in
the site's greens and earth colours. Each is saved once as a Wagtail image, as an editor
uploads one, and found again by its title when the demo is loaded again."""

import io
import random

from django.core.files.images import ImageFile

from PIL import Image as Picture
from PIL import ImageDraw

WIDTH, HEIGHT = 960, 640
SKY, SKY_LOW = (198, 226, 236), (238, 244, 232)
HILLS = [(143, 179, 120), (108, 152, 96)]
EARTH, EARTH_DARK = (139, 98, 64), (110, 76, 50)
LEAF, LEAF_DARK = (74, 133, 74), (46, 98, 56)
WOOD, RED, CREAM = (121, 85, 58), (196, 64, 52), (246, 236, 214)


def _landscape(draw, rng, ground):
    """Sky fading to the horizon, a sun, two lines of hills, and the ground from `ground`."""
    for y in range(ground):
        mix = y / ground
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(round(a + (b - a) * mix) for a, b in zip(SKY, SKY_LOW, strict=True)),
        )
    sun_x = rng.randint(120, WIDTH - 120)
    draw.ellipse([sun_x - 54, 60, sun_x + 54, 168], fill=(250, 214, 110))
    for index, colour in enumerate(HILLS):
        top = ground - 90 + index * 40
        for step in range(-1, 5):
            centre = step * 260 + rng.randint(-60, 60)
            draw.ellipse([centre - 260, top, centre + 260, top + 220], fill=colour)
    draw.rectangle([0, ground, WIDTH, HEIGHT], fill=HILLS[1])


def _field(draw, rng):
    _landscape(draw, rng, 330)
    for row in range(7):
        y = 350 + row * 42
        draw.rectangle([0, y, WIDTH, y + 26], fill=EARTH if row % 2 else EARTH_DARK)
        for x in range(20 + (row % 2) * 30, WIDTH, 60):
            draw.ellipse([x, y - 18, x + 34, y + 10], fill=LEAF if (x // 60) % 2 else LEAF_DARK)
            draw.polygon([(x + 12, y + 6), (x + 22, y + 6), (x + 17, y + 26)], fill=(232, 128, 48))
    _barn(draw, 700, 210)


def _orchard(draw, rng):
    _landscape(draw, rng, 360)
    for row, (top, size) in enumerate(((300, 70), (390, 95))):
        for x in range(60 + row * 70, WIDTH, 220):
            draw.rectangle([x - 9, top + size, x + 9, top + size * 2 + 20], fill=WOOD)
            draw.ellipse([x - size, top, x + size, top + size * 1.6], fill=LEAF_DARK)
            for _apple in range(9):
                ax = x + rng.randint(-size + 20, size - 20)
                ay = top + rng.randint(20, int(size * 1.3))
                draw.ellipse([ax - 9, ay - 9, ax + 9, ay + 9], fill=RED)
    for x in (200, 236, 640):
        draw.rectangle([x, 560, x + 60, 600], fill=WOOD)
        for ax in range(x + 8, x + 56, 16):
            draw.ellipse([ax - 8, 546, ax + 8, 562], fill=RED)


def _henhouse(draw, rng):
    _landscape(draw, rng, 350)
    _barn(draw, 120, 220, width=300)
    draw.line([(0, 470), (WIDTH, 470)], fill=CREAM, width=6)
    for x in range(0, WIDTH, 48):
        draw.line([(x, 440), (x, 520)], fill=CREAM, width=6)
    for _hen in range(7):
        x, y = rng.randint(460, WIDTH - 80), rng.randint(520, 590)
        draw.ellipse([x, y, x + 64, y + 44], fill=CREAM)
        draw.ellipse([x + 44, y - 22, x + 72, y + 6], fill=CREAM)
        draw.polygon([(x + 70, y - 10), (x + 84, y - 5), (x + 70, y)], fill=(232, 170, 48))
        draw.ellipse([x + 52, y - 34, x + 64, y - 20], fill=RED)
    for x in (560, 620, 680):
        draw.ellipse([x, 600, x + 26, 634], fill=(250, 244, 228), outline=EARTH, width=2)


def _greens(draw, rng):
    _landscape(draw, rng, 320)
    # A tunnel greenhouse behind beds of lettuce.
    draw.chord(
        [180, 150, 780, 520], 180, 360, fill=(226, 238, 236), outline=(170, 190, 190), width=4
    )
    for x in range(240, 760, 60):
        draw.line([(x, 200), (x, 335)], fill=(170, 190, 190), width=3)
    for row in range(5):
        y = 380 + row * 52
        draw.rectangle([0, y + 10, WIDTH, y + 40], fill=EARTH)
        for x in range(30 + (row % 2) * 40, WIDTH, 80):
            colour = (122, 186, 92) if (x // 80 + row) % 3 else (150, 60, 90)
            for ring in range(3):
                size = 34 - ring * 10
                draw.ellipse([x - size, y - size // 2, x + size, y + size], fill=colour)
                colour = tuple(min(255, c + 25) for c in colour)


def _market(draw, rng):
    _landscape(draw, rng, 380)
    draw.rectangle([120, 300, 840, 330], fill=WOOD)
    for index, x in enumerate(range(120, 840, 80)):
        draw.polygon(
            [(x, 200), (x + 80, 200), (x + 80, 300), (x + 40, 330), (x, 300)],
            fill=RED if index % 2 else CREAM,
        )
    for x in (140, 812):
        draw.rectangle([x, 300, x + 14, 600], fill=WOOD)
    draw.rectangle([120, 470, 840, 500], fill=WOOD)
    crates = [RED, (232, 128, 48), LEAF, (250, 214, 110), (150, 60, 90), LEAF_DARK]
    for index, x in enumerate(range(160, 800, 110)):
        draw.rectangle([x, 420, x + 96, 472], fill=EARTH_DARK)
        for _piece in range(10):
            px, py = x + rng.randint(10, 86), 420 + rng.randint(-4, 20)
            draw.ellipse([px - 12, py - 12, px + 12, py + 12], fill=crates[index])


def _kitchen(draw, rng):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=(240, 232, 214))
    for x in range(0, WIDTH, 80):
        draw.line([(x, 0), (x, 360)], fill=(226, 214, 190), width=2)
    draw.rectangle([0, 360, WIDTH, HEIGHT], fill=WOOD)
    draw.rectangle([0, 360, WIDTH, 380], fill=EARTH_DARK)
    # A soup pot, a cutting board with carrots, a bowl of apples, jars of preserves.
    draw.rectangle([120, 250, 380, 420], fill=(90, 110, 120))
    draw.rectangle([100, 238, 400, 258], fill=(70, 88, 98))
    for wisp in range(3):
        x = 180 + wisp * 70
        draw.arc([x, 190, x + 50, 290], 200, 340, fill=(255, 255, 255), width=5)
    draw.rounded_rectangle([440, 430, 760, 500], radius=14, fill=(214, 170, 112))
    for index in range(4):
        x = 470 + index * 70
        draw.polygon([(x, 450), (x + 50, 458), (x, 470)], fill=(232, 128, 48))
        draw.line([(x - 14, 456), (x, 460)], fill=LEAF, width=6)
    draw.chord([780, 420, 940, 540], 0, 180, fill=CREAM)
    for index in range(5):
        ax = 792 + index * 24 + rng.randint(-4, 4)
        draw.ellipse([ax, 452 - (index % 2) * 14, ax + 34, 486 - (index % 2) * 14], fill=RED)
    for index, colour in enumerate([RED, (232, 128, 48), (150, 60, 90)]):
        x = 480 + index * 90
        draw.rounded_rectangle([x, 300, x + 66, 400], radius=8, fill=colour)
        draw.rectangle([x + 6, 286, x + 60, 302], fill=(200, 200, 200))


def _barn(draw, x, y, width=200):
    height = width * 0.7
    draw.rectangle([x, y + height * 0.45, x + width, y + height * 1.45], fill=RED)
    draw.polygon(
        [(x - 14, y + height * 0.47), (x + width / 2, y), (x + width + 14, y + height * 0.47)],
        fill=(150, 50, 44),
    )
    door = width * 0.3
    draw.rectangle(
        [x + width / 2 - door / 2, y + height * 0.8, x + width / 2 + door / 2, y + height * 1.45],
        fill=CREAM,
    )


SCENES = {
    "field": _field,
    "orchard": _orchard,
    "henhouse": _henhouse,
    "greens": _greens,
    "market": _market,
    "kitchen": _kitchen,
}


def drawing(scene, seed=0):
    """The scene as PNG bytes; the same seed draws the same picture."""
    picture = Picture.new("RGB", (WIDTH, HEIGHT))
    rng = random.Random(f"{scene}:{seed}")  # noqa: S311 (shapes, not secrets)
    SCENES[scene](ImageDraw.Draw(picture), rng)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def wagtail_image(title, scene, seed=0):
    """The Wagtail image of that title, drawn and saved when missing."""
    from wagtail.images import get_image_model

    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(drawing(scene, seed)), name=f"demo-{scene}-{seed}.png")
        image.save()
    return image
