"""Static assets: the site's CSS and JS from site_src/, the vendored Vega bundle and sql.js, the chart templates.

The vendored files (Vega, sql.js) are checked against their pinned digests by
jixiao/site/vendored.py; a portal's own ``assets/`` replace the theme's files of the same name.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.files import read_regular
from jixiao.site import charts
from jixiao.site.vendored import sql_js_files, vega_bundle
from jixiao.structure import routes


def asset_files(assets_dir: Path, override: Path | None = None) -> dict[str, bytes]:
    """Site path → bytes for every asset; a file of the portal's own assets/ replaces the theme's of that name."""
    files = {}
    for folder in (assets_dir, override):
        if folder is not None:
            for path in sorted(folder.glob("*")):
                data = read_regular(path) if not path.is_symlink() else None
                if data is not None:
                    files[f"assets/{path.name}"] = data
    files[routes.VEGA_JS] = vega_bundle(assets_dir)
    files.update(sql_js_files(assets_dir))
    files[routes.CHART_TEMPLATES_JS] = charts.templates_script()
    return files
