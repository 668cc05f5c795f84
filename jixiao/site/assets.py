"""Static assets: the site's CSS and JS from site_src/, the offline Vega bundle and the chart templates.

The Vega bundle is built by vl-convert in a separate process (a process forked after
vl-convert has run hangs, so the builder never loads it) and cached by version.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from jixiao.site import charts
from jixiao.structure import routes

CACHE_DIR = Path(".jixiao-cache")
_BUNDLE_SCRIPT = "import sys, vl_convert; sys.stdout.write(vl_convert.javascript_bundle())"


def vega_bundle(cache_dir: Path = CACHE_DIR) -> bytes:
    """vega + vega-lite + vega-embed as one script defining window.vegaEmbed; built once."""
    path = cache_dir / f"vega-bundle-{version('vl-convert-python')}.js"
    if not path.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([sys.executable, "-c", _BUNDLE_SCRIPT], check=True, capture_output=True, timeout=600)
        temporary = path.with_suffix(f".{os.getpid()}.tmp")  # builds into other folders may run at once
        temporary.write_bytes(result.stdout)
        temporary.replace(path)
    return path.read_bytes()


def asset_files(assets_dir: Path, cache_dir: Path = CACHE_DIR, override: Path | None = None) -> dict[str, bytes]:
    """Site path → bytes for every asset; a file of the portal's own assets/ replaces the theme's of that name."""
    files = {}
    for folder in (assets_dir, override):
        if folder is not None:
            files.update({f"assets/{p.name}": p.read_bytes() for p in sorted(folder.glob("*")) if p.is_file()})
    files[routes.VEGA_JS] = vega_bundle(cache_dir)
    files[routes.CHART_TEMPLATES_JS] = charts.templates_script()
    return files
