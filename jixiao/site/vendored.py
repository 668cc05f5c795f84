"""The theme's vendored files and the portal's own folders, checked before anything is published.

Vega is vendored from npm in ``site_src/vendor/vega/`` (with its licence; README there) and
checked against the SHA-256 pinned here before it is published as ``assets/vega.js`` (Vega-Lite,
which compiles the chart templates at development time, is pinned here too, in ``tools/``);
sql.js (the 查询 page's SQLite) is vendored the
same way in ``site_src/vendor/sql.js/`` and published file by file (``SQL_JS_FILES``).  They
come from the repository at the built commit, never from a cache, and a changed copy stops
the build.  A portal's own ``assets/`` and ``templates/`` folders are read like ``data/``:
real files only, no symlink anywhere (``check_overrides``).  Kept apart from
jixiao/site/assets.py so a build checks these before rendering without importing the chart code.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from jixiao import files
from jixiao.structure import routes

VEGA_DIR = Path("vendor") / "vega"
"""Inside the theme's assets folder (site_src/)."""
VEGA_FILES = (
    ("vega.min.js", "LICENSE-vega", "vega 6.2.0", "ea6a5936381d06f912466354e2b6a20eb66c4d41f1ca9dff1e0236dfee6ee392"),
)
"""(file, its licence, package and version, SHA-256 of the file): published in this order as assets/vega.js."""
LICENCE_DIGESTS = {
    "LICENSE-vega": "63727832aaf62004a2b249c933e327f3c90caf49e41a72f4bf436edf632cbda8",
}
VEGA_LITE = (
    Path("tools") / "vega-lite" / "vega-lite.min.js",
    "6d5035fdd429b4bc6f91f3754426c3f516f3dbd8e08b105cfc2496bed4ebd254",
)
"""Vega-Lite 6.4.1 (npm; licence beside it), in the repository only: it compiles the chart templates to Vega
at development time (jixiao/site/charts.py ``write_stored_specs``); pages load Vega alone."""


SQL_JS_DIR = Path("vendor") / "sql.js"
"""Inside the theme's assets folder (site_src/): sql.js 1.17.0 from npm (README there)."""
SQL_JS_FILES = (
    ("sql-wasm.js", routes.SQL_JS, "d6a9cc234ef1104c49d5c3756bc5c85e312213e9d072fdcdb4523089a51d0fcd"),
    ("sql-wasm.wasm", routes.SQL_WASM, "6918fd54c1192011b85af0365a819411285bb5579b9ae6a7308778a1750a2765"),
    ("LICENSE", routes.SQL_JS_LICENSE, "60a3f6e4d7b29b4321359e683b36cf198d24f58e24582070f56e6fa89d5ee2be"),
)
"""(file, where the site publishes it, SHA-256): the worker loads sql-wasm.js, which loads the .wasm beside it."""


class AssetError(Exception):
    """A theme or portal file that the build will not publish; the message names it and says why."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


def _pinned(path: Path, digest: str, guide: str = "") -> bytes:
    guide = guide or f"site_src/{path.parent.relative_to(path.parent.parent.parent).as_posix()}/README.md"
    data = files.read_regular(path)
    if data is None:
        raise AssetError(f"缺失、不是普通文件或是符号链接；请从仓库恢复（{guide}）", path)
    if hashlib.sha256(data).hexdigest() != digest:
        raise AssetError(f"与固定的 SHA-256 不符，不会发布；请从仓库恢复，升级时按 {guide} 更新摘要", path)
    return data


def pinned_vega(assets_dir: Path) -> Path:
    """vega.min.js in the theme's assets, checked against its pinned digest (for tools/compile_charts.js)."""
    name, _, _, digest = VEGA_FILES[0]
    _pinned(assets_dir / VEGA_DIR / name, digest)
    return assets_dir / VEGA_DIR / name


def pinned_vega_lite(repository: Path) -> Path:
    """The repository's Vega-Lite, checked against its pinned digest (for tools/compile_charts.js)."""
    path, digest = VEGA_LITE
    _pinned(repository / path, digest, f"{path.parent.as_posix()}/README.md")
    return repository / path


def vega_bundle(assets_dir: Path) -> bytes:
    """vega as one script defining window.vega, after its licence."""
    folder = assets_dir / VEGA_DIR
    parts = []
    for name, licence, package, digest in VEGA_FILES:
        code = _pinned(folder / name, digest).decode("utf-8")
        notice = _pinned(folder / licence, LICENCE_DIGESTS[licence]).decode("utf-8").strip()
        lines = code.rstrip("\n").split("\n")
        if lines[-1].startswith("//# sourceMappingURL="):  # the map is not published
            lines.pop()
        parts.append(f"/*! {package} (npm) | {notice} */\n" + "\n".join(lines) + "\n")
    return "".join(parts).encode("utf-8")


def check_overrides(folders: tuple[Path | None, ...]) -> None:
    """A portal's templates/ and assets/ hold real files and folders only, like data/ (AssetError otherwise).

    A symlink there (``assets/env.txt → /proc/self/environ``) would publish whatever it
    points at; so would a FIFO or device hang or leak.  Nothing is followed: ``lstat`` only.
    """
    for folder in folders:
        if folder is None:
            continue
        if folder.is_symlink():
            raise AssetError("是符号链接；门户的 assets/ 与 templates/ 和 data/ 一样只读取真实的文件夹与文件", folder)
        pending = [folder]
        while pending:
            with os.scandir(pending.pop()) as scan:
                for entry in scan:
                    mode = entry.stat(follow_symlinks=False).st_mode
                    if stat.S_ISDIR(mode):
                        pending.append(Path(entry.path))
                    elif not stat.S_ISREG(mode):
                        kind = "符号链接" if stat.S_ISLNK(mode) else "特殊文件"
                        rule = "门户的 assets/ 与 templates/ 和 data/ 规则相同"
                        raise AssetError(f"是{kind}，不会被读取或发布；请放入文件本身（{rule}）", Path(entry.path))


def sql_js_files(assets_dir: Path) -> dict[str, bytes]:
    """sql.js's files by the site path each is published under, each checked against its pinned digest."""
    return {target: _pinned(assets_dir / SQL_JS_DIR / name, digest) for name, target, digest in SQL_JS_FILES}
