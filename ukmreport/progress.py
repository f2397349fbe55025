"""What a run tells of its progress while it works, for the command line to draw (terminal.py).

The library knows nothing of terminals: the stages call a Progress, or nothing when it is None.
Two stages count: reading (an item per input file, counting its data rows) and rendering (an item
per document written, counting its PDF pages). The calls are few, so they cost nothing next to the
work: a file or document begins and ends, and a count is given per sheet, per ROWS_STEP rows and
per PDF piece, never per row.
"""

from __future__ import annotations

from typing import Literal, Protocol

Stage = Literal["read", "render"]
ROWS_STEP = 1024  # rows between two counts while a sheet is read; a power of two (a mask in the loop)


class Progress(Protocol):
    """Told what a run is doing: a stage of `total` items, each item by name, its count so far."""

    def stage(self, stage: Stage, total: int) -> None:
        """A stage begins: `total` files to read, or documents to write."""

    def item(self, name: str) -> None:
        """The stage's next item begins: a file's path, a document's file name."""

    def count(self, done: int) -> None:
        """The item's units so far (not an increment): data rows read, PDF pages rendered."""

    def item_done(self) -> None:
        """The item is finished; its last count stands."""
