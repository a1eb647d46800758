"""Regenerate pipeline/ooxml/metrics.py from Liberation Serif (metric-compatible with
Times New Roman). Developer tool: needs fonttools and fonts-liberation2.

    python tools/gen_metrics.py > pipeline/ooxml/metrics.py
"""

from fontTools.ttLib import TTFont

FONT_DIR = "/usr/share/fonts/truetype/liberation2"
CHARS = "".join(chr(c) for c in range(32, 127)) + "đĐơƠưƯ"


def widths(style: str) -> dict[str, int]:
    font = TTFont(f"{FONT_DIR}/LiberationSerif-{style}.ttf")
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    return {ch: hmtx[cmap[ord(ch)]][0] for ch in CHARS if ord(ch) in cmap}


def main() -> None:
    print('"""Generated data table, do not edit: made by tools/gen_metrics.py (python tools/gen_metrics.py >')
    print("pipeline/ooxml/metrics.py). Advance widths of Times New Roman (via metric-compatible Liberation")
    print("Serif), in units of 1/2048 em; used to size the short rules under headings. Vietnamese letters")
    print('take the width of their base letter."""')
    print()
    print("UNITS_PER_EM = 2048")
    for style in ("Regular", "Bold"):
        w = widths(style)
        print(f"{style.upper()} = {{")
        for ch, v in w.items():
            print(f"    {ch!r}: {v},")
        print("}")


if __name__ == "__main__":
    main()
