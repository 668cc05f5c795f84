"""Render: a page's template and context → its final bytes (``render_page``), and what that needs:
the Jinja environment (autoescape, StrictUndefined), number filters, Markdown, the whitespace squeeze.

Every page of the site is rendered by ``render_page``, whichever stage asks for it (the
unit workers, the pages across units); the assemble stage only decides which pages to
make and where their bytes go.  Every number on the site is formatted here, never in
templates.  Published figures are printed exactly as stored (Decimal → its own digits);
computed ones say so.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from markupsafe import Markup, escape

from jixiao.config import Config, Site
from jixiao.ingest.checks.text import INVISIBLE
from jixiao.site import table_html
from jixiao.site.table_html import published_percent
from jixiao.structure.labels import amount, percent, template_label

_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")


def squeeze(html: str) -> str:
    """A rendered page without its indentation and blank lines (a tenth of a page's bytes).

    Only whitespace right after a line break goes, and a line break stays, so the page
    reads the same: between tags it was never shown, and inside text a run of white
    space is one space.  ``<pre>`` (Markdown code blocks) keeps every character.
    """
    parts = _PRE.split(html)
    return "".join(part if i % 2 else _INDENT.sub("\n", part) for i, part in enumerate(parts))


def render_page(env: Environment, template: str, context: Mapping[str, Any]) -> bytes:
    """A page as written to the site: ``template`` rendered with ``context``, squeezed, in UTF-8.

    The one way a page becomes bytes, so a page rendered by a unit worker and one rendered
    across units come out alike, and the output stays byte-identical for the same data.
    """
    return squeeze(env.get_template(template).render(**context)).encode("utf-8")


_SAFE_LINK = re.compile(r"^(https?://|[^:/?#]*(?:[/?#]|$))", re.IGNORECASE)


def _markdown() -> MarkdownIt:
    """CommonMark without raw HTML (js-default); links only http(s) or relative; images as links."""
    md = MarkdownIt("js-default")
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
    md.add_render_rule("image", _image_as_link)
    return md


def _image_as_link(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """``![alt](src)`` as a link to the image: a page never makes a reader's browser call a third party."""
    token = tokens[idx]
    alt = escape(self.renderInlineAsText(token.children or [], options, env))
    src = escape(str(token.attrGet("src") or ""))
    return f'<a class="image-link" href="{src}" rel="nofollow noopener">［图片］{alt}</a>'


def visible(value: object) -> object:
    """Jinja's ``finalize``: text printed on a page without invisible format characters (bidi, zero-width).

    Names and ids holding them fail validation (E-TEXT); running text (notes, narrative)
    keeps them in the data and loses them here, so what a reader sees is what is there.
    """
    if isinstance(value, str) and INVISIBLE.search(value):
        cleaned = INVISIBLE.sub("", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


_MD = _markdown()


@functools.lru_cache(maxsize=256)
def markdown_html(text: str) -> Markup:
    """Narrative Markdown → HTML; raw HTML in the source is shown as text.

    Cached by text: a unit's page shows its latest functions and organisation sections,
    which its package page shows too, and Markdown is a fifth of a page's rendering.
    The HTML depends on the text alone, and the unit pages of a worker come one unit
    after another, so a few hundred texts cover a unit's pages.
    """
    return Markup(_MD.render(text))


def integer(value: int | None) -> str:
    return "—" if value is None else str(value)


THEME_PREFIX = "theme"
"""An override may extend the template it replaces: ``{% extends "theme/base.html" %}``."""


def loader(templates_dir: Path, override: Path | None = None) -> BaseLoader:
    """The theme's templates, with the portal's own templates/ (if any) taking precedence file by file."""
    theme = FileSystemLoader(str(templates_dir))
    if override is None:
        return theme
    return ChoiceLoader([FileSystemLoader(str(override)), PrefixLoader({THEME_PREFIX: theme}), theme])


def environment(config: Config) -> Environment:
    """The Jinja environment of a build: the theme plus overrides; ``site`` (config.Site) is global."""
    return make_environment(config.templates_dir, config.override_dirs()[0], config.site)


def make_environment(templates_dir: Path, override: Path | None = None, site: Site | None = None) -> Environment:
    env = Environment(
        loader=loader(templates_dir, override),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=visible,
    )
    env.filters.update(
        amount=amount,
        percent=percent,  # a computed rate; the template marks it as computed
        published_percent=published_percent,
        integer=integer,
        markdown=markdown_html,
        template_label=template_label,
    )
    env.globals["site"] = site or Site()
    # the rows of the big tables, printed in Python (jixiao/site/table_html.py says why)
    env.globals.update(
        budget_rows=table_html.budget_rows,
        indicator_groups=table_html.indicator_groups,
        summary_rows=table_html.summary_rows,
        compare_rows=table_html.compare_rows,
    )
    return env
