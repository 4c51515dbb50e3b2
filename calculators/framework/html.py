"""HTML every component draws with: fields, error summaries, result figures, sentences to copy,
options, charts beside their tables, notices.

The markup follows the GOV.UK Design System's form pattern (label, hint, error message, input,
with aria-describedby) and carries the hooks the runtime and the tests rely on: `data-result` and
`data-value` on each result figure, `data-calc-*` on the parts the runtime drives. Everything a
reader typed or a link carried is escaped here; nothing here trusts its input.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .inputs import Choice, InputError, Table, grid_columns, grid_of
from .numbers import counted, format_money, plain_decimal, plural

PROBLEM_TITLE = "There is a problem"
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
_ESCAPED = re.compile("&(amp|lt|gt|quot|#x27);")
_UNESCAPES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "#x27": "'"}


def escape(text: str) -> str:
    """Text made safe inside HTML and its attributes, as html.escape does (without importing the
    html package, whose entity table costs a noticeable part of Python's start in the browser)."""
    return str(text).translate(_ESCAPES)


def unescape(text: str) -> str:
    """`escape` undone: the text it was given, as html.unescape gives it back (only the five
    references `escape` writes are read, so this is for text written by `escape`)."""
    return _ESCAPED.sub(lambda match: _UNESCAPES[match[1]], text) if "&" in text else text


def field_id(slug: str, name: str) -> str:
    return f"{slug}-{name}"


def data_value(value) -> str:
    """What data-value holds for a result: an ISO date, or the unrounded number as a plain decimal."""
    return value.isoformat() if isinstance(value, dt.date) else plain_decimal(value)


def figure(key: str, value, text: str, tag: str = "strong") -> str:
    """One result figure: what people read (`text`, already rounded and labelled) and, for
    machines, the unrounded value (empty when there is none), in a <strong> or another element."""
    shown = "" if value is None else data_value(value)
    return f'<{tag} data-result="{escape(key)}" data-value="{escape(shown)}">{escape(text)}</{tag}>'


def num(key: str, value, unit: str = "", places: int = 2) -> str:
    """A figure with its unit, in the plural the unit is written in unless it reads as 1 ("1 hour")."""
    return figure(key, value, counted(value, unit, places))


def money(key: str, value) -> str:
    return figure(key, value, format_money(value))


def omitted(why: str) -> str:
    """In place of a result that needs an input the user left blank (or that would divide by zero)."""
    return f'<span class="sp-omitted">{escape(why)}</span>'


def sentence(slug: str, text: str, title: str = "Say it in the meeting") -> str:
    """A ready-to-use sentence with a copy button (the runtime wires the button)."""
    return copy_block(f"{slug}-sentence", title, text, "Copy sentence")


def proposal(slug: str, text: str) -> str:
    """The paragraph a working-conditions tool gives for a written proposal, with its copy button."""
    return sentence(slug, text, "Put it in the proposal")


def cite(text: str) -> str:
    """A source and the people it measured, as the study names them ("573 ... physicians"): marked as
    a citation, so that a reader's role words are never confused with a study's population."""
    return f'<cite class="sp-cite">{escape(text)}</cite>'


def heading(text: str) -> str:
    """A result's section heading."""
    return f'<h2 class="sp-result__title">{escape(text)}</h2>'


def figures(rows: list[tuple[str, str]]) -> str:
    """A list of results: (what it is, the figure's HTML, built with figure/num/money)."""
    items = "".join(f"<div><dt>{escape(label)}</dt><dd>{value}</dd></div>" for label, value in rows)
    return f'<dl class="sp-figures">{items}</dl>'


def chart_with_table(chart: str, table: str) -> str:
    """A chart (an accessible SVG) with the same numbers as a table beside it."""
    return f'<div class="sp-chart-pair"><div>{chart}</div>{table}</div>'


@dataclass(frozen=True)
class Option:
    """One way to meet a cost: its name, its figure (HTML), what it means, and whether it is a risk."""

    name: str
    figure: str
    note: str
    risk: bool = False


def options(items: list[Option]) -> str:
    rows = "".join(
        f'<li class="sp-option{" sp-option--risk" if item.risk else ""}">'
        f'<span class="sp-option__name">{escape(item.name)}</span> '
        + (f'<span class="sp-option__figure">{item.figure}</span>' if item.figure else "")
        + f'<span class="sp-option__note">{item.note}</span></li>'
        for item in items
    )
    return f'<ol class="sp-options">{rows}</ol>'


_COUNTS = {2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six"}


def trade_off_result(
    slug: str, title: str, costs: list[tuple[str, str]], ways: list[Option], note: str, text: str
) -> str:
    """What a change costs (figures), the ways to make room for it (options, each enough on its own),
    and the sentence to say: the result of every trade-off calculator."""
    return (
        heading(title)
        + figures(costs)
        + heading(f"{_COUNTS.get(len(ways), len(ways))} ways to make room")
        + f"<p>{escape(note)}</p>"
        + options(ways)
        + sentence(slug, text)
    )


def doubts_announcement(messages: list[str]) -> str:
    """What the status line says when values wait to be confirmed: each warning, then what to do."""
    return f"Warning: {' '.join(messages)} Confirm or correct it to see the result."


def problems_announcement(count: int) -> str:
    return f"{PROBLEM_TITLE}: {count} {plural(count, 'thing needs', 'things need')} fixing."


def status_line(text: str) -> str:
    """The component's live status line: what the page says before the runtime starts, then what
    Python announces."""
    return f'<p class="sp-status" role="status" data-calc-status>{escape(text)}</p>'


def notice(prefix: str, kind: str, title: str, body: str = "", actions: str = "") -> str:
    """A message about the reader's last action, focusable (id `<prefix>-notice-title`) so that
    keyboard and screen-reader users land on it. `body` and `actions` are HTML built by the caller."""
    return (
        f'<div class="sp-notice sp-notice--{kind}" role="group" aria-labelledby="{prefix}-notice-title">'
        f'<h2 class="sp-notice__title" id="{prefix}-notice-title" tabindex="-1">{escape(title)}</h2>'
        f"{body}{'<p>' + actions + '</p>' if actions else ''}</div>"
    )


def warning(title: str, body: str = "", element_id: str = "") -> str:
    """GOV.UK warning text: a "!" and a bold title, then `body` (HTML built by the caller). With an
    `element_id` it can take focus, so a reader can be moved to it."""
    focus = f' id="{escape(element_id)}" tabindex="-1"' if element_id else ""
    title_id = f' id="{escape(element_id)}-title"' if element_id else ""
    return (
        f'<div class="sp-warning"{focus} role="group" aria-label="{escape(title)}"><p class="sp-warning__title"{title_id}>'
        '<span class="sp-warning__icon" aria-hidden="true">!</span><strong><span class="sp-visually-hidden">'
        f"Warning: </span>{escape(title)}</strong></p>{body}</div>"
    )


def action_button(action: str, label: str, arg: str = "", kind: str = "", **attrs: str) -> str:
    """A button that sends `action` (and `arg`) to the component's Python."""
    extra = f' data-calc-arg="{escape(arg)}"' if arg else ""
    extra += "".join(f' {name.replace("_", "-")}="{escape(value)}"' for name, value in attrs.items())
    return (
        f'<button type="button" class="md-button{" " + kind if kind else ""}" '
        f'data-calc-action="{escape(action)}"{extra}>{escape(label)}</button>'
    )


def copy_block(block_id: str, title: str, text: str, button: str = "Copy", extra: str = "") -> str:
    """Text to reuse, shown as text (escaped, line breaks kept), with a copy button and any `extra`
    controls (already-escaped HTML) after it."""
    body = "<br>".join(escape(line) for line in text.split("\n"))
    return (
        f'<div class="sp-sentence"><p class="sp-sentence__title" id="{block_id}-title">{escape(title)}</p>'
        f'<blockquote id="{block_id}" data-copy-source>{body}</blockquote>'
        f'<button type="button" class="md-button sp-copy" data-copy="{block_id}" '
        f'aria-describedby="{block_id}-title">{escape(button)}</button>{extra}</div>'
    )


def error_summary(slug: str, errors: list[InputError], problems: list[str]) -> str:
    """The GOV.UK-style summary: a heading, then a link to each field that needs fixing."""
    if not errors and not problems:
        return ""
    items = [f"<li>{escape(p)}</li>" for p in problems]
    items += [
        f'<li><a href="#{field_id(slug, e.name)}" data-calc-focus="{escape(e.name)}">{escape(e.message)}</a></li>'
        for e in errors
    ]
    return (
        '<div class="sp-error-summary">'
        f'<h2 class="sp-error-summary__title" id="{slug}-problem">{PROBLEM_TITLE}</h2>'
        f'<ul class="sp-error-summary__list">{"".join(items)}</ul></div>'
    )


UNCONFIRMED_RESULT = (
    '<p class="sp-result__invalid">The result will appear here once the values marked with a warning above '
    "are confirmed or corrected.</p>"
)


def differ_note(count: int) -> str:
    what = "One result differs" if count == 1 else f"{count} results differ"
    return (
        f"{what} from what the link showed its sender (marked below): this page worked it out again from "
        "the link's numbers. The calculator may have changed since the link was made."
    )


def differing(result_html: str, keys: list[str]) -> str:
    """A result region with a note above it and each figure in `keys` marked as differing from the
    link that asked for it."""
    for key in keys:
        result_html = result_html.replace(
            f'data-result="{escape(key)}"', f'data-calc-differs data-result="{escape(key)}"'
        )
    return f'<p class="sp-pending sp-pending--differs">{escape(differ_note(len(keys)))}</p>{result_html}'


INVALID_RESULT = (
    '<p class="sp-result__invalid">The result will appear here once every field holds a usable '
    "value. The fields that need attention are listed above.</p>"
)


def form_field(
    slug: str, item, value: str, message: str | None, presets: tuple[tuple[str, str], ...] = (), doubt: str = ""
) -> str:
    """One labelled input with its hint, its error message (hidden when there is none), its warning
    (`doubt`, HTML: see field_warning) and any preset buttons. `slug` makes the ids unique on the page."""
    fid = field_id(slug, item.name)
    invalid = ' aria-invalid="true"' if message else ""
    error_text = f'<span class="sp-visually-hidden">Error:</span> {escape(message)}' if message else ""
    hidden = "" if message else " hidden"
    preset_group = preset_buttons(slug, item, presets)
    described = f'aria-describedby="{fid}-hint {fid}-error {fid}-warning"{invalid}'
    if isinstance(item, Choice):
        picked = "".join(
            f'<option value="{escape(key)}"{" selected" if key == value else ""}>{escape(text)}</option>'
            for key, text in item.choices
        )
        control = (
            f'<select class="sp-input sp-select" id="{fid}" name="{escape(item.name)}" {described}>{picked}</select>'
        )
    else:
        control = (
            f'<input class="sp-input" id="{fid}" name="{escape(item.name)}" type="{getattr(item, "input_type", "text")}" '
            f'inputmode="{item.inputmode}" autocomplete="off" spellcheck="false" '
            f'value="{escape(value)}" {described}>'
        )
    # The label's words, the hint and the presets are regions: they follow the reader's profile.
    return (
        f'<div class="sp-field{" sp-field--error" if message else ""}" data-calc-field="{escape(item.name)}">'
        f'<label class="sp-label" for="{fid}">{label_text(item)}</label>'
        f'<div class="sp-hint" id="{fid}-hint" data-calc-region="hint-{escape(item.name)}">{escape(item.hint)}</div>'
        f'<p class="sp-error" id="{fid}-error" data-calc-error="{escape(item.name)}"{hidden}>{error_text}</p>'
        f"{control}{warning_slot(slug, item.name, doubt)}"
        f'<div data-calc-region="presets-{escape(item.name)}">{preset_group}</div></div>'
    )


def warning_slot(slug: str, name: str, doubt: str = "") -> str:
    """Where a field's warning goes (a region, empty until a value is in doubt): the input's
    aria-describedby names it, so a screen reader reads the warning with the field."""
    return f'<div id="{field_id(slug, name)}-warning" data-calc-region="warning-{escape(name)}">{doubt}</div>'


CONFIRM_ACTION = "confirm"  # arg: the keys of the doubts confirmed (framework/limits.py), space-separated
CONFIRMED_FIELD = "confirmed"  # the form's hidden field that keeps them


def field_warning(slug: str, name: str, messages: list[str], keys: list[str]) -> str:
    """The GOV.UK warning beside a field whose value is possible but rarely true: what it makes, and
    a button to confirm it (the result is shown once it is confirmed or corrected). Focusable, with
    the id `<field id>-check`, so a reader can be moved to it."""
    check_id = f"{field_id(slug, name)}-check"
    body = "".join(f"<p>{escape(m)}</p>" for m in messages[1:])
    body += "<p>Correct the number, or confirm it to see the result. What you typed is kept.</p>"
    body += action_button(
        CONFIRM_ACTION, "Confirm and show the result", " ".join(keys), "md-button--primary",
        aria_describedby=f"{check_id}-title",
    )  # fmt: skip
    return warning(messages[0], body, check_id)


def label_words(item) -> str:
    """A field's label as people read it: the label, its unit, "(optional)"."""
    unit = f" ({escape(item.unit)})" if item.unit else ""
    optional = " (optional)" if item.optional else ""
    return f"{escape(item.label)}{unit}{optional}"


def label_text(item) -> str:
    """A field's label in its region."""
    return f'<span data-calc-region="label-{escape(item.name)}">{label_words(item)}</span>'


def preset_buttons(slug: str, item, presets: tuple[tuple[str, str], ...]) -> str:
    """The preset buttons of one field (empty when it has none)."""
    if not presets:
        return ""
    fid = field_id(slug, item.name)
    buttons = "".join(
        f'<button type="button" class="md-button" data-calc-set="{escape(raw)}" '
        f'aria-controls="{fid}">{escape(label)}</button>'
        for label, raw in presets
    )
    return f'<div class="sp-presets" role="group" aria-label="{escape(item.label)} presets">{buttons}</div>'


def field_regions(slug: str, inputs, presets: dict | None = None) -> dict[str, str]:
    """The regions that say what each field is (label, hint, presets), for a reply that changes
    them without touching what is typed."""
    regions = {}
    for item in inputs:
        if isinstance(item, Table):
            regions.setdefault(f"label-{item.shown_as}", escape(item.legend))
            regions.setdefault(f"hint-{item.shown_as}", escape(item.hint))
            continue
        regions[f"label-{item.name}"] = label_words(item)
        regions[f"hint-{item.name}"] = escape(item.hint)
        regions[f"presets-{item.name}"] = preset_buttons(slug, item, (presets or {}).get(item.name, ()))
    return regions


def form_fields(slug: str, inputs, raw: dict[str, str], errors: dict[str, str], presets: dict | None = None) -> str:
    """Every input of a form, in order, with what was typed and any message (tables shown together
    drawn once, where the first of them stands)."""
    parts, drawn = [], set()
    for item in inputs:
        if isinstance(item, Table):
            if item.shown_as not in drawn:
                drawn.add(item.shown_as)
                parts.append(table_field(slug, shown_with(item, inputs), raw, errors))
        else:
            parts.append(
                form_field(
                    slug, item, raw.get(item.name, ""), errors.get(item.name), (presets or {}).get(item.name, ())
                )
            )
    return "".join(parts)


def shown_with(table: Table, inputs) -> list[Table]:
    """The tables drawn as one with `table`: itself, or every flat table of its group."""
    return [item for item in inputs if isinstance(item, Table) and item.shown_as == table.shown_as]


ROWS_ACTION = "rows"  # "add:NAME", "remove:NAME:ROW", "up:NAME:ROW"
PASTE_ACTION = "paste"  # "NAME:ROW:COLUMN\n" then what was pasted


def table_field(slug: str, tables: list[Table], raw: dict[str, str], errors: dict[str, str]) -> str:
    """Tables shown together, as one editable table: a fieldset (legend, hint, messages) around the
    table, whose rows can be added, removed and pasted into from a spreadsheet."""
    first = tables[0]
    name = first.shown_as
    fid = field_id(slug, name)
    label = first.legend
    hint = first.hint
    messages = "".join(
        f'<p class="sp-error" id="{field_id(slug, t.name)}-error" data-calc-error="{escape(t.name)}"'
        + (
            f'><span class="sp-visually-hidden">Error:</span> {escape(errors[t.name])}</p>'
            if errors.get(t.name)
            else " hidden></p>"
        )
        for t in tables
    )
    failing = any(errors.get(t.name) for t in tables)
    described = " ".join(
        [f"{fid}-hint"] + [f"{field_id(slug, t.name)}-{part}" for t in tables for part in ("error", "warning")]
    )
    return (
        f'<fieldset class="sp-field sp-rows{" sp-field--error" if failing else ""}" data-calc-field="{escape(name)}" '
        f'aria-describedby="{described}">'
        f'<legend class="sp-label"><span data-calc-region="label-{escape(name)}">{escape(label)}</span></legend>'
        f'<div class="sp-hint" id="{fid}-hint" data-calc-region="hint-{escape(name)}">{escape(hint)}</div>'
        f"{messages}"
        f'<div data-calc-region="table-{escape(name)}">{table_grid(slug, tables, raw)}</div>'
        f"{''.join(warning_slot(slug, t.name) for t in tables)}</fieldset>"
    )


def table_grid(slug: str, tables: list[Table], raw: dict[str, str]) -> str:
    """The editable table itself (the region a row added, removed or pasted redraws)."""
    first = tables[0]
    name = first.shown_as
    fid = field_id(slug, name)
    columns = grid_columns(tables)
    grid = grid_of(tables, raw) or [[""] * len(columns)]
    head = "".join(f'<th scope="col">{escape(heading)}</th>' for _, _, heading in columns)
    rows = []
    for r, row in enumerate(grid):
        who = f"{first.row_label} {r + 1}"
        cells = "".join(
            f"<td>{table_cell(table, column, f'{heading}, {who}', cell, f'{name}:{r}:{c}', f'{fid}-{r}-{c}')}</td>"
            for c, ((table, column, heading), cell) in enumerate(zip(columns, row, strict=False))
        )
        remove = action_button(
            ROWS_ACTION, "Remove", f"remove:{name}:{r}", "sp-rows__remove", aria_label=f"Remove {who.lower()}",
            id=f"{fid}-remove-{r}",
        )  # fmt: skip
        rows.append(f'<tr><th scope="row">{escape(who)}</th>{cells}<td>{remove}</td></tr>')
    full = len(grid) >= first.max_rows
    add = (
        ""
        if full
        else action_button(
            ROWS_ACTION, f"Add a {first.row_label.lower()}", f"add:{name}", "sp-rows__add", id=f"{fid}-add"
        )
    )
    return (
        f'<div class="sp-rows__scroll"><table class="sp-rows__table" data-calc-table="{escape(name)}">'
        f'<thead><tr><th scope="col">{escape(first.row_label)}</th>{head}'
        '<th scope="col"><span class="sp-visually-hidden">Remove</span></th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        f'<p class="sp-rows__tools">{add}<span class="sp-rows__paste">You can paste rows copied from a spreadsheet '
        "into any cell.</span></p>"
    )


def table_cell(table: Table, column, label: str, value: str, where: str, cell_id: str) -> str:
    """One cell of an editable table: named after its table, labelled by its column and row."""
    common = (
        f'id="{escape(cell_id)}" name="{escape(table.name)}" aria-label="{escape(label)}" '
        f'data-calc-cell="{escape(where)}"'
    )
    if isinstance(column, Choice):
        picked = "".join(
            f'<option value="{escape(key)}"{" selected" if key == value else ""}>{escape(text)}</option>'
            for key, text in column.choices
        )
        return f'<select class="sp-input sp-select" {common}>{picked}</select>'
    return (
        f'<input class="sp-input" type="{getattr(column, "input_type", "text")}" inputmode="{column.inputmode}" '
        f'autocomplete="off" spellcheck="false" value="{escape(value)}" {common}>'
    )


def calculator_body(
    slug: str, title: str, about, inputs, raw: dict[str, str], presets, result: str, glance: str = ""
) -> str:
    """A calculator as the build draws it: who the reader is (`about`), the form, the status line,
    the result, the link to share."""
    return (
        f'<form class="sp-calc__form" data-calc-form="inputs" data-calc-action="submit" '
        f'data-calc-live="update" novalidate aria-label="{escape(title)} inputs">'
        f'<div data-calc-region="summary" id="{slug}-summary" tabindex="-1"></div>'
        f'<input type="hidden" name="{CONFIRMED_FIELD}" value="">'
        '<fieldset class="sp-about"><legend class="sp-about__legend">About you</legend>'
        f"{form_fields(slug, about, raw, {})}</fieldset>"
        f'<div class="sp-calc__fields">{form_fields(slug, inputs, raw, {}, presets)}</div>'
        '<button type="submit" class="md-button sp-calc__submit">Update result</button>'
        "</form>"
        # The key figure, kept in view on a phone while the form is edited (the status line is what
        # screen readers hear, so this is not a live region too).
        f'<p class="sp-glance" data-calc-region="glance">{escape(glance)}</p>'
        + status_line(
            "This result is for the default values. Turn on JavaScript to use your own numbers, or to see the "
            "numbers in a link someone shared."
        )
        + '<p class="sp-pending" data-calc-pending hidden data-calc-pending-sent="The results below are the ones '
        'in this link, as its sender saw them. They are being checked: this page is still working them out.">'
        "The result below is still for the default values; it is being worked out for the numbers in this link.</p>"
        + f'<section class="sp-result" data-calc-region="result" aria-label="{escape(title)} result">{result}</section>'
        '<div class="sp-calc__share">'
        '<button type="button" class="md-button" data-calc-link>Copy link to these numbers</button>'
        f'<label class="sp-visually-hidden" for="{slug}-link">Link to these numbers</label>'
        f'<input class="sp-input sp-calc__link" id="{slug}-link" readonly hidden data-calc-link-text>'
        '<p class="sp-calc__link-note" data-calc-region="link-note"></p>'
        '<p class="sp-calc__privacy">The numbers live in the link itself, after the #. Browsers never '
        "send that part to any server, and this page sends nothing anywhere.</p>"
        "</div>"
    )
