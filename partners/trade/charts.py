"""Charts drawn on the server as SVG, with their figures also given as a table on the page.

The repeated elements (a bar a year and series, a grid line a tick, a label a year) are written
here rather than by a template loop: a template resolves six variables a bar, and a chart of 20
years draws 60 bars. Coordinates are written as Python writes floats, as the template did with
`{% localize off %}`.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.html import format_html_join

from partners.publishing.language import labelled


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    label: str


def _nice_ceiling(value: Decimal) -> Decimal:
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        ceiling = magnitude * Decimal(str(step))
        if ceiling >= value:
            return ceiling
    return magnitude * 10


def yearly_bars(rows, *, title: str, series: list[tuple[str, str, str]], format_value) -> str:
    """Grouped bars, one group a year. rows: dicts with "year" and each series' key.

    series: [(key, label, css class)]. format_value: turns a value into the page's language.
    A series with no value in any row takes no room; with no value at all there is no chart
    (an empty string).
    """
    series = [s for s in series if any(row.get(s[0]) is not None for row in rows)]
    if not series:
        return ""
    width, height, left, bottom, top = 640, 280, 90, 40, 20
    plot_w, plot_h = width - left - 20, height - bottom - top
    values = [row[key] for row in rows for key, _label, _css in series if row.get(key) is not None]
    ceiling = _nice_ceiling(max(values, default=Decimal(0)))
    groups = max(len(rows), 1)
    group_w = plot_w / groups
    bar_w = min(40.0, group_w * 0.8 / max(len(series), 1))
    bars, years = [], []
    for index, row in enumerate(rows):
        start = left + index * group_w + (group_w - bar_w * len(series)) / 2
        years.append((left + index * group_w + group_w / 2, row["year"]))
        for position, (key, label, css) in enumerate(series):
            value = row.get(key)
            if value is None:
                continue
            bar_h = float(value / ceiling) * plot_h
            bars.append(
                Bar(
                    x=round(start + position * bar_w, 1),
                    y=round(top + plot_h - bar_h, 1),
                    width=round(bar_w - 2, 1),
                    height=round(bar_h, 1),
                    css=css,
                    label=labelled(f"{label} {row['year']}", format_value(value)),
                )
            )
    ticks = [
        (round(top + plot_h - plot_h * fraction, 1), format_value(ceiling * Decimal(str(fraction))))
        for fraction in (0, 0.25, 0.5, 0.75, 1)
    ]
    right = width - 20
    return render_to_string(
        "includes/chart_bars.svg",
        {
            "title": title,
            "width": width,
            "height": height,
            "left": left,
            "right": right,
            "baseline": top + plot_h,
            "grid": format_html_join(
                "",
                '<line class="grid" x1="{0}" x2="{1}" y1="{2}" y2="{2}"/>\n'
                '  <text class="tick" x="{3}" y="{2}" text-anchor="end" '
                'dominant-baseline="middle">{4}</text>\n  ',
                ((left, right, y, left - 6, label) for y, label in ticks),
            ),
            "bars": format_html_join(
                "",
                '<rect class="{}" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>\n  ',
                ((b.css, b.x, b.y, b.width, b.height, b.label) for b in bars),
            ),
            "years": format_html_join(
                "",
                '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>\n  ',
                ((x, height - bottom + 18, year) for x, year in years),
            ),
            "legend": [(label, css) for _key, label, css in series],
        },
    )
