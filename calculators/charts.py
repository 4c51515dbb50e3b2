"""Charts as inline SVG, drawn by the same Python at build time and in the browser.

Every chart has a <title> and <desc> (its text alternative), uses currentColor so that it follows
the light and dark palettes, and is meant to sit beside a table of the same numbers.
"""

from __future__ import annotations

from html import escape

PHASES = (
    "Overload now",
    "Phase 1: pilot group",
    "Refine the build",
    "Phase 2: partial rollout",
    "More support and training",
    "Phase 3: full adoption",
)


def flow(steps: tuple[str, ...] | list[str], title: str, description: str, chart_id: str) -> str:
    """A vertical chain of labelled boxes joined by arrows: a plan read from top to bottom."""
    box_w, box_h, gap, pad = 260, 40, 22, 10
    height = pad * 2 + len(steps) * box_h + (len(steps) - 1) * gap
    width = box_w + pad * 2
    parts = [
        f'<svg class="sp-chart sp-chart--flow" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
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
            f'fill="currentColor" font-size="15">{escape(step)}</text>')
        if i < len(steps) - 1:
            y1 = y + box_h
            parts.append(f'<line x1="{pad + box_w / 2}" y1="{y1 + 2}" x2="{pad + box_w / 2}" y2="{y1 + gap - 4}" '
                         f'stroke="currentColor" stroke-width="2" marker-end="url(#{chart_id}-arrow)"/>')
    parts.append("</svg>")
    return "".join(parts)


def phase_diagram() -> str:
    steps = " then ".join(PHASES)
    return flow(PHASES, "A phased rollout instead of a single go-live",
                f"Six steps from top to bottom: {steps}.", "phased-plan")
