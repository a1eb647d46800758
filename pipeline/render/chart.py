"""The completion-by-section chart embedded in the report, as PNG bytes."""

from __future__ import annotations

import io
import textwrap

from pipeline.format import percent


def completion_chart(labels: list[str], done_pct: list[float], title: str) -> bytes:
    """Horizontal bars: % of tasks done per section (0–100), serif type to match the text."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    plt.rcParams["font.family"] = "serif"
    plt.rcParams["font.serif"] = ["Times New Roman", "Liberation Serif", "DejaVu Serif"]
    wrapped = [textwrap.fill(label, 38) for label in labels]
    height = 0.55 * len(labels) + 1.2
    fig, ax = plt.subplots(figsize=(6.3, height), dpi=200)
    try:
        bars = ax.barh(range(len(labels)), done_pct, color="#4a4a4a", height=0.6)
        ax.set_yticks(range(len(labels)), wrapped, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("Tỷ lệ nhiệm vụ đã hoàn thành (%)", fontsize=8)
        ax.set_title(title, fontsize=9)
        ax.tick_params(axis="x", labelsize=8)
        for bar, value in zip(bars, done_pct):
            ax.text(min(value + 1.5, 92), bar.get_y() + bar.get_height() / 2, percent(value), va="center",
                    fontsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        fig.tight_layout()
        out = io.BytesIO()
        fig.savefig(out, format="png")
        return out.getvalue()
    finally:
        plt.close(fig)
