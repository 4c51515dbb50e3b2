"""HTML for calculators: the form, the error summary, result figures.

The markup follows the GOV.UK Design System's form pattern (label, hint, error message, input,
with aria-describedby) and carries the hooks the browser runtime and the tests rely on:
`data-calc`, `data-state`, `data-result` and `data-value`. Everything a user typed or a link
carried is escaped; nothing here trusts its input.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from .core import Calculator, InputError, InputErrors, format_money, format_number, plain_decimal


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
    text = format_number(value, places)
    return figure(key, value, f"{text} {unit}".strip())


def money(key: str, value) -> str:
    return figure(key, value, format_money(value))


def omitted(why: str) -> str:
    """In place of a result that needs an input the user left blank (or that would divide by zero)."""
    return f'<span class="sp-omitted">{escape(why)}</span>'


def sentence(calc: Calculator, text: str, title: str = "Say it in the meeting") -> str:
    """A ready-to-use sentence with a copy button (the runtime wires the button)."""
    return copy_block(f"{calc.slug}-sentence", title, text, "Copy sentence")


def copy_block(block_id: str, title: str, text: str, button: str = "Copy", extra: str = "") -> str:
    """Text to reuse, shown as text (escaped, line breaks kept), with a copy button and any `extra`
    controls (already-escaped HTML) after it."""
    body = "<br>".join(escape(line) for line in text.split("\n"))
    return (f'<div class="sp-sentence"><p class="sp-sentence__title" id="{block_id}-title">{escape(title)}</p>'
            f'<blockquote id="{block_id}" data-copy-source>{body}</blockquote>'
            f'<button type="button" class="md-button sp-copy" data-copy="{block_id}" '
            f'aria-describedby="{block_id}-title">{escape(button)}</button>{extra}</div>')


def error_summary(slug: str, errors: list[InputError], problems: list[str]) -> str:
    """The GOV.UK-style summary: a heading, then a link to each field that needs fixing."""
    if not errors and not problems:
        return ""
    items = [f"<li>{escape(p)}</li>" for p in problems]
    items += [f'<li><a href="#{field_id(slug, e.name)}" data-calc-focus="{escape(e.name)}">{escape(e.message)}</a></li>'
              for e in errors]
    return ('<div class="sp-error-summary">'
            f'<h2 class="sp-error-summary__title" id="{slug}-problem">There is a problem</h2>'
            f'<ul class="sp-error-summary__list">{"".join(items)}</ul></div>')


def invalid_result() -> str:
    return ('<p class="sp-result__invalid">The result will appear here once every field holds a usable '
            'value. The fields that need attention are listed above.</p>')


def form_field(slug: str, item, value: str, message: str | None,
               presets: tuple[tuple[str, str], ...] = ()) -> str:
    """One labelled input with its hint, its error message (hidden when there is none) and any
    preset buttons. `slug` makes the ids unique on the page."""
    fid = field_id(slug, item.name)
    unit = f" ({escape(item.unit)})" if item.unit else ""
    optional = " (optional)" if item.optional else ""
    invalid = ' aria-invalid="true"' if message else ""
    error_text = f'<span class="sp-visually-hidden">Error:</span> {escape(message)}' if message else ""
    hidden = "" if message else " hidden"
    preset_group = ""
    if presets:
        buttons = "".join(f'<button type="button" class="md-button" data-calc-set="{escape(raw)}" '
                          f'aria-controls="{fid}">{escape(label)}</button>'
                          for label, raw in presets)
        preset_group = (f'<div class="sp-presets" role="group" aria-label="{escape(item.label)} presets">'
                        f'{buttons}</div>')
    return (f'<div class="sp-field{" sp-field--error" if message else ""}" data-calc-field="{escape(item.name)}">'
            f'<label class="sp-label" for="{fid}">{escape(item.label)}{unit}{optional}</label>'
            f'<div class="sp-hint" id="{fid}-hint">{escape(item.hint)}</div>'
            f'<p class="sp-error" id="{fid}-error" data-calc-error="{escape(item.name)}"{hidden}>{error_text}</p>'
            f'<input class="sp-input" id="{fid}" name="{escape(item.name)}" type="text" '
            f'inputmode="{item.inputmode}" autocomplete="off" spellcheck="false" '
            f'value="{escape(value)}" aria-describedby="{fid}-hint {fid}-error"{invalid}>'
            f'{preset_group}</div>')


def widget(calc: Calculator, today: dt.date | None = None) -> str:
    """The whole calculator as the build puts it into a page: the form with the defaults and the
    result for the defaults, so it reads (and prints) without JavaScript."""
    raw = calc.defaults(today)
    values, results = calc.run(raw, today)
    fields = "".join(form_field(calc.slug, item, raw[item.name], None, calc.presets.get(item.name, ())) for item in calc.inputs)
    return (
        f'<div class="sp-calc" data-calc="{calc.slug}" data-state="loading" id="calc-{calc.slug}">'
        f'<form class="sp-calc__form" data-calc-form novalidate aria-label="{escape(calc.title)} inputs">'
        f'<div data-calc-summary tabindex="-1"></div>'
        f'<div class="sp-calc__fields">{fields}</div>'
        '<button type="submit" class="md-button sp-calc__submit">Update result</button>'
        '</form>'
        '<p class="sp-status" role="status" data-calc-status>'
        'This result is for the default values. Turn on JavaScript to use your own numbers.</p>'
        f'<section class="sp-result" data-calc-result aria-label="{escape(calc.title)} result">'
        f'{calc.render(values, results)}</section>'
        '<div class="sp-calc__share">'
        '<button type="button" class="md-button" data-calc-link>Copy link to these numbers</button>'
        f'<label class="sp-visually-hidden" for="{calc.slug}-link">Link to these numbers</label>'
        f'<input class="sp-input sp-calc__link" id="{calc.slug}-link" readonly hidden data-calc-link-text>'
        '<p class="sp-calc__privacy">The numbers live in the link itself, after the #. Browsers never '
        'send that part to any server, and this page sends nothing anywhere.</p>'
        '</div></div>'
    )


def respond(calc: Calculator, raw: dict[str, str], problems: list[str], today: dt.date | None = None) -> dict:
    """What the browser shows for these raw inputs: state, result, summary and field messages."""
    base = {"inputs": raw, "fragment": calc.to_fragment(raw, today)}
    try:
        values, results = calc.run(raw, today)
    except InputErrors as failure:
        errors = failure.errors
        return {**base, "state": "invalid", "result": invalid_result(),
                "summary": error_summary(calc.slug, errors, problems),
                "errors": {e.name: e.message for e in errors},
                "announce": f"There is a problem: {len(errors) + len(problems)} "
                            f"{'thing needs' if len(errors) + len(problems) == 1 else 'things need'} fixing."}
    state = "invalid" if problems else "ready"
    return {**base, "state": state, "result": calc.render(values, results),
            "summary": error_summary(calc.slug, [], problems), "errors": {},
            "announce": calc.announce(values, results)}
