"""A calculator's tables edited in place: a row added or removed ("rows"), rows pasted from a
spreadsheet ("paste"). `Calculator` takes these actions from here; they read its inputs and answer
through its `respond` and `show`."""

from __future__ import annotations

import datetime as dt

from . import html
from .about import profile_of
from .inputs import Table, UserError, edit_rows, grid_columns, grid_of, pasted_grid
from .links import MAX_LINK_LENGTH
from .protocol import Reply, Request


class TableEdits:
    """The "rows" and "paste" actions of a calculator with tables."""

    def _tables(self, req: Request, name: str) -> tuple[dict[str, str], list[Table]]:
        raw = self._typed(req)
        inputs = self.inputs_for(profile_of(raw, self.profile)[0])
        tables = [item for item in inputs if isinstance(item, Table) and item.shown_as == name]
        if not tables:
            raise UserError(f"The {self.title.lower()} has no table called {name[:40]!r}")
        return raw, tables

    def _rows(self, req: Request) -> Reply:
        op, _, rest = req.arg.partition(":")
        name, _, row = rest.partition(":")
        raw, tables = self._tables(req, name)
        first = tables[0]
        width = sum(t.width for t in tables)
        height = len(grid_of(tables, raw)) or 1  # an empty table shows one blank row
        fid = html.field_id(self.slug, name)
        if op == "add" and height < first.max_rows:

            def add(grid):
                grid = grid or [[""] * width]
                return grid + [first.next_row(list(grid[-1])) if first.next_row else [""] * width]

            raw |= edit_rows(tables, raw, add)
            focus, said = f"{fid}-{height}-0", f"{first.row_label} {height + 1} added."
        elif op == "remove" and row.isdecimal() and int(row) < height:
            index = int(row)
            raw |= edit_rows(tables, raw, lambda grid: grid[:index] + grid[index + 1 :])
            focus = f"{fid}-remove-{index}" if index < height - 1 else f"{fid}-add"
            said = f"{first.row_label} {index + 1} removed."
        else:
            return self.respond(raw, [], req.today)  # a stale button: nothing to change
        return self._redrawn(raw, req.today, focus, said)

    def _paste(self, req: Request) -> Reply:
        where, _, text = req.arg.partition("\n")
        name, r, c = (where.split(":") + ["", ""])[:3]
        raw, tables = self._tables(req, name)
        first = tables[0]
        headings = [heading for _, _, heading in grid_columns(tables)]
        if not (r.isdecimal() and c.isdecimal() and int(c) < len(headings)):
            return self.respond(raw, [], req.today)
        r, c = int(r), int(c)
        pasted = pasted_grid(text[:MAX_LINK_LENGTH], len(headings) - c)
        if pasted and [cell.lower() for cell in pasted[0]] == [h.lower() for h in headings[c : c + len(pasted[0])]]:
            pasted = pasted[1:]  # the spreadsheet's own header row
        room = max(first.max_rows - r, 0)
        kept = pasted[:room]

        def paste(grid):
            grid = [list(row) for row in grid] + [[""] * len(headings) for _ in range(r + len(kept) - len(grid))]
            for i, cells in enumerate(kept):
                grid[r + i][c : c + len(cells)] = cells
            return grid

        raw |= edit_rows(tables, raw, paste)
        said = f"Pasted {len(kept)} {'row' if len(kept) == 1 else 'rows'}."
        if len(kept) < len(pasted):
            said += f" {len(pasted) - len(kept)} more did not fit: the table holds at most {first.max_rows:,} rows."
        return self._redrawn(raw, req.today, html.field_id(self.slug, name) + f"-{r}-{c}", said)

    def _redrawn(self, raw: dict[str, str], today: dt.date, focus: str, said: str) -> Reply:
        """The reply to a table change: the tables redrawn, the result for the new rows, what changed."""
        reply = self.show(self.respond(raw, [], today), raw, fields=False)  # the other fields stay as typed
        reply.focus = focus
        reply.announce = f"{said} {reply.announce}".strip()
        return reply
