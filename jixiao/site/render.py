"""Render: the Jinja environment (autoescape, StrictUndefined), number filters, Markdown.

Every number on the site is formatted here, never in templates.  Published figures
are printed exactly as stored (Decimal → its own digits); computed ones say so.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from jixiao.structure.labels import amount

_SAFE_LINK = re.compile(r"^(https?://|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


def _markdown() -> MarkdownIt:
    """CommonMark without raw HTML (js-default); links only http(s) or relative."""
    md = MarkdownIt("js-default")
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
    return md


_MD = _markdown()


def markdown_html(text: str) -> Markup:
    """Narrative Markdown → HTML; raw HTML in the source is shown as text."""
    return Markup(_MD.render(text))


def computed_percent(value: Decimal | None) -> str:
    """A computed rate, shown to two decimals and marked as computed by the template."""
    if value is None:
        return "—"
    return f"{value:.2f}%"


def published_percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{format(value, 'f')}%"


def integer(value: int | None) -> str:
    return "—" if value is None else str(value)


def environment(templates_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        amount=amount,
        percent=computed_percent,
        published_percent=published_percent,
        integer=integer,
        markdown=markdown_html,
    )
    return env
