"""Configuration: one frozen Config for a build, the portal's identity (Site) and the grade bands.

The fields of ``Site`` are also the definitions of the site configuration file
(``jixiao.toml``): each carries its TOML key, its description and its check in the
field's metadata, so the reader (jixiao/settings.py), the validator and the generated
documentation cannot drift apart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

GradeBands = dict[str, tuple[tuple[Decimal, str], ...]]
"""Jurisdiction (province, or a more specific region) → (lowest score, grade), best first."""

NATIONAL_BANDS: tuple[tuple[Decimal, str], ...] = (
    (Decimal(90), "优"),
    (Decimal(80), "良"),
    (Decimal(60), "中"),
    (Decimal(0), "差"),
)
"""财政部《项目支出绩效评价管理办法》(财预〔2020〕10号)：90（含）以上为优，80（含）–90 为良，
60（含）–80 为中，60 以下为差。Jiangsu and Jiangxi use the same bands."""

GRADE_BANDS: GradeBands = {
    "default": NATIONAL_BANDS,
    "江苏省": NATIONAL_BANDS,
    "江西省": NATIONAL_BANDS,
}


def grade_for(score: Decimal, jurisdiction: str, bands: GradeBands) -> str:
    """The grade a score earns under a jurisdiction's bands (region, then province, then default)."""
    for lowest, grade in bands.get(jurisdiction, bands["default"]):
        if score >= lowest:
            return grade
    return bands["default"][-1][1]


PACKAGE_DIR = Path(__file__).resolve().parent


def theme_dir(name: str) -> Path:
    """The package's own theme folder: ``jixiao/theme/<name>`` in a wheel, the checkout's folder otherwise.

    ``name`` is ``templates``, ``site_src``, ``CONTRIBUTING.md`` or ``docs``; a wheel maps them into ``jixiao/theme/``
    at build time (setup.py), a source checkout or editable install uses them in place.
    """
    shipped = PACKAGE_DIR / "theme" / name
    return shipped if shipped.exists() else PACKAGE_DIR.parent / name


def _setting(default: object, key: str, doc: str, check: str = "text") -> Any:
    """A Site field that is also a key of the configuration file."""
    return field(default=default, metadata={"key": key, "doc": doc, "check": check})


@dataclass(frozen=True)
class Site:
    """The portal's identity and home-page settings, read from the configuration file.

    ``check`` names the rule jixiao/settings.py applies: text (non-empty), optional
    (may be empty), markdown, url, optional_url, path (a base path), bool, rows.
    """

    title: str = _setting("绩效公开", "title", "站点名称：页面标题、页眉、Open Graph、订阅源、DCAT 目录、JSON-LD")
    short_name: str = _setting("", "short_name", "页眉里的简称；空则用 title", "optional")
    description: str = _setting(
        "政府预算绩效自评开放数据：预算与支出、绩效指标与得分、自评叙述，按原文照录并标出原文中的不一致。",
        "description",
        "站点简介：订阅源副标题、DCAT 目录说明",
    )
    data_name: str = _setting(
        "", "data_name", "数据包与合并数据集的署名（README、引用说明、Excel、接口）；空则为“jixiao＋title”", "optional"
    )
    publisher: str = _setting("", "publisher.name", "发布者：订阅源作者、DCAT 发布者；空则用 title", "optional")
    contact: str = _setting(
        "", "publisher.contact", "联系方式（邮箱或网址），写在页脚、“关于”页和 DCAT 目录中", "optional"
    )
    repository: str = _setting(
        "",
        "repository",
        "门户仓库的网址，如 https://github.com/某机构/某门户：“关于”页请读者在此提交更正和拉取请求",
        "optional_url",
    )
    license_name: str = _setting(
        "CC0 1.0",
        "license.name",
        "数据许可的名称：页脚、订阅源、合并数据集说明及每个发布的 datapackage.json（数据包自己声明许可的除外）",
    )
    license_url: str = _setting(
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "license.url",
        "数据许可的网址（DCAT、JSON-LD、datapackage.json 的 licenses；常见许可另写 SPDX 标识）",
        "url",
    )
    base_url: str = _setting("/", "base_url", "站点所在路径，如 /jixiao/；--base-url 或 JIXIAO_BASE_URL 优先", "path")
    site_url: str = _setting(
        "", "site_url", "站点域名，如 https://example.org；--site-url 或 JIXIAO_SITE_URL 优先", "optional_url"
    )
    about: str = _setting("", "pages.about", "“关于”页面的正文（Markdown，不含 HTML）；空则用主题自带说明", "markdown")
    home_intro: str = _setting("", "pages.home_intro", "首页标题下的介绍（Markdown）；空则用主题自带的介绍", "markdown")
    search: bool = _setting(True, "search", "是否生成全文搜索（搜索页、页眉搜索框、pagefind 索引）", "bool")
    home_rows: int = _setting(60, "home_rows", "首页表格最多列出的评价数；超过时只列最新的", "rows")
    all_years_max_mb: int = _setting(
        200,
        "all_years_max_mb",
        "全部年度的 SQLite 数据库 datasets/jixiao.db 与工作簿 datasets/jixiao.xlsx 各自的大小上限（MB）："
        "超过的不发布（各年度的文件照常，数据页与 README 注明）；0 则不生成。GitHub Pages 全站上限 1 GB",
        "megabytes",
    )
    all_years_xlsx_max_mb: int = _setting(
        50,
        "all_years_xlsx_max_mb",
        "全部年度的工作簿 datasets/jixiao.xlsx 另有的大小上限（MB）：它与各年度的工作簿逐行相同，"
        "超过的不发布（各年度的工作簿照常，数据页、README、接口索引与 DCAT 目录注明）；0 则不生成",
        "megabytes",
    )
    year_csv_max_mb: int = _setting(
        25,
        "year_csv_max_mb",
        "各年度每张表的未压缩 CSV datasets/<年度>/<表>.csv 的大小上限（MB）：同样的行也在该年度的 JSON、"
        "工作簿、数据库和全部年度的压缩 CSV 中，超过的不发布（数据页、README、接口索引与 DCAT 目录注明）；"
        "0 则都不发布",
        "megabytes",
    )

    @property
    def brand(self) -> str:
        return self.short_name or self.title

    @property
    def data_title(self) -> str:
        return self.data_name or f"jixiao {self.title}"

    @property
    def publisher_name(self) -> str:
        return self.publisher or self.title

    @property
    def contact_href(self) -> str:
        """The contact as a link: a web address as written, anything else as an e-mail address."""
        if not self.contact:
            return ""
        return self.contact if self.contact.startswith(("http://", "https://")) else f"mailto:{self.contact}"


MAX_FILE_BYTES_ENV = "JIXIAO_MAX_FILE_BYTES"
DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024


def max_file_bytes() -> int:
    """The largest file read from data/: 8 MiB unless the environment sets JIXIAO_MAX_FILE_BYTES.

    Read where files are read (ingest/load.py, diff; worker processes inherit the
    environment); ``Config.max_file_bytes`` records it, so a build under another limit
    does not reuse units read under this one.
    """
    return int(os.environ.get(MAX_FILE_BYTES_ENV, DEFAULT_MAX_FILE_BYTES))


ENVIRONMENT_INTEGERS = {
    MAX_FILE_BYTES_ENV: (1, 2**62, "正整数（字节数，如 8388608）"),
    "SOURCE_DATE_EPOCH": (0, 253402300799, "0 到 253402300799 之间的整数（Unix 时间戳，秒）"),
}
"""Environment variables read as integers: (least, greatest, what the message asks for)."""


def environment_problems() -> list[str]:
    """One line per environment variable set to something that is not the integer it must be.

    Checked once, before any command runs, so ``JIXIAO_MAX_FILE_BYTES=abc`` is a message
    naming the variable rather than a ValueError deep in a worker.
    """
    problems = []
    for name, (least, greatest, wanted) in ENVIRONMENT_INTEGERS.items():
        text = os.environ.get(name)
        if text is None:
            continue
        try:
            value = int(text.strip())
        except ValueError:
            value = None
        if value is None or not least <= value <= greatest:
            problems.append(f"环境变量 {name} 应为{wanted}，而不是 {text!r}；请改正或删去它")
    return problems


def _epoch() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH", "1767225600"))  # 2026-01-01 UTC


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know; passed down, never mutated."""

    data_dir: Path = Path("data")
    out_dir: Path = Path("_site")
    base_url: str = "/"
    """Path prefix the site is served under, e.g. ``/jixiao/`` for a GitHub project page."""
    site_url: str = ""
    """Absolute origin for sitemap, feed and metadata (e.g. ``https://example.org``); may be empty."""
    source_date_epoch: int = field(default_factory=_epoch)
    """Fixed time for every date the build writes, so builds are reproducible."""
    max_file_bytes: int = field(default_factory=max_file_bytes)
    """The size limit of a file in data/ (``max_file_bytes``: JIXIAO_MAX_FILE_BYTES, else 8 MiB)."""
    jobs: int = 1
    """Worker processes for rendering units; 1 renders in the main process."""
    quiet: bool = False
    cache_dir: Path = Path(".jixiao-cache")
    """Unit records and fragments, cached pages, datasets and search slices, site manifests (checked data)."""
    shard: str = ""
    """``i/n``: build only every n-th unit (from the i-th) and no shared pages; see ``merge``."""
    merge: tuple[Path, ...] = ()
    """Shard output folders to assemble into the site (their units are reused, not rendered)."""
    incremental: bool = True
    """Reuse the units of the previous build whose inputs have not changed."""
    allow_empty: bool = False
    """Build a site from a data/ folder without packages (refused by default: it would replace a published site)."""
    templates_dir: Path = field(default_factory=lambda: theme_dir("templates"))
    """The package's theme; a portal overrides single files in ``custom_dir``."""
    assets_dir: Path = field(default_factory=lambda: theme_dir("site_src"))
    custom_dir: Path | None = None
    """The portal repository: its ``templates/`` and ``assets/`` override the theme file by file."""
    config_file: Path | None = None
    """The site configuration file the settings came from (part of the build fingerprint)."""
    grade_bands: GradeBands = field(default_factory=lambda: dict(GRADE_BANDS))
    site: Site = field(default_factory=Site)

    @property
    def sources_dir(self) -> Path:
        """The transcribed source texts (``sources/`` beside ``data/``) that sources.csv's ``file`` names."""
        return self.data_dir.parent / "sources"

    def override_dirs(self) -> tuple[Path | None, Path | None]:
        """The portal's templates/ and assets/ folders, where they exist and are not the theme itself."""
        if self.custom_dir is None:
            return None, None
        found = []
        for name, theme in (("templates", self.templates_dir), ("assets", self.assets_dir)):
            folder = self.custom_dir / name
            same = folder.is_dir() and folder.resolve() == theme.resolve()
            found.append(folder if folder.is_dir() and not same else None)
        return found[0], found[1]


# GitHub Actions workflow commands (``::error file=…,line=…::message``), printed by
# ``validate --annotations`` for data and configuration findings alike. A file name or
# message from a pull request must not end the command early, forge another
# (``\n::notice …``) or switch commands off (``::stop-commands::``): every property and
# the message are escaped by the runner's own rules (actions/toolkit ``command.ts``).


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value (file, title): as a message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(kind: str, properties: dict[str, str | int | None], message: str) -> str:
    """``::kind name=value,…::message`` with every value and the message escaped; None values left out."""
    shown = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items() if value is not None)
    return f"::{kind} {shown}::{escape_data(message)}" if shown else f"::{kind}::{escape_data(message)}"
