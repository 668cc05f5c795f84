"""Search: the pagefind index, built from the written pages in the staging folder.

(Being written: see issue 4.)
"""

from __future__ import annotations

from pathlib import Path

from jixiao.config import Config


def index_site(site_dir: Path, config: Config) -> None:
    """Index the HTML pages written under site_dir into site_dir/pagefind/."""
