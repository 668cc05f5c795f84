"""The real data/: it validates, frictionless accepts it, and its figures are in the sources.

The source-text checks loop over every package, so a new package gets them too: each
package's sources.csv names the text file in sources/ it was transcribed from.  They
hold for any valid package in any layout (JIXIAO_DATA points them at another data
folder, e.g. data/ plus tests/fixtures/layouts/); assertions about one seed name it.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
from site_fixtures import DATA, SOURCES

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = sorted(path.parent for path in DATA.glob("*/*/datapackage.json"))
PACKAGE_IDS = [package.relative_to(DATA).as_posix() for package in PACKAGES]
SEEDS = ROOT / "data"
"""The seed packages that the per-seed tests below name."""

# Columns of budget.csv that hold published figures (and may be named in `derived`).
BUDGET_FIGURES = (
    "budget_initial",
    "budget",
    "funds_received",
    "actual",
    "rate_published",
    "share_published",
    "weight",
    "score",
)


def rows(package: Path, table: str) -> list[dict[str, str]]:
    with (package / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def start_lines(path: Path) -> dict[int, dict[str, str]]:
    """Every record of a CSV by the physical line it starts on (header = line 1)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        records, previous_end = {}, reader.line_num
        for record in reader:
            records[previous_end + 1] = dict(zip(header, record, strict=False))
            previous_end = reader.line_num
    return records


def line_of(path: Path, **match: str) -> int:
    hits = [line for line, row in start_lines(path).items() if all(row[k] == v for k, v in match.items())]
    assert len(hits) == 1, f"{path}: {len(hits)} rows match {match}"
    return hits[0]


def source_text(package: Path) -> str:
    """The extracted text of every source file the package names, as received."""
    files = [row["file"] for row in rows(package, "sources")]
    assert files, f"{package}/sources.csv names no file"
    return "\n".join((SOURCES / name).read_text(encoding="utf-8") for name in files)


def normalised(text: str) -> str:
    """Join numbers split by PDF extraction: ``93116. 21`` → ``93116.21``."""
    return re.sub(r"(?<=\d)\.\s+(?=\d)", ".", text)


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def contains_number(text: str, number: str) -> bool:
    """``number`` occurs in ``text`` as a whole number: 5 is not found inside 125 or 5.5."""
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", text) is not None


LABEL_REACH = 80
"""How far after its row label (in characters, white space removed) a row's figures are looked for."""
NUMERIC_RUN = re.compile(r"[\d.%]+")


def printed(text: str, number: str, label: str = "", row_figures: Iterable[str] = ()) -> bool:
    """``number`` is printed in the source: as a whole number anywhere, or glued to its neighbours near its label.

    Some stored texts run a row's cells together (``年度资金总额303010100%``).  There a
    figure counts as printed when, within ``LABEL_REACH`` characters after the row's label,
    a run of digits splits *entirely* into the row's own figures (each may carry a %), one
    of the pieces being this figure.  Nothing is weaker than the whole-number rule: a digit
    that belongs to no figure of the row, or a figure the row does not hold, leaves the run
    unsplittable, so a figure that is not printed still fails.  (Where the digits allow two
    splits, 30|30 or 3030, the text cannot tell them apart; the arithmetic checks can.)
    """
    if contains_number(text, number):
        return True
    flat, name = squashed(text).replace("|", ""), squashed(label)
    if not name or not number:
        return False
    tokens = {figure for figure in (*row_figures, number) if figure}
    tokens |= {figure + "%" for figure in tokens}
    start = flat.find(name)
    while start >= 0:
        reach = flat[start + len(name) : start + len(name) + LABEL_REACH]
        if any(_split_includes(run, tokens, number) for run in NUMERIC_RUN.findall(reach)):
            return True
        start = flat.find(name, start + 1)
    return False


def _split_includes(run: str, tokens: set[str], number: str) -> bool:
    """Whether ``run`` is a concatenation of ``tokens`` in which ``number`` (or ``number%``) is one piece."""
    size = len(run)
    reaches = [False] * (size + 1)  # run[:i] splits into tokens
    reaches[0] = True
    for i in range(size):
        if reaches[i]:
            for token in tokens:
                if run.startswith(token, i):
                    reaches[i + len(token)] = True
    finishes = [False] * (size + 1)  # run[i:] splits into tokens
    finishes[size] = True
    for i in range(size - 1, -1, -1):
        finishes[i] = any(run.startswith(token, i) and finishes[i + len(token)] for token in tokens)
    return any(
        reaches[i] and run.startswith(piece, i) and finishes[i + len(piece)]
        for i in range(size)
        for piece in (number, number + "%")
    )


def test_packages_found() -> None:
    assert len(PACKAGES) >= 4


# ---------------------------------------------------------------------------------------
# Validation


def _validate(*options: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "build.py", "--data", str(DATA), "validate", *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
    )


def test_real_data_validates() -> None:
    result = _validate()
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "验证通过" in result.stderr


def _frictionless_command() -> list[str]:
    module = subprocess.run([sys.executable, "-m", "frictionless", "--help"], capture_output=True, timeout=120)
    if module.returncode == 0:
        return [sys.executable, "-m", "frictionless"]
    script = Path(sys.executable).with_name("frictionless")
    assert script.exists(), "frictionless is not installed"
    return [str(script)]


@pytest.fixture(scope="module")
def frictionless() -> list[str]:
    return _frictionless_command()


@pytest.mark.parametrize("package", PACKAGES, ids=PACKAGE_IDS)
def test_frictionless_validates(frictionless: list[str], package: Path) -> None:
    result = subprocess.run(
        [*frictionless, "validate", str(package / "datapackage.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"},
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


FLAG_LINE = re.compile(
    r"^(?P<file>data/\S+?)(?: 第(?P<line>\d+)行)?(?: (?P<field>[^\s:]+))?: .* \((?P<code>F-[A-Z-]+)\)$"
)


@pytest.fixture(scope="module")
def flags() -> set[tuple[str, int | None, str | None, str]]:
    """(file, line, field, code) of every data-quality flag on the real data."""
    result = _validate("--flags")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    found = set()
    for text in result.stdout.splitlines():
        match = FLAG_LINE.match(text)
        if match:
            line = int(match["line"]) if match["line"] else None
            found.add((match["file"], line, match["field"], match["code"]))
    return found


def test_known_flags(flags: set) -> None:
    landloss, yiyang = SEEDS / "rugao-landloss/2023", SEEDS / "yiyang-si/2022"
    over = line_of(landloss / "budget.csv", evaluation_id="department", line_id="item-8")
    assert ("data/rugao-landloss/2023/budget.csv", over, "actual", "F-OVER-BUDGET") in flags
    missed = line_of(yiyang / "indicators.csv", evaluation_id="retiree-allowance", row="1")
    assert ("data/yiyang-si/2022/indicators.csv", missed, "score", "F-FULL-MARKS-MISSED") in flags
    excluded = line_of(yiyang / "budget.csv", evaluation_id="retiree-allowance", line_id="total")
    assert ("data/yiyang-si/2022/budget.csv", excluded, "score", "F-FUNDS-EXCLUDED") in flags
    assert any(f[0] == "data/rugao-sif/2024/budget.csv" and f[3] == "F-DERIVED" for f in flags)


@pytest.mark.parametrize("package", PACKAGES, ids=PACKAGE_IDS)
def test_every_derived_figure_is_flagged(flags: set, package: Path) -> None:
    display = f"data/{package.relative_to(DATA).as_posix()}/budget.csv"
    for line, row in start_lines(package / "budget.csv").items():
        for column in row["derived"].split():
            assert (display, line, column, "F-DERIVED") in flags


# ---------------------------------------------------------------------------------------
# Figures against the source texts, for every package


@pytest.mark.parametrize("package", PACKAGES, ids=PACKAGE_IDS)
def test_source_files_exist(package: Path) -> None:
    for row in rows(package, "sources"):
        assert (SOURCES / row["file"]).is_file(), row["file"]


@pytest.mark.parametrize("package", PACKAGES, ids=PACKAGE_IDS)
def test_budget_figures_appear_in_source(package: Path) -> None:
    """Every budget figure not marked as derived is printed in the source."""
    text = normalised(source_text(package))
    missing = [
        (row["evaluation_id"], row["line_id"], column, row[column])
        for row in rows(package, "budget")
        for column in BUDGET_FIGURES
        if row[column]
        and column not in row["derived"].split()
        and not printed(text, row[column], row["label"], printed_figures(row))
    ]
    missing += [
        (row["evaluation_id"], row["line_id"], "ambiguous_amounts", figure)
        for row in rows(package, "budget")
        for figure in row["ambiguous_amounts"].split()
        if not printed(text, figure, row["label"], printed_figures(row))
    ]
    assert missing == []


def printed_figures(row: dict[str, str]) -> list[str]:
    """The figures a budget row says its form prints: every figure column not marked derived, and the ambiguous ones."""
    derived = row["derived"].split()
    return [row[c] for c in BUDGET_FIGURES if row[c] and c not in derived] + row["ambiguous_amounts"].split()


@pytest.mark.parametrize("package", PACKAGES, ids=PACKAGE_IDS)
def test_total_lines_appear_in_source(package: Path) -> None:
    """The headline: each 资金总额 line's budget and actual, whether or not derived elsewhere."""
    text = normalised(source_text(package))
    totals = [row for row in rows(package, "budget") if row["kind"] == "total"]
    for row in totals:
        for column in ("budget", "actual"):
            if row[column] and column not in row["derived"].split():
                found = printed(text, row[column], row["label"], printed_figures(row))
                assert found, (row["evaluation_id"], column, row[column])


TOTAL_LABEL = r"(?:合计|总分|总计)"


def cells_as_text(text: str) -> str:
    """Table-shaped text (cells split by |) as plain text: each separator becomes a space."""
    return re.sub(r"\s+", " ", text.replace("|", " "))


def _whole(number: str) -> str:
    return rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)"


def total_row_count(text: str, weight: str, score: str) -> int:
    """How often a 合计/总分/总计 row prints these figures: after the label, or (as PDF extraction
    often leaves them) before it, within the same stretch of text; or with the weight in the
    label's brackets and the score after it (“总分(100分) 100”)."""
    figures = r"\s+".join(_whole(n) for n in (weight, score) if n)
    after = re.findall(rf"{TOTAL_LABEL}\s*{figures}", text)
    before = re.findall(rf"{figures}.{{0,300}}?{TOTAL_LABEL}", text)
    bracketed, glued = [], []
    if weight and score:
        bracketed = re.findall(rf"{TOTAL_LABEL}\s*[(（]\s*{_whole(weight)}\s*分?\s*[)）]\s*{_whole(score)}", text)
        # cells run together (“总分10098”): the weight straight after the label, the score straight after it
        glued = re.findall(rf"{TOTAL_LABEL}\s*{re.escape(weight)}\s*{re.escape(score)}(?![\d]|\.\d)", text)
    return max(len(after), len(before), len(bracketed), len(glued))


@pytest.mark.parametrize("package", PACKAGES, ids=PACKAGE_IDS)
def test_evaluation_totals_appear_in_source(package: Path) -> None:
    """total_weight and total_score are printed on a 合计/总分/总计 row, once per evaluation.

    The row may print only the weight (a form whose scores are blank), and table-shaped
    text may split cells with | or put figures before their label.
    """
    text = cells_as_text(normalised(source_text(package)))
    wanted = Counter(
        (row["total_weight"], row["total_score"])
        for row in rows(package, "evaluations")
        if row["total_weight"] or row["total_score"]
    )
    for (weight, score), count in wanted.items():
        printed = total_row_count(text, weight, score)
        assert printed >= count, f"{weight}/{score}: {count} evaluations, {printed} total rows in the source"


# The matchers above, on hand-made text: glued cells are accepted, a figure not printed still fails.
GLUED_ROW = "预算执行情况（万元）年初预算数全年预算数全年执行数分值执行率得分年度资金总额303010100%10其中：当年财政拨款"


@pytest.mark.parametrize(
    ("figure", "row", "expected"),
    [
        ("30", ("30", "30", "10", "100", "10"), True),  # budget and actual, glued to each other and to the weight
        ("10", ("30", "30", "10", "100", "10"), True),
        ("100", ("30", "30", "10", "100", "10"), True),  # the rate, with its %
        ("31", ("30", "31", "10", "100", "10"), False),  # not printed: 31 is nowhere in the run
        ("3", ("3", "30", "10", "100", "10"), False),  # 3|030… leaves “030…”, which no figure of the row begins
        ("303", ("303", "10", "100", "10"), False),  # 303|010… leaves “010…”
    ],
)
def test_a_figure_glued_to_its_neighbours_counts_only_if_the_run_splits_into_the_rows_figures(figure, row, expected):
    assert printed(GLUED_ROW, figure, "年度资金总额", row) is expected


def test_glued_figures_count_only_near_their_label() -> None:
    far = "年度资金总额" + "说明文字" * 30 + "303010100%"
    assert not printed(far, "30", "年度资金总额", ("30", "30", "10", "100"))
    assert not printed(GLUED_ROW, "30", "其他资金", ("30", "30", "10", "100"))
    assert printed("年度资金总额 30 | 30 | 10 | 100% |", "30")  # separated cells: the whole-number rule, as before
    assert not printed("年度资金总额 3030 | 10 |", "30")  # and without the row's figures nothing is split


def test_a_glued_total_row_counts_once_and_a_wrong_pair_not_at_all() -> None:
    assert total_row_count("评价结论总分10098自评等级优", "100", "98") == 1
    assert total_row_count("评价结论总分10098自评等级优", "100", "97") == 0
    assert total_row_count("评价结论总分100980", "100", "98") == 0  # 98 is not the end of the run
    assert total_row_count(cells_as_text("合计 | 100 | 98 |"), "100", "98") == 1


@pytest.mark.parametrize("package", PACKAGES, ids=PACKAGE_IDS)
def test_indicator_names_appear_in_source(package: Path) -> None:
    """Each 三级指标 is in the source once line breaks, spaces and | are removed from both.

    PDF extraction may move the wrapped tail of a cell elsewhere ("与委托运营方结算完成 … 率"):
    a name also counts as found when a head of at least four characters and the rest are.
    """
    text = squashed(source_text(package)).replace("|", "")
    missing = [
        (row["evaluation_id"], row["row"], row["level3"])
        for row in rows(package, "indicators")
        if row["level3"] and not in_text_or_wrapped(squashed(row["level3"]), text)
    ]
    assert missing == []


def in_text_or_wrapped(name: str, text: str) -> bool:
    return name in text or any(name[:k] in text and name[k:] in text for k in range(len(name) - 1, 3, -1))


# ---------------------------------------------------------------------------------------
# Known figures


def _one(package: Path, table: str, **match: str) -> dict[str, str]:
    hits = [row for row in rows(package, table) if all(row[k] == v for k, v in match.items())]
    assert len(hits) == 1, f"{package}/{table}.csv: {len(hits)} rows match {match}"
    return hits[0]


def test_rugao_pension_2024() -> None:
    package = SEEDS / "rugao-pension/2024"
    total = _one(package, "budget", evaluation_id="department", line_id="total")
    assert (total["budget"], total["actual"]) == ("989.34", "989.33")
    evaluation = _one(package, "evaluations", evaluation_id="department")
    assert (evaluation["total_weight"], evaluation["total_score"], evaluation["grade"]) == ("100", "97.2", "优")
    text = source_text(package)
    assert "989.34" in text and "989.33" in text
    assert re.search(r"合计\s*100\s+97\.2", text)


def test_rugao_landloss_2023() -> None:
    package = SEEDS / "rugao-landloss/2023"
    total = _one(package, "budget", evaluation_id="department", line_id="total")
    assert (total["budget"], total["actual"]) == ("93116.21", "90819.34")
    evaluation = _one(package, "evaluations", evaluation_id="department")
    assert (evaluation["total_weight"], evaluation["total_score"], evaluation["grade"]) == ("100", "96.8", "优")
    text = source_text(package)
    # The extracted text splits these numbers; data/ holds them joined.
    assert "93116. 21" in text and "90819. 34" in text
    assert re.search(r"合计\s*100\s+96\.8", text)


def test_yiyang_si_2022_teacher_allowance() -> None:
    package = SEEDS / "yiyang-si/2022"
    total = _one(package, "budget", evaluation_id="teacher-allowance", line_id="total")
    # Printed with different precision; kept exactly as printed.
    assert (total["budget_initial"], total["budget"]) == ("49.473106", "49.4731")
    assert "49.473106" in source_text(package)


def test_rugao_sif_2024_six_projects_scoring_99() -> None:
    package = SEEDS / "rugao-sif/2024"
    projects = [row for row in rows(package, "evaluations") if row["kind"] == "project"]
    assert len(projects) == 6
    assert {(row["total_weight"], row["total_score"]) for row in projects} == {("100", "99")}
    assert len(re.findall(r"总计\s*100\s+99(?![\d.])", source_text(package))) >= 6


ZHONGJIANG = SEEDS / "zhongjiang-water/2022"
"""A real form whose stored copy runs every cell together (中江县水利局, sources/011_…): kept exactly as received."""


def test_zhongjiang_water_2022_is_checked_on_its_run_together_text() -> None:
    text = source_text(ZHONGJIANG)
    # The stored copy as received: one line, no cell separators, no spaces.
    assert "年度资金总额:202010100.00%10其中:本年财政拨款2020其他资金" in text
    assert "总分100100注" in text
    assert not {"|", " ", "\n"} & set(text)
    total = _one(ZHONGJIANG, "budget", evaluation_id="water-gauges", line_id="total")
    figures = tuple(total[c] for c in ("budget", "actual", "weight", "rate_published", "score"))
    assert figures == ("20", "20", "10", "100.00", "10")
    evaluation = _one(ZHONGJIANG, "evaluations", evaluation_id="water-gauges")
    assert (evaluation["total_weight"], evaluation["total_score"]) == ("100", "100")
    # 100.00 is printed only inside the run “202010100.00%10”: the glued rule is what finds it.
    assert not contains_number(text, "100.00")
    assert printed(text, "100.00", "年度资金总额", figures)
    assert total_row_count(cells_as_text(text), "100", "100") == 1


@pytest.mark.parametrize(
    ("figure", "row"),
    [
        ("100.01", ("20", "20", "10", "100.01", "10")),  # a rate the form does not print
        ("21", ("20", "21", "10", "100.00", "10")),  # an amount misread: 21 is nowhere in the run
        ("2", ("2", "20", "10", "100.00", "10")),  # 2|020… leaves “020…”, which no figure of the row begins
        ("1010", ("20", "20", "1010", "100.00", "10")),  # weight and rate cut in the wrong place leave “0.00%…”
    ],
)
def test_zhongjiang_water_2022_a_figure_not_printed_is_not_found(figure: str, row: tuple[str, ...]) -> None:
    text = source_text(ZHONGJIANG)
    assert not printed(text, figure, "年度资金总额", row)


def test_zhongjiang_water_2022_a_wrong_total_pair_is_not_found() -> None:
    text = cells_as_text(source_text(ZHONGJIANG))
    assert total_row_count(text, "100", "99") == 0
    assert total_row_count(text, "10", "100") == 0
    assert total_row_count(text, "100", "10") == 0  # “总分100100”: 10 is not the end of the run


def test_zhongjiang_water_2022_a_split_the_digits_allow_is_caught_by_the_arithmetic(tmp_path: Path) -> None:
    """“2020” also splits as 202|0: the text cannot tell, the published 执行率 100.00% can (E-RATE)."""
    data = tmp_path / "data"
    shutil.copytree(ZHONGJIANG, data / "zhongjiang-water/2022")
    budget = data / "zhongjiang-water/2022/budget.csv"
    misread = ("202", "0", "10", "100.00", "10")
    assert printed(source_text(ZHONGJIANG), "202", "年度资金总额", misread)  # the digits alone allow it
    with budget.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    header = list(table[0])
    table[0]["budget"], table[0]["actual"] = "202", "0"
    with budget.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)
    result = subprocess.run(
        [sys.executable, "build.py", "--data", str(data), "validate"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=300,
    )
    assert result.returncode != 0
    assert "data/zhongjiang-water/2022/budget.csv 第2行 rate_published" in result.stdout + result.stderr
    assert "(E-RATE)" in result.stdout + result.stderr
