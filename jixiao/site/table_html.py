"""The rows of the big tables (an evaluation's budget and indicators, lists of evaluations) as HTML.

Why not a Jinja loop: an evaluation page has some 600 table cells (a listing page's list
thousands of rows), and in Jinja each printed value is a ``finalize`` call, an ``escape``
call and a macro call for every amount, which made these loops most of a page's rendering
time.  Here each value is still cleaned of invisible format characters (render.visible,
the environment's finalize) and escaped (markupsafe) exactly once, so the page is byte for
byte what the template loop printed (after render.squeeze): the markup below copies the
loops of templates/_evaluation.html, _summary_table.html and compare.html (every
evaluation of the site on one page), including the spaces a skipped ``{% if %}`` left
inside a line.  The table's frame (caption, headings) stays in
the template, which a portal may override.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from jixiao.ingest.checks.text import INVISIBLE
from jixiao.site.amounts import Shown
from jixiao.structure.labels import amount, percent

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jixiao.site.compare import CompareRow
    from jixiao.site.evaluation_view import EvaluationView
    from jixiao.site.views import PackageSummary as SummaryRow

_search = INVISIBLE.search
_remove = INVISIBLE.sub
_to_change = re.compile(INVISIBLE.pattern[:-1] + "&<>\"']").search
"""A character that cleaning or escaping would change: most cells have none, and are printed as they are."""


def text(value: object) -> str:
    """A value as ``{{ value }}`` prints it: without invisible format characters, then escaped."""
    if type(value) is str and not _to_change(value):
        return value
    if isinstance(value, str) and _search(value):
        cleaned = _remove("", value)
        value = Markup(cleaned) if isinstance(value, Markup) else cleaned
    return str(escape(value))


# A figure formatted by amount, percent or published_percent (digits, sign, point, %, —) holds
# nothing to clean or escape, so it is printed without ``text``.


def money(shown: Shown) -> str:
    """templates/_money.html's ``money(a)`` (no unit, not big): the 万元 figure, its title, its note."""
    title = f' title="{text(shown.title)}"' if shown.title else ""
    note = f'<span class="printed">（{text(shown.note)}）</span>' if shown.note else ""
    return f"<span{title}>{text(shown.text)}</span>{note}"


def published_percent(value: Decimal | None) -> str:
    """A rate as the form prints it (its own digits, then %); — when absent.  The ``published_percent`` filter."""
    return "—" if value is None else f"{format(value, 'f')}%"


def budget_rows(view: EvaluationView) -> Markup:
    """The budget table's body rows: one row per budget line, its amounts, rates, score, then its note."""
    out: list[str] = []
    add = out.append
    published, share, score = view.show_published_rate, view.show_share, view.show_budget_score
    columns = text(view.budget_columns)
    for row in view.budget_rows:
        line = row.line
        flagged = " flagged" if row.flagged else ""
        label = text(line.label)
        add(f'<tr id="{text(row.anchor)}" class="depth-{text(line.depth)}{flagged}">\n')
        add(f'<th scope="row" class="wide">{label}</th>\n')
        for cell in row.cells:
            ambiguous = cell.ambiguous
            add(
                f'<td class="num{" ambiguous wide" if ambiguous else ""}" data-label="{text(cell.heading)}"'
                + (f' colspan="{text(cell.colspan)}"' if cell.colspan > 1 else "")
                + f">{money(cell.shown)}"
                + (f'<br><span class="small">{text(ambiguous)}</span>' if ambiguous else "")
                + ('<sup title="推算值">推算</sup>' if cell.derived else "")
                + "</td>\n"
            )
        if published:
            rate = published_percent(line.rate_published)
            add(f'<td class="num" data-label="执行率（原文）">{rate}</td>      ')
        add(f'<td class="num" data-label="执行率（计算）">{percent(line.rate_computed)}</td>\n')
        if share:
            add(f'<td class="num" data-label="占比（原文）">{published_percent(line.share_published)}</td>')
        if score:
            add(
                f'<td class="num" data-label="分值">{amount(line.weight)}</td>'
                f'<td class="num" data-label="得分">{amount(line.score)}</td>'
            )
        add("    </tr>\n" if share or score else "</tr>\n")
        if line.note:
            add(
                f'<tr class="note-row{flagged}"><td colspan="{columns}"><details><summary>说明：{label}</summary>'
                f"<p>{text(line.note)}</p></details></td></tr>\n"
            )
    return Markup("".join(out))


def indicator_groups(view: EvaluationView) -> Markup:
    """The indicator table's bodies: one ``<tbody>`` per 一级指标, its group row, then each indicator and its note."""
    out: list[str] = []
    add = out.append
    cols = view.indicator_columns
    width = text(cols.width)
    weight_word = text(cols.weight_word)
    for group in view.indicator_groups:
        add("<tbody>\n")
        level1_weight = f"（{amount(group.level1_weight)} 分）" if group.level1_weight is not None else ""
        add(f'<tr class="group"><th scope="rowgroup" colspan="{width}">{text(group.level1)}{level1_weight}</th></tr>\n')
        for row in group.rows:
            i = row.indicator
            status = text(i.status)
            flagged = " flagged" if row.flagged else ""
            level3 = text(i.level3 or "（空白）")
            level2_weight = f"（{amount(i.level2_weight)}）" if i.level2_weight is not None else ""
            add(f'<tr id="{text(row.anchor)}" class="{status}{flagged}">\n')
            add(f'<td class="wide level2" data-label="二级指标">{text(i.level2)}{level2_weight}</td>\n')
            add(f'<th scope="row" class="wide">{level3}</th>\n')
            if cols.nature:
                add(f'<td data-label="指标性质">{text(i.nature)}</td>        ')
            add(f'<td data-label="指标值">{text(i.target)}</td>\n')
            if cols.measure_unit:
                add(f'<td data-label="度量单位">{text(i.measure_unit)}</td>        ')
            add(f'<td data-label="实际完成值">{text(i.actual)}</td>\n')
            weight = "（未印）" if i.status == "score_only" else amount(i.weight)
            add(f'<td class="num" data-label="{weight_word}">{weight}</td>\n')
            if cols.weight_share:
                add(f'<td class="num" data-label="权重占比（%）">{amount(i.weight_share)}</td>        ')
            score = "（空白）" if i.status == "weight_only" else amount(i.score)
            add(f'<td class="num" data-label="得分">{score}</td>\n')
            if cols.score_converted:
                add(f'<td class="num" data-label="折算得分">{amount(i.score_converted)}</td>      </tr>\n')
            else:
                add("</tr>\n")
            if row.note:
                add(
                    f'<tr class="note-row {status}{flagged}"><td colspan="{width}"><details>'
                    f"<summary>说明：{level3}</summary><p>{text(row.note)}</p></details></td></tr>\n"
                )
            elif row.status_label:
                add(
                    f'<tr class="note-row {status}{flagged}"><td colspan="{width}">'
                    f"{level3}：{text(row.status_label)}</td></tr>\n"
                )
        add("</tbody>\n")
    return Markup("".join(out))


def summary_rows(rows: Sequence[SummaryRow]) -> Markup:
    """templates/_summary_table.html's rows: one evaluation a row (a listing page has thousands of them)."""
    out: list[str] = []
    add = out.append
    for row in rows:
        flags = (
            f'<a class="badge" href="{text(row.flags_href)}">{text(row.flag_count)} 个数据质量标记</a>'
            if row.flag_count
            else "无"
        )
        add(
            "<tr>\n"
            f'<td class="span2"><a href="{text(row.unit_href)}">{text(row.unit_name)}</a></td>\n'
            f'<td data-label="年度">{text(row.year)}</td>\n'
            f'<td class="wide"><a href="{text(row.href)}">{text(row.title)}</a><br>'
            f'<span class="muted">{text(row.kind_label)}</span></td>\n'
            f'<td class="num" data-label="全年预算数（万元）">{money(row.budget_shown)}</td>\n'
            f'<td class="num" data-label="实际支出数（万元）">{money(row.actual_shown)}</td>\n'
            f'<td class="num" data-label="执行率（计算）">{percent(row.rate)}</td>\n'
            f'<td class="num" data-label="得分">{amount(row.score)}</td>\n'
            f'<td data-label="等级">{text(row.grade or "—")}</td>\n'
            f'<td data-label="标记">{flags}</td>\n'
            "</tr>\n"
        )
    return Markup("".join(out))


def compare_rows(rows: Sequence[CompareRow]) -> Markup:
    """templates/compare.html's rows: every evaluation of the site on one page, each cell with its sort key."""
    out: list[str] = []
    add = out.append
    for row in rows:
        s, sort = row.summary, row.sort
        flags = (
            f'<a class="badge" href="{text(s.flags_href)}">{text(s.flag_count)} 个标记</a>' if s.flag_count else "无"
        )
        add(
            f'<tr data-year="{text(s.year)}">\n'
            f'<td class="span2" data-sort="{text(sort["unit"])}"><a href="{text(s.unit_href)}">{text(s.unit_name)}</a>'
            "</td>\n"
            f'<td data-label="年度" data-sort="{text(sort["year"])}">{text(s.year)}</td>\n'
            f'<td class="wide" data-sort="{text(sort["title"])}"><a href="{text(s.href)}">{text(s.title)}</a><br>'
            f'<span class="muted">{text(s.kind_label)}</span></td>\n'
            f'<td class="num" data-label="全年预算数（万元）" data-sort="{text(sort["budget"])}">'
            f"{money(s.budget_shown)}</td>\n"
            f'<td class="num" data-label="实际支出数（万元）" data-sort="{text(sort["actual"])}">'
            f"{money(s.actual_shown)}</td>\n"
            f'<td class="num" data-label="执行率（计算）" data-sort="{text(sort["rate"])}">{percent(s.rate)}</td>\n'
            f'<td class="num" data-label="得分" data-sort="{text(sort["score"])}">{amount(s.score)}</td>\n'
            f'<td data-label="等级" data-sort="{text(sort["grade"])}">{text(s.grade or "—")}</td>\n'
            f'<td data-label="标记" data-sort="{text(sort["flags"])}">{flags}</td>\n'
            "</tr>\n"
        )
    return Markup("".join(out))
