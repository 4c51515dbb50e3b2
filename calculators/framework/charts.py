"""Charts as inline SVG, drawn by the same Python at build time and in the browser.

Every chart has a <title> and <desc> (its text alternative), uses currentColor so that it follows
the light and dark palettes, and is meant to sit beside a table of the same numbers.
"""

from __future__ import annotations

from .html import chart_with_table, escape

PHASES = (
    "Overload now",
    "Phase 1: pilot group",
    "Refine the build",
    "Phase 2: partial rollout",
    "More support and training",
    "Phase 3: full adoption",
)


def _svg(kind: str, width: float, height: float, title: str, description: str, chart_id: str) -> list[str]:
    """The opening of every chart: its box, and its title and description for screen readers."""
    return [
        f'<svg class="sp-chart sp-chart--{kind}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def flow(steps: tuple[str, ...] | list[str], title: str, description: str, chart_id: str) -> str:
    """A vertical chain of labelled boxes joined by arrows: a plan read from top to bottom."""
    box_w, box_h, gap, pad = 260, 40, 22, 10
    height = pad * 2 + len(steps) * box_h + (len(steps) - 1) * gap
    width = box_w + pad * 2
    parts = _svg("flow", width, height, title, description, chart_id) + [
        f'<defs><marker id="{chart_id}-arrow" viewBox="0 0 10 10" refX="5" refY="9" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,0 L5,10 z" fill="currentColor"/></marker></defs>',
    ]
    for i, step in enumerate(steps):
        y = pad + i * (box_h + gap)
        first = i == 0
        parts.append(
            f'<rect x="{pad}" y="{y}" width="{box_w}" height="{box_h}" rx="6" '
            f'class="{"sp-chart__box sp-chart__box--start" if first else "sp-chart__box"}" '
            'fill="none" stroke="currentColor" stroke-width="2"/>'
            f'<text x="{pad + box_w / 2}" y="{y + box_h / 2 + 5}" text-anchor="middle" '
            f'fill="currentColor" font-size="15">{escape(step)}</text>'
        )
        if i < len(steps) - 1:
            y1 = y + box_h
            parts.append(
                f'<line x1="{pad + box_w / 2}" y1="{y1 + 2}" x2="{pad + box_w / 2}" y2="{y1 + gap - 4}" '
                f'stroke="currentColor" stroke-width="2" marker-end="url(#{chart_id}-arrow)"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def phase_diagram() -> str:
    steps = " then ".join(PHASES)
    return flow(
        PHASES, "A phased rollout instead of a single go-live", f"Six steps from top to bottom: {steps}.", "phased-plan"
    )


# Charts are drawn 360 units wide, about the width of a phone's column, so that 14-unit text shows
# at 12 CSS pixels or more there; each label sits above its bar, so no label is ever cut off.
WIDTH = 360
FONT = 14


def said(rows: list[tuple[str, object, str]]) -> str:
    """Bars' rows as the chart's text alternative: "Before: 5.3 h; After: 6.7 h."."""
    return "; ".join(f"{label}: {text}" for label, _, text in rows) + "."


def bars(rows: list[tuple[str, object, str]], title: str, description: str, chart_id: str) -> str:
    """Horizontal bars, one per (label, value, value as text), each label above its bar. Values must
    be zero or more."""
    from fractions import Fraction

    bar_w, row_h, pad = WIDTH - 96, 44, 6
    height = pad * 2 + row_h * len(rows)
    top = max((Fraction(v) for _, v, _ in rows), default=Fraction(0)) or Fraction(1)
    parts = _svg("bars", WIDTH, height, title, description, chart_id)
    for i, (label, value, text) in enumerate(rows):
        y = pad + i * row_h
        length = float(max(Fraction(value), Fraction(0)) / top) * bar_w
        parts.append(
            f'<text x="0" y="{y + 14}" fill="currentColor" font-size="{FONT}">{escape(label)}</text>'
            f'<rect x="0" y="{y + 20}" width="{length:.1f}" height="18" '
            f'class="sp-chart__bar sp-chart__bar--{i % 2}"/>'
            f'<text x="{length + 6:.1f}" y="{y + 34}" fill="currentColor" font-size="{FONT}">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bars_with_table(
    rows: list[tuple[str, object, str]],
    title: str,
    chart_id: str,
    caption: str,
    columns: tuple[str, ...],
    table_rows: list[tuple[str, ...]] | None = None,
    description: str | None = None,
) -> str:
    """Bars, one per (label, value, value as text), beside a table of the same numbers under
    `caption` and `columns`: the recipe of every bar chart in a result. The table's rows default to
    the bars' labels and texts, the chart's text alternative to the bars said in words (`said`)."""
    chart = bars(rows, title, said(rows) if description is None else description, chart_id)
    grid = table(caption, columns, [(label, text) for label, _, text in rows] if table_rows is None else table_rows)
    return chart_with_table(chart, grid)


def timeline(
    spans: list[tuple[str, int, int]],
    marks: list[int],
    total_days: int,
    axis: list[tuple[int, str]],
    title: str,
    description: str,
    chart_id: str,
) -> str:
    """Phases as bars along a day axis: spans are (label, first day, last day), counted from day 0;
    marks are days with a review (drawn as ticks); axis is (day, label) pairs along the bottom."""
    plot_w, row_h, pad = WIDTH - 20, 42, 6
    label_w = 0
    width = WIDTH
    height = pad * 2 + row_h * len(spans) + 44
    scale = plot_w / max(total_days, 1)
    parts = _svg("timeline", width, height, title, description, chart_id)
    for i, (label, first, last) in enumerate(spans):
        y = pad + i * row_h
        parts.append(
            f'<text x="0" y="{y + 14}" fill="currentColor" font-size="{FONT}">{escape(label)}</text>'
            f'<rect x="{label_w + first * scale:.1f}" y="{y + 20}" width="{max((last - first + 1) * scale, 2):.1f}" '
            f'height="16" class="sp-chart__bar sp-chart__bar--{i % 2}"/>'
        )
    base = pad + row_h * len(spans)
    parts.append(
        f'<line x1="{label_w}" y1="{base + 2}" x2="{label_w + plot_w}" y2="{base + 2}" stroke="currentColor"/>'
    )
    for day in marks:
        x = label_w + day * scale
        parts.append(
            f'<line x1="{x:.1f}" y1="{pad}" x2="{x:.1f}" y2="{base + 8}" stroke="currentColor" '
            'stroke-dasharray="3 3" class="sp-chart__review"/>'
        )
    for day, text in axis:
        x = label_w + day * scale
        anchor = "start" if x < 40 else "end" if x > WIDTH - 40 else "middle"  # kept inside the chart
        parts.append(
            f'<text x="{x:.1f}" y="{base + 24}" text-anchor="{anchor}" fill="currentColor" font-size="{FONT}">'
            f"{escape(text)}</text>"
        )
    parts.append(
        f'<text x="{label_w}" y="{base + 42}" fill="currentColor" font-size="{FONT}">Dashed lines: review meetings</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


def table(caption: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """The numbers behind a chart, as a real table."""
    # A blank corner cell still gets a name, for screen readers (axe: empty-table-header).
    head = "".join(
        f'<th scope="col">{escape(h) if h else "<span class=sp-visually-hidden>What</span>"}</th>' for h in header
    )
    body = "".join(
        "<tr>" + f'<th scope="row">{escape(r[0])}</th>' + "".join(f"<td>{escape(c)}</td>" for c in r[1:]) + "</tr>"
        for r in rows
    )
    return f'<table class="sp-table"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
