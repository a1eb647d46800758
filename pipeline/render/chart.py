"""The completion-by-section chart the report may carry (ThongTin "Biểu đồ trong báo
cáo"), as PNG bytes.

Drawn with Pillow: each bar is labelled with its Roman numeral and a short section name
("II. Thủ tục hành chính"), so the font must have Vietnamese letters (Times New Roman,
Liberation Serif or DejaVu, found below); the full names stay real text in Bảng 2.
matplotlib would add most of a second to every report just to import.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from pipeline.formatting import percent

# Serif faces metric-compatible with Times New Roman, then common fallbacks.
_FONT_FILES = (
    "times.ttf", "Times New Roman.ttf", "LiberationSerif-Regular.ttf", "DejaVuSerif.ttf", "FreeSerif.ttf",
)
_FONT_DIRS = (
    Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/freefont"),
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts/Supplemental"),
)


def _font(size: int):
    from PIL import ImageFont

    for folder in _FONT_DIRS:
        for name in _FONT_FILES:
            path = folder / name
            if path.is_file():
                try:
                    return ImageFont.truetype(str(path), size)
                except OSError:
                    continue
    try:
        return ImageFont.load_default(size)
    except TypeError:  # Pillow < 10.1 has only the fixed bitmap font
        return ImageFont.load_default()


def completion_chart(labels: list[str], done_pct: list[float]) -> bytes:
    """Horizontal bars, one per section (labels such as 'II. Thủ tục hành chính'), 0–100 %."""
    from PIL import Image, ImageDraw

    scale = 3  # draw at 3× and keep the pixels: crisp when printed
    font = _font(13 * scale)
    small = _font(11 * scale)
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    label_w = max((measure.textlength(x, font=font) for x in labels), default=0)
    bar_h, gap, right, top = 22 * scale, 14 * scale, 70 * scale, 16 * scale
    left = int(label_w) + 20 * scale  # the longest label, right-aligned against the axis
    axis_h = 34 * scale
    plot_w = max(300 * scale, 600 * scale - left)  # the whole image keeps about the same width
    height = top + len(labels) * (bar_h + gap) + axis_h
    width = left + plot_w + right
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    x0 = left
    for tick in range(0, 101, 20):
        x = x0 + plot_w * tick // 100
        draw.line([(x, top - 4 * scale), (x, height - axis_h)], fill="#d0d0d0", width=scale)
        text = f"{tick}%"
        w = draw.textlength(text, font=small)
        draw.text((x - w / 2, height - axis_h + 6 * scale), text, fill="black", font=small)
    for i, (label, value) in enumerate(zip(labels, done_pct)):
        y = top + i * (bar_h + gap)
        value = max(0.0, min(100.0, value))
        draw.rectangle([x0, y, x0 + max(1, plot_w * value / 100), y + bar_h], fill="#4a4a4a")
        lw = draw.textlength(label, font=font)
        draw.text((x0 - lw - 10 * scale, y + bar_h / 2), label, fill="black", font=font, anchor="lm")
        draw.text((x0 + plot_w * value / 100 + 6 * scale, y + bar_h / 2), percent(value), fill="black", font=font,
                  anchor="lm")
    draw.line([(x0, top - 4 * scale), (x0, height - axis_h)], fill="black", width=scale)
    out = io.BytesIO()
    img.save(out, format="PNG", dpi=(300, 300), optimize=True)
    return out.getvalue()
