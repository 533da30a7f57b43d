"""Charts drawn on the server as SVG, with their figures also given as a table on the page.

The repeated elements (a bar a year and series, a grid line a tick, a label a year) are written
here rather than by a template loop: a template resolves six variables a bar, and a chart of 20
years draws 60 bars. Coordinates are written as Python writes floats, as the template did with
`{% localize off %}`.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

from partners.publishing.language import labelled

from .models import TradeFlow


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    label: str


def axis_ticks(maximum: Decimal, most: int = 4) -> list[Decimal]:
    """Round ticks from 0 for values up to `maximum`: a step of 1, 2 or 5 times a power of ten,
    at most `most` steps, the last tick the first at or above the maximum (10.8 -> 0, 5, 10,
    15; 3 -> 0, 1, 2, 3)."""
    if maximum <= 0:
        return [Decimal(0), Decimal(1)]
    raw = Decimal(maximum) / most
    magnitude = Decimal(10) ** raw.adjusted()
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    count = int((Decimal(maximum) / step).to_integral_value(rounding=ROUND_CEILING))
    return [step * index for index in range(count + 1)]


def yearly_bars(
    rows, *, title: str, series: list[tuple[str, str, str]], format_value, chart_id="chart"
) -> str:
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
    ticks = axis_ticks(max(values, default=Decimal(0)))
    ceiling = ticks[-1]
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
        (round(top + plot_h - plot_h * float(tick / ceiling), 1), format_value(tick))
        for tick in ticks
    ]
    right = width - 20
    return render_to_string(
        "includes/chart_bars.svg",
        {
            "title": title,
            "chart_id": chart_id,
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


def partner_trade_chart(partner, years, *, format_value, chart_id="chart") -> str:
    """A partner's trade by year (the dossier's, and one a partner on the explorer): exports,
    imports, and the total where the source gives no split."""
    return yearly_bars(
        years,
        title=_("Trade in goods with %(partner)s, by year") % {"partner": partner.name_in_sentence},
        series=[
            ("exports", TradeFlow.EXPORT.label.capitalize(), "bar-exports"),
            ("imports", TradeFlow.IMPORT.label.capitalize(), "bar-imports"),
            ("stored_total", _("Total trade (split not given)"), "bar-total"),
        ],
        format_value=format_value,
        chart_id=chart_id,
    )
