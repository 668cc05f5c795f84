"""How much of each real package `build.py import` recovers from its source text; writes docs/import.md.

    python bench/import_report.py [--data data] [--sources sources] [--out docs/import.md]

For every package in data/ and every source text its sources.csv names, the text is
imported into a scratch folder and the draft compared with the package (figures the
transcriber derived are left out): recovered exactly, wrongly read (must be 0), missing,
and what went to the review list.  Then every clerk-made file under
tests/fixtures/clerk/forms/ (XLSX, DOCX, HTML and LibreOffice's PDFs of them).  Writes
docs/import.md and the floors the ratchet test holds (tests/fixtures/import_floors.json:
per source, the figures recovered).  Deterministic: same data and code, same files.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYOUTS = ROOT / "tests" / "fixtures" / "layouts"
FLOORS = ROOT / "tests" / "fixtures" / "import_floors.json"
FORMATS = {
    ".xls": "XLS（Excel 97–2003）",
    ".xlsx": "XLSX",
    ".docx": "DOCX",
    ".html": "HTML",
    ".xlsx.pdf": "PDF（由 XLSX 导出）",
    ".docx.pdf": "PDF（由 DOCX 导出）",
}
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the oracle lives with the tests, apart from the code it judges

from import_oracle import CLERK, Tally, compare, measure_clerk  # noqa: E402

from jixiao.cli import main  # noqa: E402
from jixiao.ingest.draft import REVIEW_FILE  # noqa: E402
from jixiao.ingest.load import find_packages  # noqa: E402


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def measure(package: Path, text: Path, scratch: Path) -> tuple[Tally | None, Counter, int]:
    """(tally or None when no form was recognised, review reasons, forms found)."""
    data = scratch / "data"
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        code = main(
            [
                "import",
                str(text),
                "--unit",
                "imported",
                "--year",
                package.name,
                "--data",
                str(data),
                "--sources",
                str(scratch / "sources"),
            ]
        )
    if code != 0:
        return None, Counter(), 0
    draft = data / "imported" / package.name
    reasons = Counter(row["note"].split("；")[0] for row in _rows(draft / REVIEW_FILE) if not row["field"])
    forms = len(_rows(draft / "evaluations.csv"))
    return compare(package, draft), reasons, forms


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "—"


def _table(data_dir: Path, sources_dir: Path, total: Tally, floors: dict[str, int]) -> list[str]:
    lines = [
        "| 数据包 | 原文 | 识别出的表 | 数字 | 准确读出 | 读错 | 臆造 | 缺失 | 拆分补充 | 待核对的原文行 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for package in find_packages(data_dir):
        for source in _rows(package / "sources.csv"):
            text = sources_dir / source["file"]
            if not text.is_file():
                continue
            with tempfile.TemporaryDirectory() as scratch:
                tally, reasons, forms = measure(package, text, Path(scratch))
            shown = f"{package.parent.name}/{package.name}"
            if tally is None:
                floors[f"{sources_dir.relative_to(ROOT).as_posix()}/{source['file']}"] = 0
                lines.append(f"| `{shown}` | `{source['file']}` | 0（未识别出自评表） | — | — | — | — | — | — | — |")
                continue
            total.add(tally)
            floors[f"{sources_dir.relative_to(ROOT).as_posix()}/{source['file']}"] = tally.recovered
            why = "；".join(f"{reason} {count}" for reason, count in sorted(reasons.items())) or "无"
            recovered = f"{tally.recovered}（{_share(tally.recovered, tally.total)}）"
            wrong = f"{len(tally.wrong)}（{_share(len(tally.wrong), tally.total)}）"
            counts = f"{tally.total} | {recovered} | {wrong} | {len(tally.invented)} | {len(tally.missing)}"
            counts += f" | {len(tally.additional)}"
            lines.append(f"| `{shown}` | `{source['file']}` | {forms} | {counts} | {why} |")
    return lines


def _bad(tally: Tally) -> str:
    """读错 | 臆造 cells of a row."""
    return f"{len(tally.wrong)} | {len(tally.invented)}"


def _format(path: Path) -> str:
    return next(
        name for suffix, name in sorted(FORMATS.items(), key=lambda item: -len(item[0])) if path.name.endswith(suffix)
    )


def _clerk(floors: dict[str, int]) -> list[str]:
    """The clerk-made files: one line each, then per format, then in all."""
    lines = [
        "## 文员制作的原表",
        "",
        "`tests/fixtures/clerk/forms/`：`make_clerk_forms.py` 按机关文员的做法把 data/ 中每个数据包的一张表",
        "做成 XLSX（合并单元格、两行表头、数字格式 0.00／#,##0.00／百分比、带缓存结果的 SUM 公式、“单位：万元”）、",
        "Word 表格（gridSpan／vMerge，指标表头跨页重复）、网页表格（rowspan／colspan），再由 LibreOffice 导出 PDF",
        "并另存为 Excel 97–2003（.xls）。",
        "对照的是制作时数据包 CSV 的副本（`tests/fixtures/clerk/packages/`）中转录的文字，逐位比较（8.50 ≠ 8.5）。",
        "",
        "改进之前（提交 ce992d4，同一批文件、同一对照）：XLSX 1020／1087（93.8 %，读错 13）、",
        "DOCX 1024（94.2 %，读错 9）、",
        "由 DOCX 导出的 PDF 871（80.1 %，读错 33）、由 XLSX 导出的 PDF 0（列被分页切开，未识别）、网页全部拒绝"
        "（“不支持的文件类型”）；合计 2915／5435（53.6 %），读错 55。",
        "",
        "| 文件 | 格式 | 数字与关键文字 | 准确读出 | 读错 | 臆造 | 缺失 |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    by_format: dict[str, Tally] = {}
    seconds: dict[str, float] = {}
    everything = Tally()
    for source in sorted(CLERK.iterdir()):
        if source.name.endswith((".py", ".json")) or not any(source.name.endswith(s) for s in FORMATS):
            continue
        kind = _format(source)
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as scratch:
            tally = measure_clerk(source, Path(scratch))
        seconds[kind] = seconds.get(kind, 0.0) + time.perf_counter() - started
        if tally is None:
            lines.append(f"| `{source.name}` | {kind} | — | 0（未识别出自评表） | — | — | — |")
            floors[f"tests/fixtures/clerk/forms/{source.name}"] = 0
            continue
        floors[f"tests/fixtures/clerk/forms/{source.name}"] = tally.recovered
        by_format.setdefault(kind, Tally()).add(tally)
        everything.add(tally)
        recovered = f"{tally.recovered}（{_share(tally.recovered, tally.total)}）"
        lines.append(
            f"| `{source.name}` | {kind} | {tally.total} | {recovered} | {_bad(tally)} | {len(tally.missing)} |"
        )
    lines += ["", "| 格式 | 数字与关键文字 | 准确读出 | 读错 | 臆造 | 缺失 |", "| --- | --- | --- | --- | --- | --- |"]
    for kind, tally in sorted(by_format.items()):
        recovered = f"{tally.recovered}（{_share(tally.recovered, tally.total)}）"
        lines.append(f"| {kind} | {tally.total} | {recovered} | {_bad(tally)} | {len(tally.missing)} |")
    recovered = f"{everything.recovered}（{_share(everything.recovered, everything.total)}）"
    lines.append(f"| 合计 | {everything.total} | {recovered} | {_bad(everything)} | {len(everything.missing)} |")
    lines.append("")
    if everything.wrong or everything.invented:
        lines += ["读错与臆造：", "", *(f"- {item}" for item in everything.wrong + everything.invented), ""]
    timing = "；".join(f"{kind} {value:.1f} 秒" for kind, value in sorted(seconds.items()))
    print(f"导入用时（本机，随负载变化，不写入文档）：{timing}", file=sys.stderr)
    return lines


def report(data_dir: Path, sources_dir: Path) -> tuple[str, dict[str, int]]:
    lines = [
        "# 从原表导入：真实原文的识别结果",
        "",
        "由 `python bench/import_report.py` 生成，勿手改。对 data/ 中每个数据包的每个原文文本（sources/）运行",
        "`build.py import`，把草稿与人工转录的数据包逐格比较（转录者推算的 `derived` 字段不计）：",
        "",
        "- **数字**：数据包中原表印出的格（金额、执行率、分值、得分、指标名称、指标值、实际完成值、"
        "评价的名称与合计）；",
        "- **准确读出**：草稿中与数据包相同（逐位比较，8.50 ≠ 8.5）；**读错**：草稿有值而与数据包不同；"
        "**臆造**：数据包无此值（或无此行）而草稿有（两者都必须为 0）；",
        "- **缺失**：草稿未填，原表的格进了待核对清单或未被识别；",
        "- **拆分补充**：草稿从指标值文字拆出的 指标性质／指标值（数）／度量单位／实际完成值（数），"
        "数据包未填（不算错）；",
        "- **待核对清单**：未能放入任何表的原文行，按原因计数。",
        "",
        "读得进的格式：XLSX／XLS（按单元格显示的数字格式读，公式取保存的结果）、DOCX、网页（.html）、有表格线的 PDF、",
        '提取的文本；.doc／.wps／.et 与扫描件给出转换办法。读取库是可选的 `pip install "jixiao[import]"`。',
        "上限：10 万个单元格，已用区域或单个合并区域 100 万格，解压后 64 MB，300 页；超出即以“文件过大”拒绝。",
        "核对：`build.py serve` 的 `/__jixiao__/review` 按表分组，可对照原表后整表确认（须填写的占位项除外），",
        "页首一行说明还剩什么。",
        "",
    ]
    total, layouts = Tally(), Tally()
    floors: dict[str, int] = {}
    lines += _table(data_dir, sources_dir, total, floors)
    lines += [
        "",
        f"合计（识别出表的原文）：{total.total} 个数字，"
        f"准确读出 {total.recovered}（{_share(total.recovered, total.total)}），"
        f"读错 {len(total.wrong)}，臆造 {len(total.invented)}，缺失 {len(total.missing)}。",
        "",
        "构造的版式样例（`tests/fixtures/layouts/`，非公开数据，以 `|` 分格的文本，各地区版式各一份）：",
        "",
        *_table(LAYOUTS / "data", LAYOUTS / "sources", layouts, floors),
        "",
    ]
    total.add(layouts)
    lines += _clerk(floors)
    if total.wrong or total.invented:
        lines += ["## 读错与臆造的数字", "", *(f"- {item}" for item in total.wrong + total.invented), ""]
    lines += [
        "## 为什么缺失",
        "",
        "- 如皋的 `000_…`、`001_…` 是 PDF 提取的纯文本，单元格之间只有空格，名称折行、行序错位。只读版式本身",
        "  能确定的：`000_…` 资金表（表头“全年预算数 实际支出数”，每行的金额个数与表头列数相同且都印有单位；",
        "  名称折到上面几行的，金额照读、名称“待填”）与合计行；`001_…` 识别为 5 张项目表（“自评价情况表”，",
        "  “评分表”属同一张），评分表中恰为“三级指标 年初指标值 实际完成值 权重 得分”的行（评分依据在最后，空白）",
        "  照读（行首印有国家表样二级指标名称的，连同二级指标），其余一级、二级指标另行印在别处，写“待填”；",
        "  旁边有折行名称片段的行进待核对清单。",
        "  `000_…` 的指标行“分值”在“评价要点”与“实际完成值”之前，哪段文字属哪一列定不下来，整行进待核对清单。",
        "  `002_…`（被征地农民保障中心）以制表符保留了列位置：",
        "  “自我评价表”按部门整体表识别，资金表按列位置读出",
        "  （仅当每行金额都落在表头之下、标签同列、行不短于表头时）。",
        "- 弋阳（`003_…`）以制表符分格，但 PDF 提取使部分行整体左移或右移一格：这些行的格与表头对不上，",
        "  整行进待核对清单而不按位置硬读；验证随即以 E-WEIGHT-TOTAL／E-SCORE-TOTAL 指出缺了哪些分值。",
        "- 中江（`011_…`）整张表连写，不留分隔。表头两栏之间的文字按表中所印的栏名断开（值中含其他栏名用字的不断）；",
        "  资金行的一串数字按文中所印资金表头的栏目顺序切分，只在恰有一种切分合表中算术时写入（执行率＝执行数÷预算数，",
        "  得分≤分值≤100，执行率为 0 时无得分，其中行不大于资金总额），把握 低；有两种以上的，每种都列进待核对清单。",
        "  “其中:本年财政拨款2020”看不出哪几格空白（20、20 与 全年预算数 20、分值 20 都合算术），进待核对清单；",
        "  指标行的文字（名称、指标值、完成值）没有算术可据，整段进待核对清单。",
        "- 由 LibreOffice 导出的 PDF：跨页的合并单元格（一级／二级指标）被分页切开。Writer 把名称印在第一页，",
        "  Calc 印在整个合并区域的正中，可能落在另一页，也可能落在两页的表格之外。本页表内空白的名称格，",
        "  仅当它紧挨分页、分页另一侧同列的格印有名称、且该名下各行分值之和等于名称括号中的分值时，",
        "  才取那个名称（把握 中，注明出处）；Calc 把名称印在两页表格之间（表外）时，该文字落在此列之内、",
        "  且上页底部与下页顶部的空白行分值之和等于其括号中的分值，两部分都取这个名称。",
        "  否则写“待填”并连同该格进待核对清单，该行其余各格照常按表头读出。",
        "  不挨分页的空白名称格不是分页所致，整行进待核对清单。下一页表格的列线与上一页不同时，按列线位置对回表头。",
        "",
    ]
    return "\n".join(lines), floors


def bombs() -> list[str]:
    """Import bombs (tests/test_import_bombs.py builds them) against a real form, in the same process:
    each is refused before a cell is built, so it takes about as long as reading one clerk-made form."""
    from test_import_bombs import _far_cell, _many_rows, _whole_sheet_merge, _workbook

    form = CLERK / "rugao-pension-2024-department.xlsx"
    cases = [("部门整体自评表（XLSX，397 项）", form.read_bytes())]
    cases += [
        (name, _workbook(make())) for name, make in (("XFD1048576 一格", _far_cell), ("合并整张表", _whole_sheet_merge))
    ]
    cases.append(("20 万行各一格", _workbook(_many_rows())))
    lines = ["| 文件 | 大小 | 结果 | 用时 | 与真实表之比 |", "| --- | --- | --- | --- | --- |"]
    baseline = 0.0
    for name, data in cases:
        with tempfile.TemporaryDirectory() as scratch:
            source = Path(scratch) / "form.xlsx"
            source.write_bytes(data)
            started = time.perf_counter()
            draft = _import_quietly(source, Path(scratch))
            seconds = time.perf_counter() - started
        baseline = baseline or seconds
        result = "草稿" if draft else "拒绝（文件过大）"
        lines.append(
            f"| {name} | {len(data) / 1024:.0f} KB | {result} | {seconds:.2f} 秒 | {seconds / baseline:.2f}× |"
        )
    return lines


def _import_quietly(source: Path, scratch: Path) -> bool:
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):
        args = ["import", str(source), "--unit", "x", "--year", "2024", "--data", str(scratch / "data")]
        code = main([*args, "--sources", str(scratch / "sources")])
    return code == 0


def main_report(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--sources", type=Path, default=ROOT / "sources")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "import.md")
    args = parser.parse_args(argv)
    text, floors = report(args.data, args.sources)
    args.out.write_text(text, encoding="utf-8")
    print("\n".join(["导入炸弹（用时随本机负载变化，只看比值；不写入文档）：", *bombs()]), file=sys.stderr)
    FLOORS.write_text(json.dumps(floors, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main_report())
