"""Load: find every package under data/ and read its files as plain text rows.

Nothing here interprets numbers; it only reads bytes strictly as UTF-8 and keeps each
cell with the CSV line it came from, so later stages can point at file, row and field.
Problems that stop reading (bad JSON, bad encoding, a missing file) become findings.

Data is read, never followed: no symlink under data/ is opened (each is an error), only
regular files up to ``max_file_bytes()`` are read, and only the files a package lists
(its descriptor, its resources and the narrative files named in narrative.csv); any
other file in a package folder is an error, so nothing unreviewed is published.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from jixiao import files
from jixiao.config import MAX_FILE_BYTES_ENV, max_file_bytes
from jixiao.ingest.descriptor import DescriptorError, parse_descriptor
from jixiao.ingest.draft import review_file
from jixiao.ingest.findings import Finding
from jixiao.ingest.tables import ID_PATTERN, TABLES

YEAR_FOLDER = re.compile(r"[12][0-9]{3}")
UNIT_FOLDER = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
DESCRIPTOR = "datapackage.json"
UTF8_BOM = b"\xef\xbb\xbf"
NARRATIVE_DIR = "narrative"


@dataclass(frozen=True)
class Row:
    """One CSV record: its physical line number (header = line 1) and its cells."""

    line: int
    cells: dict[str, str]

    def get(self, name: str) -> str:
        return self.cells.get(name, "") or ""


@dataclass
class RawPackage:
    """A package as found on disk: descriptor, tables and narrative texts, unparsed."""

    directory: Path
    display: str
    """The package folder as shown in messages, e.g. ``data/yiyang-si/2022``."""
    descriptor: dict | None = None
    tables: dict[str, list[Row]] = field(default_factory=dict)
    headers: dict[str, list[str]] = field(default_factory=dict)
    record_lines: dict[str, list[int]] = field(default_factory=dict)
    """Physical start line of every CSV record (header first), to locate frictionless errors."""
    texts: dict[str, str] = field(default_factory=dict)
    """Narrative Markdown by its path inside the package."""
    review: list[Row] = field(default_factory=list)
    """An imported draft's review list (jixiao/ingest/draft.py); empty for ordinary packages."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Every file read, by its path inside the package: what validation saw is what gets published."""
    findings: list[Finding] = field(default_factory=list)
    digest: str = ""
    """SHA-256 over every file of the package as read: the unit's key is made from it (``plan.unit_key``)."""

    @property
    def unit_id(self) -> str:
        return self.directory.parent.name

    @property
    def year(self) -> str:
        return self.directory.name

    def file(self, name: str) -> str:
        return f"{self.display}/{name}"


@dataclass(frozen=True)
class DataScan:
    """What data/ holds: the package folders, and findings about anything else found there."""

    packages: list[Path]
    findings: list[Finding]


def scan_data(data_dir: Path) -> DataScan:
    """Every data/<unit>/<year>/ folder, sorted; symlinks, stray files and misnamed folders as findings.

    Names starting with a dot are skipped.  Regular files directly in data/ (a README)
    are allowed and never read.  Nothing is followed: a symlinked unit or year folder is
    an error, not a package.
    """
    packages: list[Path] = []
    findings: list[Finding] = []

    def shown(entry: os.DirEntry | Path) -> str:
        return display_path(Path(entry), data_dir)

    for unit in _entries(data_dir):
        if unit.is_symlink():
            findings.append(Finding("E-SYMLINK", shown(unit), "data/ 中不允许符号链接；请放入真实的文件夹"))
        elif unit.is_dir(follow_symlinks=False):
            if not UNIT_FOLDER.fullmatch(unit.name):
                findings.append(Finding("E-PATH", shown(unit), "单位目录名只能用小写字母、数字和连字符，如 rugao-sif"))
                continue
            if reserved := windows_reserved(unit.name):
                findings.append(Finding("E-PATH", shown(unit), reserved))
                continue
            for year in _entries(unit):
                packages += _year_folder(year, shown, findings)
        elif not unit.is_file(follow_symlinks=False):
            findings.append(Finding("E-PATH", shown(unit), "不是普通文件或文件夹"))
    return DataScan(sorted(packages), findings)


def _year_folder(year: os.DirEntry, shown, findings: list[Finding]) -> list[Path]:
    if year.is_symlink():
        findings.append(Finding("E-SYMLINK", shown(year), "data/ 中不允许符号链接；请放入真实的文件夹"))
    elif not year.is_dir(follow_symlinks=False):
        findings.append(Finding("E-PATH", shown(year), "单位目录中只能有年度文件夹（如 2024/），不能有文件"))
    elif not YEAR_FOLDER.fullmatch(year.name):
        findings.append(Finding("E-PATH", shown(year), "年度文件夹名必须是四位年份，如 2024"))
    elif not os.path.lexists(os.path.join(year.path, DESCRIPTOR)):  # strings: a no-change build scans 3,000
        missing = shown(Path(year.path, DESCRIPTOR))
        findings.append(Finding("E-MISSING-FILE", missing, "数据包文件夹缺少 datapackage.json"))
    else:
        return [Path(year.path)]
    return []


EDITOR_TEMPORARY = re.compile(
    r"\..+\.sw[a-px]"  # vim's swap files: .budget.csv.swp, .swo, … and .swx
    r"|4913"  # vim's probe that the folder is writable
    r"|.+~"  # backups: budget.csv~
    r"|\.#.+|#.+#"  # Emacs: lock link and autosave
    r"|~\$.+"  # Excel, WPS and Word while a file is open: ~$budget.csv
    r"|\.~lock\..+#"  # LibreOffice while a file is open
)
"""Files editors create beside the file being edited, for as long as it is open.

Validation ignores them (regular files only) wherever they are in a package: nothing reads
or publishes them (only listed files are), and a check that fails because a maintainer has
a file open in an editor, during ``serve`` or ``validate``, teaches nothing.  .gitignore
keeps them out of commits; ``serve`` does not rebuild for them.
"""


def editor_temporary(name: str) -> bool:
    """Whether a file name is an editor's temporary file (see ``EDITOR_TEMPORARY``)."""
    return EDITOR_TEMPORARY.fullmatch(name) is not None


WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))]
)
"""Names Windows keeps for devices, with any extension (``nul.md`` too) and in any case."""


def windows_reserved(name: str) -> str:
    """Why a file or folder name cannot exist on Windows ("" if it can): a device name such as CON or NUL."""
    stem = name.split(".", 1)[0].rstrip(" ").lower()
    if stem in WINDOWS_RESERVED:
        devices = "CON、PRN、AUX、NUL、COM1–9、LPT1–9"
        return f"{name!r} 是 Windows 保留的设备名（{devices}），在 Windows 上无法建立；请换一个名称"
    return ""


def _entries(directory: Path | os.DirEntry[str]) -> list[os.DirEntry[str]]:
    """A folder's entries sorted by name, without those starting with a dot."""
    with os.scandir(directory) as entries:
        return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)


def find_packages(data_dir: Path) -> list[Path]:
    """Every well-formed data/<unit>/<year>/ folder holding a datapackage.json, sorted."""
    return scan_data(data_dir).packages


def display_path(path: Path, data_dir: Path) -> str:
    """``data/<unit>/<year>`` relative to the folder holding data/, for messages."""
    try:
        return path.relative_to(data_dir.parent).as_posix()
    except ValueError:
        return path.as_posix()


class ReadError(Exception):
    """A file that cannot be read safely; ``code`` and the message become a finding."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


SYMLINK_MESSAGE = "是符号链接（data/ 中只读取真实文件，不跟随链接）；请换成文件本身"


def open_no_follow(path: Path) -> int:
    """A read-only descriptor of ``path`` itself (``files.open_no_follow``); ReadError, as a finding, otherwise."""
    try:
        return files.open_no_follow(path)
    except files.LinkRefused:
        raise ReadError("E-SYMLINK", SYMLINK_MESSAGE) from None
    except IsADirectoryError:
        raise ReadError("E-PATH", "是文件夹，应为文件；请放入文件本身") from None
    except files.NotRegularFile:
        raise ReadError("E-PATH", "不是普通文件；请换成普通文件") from None
    except files.FileSwapped:
        raise ReadError("E-PATH", "读取时被替换；请在文件不再变化时重新运行") from None
    except FileNotFoundError:
        raise ReadError("E-MISSING-FILE", "文件不存在；请检查文件名，或从 datapackage.json 中删去这一项") from None
    except OSError as error:
        raise ReadError("E-PATH", f"无法读取：{error.strerror}；请检查文件权限") from None


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """A regular file's bytes, never through a symlink and never more than ``limit`` (``max_file_bytes()``)."""
    limit = max_file_bytes() if limit is None else limit
    descriptor = open_no_follow(path)
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError("E-PATH", "是文件夹，应为文件；请放入文件本身")
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("E-PATH", "不是普通文件；请换成普通文件")
        if info.st_size > limit:
            raise ReadError("E-SIZE", f"文件有 {info.st_size} 字节，超过上限 {limit} 字节（{MAX_FILE_BYTES_ENV}）")
        with os.fdopen(os.dup(descriptor), "rb") as handle:
            # read(n) allocates n bytes first: asking for the stat size (+1 to see growth) and only
            # then up to the limit keeps a 2 KB file from costing an 8 MiB allocation (0.4 ms).
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(limit + 1 - len(data))
        if len(data) > limit:
            raise ReadError("E-SIZE", f"文件超过上限 {limit} 字节（{MAX_FILE_BYTES_ENV}）")
        return data
    finally:
        os.close(descriptor)


def _listed_resources(descriptor: dict) -> set[str]:
    return {r["path"] for r in descriptor["resources"] if isinstance(r, dict) and isinstance(r.get("path"), str)}


def _read_descriptor(package: RawPackage, limit: int) -> dict | None:
    """The package's datapackage.json as an object with a resources list; None (and a finding) otherwise."""
    data = _read(package, DESCRIPTOR, limit)
    if data is None:
        return None
    try:
        return parse_descriptor(data)
    except DescriptorError as error:
        package.findings.append(
            Finding(error.code, package.file(DESCRIPTOR), error.message, line=error.line, field=error.field)
        )
        return None


def read_package(directory: Path, data_dir: Path, limit: int | None = None) -> RawPackage:
    """Read one package; unreadable parts become findings instead of exceptions.

    ``limit`` is the largest file read: a build passes ``Config.max_file_bytes``; without
    one it is the environment's (``config.max_file_bytes()``), as Config's default is.
    """
    limit = max_file_bytes() if limit is None else limit
    package = RawPackage(directory=directory, display=display_path(directory, data_dir))
    descriptor = _read_descriptor(package, limit)
    if descriptor is None:
        return package
    package.descriptor = descriptor
    for name in TABLES:
        data = _read(package, f"{name}.csv", limit)
        if data is None:
            continue
        text = _decode(data, package.file(f"{name}.csv"), package.findings)
        if text is None:
            continue
        try:
            package.headers[name], package.tables[name], package.record_lines[name] = _parse_csv(text)
        except UnreadableCsv as error:  # every later stage reads the same bytes with the same csv module
            package.findings.append(Finding("E-TEXT", package.file(f"{name}.csv"), str(error), line=error.line))
    narrative_files = sorted({row.get("file") for row in package.tables.get("narrative", []) if row.get("file")})
    for relative in narrative_files:
        if _narrative_path(relative) and relative not in package.files:
            data = _read(package, relative, limit)
            text = None if data is None else _decode(data, package.file(relative), package.findings)
            if text is not None:
                package.texts[relative] = text
    review = review_file(descriptor)
    if review and (data := _read(package, review, limit)) is not None:
        text = _decode(data, package.file(review), package.findings)
        package.review = _parse_csv(text)[1] if text is not None else []
    listed = {DESCRIPTOR, *_listed_resources(descriptor), *narrative_files, *([review] if review else [])}
    _check_unlisted(package, listed)
    package.digest = _digest(package.files)
    return package


def _digest(files: dict[str, bytes]) -> str:
    """A content hash of the files read, from the bytes already in memory (no file is read twice).

    Anything else in the folder is a finding, and a package with findings from loading is
    never published, so the files read are the whole package (and this equals ``files.tree_digest`` of its folder).
    """
    hasher = hashlib.sha256()
    for relative in sorted(files):
        hasher.update(relative.encode() + b"\0" + hashlib.sha256(files[relative]).digest() + b"\0")
    return hasher.hexdigest()


def _narrative_path(relative: str) -> bool:
    """narrative.csv may only name Markdown files directly inside narrative/ (checked again as E-PATH)."""
    folder, _, name = relative.partition("/")
    return folder == NARRATIVE_DIR and bool(name) and "/" not in name and "\\" not in name and name.endswith(".md")


def _read(package: RawPackage, relative: str, limit: int) -> bytes | None:
    """A listed file's bytes, remembered for publishing; a finding instead when it cannot be read safely."""
    try:
        data = read_regular(package.directory / relative, limit)
    except ReadError as error:
        package.findings.append(Finding(error.code, package.file(relative), str(error)))
        return None
    data = data.removeprefix(UTF8_BOM)  # Notepad and Excel's "CSV UTF-8" write one; frictionless reads past it
    package.files[relative] = data
    return data


def _check_unlisted(package: RawPackage, listed: set[str]) -> None:
    """Anything in the package folder that the package does not list is an error: it would go unreviewed."""
    folded = {name.casefold(): name for name in listed}
    seen: dict[str, str] = {}
    for relative, entry in files.walk(package.directory):
        if (earlier := seen.setdefault(relative.casefold(), relative)) != relative:
            message = f"与 {earlier} 只差大小写；Windows 和 macOS 把它们当作同一个文件，请删除或改名其中一个"
            package.findings.append(Finding("E-PATH", package.file(relative), message))
            continue
        if relative in listed or (entry.is_dir(follow_symlinks=False) and relative == NARRATIVE_DIR):
            continue
        if editor_temporary(entry.name) and entry.is_file(follow_symlinks=False):
            continue  # never read, never published; an open editor must not fail validation
        if relative.casefold() in folded:
            wanted = folded[relative.casefold()]
            message = f"大小写与包中列出的 {wanted} 不同（Windows、macOS 不区分大小写，Linux 区分）；请改名为 {wanted}"
            package.findings.append(Finding("E-PATH", package.file(relative), message))
            continue
        if entry.is_symlink():
            message = SYMLINK_MESSAGE
            package.findings.append(Finding("E-SYMLINK", package.file(relative), message))
        elif not entry.is_dir(follow_symlinks=False):
            message = "未在 datapackage.json 或 narrative.csv 中列出；不会被读取或发布，请删除或在包中列出"
            package.findings.append(Finding("E-UNLISTED", package.file(relative), message))
        elif not any(name.startswith(relative + "/") for name in listed):
            message = "未在包中列出的文件夹；请删除"
            package.findings.append(Finding("E-UNLISTED", package.file(relative), message))


SAVE_AS_UTF8 = (
    "请另存为 UTF-8：Excel 中“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）(*.csv)”；"
    "WPS 表格中“文件 → 另存为”，文件类型选“CSV UTF-8”（没有这一项时，用记事本打开这个文件，"
    "“另存为”时把“编码”选为 UTF-8）；然后重新运行 validate"
)
"""What to do with a GBK file: Excel's and WPS's plain "CSV（逗号分隔）" writes the system code page."""


def _decode(data: bytes, display: str, findings: list[Finding]) -> str | None:
    """UTF-8 text (a BOM was removed on reading); anything else is refused, saying how to save it as UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        try:
            data.decode("gb18030")
            guess = "是 GBK/GB18030 编码（Excel、WPS 保存“CSV（逗号分隔）”时的默认编码）"
        except UnicodeDecodeError:
            guess = "不是 UTF-8 编码"
        message = f"{guess}，第 {error.start} 字节 0x{data[error.start]:02x} 处无法按 UTF-8 读取；{SAVE_AS_UTF8}"
        findings.append(Finding("E-ENCODING", display, message, line=line))
        return None


class UnreadableCsv(ValueError):
    """A CSV Python's csv module refuses (a cell over its field limit); ``line`` is where it stopped."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def _parse_csv(text: str) -> tuple[list[str], list[Row], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        records = list(reader)
    except csv.Error as error:
        limit = csv.field_size_limit()
        message = f"有单元格超过 {limit} 个字符（CSV 读取的上限），请把长文字移到叙述 Markdown"
        raise UnreadableCsv(reader.line_num, message if "field limit" in str(error) else f"无法读取：{error}") from None
    if not records:
        return [], [], []
    header = records[0]
    rows: list[Row] = []
    starts = [1]
    line = _physical_lines(records[0])
    for record in records[1:]:
        start = line + 1
        starts.append(start)
        line += _physical_lines(record)
        if not "".join(record).strip():  # only empty or blank cells
            continue
        cells = dict(zip(header, record, strict=False))
        if len(record) != len(header):
            cells["__width__"] = str(len(record))
        rows.append(Row(line=start, cells=cells))
    return header, rows, starts


def _physical_lines(record: list[str]) -> int:
    """How many text lines one CSV record spans (quoted cells may hold newlines)."""
    return 1 + "".join(record).count("\n")
