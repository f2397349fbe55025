"""The progress bar the command line draws on a terminal: a run's Progress (progress.py) told with rich.

On stderr, one line per stage with a bar, its items done of all, its count and the time taken:

    Membaca berkas    ━━━━━━━━━━━━━━━━━━━━ 2/3 berkas · 5.412 baris 0:00:02
      inputs/usulan_bantuan.xlsx            212 baris

and under it the item under way (a file, a document) with its own count. Every word comes from the
catalogue in the run's language. With NO_COLOR the same lines carry no colour nor any other style,
the bar drawn in plain characters. Nothing is drawn when stderr is not a terminal or with --quiet:
cli.py then passes no Progress at all.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console, RenderableType
from rich.progress import BarColumn, ProgressColumn, Task, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bars
from rich.text import Text

from ukmreport import formatting
from ukmreport.messages import say
from ukmreport.progress import Stage

# What each stage counts, as the catalogue says it: its items, and the units of an item.
ITEMS = {"read": "progress-files", "render": "progress-documents"}
UNITS = {"read": ("progress-row", "progress-rows"), "render": ("progress-page", "progress-pages")}  # one, more
PLAIN_BAR = ("#", "-")  # done, to do: a bar that reads without colour
BAR_WIDTH = 20


def no_color() -> bool:
    """NO_COLOR set to anything (no-color.org): no colour."""
    return "NO_COLOR" in os.environ


@contextmanager
def progress_display(quiet: bool, lang: str) -> Iterator[TerminalProgress | None]:
    """A TerminalProgress on stderr for the with-block; None (silent) with --quiet or off a terminal."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    plain = no_color()
    # color_system=None: no escape code for colour or style at all, only the cursor moves that redraw
    console = Console(stderr=True, color_system=None if plain else "auto", no_color=plain, highlight=False)
    display = TerminalProgress(console, lang, plain=plain)
    with display.bars:
        try:
            yield display
        finally:
            display.end_stage()


class TerminalProgress:
    """progress.Progress drawn with rich: a task per stage, and one for the item under way."""

    def __init__(self, console: Console, lang: str, *, plain: bool = False) -> None:
        self.lang = lang
        bar: ProgressColumn = PlainBar() if plain else BarColumn(bar_width=BAR_WIDTH)
        self.bars = Bars(
            TextColumn("{task.description}"),
            StageOnly(bar),
            TextColumn("{task.fields[counts]}"),
            StageOnly(TimeElapsedColumn()),
            console=console,
            redirect_stdout=False,  # stdout stays the command's own (JSON, findings)
        )
        self.kind: Stage = "read"
        self.stage_task: TaskID | None = None
        self.item_task: TaskID | None = None
        self.total = self.done = 0
        self.units_done = 0  # units of the stage's finished items
        self.units = 0  # units of the item under way

    # -- progress.Progress ---------------------------------------------------------------------------
    def stage(self, stage: Stage, total: int) -> None:
        self.end_stage()
        self.kind, self.total, self.done, self.units_done, self.units = stage, total, 0, 0, 0
        self.stage_task = self.bars.add_task(
            say(f"progress-{stage}", self.lang), total=max(total, 1), stage=True, counts=self.stage_counts()
        )

    def item(self, name: str) -> None:
        self.units = 0
        if self.item_task is None:
            self.item_task = self.bars.add_task(f"  {name}", total=None, stage=False, counts="")
        else:
            self.bars.update(self.item_task, description=f"  {name}", counts="")

    def count(self, done: int) -> None:
        self.units = done
        if self.item_task is not None:
            self.bars.update(self.item_task, counts=self.unit_text(done))
        if self.stage_task is not None:
            self.bars.update(self.stage_task, counts=self.stage_counts())

    def item_done(self) -> None:
        self.done += 1
        self.units_done += self.units
        self.units = 0
        if self.stage_task is not None:
            self.bars.update(self.stage_task, completed=self.done, counts=self.stage_counts())
        self.bars.refresh()  # every item's last count is drawn once, however quick it was

    # -- drawing --------------------------------------------------------------------------------------
    def end_stage(self) -> None:
        """The stage's line stays with its totals; the item line goes."""
        if self.item_task is not None:
            self.bars.remove_task(self.item_task)
            self.item_task = None
        if self.stage_task is not None:
            self.bars.update(self.stage_task, counts=self.stage_counts())
            self.bars.refresh()
            self.stage_task = None

    def stage_counts(self) -> str:
        items = say(ITEMS[self.kind], self.lang, done=self.done, total=self.total)
        return f"{items} · {self.unit_text(self.units_done + self.units)}"

    def unit_text(self, count: int) -> str:
        key = UNITS[self.kind][count != 1]
        number = formatting.number(count) if self.lang == "id" else f"{count:,}"
        return say(key, self.lang, rows=number, pages=number)


class StageOnly(ProgressColumn):
    """A column drawn on a stage's line only, blank on the item's."""

    def __init__(self, column: ProgressColumn) -> None:
        super().__init__()
        self.column = column

    def render(self, task: Task) -> RenderableType:
        return self.column.render(task) if task.fields.get("stage") else Text("")


class PlainBar(ProgressColumn):
    """The bar in two plain characters, for a terminal without colour: ##########----------."""

    def render(self, task: Task) -> Text:
        total = task.total or 1
        filled = min(BAR_WIDTH, int(BAR_WIDTH * task.completed / total))
        return Text(PLAIN_BAR[0] * filled + PLAIN_BAR[1] * (BAR_WIDTH - filled), no_wrap=True, overflow="crop")
