"""The site index and the package outline: what pages across units are given, built once.

Expected values are read by hand from data/yiyang-si/2022 (budget.csv, indicators.csv,
datapackage.json), not computed with the model.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from check_harness import model, seed

from jixiao.ingest.model import EvaluationOutline, PackageOutline, outline
from jixiao.structure.index import SiteIndex


@pytest.fixture(scope="module")
def yiyang() -> PackageOutline:
    return outline(model(seed("yiyang-si/2022")))


def test_an_outline_keeps_each_evaluations_total_line_and_no_rows(yiyang):
    by_id = {e.evaluation_id: e for e in yiyang.evaluations}
    allowance = by_id["retiree-allowance"]
    assert isinstance(allowance, EvaluationOutline)
    # budget.csv: the total is the third line printed (年度资金总额 43 / 38.5746), after 财政拨款 and 其他资金
    assert allowance.total_line is not None
    assert (allowance.total_line.line_id, allowance.total_line.label) == ("total", "年度资金总额")
    assert (allowance.total_line.budget, allowance.total_line.actual) == (Decimal("43"), Decimal("38.5746"))
    assert (by_id["report"].total_line.budget, by_id["report"].total_line.actual) == (  # type: ignore[union-attr]
        Decimal("120.56"),
        Decimal("116.14"),
    )
    fields = {field.name for field in dataclasses.fields(EvaluationOutline)}
    assert not fields & {"budget", "indicators", "narrative"}  # rows are not in an outline: nothing to empty
    assert yiyang.main is by_id["report"]
    assert [e.evaluation_id for e in yiyang.projects][:1] == ["retiree-allowance"]


def test_an_outline_names_its_tables_by_path_and_title(yiyang):
    assert yiyang.package_id == "yiyang-si-2022"
    assert (yiyang.resources[0].path, yiyang.resources[0].title) == ("unit.csv", "单位")
    assert not hasattr(yiyang, "descriptor")


def test_the_index_is_a_value_built_once_with_its_counts(yiyang):
    index = SiteIndex.of([yiyang], row_counts={"budget_lines": 14}, all_years_files=("datasets/jixiao.db",))
    assert index.by_unit == {"yiyang-si": (yiyang,)}
    assert index.by_year == {2022: (yiyang,)}
    assert index.row_counts == {"budget_lines": 14}
    assert index.all_years_files == ("datasets/jixiao.db",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        index.row_counts = {}  # type: ignore[misc]
