"""``jixiao init DIR``: a new portal repository that builds with the installed package's theme.

It holds only what a portal owns: jixiao.toml, data/, a README with the two commands,
the contributors' guide, the GitHub workflow and .gitignore.  Templates and assets stay
in the package (a portal overrides single files in its own templates/ or assets/), so
the portal keeps receiving the package's fixes.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from jixiao.commands import CommandRefused
from jixiao.config import PACKAGE_DIR, theme_dir
from jixiao.ingest.checks.text import INVISIBLE
from jixiao.settings import FILE_NAME, starter

STARTER_DIR = PACKAGE_DIR / "starter"
DATA_README = """# data/

每个单位每个年度一个数据包：`data/<单位标识>/<年度>/`。用 `jixiao new 单位标识 年度` 生成骨架，
按 ../CONTRIBUTING.md 填写，`jixiao validate` 检查。
"""


_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029]|{INVISIBLE.pattern}")
"""What a one-line title must not hold: control characters (a newline breaks jixiao.toml), invisible format ones."""


class InitError(CommandRefused):
    """The target folder already holds files; nothing was written."""


@dataclass(frozen=True)
class Install:
    """How the new portal installs jixiao: the pip argument, and where it works (a sentence for its README)."""

    requirement: str
    source: str
    local: bool = False
    """A path on this computer: the line works here, not in the portal's GitHub workflow."""


def installed_from() -> Install:
    """Where this jixiao came from, by PEP 610 (``direct_url.json``): what installs the same code again.

    A VCS checkout gives its URL and commit, a folder or file on this computer its path,
    an archive its URL; without ``direct_url.json`` it came from a package index, so that
    version is released there and ``jixiao==version`` installs it.
    """
    try:
        found = distribution("jixiao")
    except PackageNotFoundError:
        return Install("jixiao", "jixiao 未安装为软件包；请换成安装 jixiao 的实际写法（jixiao init --requirement …）")
    text = found.read_text("direct_url.json")
    if not text and not found.read_text("INSTALLER"):  # metadata of a source checkout (jixiao.egg-info), not installed
        return _local(PACKAGE_DIR.parent, "文件夹")
    if not text:
        released = f"安装的是软件包索引（如 PyPI）上已发布的 jixiao {found.version}，即生成本门户的版本"
        return Install(f"jixiao=={found.version}", released)
    direct = json.loads(text)
    url = str(direct.get("url", ""))
    subdirectory = f"#subdirectory={direct['subdirectory']}" if direct.get("subdirectory") else ""
    if isinstance(vcs := direct.get("vcs_info"), dict):
        commit = vcs.get("commit_id", "")
        line = f"jixiao @ {vcs.get('vcs', 'git')}+{url}@{commit}{subdirectory}"
        return Install(line, f"安装的是 {url} 的提交 {commit[:12]}，即生成本门户的 jixiao（PEP 610 所记的来源）")
    if url.startswith("file:"):
        return _local(Path(url2pathname(urlsplit(url).path)), "文件夹" if "dir_info" in direct else "文件")
    return Install(f"jixiao @ {url}{subdirectory}", f"安装的是 {url}（生成本门户的 jixiao）")


def _local(path: Path, kind: str) -> Install:
    return Install(
        str(path),
        f"安装的是本机{kind} {path} 中的 jixiao：这一行只在这台电脑上有效；推送到 GitHub 之前，"
        "请把本文件和 .github/workflows/portal.yml 中的它改为 git+https://…@提交 或已发布的 jixiao==版本",
        local=True,
    )


def contributing() -> str:
    """The package's contributors' guide, with the portal's commands (``jixiao …``, not build.py)."""
    text = theme_dir("CONTRIBUTING.md").read_text("utf-8")
    return re.sub(r"python build\.py\b", "jixiao", text)


def init(directory: Path, title: str = "", install: str = "") -> Path:
    """Create the portal repository; refuses a folder that exists and is not empty."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise InitError(f"{directory} 已存在且不是空文件夹；请换一个新文件夹")
    name = title.strip() or directory.resolve().name
    if (bad := _UNPRINTABLE.search(name)) is not None:
        raise InitError(
            f"站点名称含不可打印或不可见的字符 U+{ord(bad.group()):04X}（第 {bad.start() + 1} 个字符），"
            '如换行、制表符、双向控制符：请给出一行普通文字，如 --title "某市绩效公开"'
        )
    given = Install(install.strip(), "安装 jixiao 的写法由 jixiao init --requirement 给出")
    how = given if install.strip() else installed_from()
    workflow = (STARTER_DIR / "portal.yml").read_text("utf-8").format(requirement=how.requirement)
    if how.local:
        workflow = workflow.replace("      - name: Install\n", f"      # {how.source}\n      - name: Install\n", 1)
    readme = (STARTER_DIR / "README.md").read_text("utf-8")
    files = {
        FILE_NAME: starter(name),
        "README.md": readme.format(title=name, requirement=how.requirement, source=how.source),
        "CONTRIBUTING.md": contributing(),
        ".gitignore": (STARTER_DIR / "gitignore").read_text("utf-8"),
        ".github/workflows/portal.yml": workflow,
        "data/README.md": DATA_README,
    }
    for relative, text in files.items():
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    guide = theme_dir("docs") / "transcription.md"
    if guide.is_file():
        (directory / "docs").mkdir(exist_ok=True)
        shutil.copyfile(guide, directory / "docs" / "transcription.md")
    return directory
