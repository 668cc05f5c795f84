"""Model: frozen dataclasses built from validated packages; amounts as Decimals.

Nothing is rounded here.  Derived values (execution rates, differences) are computed
once, as Decimals, and marked as computed so pages can tell them from published ones.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any, Generic, TypeVar

from jixiao.ingest.findings import CODES, Finding
from jixiao.ingest.load import RawPackage, Row
from jixiao.ingest.tables import TABLES

E = TypeVar("E", bound="EvaluationFacts")


def _decimal(row: Row, name: str) -> Decimal | None:
    text = row.get(name)
    return Decimal(text) if text else None


def to_wan(value: Decimal | None, unit: str) -> Decimal | None:
    """An amount in 万元: 元 ÷ 10000 in Decimal, exact (250000.00 元 → 25.00, 215457.6 → 21.54576), never rounded.

    The one conversion: pages, charts, totals (structure/totals.py) and the *_wan columns.
    """
    if value is None:
        return None
    return value / 10000 if unit == "元" else value


def _integer(row: Row, name: str) -> int | None:
    text = row.get(name)
    return int(text) if text else None


@dataclass(frozen=True)
class Source:
    source_id: str
    title: str
    publisher: str
    published: str
    url: str
    file: str
    note: str


@dataclass(frozen=True)
class Unit:
    unit_id: str
    name: str
    region: str
    prefecture: str
    province: str
    supervisor: str
    address: str
    staff_total: int | None
    staff_in_post: int | None
    staff_contract: int | None
    staff_retired: int | None
    note: str


@dataclass(frozen=True)
class Flag:
    """A data-quality flag: an inconsistency of the published source, kept as published."""

    code: str
    title: str
    message: str
    file: str
    line: int | None
    field: str | None
    resource: str | None
    ref: str | None
    evaluation_id: str | None = None

    @property
    def anchor(self) -> str:
        """The id on the evaluation page the flag points at, e.g. ``budget-item-8``.

        Rows of the budget and indicator tables have their own ids; an evaluation-level
        flag (a total, a grade) points at the evaluation's facts, a stated score at the
        list of stated scores; anything else at no fragment (the page itself).
        """
        if self.resource in ("budget", "indicators") and self.ref:
            return f"{self.resource}-{self.ref}"
        if self.resource == "evaluations" and self.evaluation_id:
            return f"{self.evaluation_id}-facts"
        if self.resource == "stated_scores" and self.evaluation_id:
            return f"{self.evaluation_id}-stated"
        return ""


@dataclass(frozen=True)
class BudgetLine:
    line_id: str
    parent_id: str
    order: int
    label: str
    kind: str
    amount_unit: str
    """元 or 万元, as the form prints its amounts; the figures below are in this unit."""
    budget_initial: Decimal | None
    budget: Decimal | None
    funds_received: Decimal | None
    actual: Decimal | None
    rate_published: Decimal | None
    share_published: Decimal | None
    weight: Decimal | None
    score: Decimal | None
    ambiguous_amounts: tuple[Decimal, ...]
    """Figures printed under more columns than they fill, in printed order; which column each is in is unknown."""
    ambiguous_columns: tuple[str, ...]
    derived: tuple[str, ...]
    note: str
    depth: int

    def in_wan(self, name: str) -> Decimal | None:
        """An amount converted to 万元 for combined tables and charts (exact: ÷ 10000 in Decimal)."""
        return to_wan(getattr(self, name), self.amount_unit)

    # The amounts in 万元, by name, for the combined tables' *_wan columns.
    budget_initial_wan = property(lambda self: self.in_wan("budget_initial"))
    budget_wan = property(lambda self: self.in_wan("budget"))
    funds_received_wan = property(lambda self: self.in_wan("funds_received"))
    actual_wan = property(lambda self: self.in_wan("actual"))

    @property
    def rate_computed(self) -> Decimal | None:
        """actual ÷ budget × 100, unrounded; None where either is missing or budget is 0."""
        if self.budget is None or self.actual is None or self.budget == 0:
            return None
        return self.actual / self.budget * 100


@dataclass(frozen=True)
class Indicator:
    row: int
    level1: str
    level1_weight: Decimal | None
    level2: str
    level2_weight: Decimal | None
    level3: str
    nature: str
    target: str
    target_value: Decimal | None
    measure_unit: str
    actual: str
    actual_value: Decimal | None
    weight: Decimal | None
    weight_share: Decimal | None
    score: Decimal | None
    score_converted: Decimal | None
    status: str
    basis: str
    deviation: str
    note: str


@dataclass(frozen=True)
class NarrativeSection:
    order: int
    section: str
    title: str
    markdown: str


@dataclass(frozen=True)
class StatedScore:
    stated_in: str
    scope: str
    label: str
    weight: Decimal | None
    score: Decimal | None


@dataclass(frozen=True)
class EvaluationFacts:
    """What an evaluation says of itself apart from its rows: form, period, totals, grade, source, flags.

    The part an ``Evaluation`` and an ``EvaluationOutline`` share.
    """

    evaluation_id: str
    unit_id: str
    year: int
    kind: str
    template: str
    title: str
    form_title: str
    form_number: str
    project_code: str
    implementing_unit: str
    supervisor: str
    period_start: str
    period_end: str
    weight_term: str
    """The form's word for a row's weight, 分值 or 权重, as transcribed (empty: not stated)."""
    total_weight: Decimal | None
    total_score: Decimal | None
    grade: str
    source: Source
    note: str
    stated_scores: tuple[StatedScore, ...]
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Evaluation(EvaluationFacts):
    """One evaluation whole: its facts and every budget line, indicator and narrative section."""

    budget: tuple[BudgetLine, ...]
    indicators: tuple[Indicator, ...]
    narrative: tuple[NarrativeSection, ...]

    @property
    def total_line(self) -> BudgetLine | None:
        return next((line for line in self.budget if not line.parent_id), None)


@dataclass(frozen=True)
class EvaluationOutline(EvaluationFacts):
    """An evaluation as pages across units show it: its facts and its total line, without its rows."""

    total_line: BudgetLine | None


@dataclass(frozen=True)
class Resource:
    """A table a package publishes: its path in the package and its title (the path when it has none)."""

    path: str
    title: str


class _Evaluations(Generic[E]):
    """What a package and its outline say of their evaluations, whichever kind they hold."""

    evaluations: tuple[E, ...]

    @property
    def main(self) -> E | None:
        """The department-wide evaluation, else the report, else None."""
        for kind in ("department", "report"):
            for evaluation in self.evaluations:
                if evaluation.kind == kind:
                    return evaluation
        return None

    @property
    def projects(self) -> tuple[E, ...]:
        return tuple(e for e in self.evaluations if e.kind == "project")

    @property
    def flags(self) -> tuple[Flag, ...]:
        return tuple(flag for e in self.evaluations for flag in e.flags)


@dataclass(frozen=True)
class PackageFacts:
    """What a package and its outline share: the unit, the year and the files and sources it publishes."""

    unit: Unit
    year: int
    display: str
    files: tuple[str, ...]
    """Resource paths inside the package (CSV files), in descriptor order."""
    sources: tuple[Source, ...]

    @property
    def package_id(self) -> str:
        return f"{self.unit.unit_id}-{self.year}"


@dataclass(frozen=True)
class Package(PackageFacts, _Evaluations[Evaluation]):
    """One data package: a unit's evaluations for one year, whole, and its descriptor."""

    descriptor: dict
    evaluations: tuple[Evaluation, ...]

    @property
    def resources(self) -> tuple[Resource, ...]:
        return tuple(Resource(r["path"], r.get("title", r["path"])) for r in self.descriptor["resources"])


@dataclass(frozen=True)
class PackageOutline(PackageFacts, _Evaluations[EvaluationOutline]):
    """A package as pages across units need it: totals, scores, grades, flags, sources and table titles.

    Budget lines below the total, indicators and narrative are not in it, so the main
    process can hold every package of a national portal in memory; a page that needs them
    is a page of the unit, rendered from the ``Package``.
    """

    resources: tuple[Resource, ...]
    evaluations: tuple[EvaluationOutline, ...]


AnyPackage = Package | PackageOutline
"""A package whole or its outline: what a function takes that reads only what both hold."""
AnyEvaluation = Evaluation | EvaluationOutline
"""An evaluation whole or its outline (both have ``total_line``)."""


def build_package(raw: RawPackage, findings: tuple[Finding, ...]) -> Package:
    """Turn a validated RawPackage (and its flags) into the model."""
    tables, descriptor = raw.tables, raw.descriptor
    if descriptor is None:
        raise ValueError(f"{raw.display}: build_package needs a validated package")
    unit_row = tables["unit"][0]
    unit_fields: dict[str, Any] = {f["name"]: unit_row.get(f["name"]) for f in TABLES["unit"]["fields"]}
    for name in ("staff_total", "staff_in_post", "staff_contract", "staff_retired"):
        unit_fields[name] = _integer(unit_row, name)
    unit = Unit(**unit_fields)
    sources = {
        row.get("source_id"): Source(**{f["name"]: row.get(f["name"]) for f in TABLES["sources"]["fields"]})
        for row in tables["sources"]
    }
    evaluations = tuple(_evaluation(raw, row, sources, findings) for row in tables["evaluations"])
    return Package(
        unit=unit,
        year=int(raw.year),
        display=raw.display,
        files=tuple(r["path"] for r in descriptor["resources"]),
        descriptor=descriptor,
        sources=tuple(sources.values()),
        evaluations=evaluations,
    )


def _evaluation(raw: RawPackage, row: Row, sources: dict[str, Source], findings: tuple[Finding, ...]) -> Evaluation:
    evaluation_id = row.get("evaluation_id")

    def mine(table: str) -> list[Row]:
        return [r for r in raw.tables.get(table, []) if r.get("evaluation_id") == evaluation_id]

    budget_rows = sorted(mine("budget"), key=lambda r: int(r.get("order")))
    parents = {r.get("line_id"): r.get("parent_id") for r in budget_rows}
    budget = tuple(
        BudgetLine(
            line_id=r.get("line_id"),
            parent_id=r.get("parent_id"),
            order=int(r.get("order")),
            label=r.get("label"),
            kind=r.get("kind"),
            amount_unit=r.get("amount_unit") or "万元",
            budget_initial=_decimal(r, "budget_initial"),
            budget=_decimal(r, "budget"),
            funds_received=_decimal(r, "funds_received"),
            actual=_decimal(r, "actual"),
            rate_published=_decimal(r, "rate_published"),
            share_published=_decimal(r, "share_published"),
            weight=_decimal(r, "weight"),
            score=_decimal(r, "score"),
            ambiguous_amounts=tuple(Decimal(text) for text in r.get("ambiguous_amounts").split()),
            ambiguous_columns=tuple(r.get("ambiguous_columns").split()),
            derived=tuple(r.get("derived").split()),
            note=r.get("note"),
            depth=_depth(r.get("line_id"), parents),
        )
        for r in budget_rows
    )
    indicators = tuple(
        Indicator(
            row=int(r.get("row")),
            level1=r.get("level1"),
            level1_weight=_decimal(r, "level1_weight"),
            level2=r.get("level2"),
            level2_weight=_decimal(r, "level2_weight"),
            level3=r.get("level3"),
            nature=r.get("nature"),
            target=r.get("target"),
            target_value=_decimal(r, "target_value"),
            measure_unit=r.get("measure_unit"),
            actual=r.get("actual"),
            actual_value=_decimal(r, "actual_value"),
            weight=_decimal(r, "weight"),
            weight_share=_decimal(r, "weight_share"),
            score=_decimal(r, "score"),
            score_converted=_decimal(r, "score_converted"),
            status=r.get("status"),
            basis=r.get("basis"),
            deviation=r.get("deviation"),
            note=r.get("note"),
        )
        for r in sorted(mine("indicators"), key=lambda r: int(r.get("row")))
    )
    narrative = tuple(
        NarrativeSection(int(r.get("order")), r.get("section"), r.get("title"), raw.texts.get(r.get("file"), ""))
        for r in sorted(mine("narrative"), key=lambda r: int(r.get("order")))
    )
    stated = tuple(
        StatedScore(r.get("stated_in"), r.get("scope"), r.get("label"), _decimal(r, "weight"), _decimal(r, "score"))
        for r in mine("stated_scores")
    )
    flags = tuple(
        Flag(f.code, CODES[f.code].title, f.message, f.file, f.line, f.field, f.resource, f.ref, f.evaluation_id)
        for f in findings
        if not f.is_error and f.evaluation_id == evaluation_id
    )
    return Evaluation(
        evaluation_id=evaluation_id,
        unit_id=row.get("unit_id"),
        year=int(row.get("year")),
        kind=row.get("kind"),
        template=row.get("template"),
        title=row.get("title"),
        form_title=row.get("form_title"),
        form_number=row.get("form_number"),
        project_code=row.get("project_code"),
        implementing_unit=row.get("implementing_unit"),
        supervisor=row.get("supervisor"),
        period_start=row.get("period_start"),
        period_end=row.get("period_end"),
        weight_term=row.get("weight_term"),
        total_weight=_decimal(row, "total_weight"),
        total_score=_decimal(row, "total_score"),
        grade=row.get("grade"),
        source=sources[row.get("source_id")],
        note=row.get("note"),
        budget=budget,
        indicators=indicators,
        narrative=narrative,
        stated_scores=stated,
        flags=flags,
    )


def _depth(line_id: str, parents: dict[str, str]) -> int:
    depth, seen = 0, {line_id}
    while parents.get(line_id):
        line_id = parents[line_id]
        if line_id in seen:
            break
        seen.add(line_id)
        depth += 1
    return depth


def outline(package: Package) -> PackageOutline:
    """The package as pages across units need it (``PackageOutline``): its rows left out."""
    facts = {field.name: getattr(package, field.name) for field in fields(PackageFacts)}
    evaluations = tuple(
        EvaluationOutline(
            **{field.name: getattr(evaluation, field.name) for field in fields(EvaluationFacts)},
            total_line=evaluation.total_line,
        )
        for evaluation in package.evaluations
    )
    return PackageOutline(**facts, resources=package.resources, evaluations=evaluations)
