"""Inputs: the kinds of field a component's forms hold (Number, Date, Time, Text, Choice, and Table
for a list of rows), how the raw
strings a form, a link or a file supplies become exact values, and the errors a reader is shown.

Every problem a reader can cause is a `UserError`; a field's problem is an `InputError` naming the
field, and `parse_inputs` collects every field's at once in `InputErrors`. Anything else escaping a
component is a bug. Standard library only: this module runs inside Pyodide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .numbers import day_text, exact_text, format_number

MAX_RAW_LENGTH = 200  # longer values are kept for the user to see but never parsed
LONG_NUMBER = 30  # characters: a number this long and out of range is called too large (or small)


class UserError(ValueError):
    """Base of every problem a component reports to the reader. Nothing else may escape."""


class InputError(UserError):
    """One input that cannot be used; `message` is written for the person who typed it."""

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class InputErrors(UserError):
    """Every rejected input at once, so the form can show them all together."""

    def __init__(self, errors: list[InputError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors

    def by_field(self) -> dict[str, str]:
        """{field name: message}, as the runtime shows them beside each field."""
        return {e.name: e.message for e in self.errors}


@dataclass(frozen=True)
class Doubt:
    """A value that can be true but rarely is (a 20-hour day): shown as a warning beside its field,
    and the result waits until the reader confirms it (by `key`, which names the field and the
    quantity it made) or corrects it. See framework/limits.py."""

    name: str
    message: str
    key: str


class Unconfirmed(UserError):
    """Values a reader has not yet confirmed: no result is shown for them."""

    def __init__(self, doubts: list[Doubt]):
        super().__init__("; ".join(f"{d.name}: {d.message}" for d in doubts))
        self.doubts = doubts


def _blank(item, text: str) -> bool:
    """True when an optional field was left blank; raises when a required one was."""
    if text:
        return False
    if item.optional:
        return True
    like = f", like {item.example}" if item.example else ""
    raise InputError(item.name, f"Enter {item.label[0].lower()}{item.label[1:]}{like}")


# A number as people type it: 20, 20.5, .5, 1,000 or 1,000.50 (commas only as thousands groups).
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+")
_FRACTION = re.compile(r"([+-]?\d{1,40})/(\d{1,40})")  # 1/3: how an exact value comes back (numbers.exact_text)
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d{1,2}")  # 12,5: a decimal comma, never a thousands group
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_CONTROL_TO_SPACE = {code: " " for code in (*range(32), 127)}  # a tab or newline typed in text is a space


def _plain(value: Fraction) -> str:
    """A bound as a person reads it in a message: 0.5, 60, 100,000."""
    return format_number(value, places=2)


@dataclass(frozen=True)
class Number:
    """A numeric input. Bounds are inclusive unless `above` is set (then the value must exceed it)."""

    name: str
    label: str  # short name used in messages: "Visit length"
    unit: str  # shown in the label: "Visit length (minutes)"
    hint: str
    default: str | None  # the raw default; None for an optional input that starts blank
    minimum: Fraction | int | str
    maximum: Fraction | int | str
    whole: bool = False
    above: bool = False  # value must be more than `minimum`, not equal to it
    optional: bool = False
    example: str = ""  # shown in "must be a number, like 20"; defaults to the default
    money: bool = False  # accepts a leading $ and is labelled as dollars
    ask: str = ""  # what "Enter ..." asks for when the label does not read in a sentence ("how often to review")
    places: int | None = None  # at most this many decimal places (None: any)

    @property
    def lo(self) -> Fraction:
        return Fraction(self.minimum)

    @property
    def hi(self) -> Fraction:
        return Fraction(self.maximum)

    @property
    def inputmode(self) -> str:
        return "numeric" if self.whole and self.lo >= 0 else "decimal"

    def default_raw(self, today: dt.date | None = None) -> str:
        return self.default or ""

    def range_text(self) -> str:
        if self.above:
            return f"more than {_plain(self.lo)} and at most {_plain(self.hi)}"
        return f"between {_plain(self.lo)} and {_plain(self.hi)}"

    def parse(self, raw: str) -> Fraction | None:
        text = raw.strip()
        if self.money:
            text = text.replace("$", "", 1).strip()
        like = self.example or self.default or "10"
        if text == "":
            if self.optional:
                return None
            what = self.ask or f"{self.label[0].lower()}{self.label[1:]}"
            raise InputError(self.name, f"Enter {what}, like {like}")
        fraction = _FRACTION.fullmatch(text)
        if fraction and int(fraction.group(2)):
            value = Fraction(int(fraction.group(1)), int(fraction.group(2)))
        elif not _NUMBER.fullmatch(text):
            if _DECIMAL_COMMA.fullmatch(text):
                raise InputError(self.name, f"{self.label} must be written with a point for decimals, like {like}")
            raise InputError(self.name, f"{self.label} must be a number, like {like}")
        else:
            value = Fraction(Decimal(text.replace(",", "")))  # at most MAX_RAW_LENGTH characters: cheap
        if len(text) > LONG_NUMBER and (value > self.hi or value < self.lo):
            size = "large" if value > self.hi else "small"
            raise InputError(self.name, f"{self.label} is too {size}: it must be {self.range_text()}")
        if self.whole and value.denominator != 1:
            raise InputError(self.name, f"{self.label} must be a whole number, like {like}")
        if self.places is not None and (value * 10**self.places).denominator != 1:
            raise InputError(self.name, f"{self.label} can have at most {self.places} decimal places, like {like}")
        low_ok = value > self.lo if self.above else value >= self.lo
        if not low_ok or value > self.hi:
            raise InputError(self.name, f"{self.label} must be {self.range_text()}")
        return value

    def canonical(self, value: Fraction | None) -> str:
        """The value written back exactly, as a plain string ("1,000.50" -> "1000.5"; 1/3 stays "1/3"),
        or "" when blank."""
        return "" if value is None else exact_text(value)


@dataclass(frozen=True)
class Date:
    """A calendar date typed as yyyy-mm-dd. `default` computes the default from today's date."""

    name: str
    label: str
    hint: str
    default: Callable[[dt.date], dt.date] | None  # None: starts blank
    unit: str = ""  # the picker shows the reader's own format; typed text is read as yyyy-mm-dd
    optional: bool = False
    example: str = "2027-03-01"
    inputmode: str = "text"
    input_type: str = "date"  # the platform's own date picker; typed text is checked the same way
    earliest: dt.date = dt.date(2000, 1, 1)
    latest: dt.date = dt.date(2100, 12, 31)
    days_ahead: int | None = None  # at most this many days after the reader's today (None: any)

    def default_raw(self, today: dt.date | None = None) -> str:
        return "" if self.default is None else self.default(today or dt.date.today()).isoformat()

    def parse(self, raw: str) -> dt.date | None:
        text = raw.strip()
        if _blank(self, text):
            return None
        match = _DATE.fullmatch(text)
        if not match:
            raise InputError(self.name, f"{self.label} must be a date written as yyyy-mm-dd, like {self.example}")
        try:
            value = dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            raise InputError(self.name, f"{self.label} must be a real calendar date, like {self.example}") from None
        if not self.earliest <= value <= self.latest:
            raise InputError(self.name, f"{self.label} must be between {self.earliest.year} and {self.latest.year}")
        return value

    def canonical(self, value: dt.date | None) -> str:
        return "" if value is None else value.isoformat()

    def check_not_ahead(self, value: dt.date | None, today: dt.date) -> None:
        if value is None or self.days_ahead is None:
            return
        limit = today + dt.timedelta(days=self.days_ahead)
        if value > limit:
            raise InputError(
                self.name, f"{self.label} cannot be later than {day_text(limit)}: log a day once it has happened"
            )


_TIME = re.compile(r"(\d{1,2})[:.h]?(\d{2})")


@dataclass(frozen=True)
class Time:
    """A time of day on the 24-hour clock: 07:30, 7:30 or 0730."""

    name: str
    label: str
    hint: str
    default: str | None = None
    unit: str = ""  # the picker shows the reader's own clock; typed text is read on the 24-hour clock
    optional: bool = False
    example: str = "07:30"
    inputmode: str = "text"
    input_type: str = "time"  # the platform's own time picker; typed text is checked the same way

    def default_raw(self, today: dt.date | None = None) -> str:
        return self.default or ""

    def parse(self, raw: str) -> dt.time | None:
        text = raw.strip()
        if _blank(self, text):
            return None
        match = _TIME.fullmatch(text)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise InputError(self.name, f"{self.label} must be a time on the 24-hour clock, like {self.example}")
        return dt.time(int(match.group(1)), int(match.group(2)))

    def canonical(self, value: dt.time | None) -> str:
        return "" if value is None else f"{value:%H:%M}"


@dataclass(frozen=True)
class Text:
    """Free text on one line (runs of spaces and line breaks become one space), at most max_length."""

    name: str
    label: str
    hint: str
    default: str = ""
    max_length: int = 200
    optional: bool = True
    unit: str = ""
    example: str = ""
    inputmode: str = "text"

    def default_raw(self, today: dt.date | None = None) -> str:
        return self.default

    def parse(self, raw: str) -> str:
        text = " ".join(raw.translate(_CONTROL_TO_SPACE).split())
        _blank(self, text)
        if len(text) > self.max_length:
            raise InputError(
                self.name, f"{self.label} must be at most {self.max_length} characters; it has {len(text):,}"
            )
        return text

    def canonical(self, value: str) -> str:
        return value


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of values, shown as a <select>: `choices` maps each value to its label."""

    name: str
    label: str
    hint: str
    choices: tuple[tuple[str, str], ...]
    default: str = ""
    unit: str = ""
    optional: bool = False
    example: str = ""
    inputmode: str = "text"

    def default_raw(self, today: dt.date | None = None) -> str:
        return self.default or self.choices[0][0]

    def parse(self, raw: str) -> str:
        text = raw.strip()
        if text not in dict(self.choices):
            names = ", ".join(label for _, label in self.choices[:-1]) + f" or {self.choices[-1][1]}"
            raise InputError(self.name, f"{self.label}: choose {names}")
        return text

    def canonical(self, value: str) -> str:
        return value


_SPAN = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}[:.h]?\d{2})\s*(?:-|–|to|\s)\s*(\d{1,2}[:.h]?\d{2})", re.I)


@dataclass(frozen=True)
class Span:
    """A shift: a date, a start and an end on the 24-hour clock, written "2027-01-04 07:00-19:00"
    (a space or "to" also separates the times). An end at or before the start is the next day."""

    name: str
    label: str
    hint: str = ""
    default: str | None = None
    unit: str = ""
    optional: bool = False
    example: str = "2027-01-04 07:00-19:00"
    inputmode: str = "text"

    def default_raw(self, today: dt.date | None = None) -> str:
        return self.default or ""

    def parse(self, raw: str) -> tuple[dt.datetime, dt.datetime] | None:
        text = raw.strip()
        if _blank(self, text):
            return None
        match = _SPAN.fullmatch(text)
        wrong = f"{self.label} must be a date and two times, like {self.example}"
        if not match:
            raise InputError(self.name, wrong)
        try:
            day = _SPAN_DAY.parse(match.group(1))
            start, end = (dt.datetime.combine(day, _SPAN_CLOCK.parse(t)) for t in match.groups()[1:])
        except InputError:
            raise InputError(
                self.name,
                f"{self.label} needs a real calendar date and times on the 24-hour clock, like {self.example}",
            ) from None
        if end <= start:
            end += dt.timedelta(days=1)
        return start, end

    def canonical(self, value) -> str:
        if value is None:
            return ""
        start, end = value
        return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}"


_SPAN_DAY, _SPAN_CLOCK = Date("span", "Date", "", None), Time("span", "Time", "")  # a Span's parts

_CELL_ESCAPES = (("%", "%25"), (",", "%2C"), (";", "%3B"))


def _cell_out(text: str) -> str:
    """A cell as a table's raw string holds it: its own %, "," and ";" percent-encoded."""
    for char, code in _CELL_ESCAPES:
        text = text.replace(char, code)
    return text


def _cell_in(text: str) -> str:
    for char, code in reversed(_CELL_ESCAPES):
        text = text.replace(code, char).replace(code.lower(), char)
    return text


@dataclass(frozen=True)
class Table:
    """A list typed as a small table (cases, staff, shifts): rows of cells, each cell read by the
    input of its column (a Number, Date, Time, Text or Choice, whose label heads the column).

    In `raw`, in a link and in a form's messages the whole table is one string: rows separated by
    ";", cells by "," (a cell's own "%", "," and ";" percent-encoded). A `flat` table has one
    column and writes its cells with "," alone ("6,5,4,3"); flat tables that share a `group` show
    as one table, a column each (the case mix's cases and weights, one row per acuity level).
    In a form each cell is an input named after the table, in order, row by row. Rows left wholly
    blank are ignored; the values are a tuple of rows, each a tuple of its cells' values (a flat
    table: a tuple of values)."""

    name: str
    label: str
    hint: str
    columns: tuple
    default: str
    row_label: str = "Row"  # "Shift 3", "Level 2": names a row in messages and for screen readers
    min_rows: int = 1
    max_rows: int = 100
    flat: bool = False
    group: str = ""  # flat tables shown together: the name of the table on the page
    group_label: str = ""  # and its legend
    optional: bool = False
    unit: str = ""
    example: str = ""
    inputmode: str = "text"
    max_length: int = 40_000  # characters of raw text; longer is refused unread
    next_row: Callable[[list[str]], list[str]] | None = None  # a new row from the last (else blank)

    @property
    def width(self) -> int:
        """Cells in one row."""
        return 1 if self.flat else len(self.columns)

    @property
    def legend(self) -> str:
        """What the table on the page is called (its group's legend, for flat tables shown together)."""
        return self.group_label or self.label

    @property
    def shown_as(self) -> str:
        """The name of the table on the page (its group's, for flat tables shown together)."""
        return self.group or self.name

    def default_raw(self, today: dt.date | None = None) -> str:
        return self.default

    def rows(self, raw: str) -> list[list[str]]:
        """The raw string as rows of cell texts, as typed (not yet read)."""
        if not raw.strip():
            return []
        if self.flat:
            return [[_cell_in(cell)] for cell in raw.split(",")]
        return [[_cell_in(cell) for cell in row.split(",")] for row in raw.split(";")]

    def join(self, rows: list[list[str]]) -> str:
        """Rows of cell texts -> the raw string (a blank row is kept: the reader just added it)."""
        if self.flat:
            return ",".join(_cell_out(row[0] if row else "") for row in rows)
        width = len(self.columns)
        return ";".join(",".join(_cell_out(c) for c in (list(row) + [""] * width)[:width]) for row in rows)

    def from_form(self, fields: Mapping[str, object]) -> str | None:
        """The cells a form sent (every cell is named after the table) -> the raw string."""
        cells = fields.get(self.name)
        if cells is None:
            return None
        cells = [c for c in (cells if isinstance(cells, list) else [cells]) if isinstance(c, str)]
        return self.join([cells[i : i + self.width] for i in range(0, len(cells), self.width)])

    def parse(self, raw: str) -> tuple:
        rows = self.rows(raw)
        if len(rows) > self.max_rows:
            raise InputError(self.name, f"{self.label} can hold at most {self.max_rows:,} rows; it has {len(rows):,}")
        values, problems = [], []
        for number, row in enumerate(rows, 1):
            if not any(cell.strip() for cell in row):
                continue  # a row added and left blank
            if len(row) > len(self.columns):
                problems.append(f"{self.row_label} {number} has {len(row)} cells; it needs {len(self.columns)}")
                continue
            cells = list(row) + [""] * (len(self.columns) - len(row))
            read = []
            for column, cell in zip(self.columns, cells, strict=True):
                try:
                    read.append(column.parse(cell))
                except InputError as error:
                    problems.append(f"{self.row_label} {number}: {error.message}")
            values.append(read[0] if self.flat and read else tuple(read))
        if problems:
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            raise InputError(self.name, "; ".join(problems[:3]) + more)
        if len(values) < self.min_rows and not (self.optional and not values):
            what = f"at least {self.min_rows:,} rows" if self.min_rows > 1 else "at least one row"
            raise InputError(self.name, f"{self.label} needs {what}, like {self.example or self.default}")
        return tuple(values)

    def canonical(self, values: tuple) -> str:
        if self.flat:
            return self.join([[self.columns[0].canonical(v)] for v in values])
        return self.join(
            [[column.canonical(v) for column, v in zip(self.columns, row, strict=False)] for row in values]
        )


def grid_columns(tables: list[Table]) -> list[tuple[Table, object, str]]:
    """The columns of tables shown together, in order: (the table a cell belongs to, the input that
    reads it, its heading). A flat table is one column headed by its own label."""
    if tables[0].flat:
        return [(t, t.columns[0], t.label) for t in tables]
    return [(t, column, column.label) for t in tables for column in t.columns]


def grid_of(tables: list[Table], raw: Mapping[str, str]) -> list[list[str]]:
    """Tables shown together (one, or a group of flat ones) as one grid: rows of cell texts, the
    tables' columns side by side."""
    grids = [table.rows(raw.get(table.name, "")) for table in tables]
    grid = []
    for i in range(max((len(g) for g in grids), default=0)):
        row = []
        for g, table in zip(grids, tables, strict=True):
            cells = list(g[i]) if i < len(g) else []
            row += (cells + [""] * table.width)[: table.width]
        grid.append(row)
    return grid


def edit_rows(tables: list[Table], raw: Mapping[str, str], change) -> dict[str, str]:
    """Tables shown together, edited as one grid: `change` takes the grid and returns the new one;
    the result is each table's new raw string."""
    grid = change(grid_of(tables, raw))
    out, start = {}, 0
    for table in tables:
        out[table.name] = table.join([row[start : start + table.width] for row in grid])
        start += table.width
    return out


def pasted_grid(text: str, width: int) -> list[list[str]]:
    """What a spreadsheet puts on the clipboard (rows on lines, cells separated by tabs) as rows of
    `width` cells; cells beyond the last column are kept in it, joined by spaces."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    grid = []
    for line in lines:
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) > width:
            cells = cells[: width - 1] + [" ".join(c for c in cells[width - 1 :] if c)]
        grid.append(cells)
    return grid


Input = Number | Date | Time | Text | Choice | Span | Table


def raw_limit(item: Input) -> int:
    """The longest raw string an input reads; longer ones are refused unread (and a link's value is
    cut one character past it, so the input says it is too long)."""
    if isinstance(item, Table):
        return item.max_length
    if isinstance(item, Text):
        return item.max_length * 2 + 100  # room for runs of spaces that reading collapses
    return MAX_RAW_LENGTH


def too_long(item: Input, text: str) -> str:
    """What a value longer than its input reads says: the limit it passed, and by how much."""
    if isinstance(item, Table):
        rows = len(item.rows(text))
        if rows > item.max_rows:
            return f"{item.label} can hold at most {item.max_rows:,} rows; it has {rows:,}"
        return f"{item.label} can be at most {item.max_length:,} characters long; it has {len(text):,}"
    if isinstance(item, Text):
        return f"{item.label} must be at most {item.max_length:,} characters; it has {len(' '.join(text.split())):,}"
    return f"{item.label} is too long to be a value; enter something like {item.example or item.default_raw()}"


def parse_inputs(inputs: tuple[Input, ...], raw: Mapping[str, str], today: dt.date | None = None) -> dict:
    """Raw strings (missing ones take their default) -> values, or InputErrors naming each field.
    The one place where a form's, a link's or a file's strings become values."""
    values, errors = {}, []
    for item in inputs:
        text = raw.get(item.name)
        if text is None:
            text = item.default_raw(today)
        if not isinstance(text, str) or len(text) > raw_limit(item):
            errors.append(InputError(item.name, too_long(item, text if isinstance(text, str) else "")))
            continue
        try:
            values[item.name] = item.parse(text)
            if today is not None and isinstance(item, Date):
                item.check_not_ahead(values[item.name], today)
        except InputError as error:
            errors.append(error)
    if errors:
        raise InputErrors(errors)
    return values
