"""Relative links between output files, written out by hand (a page must work under any subpath)."""

from __future__ import annotations

import pytest

from jixiao.structure import routes


@pytest.mark.parametrize(
    ("page", "target", "link"),
    [
        ("index.html", "index.html", "./"),
        ("index.html", "units/rugao/index.html", "units/rugao/"),
        ("units/rugao/index.html", "index.html", "../../"),
        ("units/rugao/2023/index.html", "units/rugao/index.html", "../"),
        ("units/rugao/2023/index.html", "units/rugao/2023/index.html", "./"),
        ("units/rugao/2023/index.html", "units/rugao/2023/p1/index.html", "p1/"),
        ("units/rugao/2023/p1/index.html", "units/yiyang/2022/index.html", "../../../yiyang/2022/"),
        ("units/rugao/2023/index.html", "assets/style.css", "../../../assets/style.css"),
        ("units/rugao/2023/index.html", "units/rugao/2023/p1.csv", "p1.csv"),
        ("units/rugao/index.html", "units/rugaoshi/index.html", "../rugaoshi/"),
        ("404.html", "assets/style.css", "assets/style.css"),
        ("regions/jiangsusheng/index.html", "regions/jiangsusheng/nantongshi/index.html", "nantongshi/"),
    ],
)
def test_links_are_relative_to_the_page(page: str, target: str, link: str) -> None:
    assert routes.href(page, target) == link


def test_a_region_slug_reads_place_names_as_places() -> None:
    assert routes.slug("如皋市") == "rugaoshi"
    assert routes.slug("天长市") == "tianchangshi"
    assert routes.slug("天长市") == "tianchangshi"  # remembered: the same answer the second time
