"""Charts as SVG text, drawn by matplotlib: greyscale with hatching so they read in black-and-white print.

matplotlib is imported here only, when a report with charts is built (it costs ~0.5 s).
Output is reproducible: fixed hash salt, no date in the SVG metadata, text kept as text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from ukmreport.render.html import packaged_template_dir

INK = "#222222"
FILLS = ("#4d4d4d", "#bdbdbd")
HATCHES = ("", "////")


CHART_FONT = "Liberation Sans"  # the family name inside the packaged LiberationSans-*.ttf files
CHART_FONT_FILES = ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    # Register the packaged fonts: a machine without Liberation then measures and names the same
    # font as one with it, and matplotlib logs no "findfont: ... not found" for every label.
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    for name in CHART_FONT_FILES:
        path = packaged_template_dir() / "fonts" / name
        if str(path) not in known:
            font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": "ukmreport",
            "font.family": [CHART_FONT],
            "font.size": 9,
            "axes.edgecolor": INK,
            "axes.labelcolor": INK,
            "xtick.color": INK,
            "ytick.color": INK,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "hatch.linewidth": 0.6,
        }
    )
    return plt


_ID = re.compile(r'(\bid="|url\(#|xlink:href="#|href="#)([^")]+)')


def _svg(fig: Any, key: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": "ukmreport"})
    _pyplot().close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE: the SVG is inlined in HTML
    # Several charts share one page: give each chart's element ids its own prefix.
    return _ID.sub(lambda m: f"{m.group(1)}{key}-{m.group(2)}", text)


def bar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    horizontal: bool = True,
    value_format: Any = None,
    width_cm: float = 9,
    key: str = "chart",
) -> str:
    """One bar per label, one or two series (current and previous period) side by side."""
    plt = _pyplot()
    n = len(labels)
    rows = max(n, 1)
    height = (0.2 * rows * (1 + 0.5 * (len(series) - 1)) + 0.3) if horizontal else 1.9
    fig, ax = plt.subplots(figsize=(width_cm / 2.54, max(height, 1.4)))
    thickness = 0.8 / max(len(series), 1)
    positions = list(range(n))
    biggest = max((v for _, values in series for v in values), default=0) or 1
    fmt = value_format or (lambda v: f"{v:,.0f}".replace(",", "."))
    for i, (name, values) in enumerate(series):
        offset = [p - 0.4 + thickness * (i + 0.5) for p in positions]
        kwargs = dict(color=FILLS[i % 2], hatch=HATCHES[i % 2], edgecolor=INK, linewidth=0.5, label=name)
        bars = (
            ax.barh(offset, values, height=thickness, **kwargs)
            if horizontal
            else ax.bar(offset, values, width=thickness, **kwargs)
        )
        for bar, value in zip(bars, values, strict=True):
            if not value:
                continue  # a zero bar has no length to label: "0" stacked on the axis is clutter
            if horizontal:
                ax.text(
                    bar.get_width() + biggest * 0.01,
                    bar.get_y() + bar.get_height() / 2,
                    fmt(value),
                    va="center",
                    ha="left",
                    fontsize=7 if len(series) > 1 else 8,  # a pair's labels sit 0.15 in apart: 7 pt never touch
                    color=INK,
                )
            else:
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    bar.get_height() + biggest * 0.01,
                    fmt(value),
                    va="bottom",
                    ha="center",
                    fontsize=8,
                    color=INK,
                )
    if horizontal:
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xlim(0, biggest * 1.28)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
    else:
        ax.set_xticks(positions, labels, fontsize=8 if n <= 8 else 7)
        ax.set_ylim(0, biggest * 1.18)
        ax.yaxis.set_visible(False)
        ax.spines["left"].set_visible(False)
    ax.tick_params(length=0)
    return _svg(fig, key)  # no legend: the caption says which bar is which, and a legend hides bars
