"""``jixiao init DIR``: a new portal repository that builds with the installed package's theme.

It holds only what a portal owns: jixiao.toml, data/, a README with the two commands,
the contributors' guide, the GitHub workflow and .gitignore.  Templates and assets stay
in the package (a portal overrides single files in its own templates/ or assets/), so
the portal keeps receiving the package's fixes.
"""

from __future__ import annotations

import re
import shutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from jixiao.config import PACKAGE_DIR, theme_dir
from jixiao.settings import FILE_NAME, starter

STARTER_DIR = PACKAGE_DIR / "starter"
DATA_README = """# data/

每个单位每个年度一个数据包：`data/<单位标识>/<年度>/`。用 `jixiao new 单位标识 年度` 生成骨架，
按 ../CONTRIBUTING.md 填写，`jixiao validate` 检查。
"""


class InitError(Exception):
    """The target folder already holds files; nothing was written."""


def requirement() -> str:
    """What the portal's README and workflow install: this version of jixiao."""
    try:
        return f"jixiao=={version('jixiao')}"
    except PackageNotFoundError:
        return "jixiao"


def contributing() -> str:
    """The package's contributors' guide, with the portal's commands (``jixiao …``, not build.py)."""
    text = theme_dir("CONTRIBUTING.md").read_text("utf-8")
    return re.sub(r"python build\.py\b", "jixiao", text)


def init(directory: Path, title: str = "", install: str = "") -> Path:
    """Create the portal repository; refuses a folder that exists and is not empty."""
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise InitError(f"{directory} 已存在且不是空文件夹；请换一个新文件夹")
    name = title.strip() or directory.resolve().name
    wanted = install.strip() or requirement()
    files = {
        FILE_NAME: starter(name),
        "README.md": (STARTER_DIR / "README.md").read_text("utf-8").format(title=name, requirement=wanted),
        "CONTRIBUTING.md": contributing(),
        ".gitignore": (STARTER_DIR / "gitignore").read_text("utf-8"),
        ".github/workflows/portal.yml": (STARTER_DIR / "portal.yml").read_text("utf-8").format(requirement=wanted),
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
