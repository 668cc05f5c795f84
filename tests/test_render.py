"""``site/render.render_page``: the one way a page's template and context become the bytes written.

Expected bytes are written by hand: indentation and blank lines after a line break go,
line breaks stay, ``<pre>`` keeps every character, and the text is UTF-8.
"""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from jixiao.site.render import make_environment, render_page


def test_a_page_is_rendered_squeezed_in_utf8(tmp_path):
    (tmp_path / "page.html").write_text(
        "<main>\n    <h1>{{ title }}</h1>\n\n\n    <pre>\n  两格缩进\n\n</pre>\n\t<p>{{ note }}</p>\n</main>\n",
        "utf-8",
    )
    env = make_environment(tmp_path)

    page = render_page(env, "page.html", {"title": "普陀 <2022>", "note": "合计"})

    assert page == ("<main>\n<h1>普陀 &lt;2022&gt;</h1>\n<pre>\n  两格缩进\n\n</pre>\n<p>合计</p>\n</main>\n").encode()


def test_a_missing_context_value_fails_rather_than_printing_nothing(tmp_path):
    (tmp_path / "page.html").write_text("<p>{{ absent }}</p>", "utf-8")
    env = make_environment(tmp_path)
    with pytest.raises(UndefinedError, match="absent"):
        render_page(env, "page.html", {})


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        ("普陀 <2022> & \"区\" 'x'", "普陀 &lt;2022&gt; &amp; &#34;区&#34; &#39;x&#39;"),
        ("左\u202e右\u200b", "左右"),  # bidi and zero-width characters are not printed
        ("\u200b<b>", "&lt;b&gt;"),
        ("93,116.21", "93,116.21"),
        (3, "3"),
        (None, "None"),
    ],
)
def test_a_table_cell_prints_a_value_as_the_template_would(tmp_path, value, printed):
    """table_html prints the evaluation tables' cells in Python: each value as ``{{ value }}`` would."""
    from jixiao.site.table_html import text

    (tmp_path / "cell.html").write_text("{{ value }}", "utf-8")
    env = make_environment(tmp_path)
    assert text(value) == printed
    assert env.get_template("cell.html").render(value=value) == printed
