"""Provenance on the pages: the source an evaluation cites, its published text and original address."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.ingest.model import Evaluation, Package, Source
from jixiao.opendata.downloads import NOT_FOUND, source_text_path
from jixiao.structure import routes
from jixiao.structure.labels import citation


@dataclass(frozen=True)
class SourceView:
    title: str
    publisher: str
    published: str
    url: str
    file: str
    citation: str
    text_href: str = ""
    """The published transcribed text (``downloads/<package>/sources/<file>``); "" when it is not published."""
    not_found: str = ""
    """``原文未在检索范围内找到`` when the original's address is unknown."""


def source_view(
    package: Package, evaluation: Evaluation, data_title: str, path: str = "", members: tuple[str, ...] = ()
) -> SourceView:
    """The source an evaluation cites; ``members`` (the package's published files) say whether its text is there."""
    s: Source = evaluation.source
    text = source_text_path(s)
    href = routes.href(path, routes.download_file(package, text)) if text and text in members else ""
    missing = NOT_FOUND if not s.url else ""
    return SourceView(
        s.title, s.publisher, s.published, s.url, s.file, citation(package, evaluation, data_title), href, missing
    )
