"""Metadata: sitemap.xml, robots.txt, the Atom feed and the DCAT catalog.

(Being written: see issue 4.)
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.config import Config
from jixiao.pages import SiteIndex


def metadata_files(config: Config, index: SiteIndex) -> Iterator[tuple[str, bytes]]:
    """Site path → bytes for the site-wide metadata files."""
    return iter(())
