"""The contributors' guide and the messages a maintainer reads: each error says what to do next.

(That every code of ``findings.CODES`` is in CONTRIBUTING.md is tests/test_maintainers.py's
``test_every_code_is_documented_in_contributing``, and its table is cog's, checked in tests/test_lint.py.)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.ingest.findings import CODES, Finding, Severity

REPO = Path(__file__).resolve().parents[1]
GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", [code for code in CODES if code.startswith("E-")])
def test_every_error_says_what_to_do_next(code):
    text = Finding(code, "data/x/2024/budget.csv", "两个数不符", line=3).text()
    assert text.endswith(f" ({code})") and "；请" in text, text
    said = Finding(code, "data/x/2024/budget.csv", "不是 UTF-8；请另存为 UTF-8", line=3).text()
    assert said.count("请") == 1, said  # a message that already says it gets nothing more


def test_a_flag_is_not_told_to_change_anything():
    flag = Finding("F-OVER-BUDGET", "data/x/2024/budget.csv", "实际支出数大于全年预算数", severity=Severity.FLAG)
    assert "请" not in flag.text()


def test_validate_prints_a_next_step_on_every_error_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data" / "rugao-pension", data / "rugao-pension")
    shutil.copytree(REPO / "data" / "rugao-landloss", data / "rugao-landloss")
    budget = data / "rugao-pension" / "2024" / "budget.csv"
    budget.write_text(budget.read_text("utf-8").replace(",426.16,,426.16,", ",436.16,,426.16,", 1), "utf-8")
    (data / "rugao-landloss" / "2023" / "notes.txt").write_text("草稿", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "build.py", "--data", str(data), "validate"],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=300,
    )
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.endswith(")") and "(E-" in line]
    assert result.returncode == 1 and {line.rsplit("(", 1)[1] for line in lines} >= {"E-SUM)", "E-UNLISTED)"}
    assert all("请" in line for line in lines), lines


@pytest.mark.parametrize(
    "answer",
    [
        "导入什么也没找到时",  # the import's fallback
        "主管部门与实施单位明显填反时",
        "单元格连在一起的原文",
        "原表的空白模板行",
        "镜像网站插入的痕迹",
        "资金行有分值、没有得分",
        "达到目标却扣了分",
        "说明显示在哪里",
        "测试对 `sources/` 核对的是",
        "`README.md` 的 “Data” 表",
        "`sources/README.md`",
    ],
)
def test_the_guide_answers_what_a_new_maintainer_met(answer):
    """Issue 26's list of gaps, each a passage of CONTRIBUTING.md (removing one fails here)."""
    assert answer in GUIDE
