"""A map scene as a picture, for terminals with a graphics protocol (Kitty, Sixel): the
same scene the cells show, drawn with Pillow at a few pixels per Braille dot."""

from __future__ import annotations

from typing import Any

from inspector.services.mapview import STATE_GROUP, Overlay, Scene, accuracy_radius_px, scale_bar

SCALE = 4
"""Picture pixels per scene pixel (a Braille dot)."""
RGB = {
    "boundary": (150, 150, 110),
    "river": (70, 150, 255),
    "other": (170, 170, 170),
    "investigate": (255, 210, 0),
    "remediate": (255, 80, 60),
    "closing": (220, 110, 255),
    "supervised": (60, 210, 90),
    "gone": (130, 130, 130),
    "accuracy": (0, 220, 220),
    "me": (0, 255, 255),
    "target": (255, 140, 0),
    "selected": (255, 255, 255),
    "scale": (230, 230, 230),
}


def picture(scene: Scene, overlay: Overlay | None, *, columns: int, rows: int) -> Any:
    """A Pillow image of the scene (textual-image scales it to the widget's cells)."""
    from PIL import Image, ImageDraw

    v = scene.viewport
    image = Image.new("RGB", (max(1, v.width * SCALE), max(1, v.height * SCALE)), (16, 20, 28))
    draw = ImageDraw.Draw(image)

    def xy(x: float, y: float) -> tuple[float, float]:
        return x * SCALE, y * SCALE

    for kind, lines in scene.lines:
        colour = RGB[
            "boundary" if kind == "boundaries" else "river" if kind == "rivers" else "other"
        ]
        for line in lines:
            draw.line([xy(*p) for p in line], fill=colour, width=2 if kind == "rivers" else 1)
    for x, y, size, group in scene.cells:
        half = max(size, 1.0) * SCALE / 2
        cx, cy = xy(x, y)
        draw.rectangle((cx - half, cy - half, cx + half, cy + half), fill=RGB[group])
    radius = 5 if scene.points is not None and len(scene.points) < 900 else 2
    for p in scene.points or []:
        cx, cy = xy(*v.project(p.lat, p.lon))
        colour = RGB[STATE_GROUP.get(p.state, "gone")]
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=colour)
    if overlay is not None:
        if overlay.me is not None:
            lat, lon, accuracy, live = overlay.me
            cx, cy = xy(*v.project(lat, lon))
            r = accuracy_radius_px(v, accuracy) * SCALE
            if r >= 2:
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=RGB["accuracy"], width=2)
            colour = RGB["me"] if live else RGB["gone"]
            draw.ellipse((cx - 7, cy - 7, cx + 7, cy + 7), fill=colour, outline=(0, 0, 0))
        if overlay.target is not None:
            cx, cy = xy(*v.project(overlay.target.lat, overlay.target.lon))
            draw.line((cx - 9, cy, cx + 9, cy), fill=RGB["target"], width=3)
            draw.line((cx, cy - 9, cx, cy + 9), fill=RGB["target"], width=3)
        if overlay.selected is not None:
            cx, cy = xy(*v.project(overlay.selected.lat, overlay.selected.lon))
            draw.polygon(
                [(cx, cy - 9), (cx + 9, cy), (cx, cy + 9), (cx - 9, cy)],
                outline=RGB["selected"],
                width=3,
            )
    length, label = scale_bar(v.m_per_px, v.width / 4)
    x0, y0 = 12, image.height - 14
    draw.line((x0, y0, x0 + length * SCALE, y0), fill=RGB["scale"], width=3)
    draw.text((x0 + length * SCALE + 8, y0 - 10), label, fill=RGB["scale"])
    draw.text((image.width - 24, 8), "N", fill=RGB["scale"])
    draw.line((image.width - 20, 40, image.width - 20, 22), fill=RGB["scale"], width=3)
    return image
