"""A second portal: ``jixiao init``, its own jixiao.toml (title, licence, grade bands), its own theme files.

The portal lives in a temporary folder outside the repository, holds one package copied
from data/ (rugao-pension 2024: 江苏省, 97.2 分, 优), and is built through the command
line as its owners would.  The old name 绩效公开 must not survive anywhere in it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from jixiao import settings
from jixiao.assemble.plan import fingerprint
from jixiao.cli import main
from jixiao.config import Config, Site

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "data" / "rugao-pension" / "2024"
OLD_NAME = "绩效公开"
TITLE = "蜀地<预算>观察"
"""Angle brackets: the title must come out escaped in every page, override or not."""
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
CONFIG = f"""title = "{TITLE}"
short_name = "蜀地观察"
description = "四川某地预算绩效自评的开放数据。"
repository = "https://github.com/example-org/shudi-portal/"

[publisher]
name = "某某预算观察小组"
contact = "data@example.org"

[license]
name = "CC BY 4.0"
url = "{LICENSE_URL}"

[pages]
home_intro = "我们转录**本地**的绩效自评。"

[grade_bands]
"江苏省" = {{ "优" = 95, "良" = 85, "中" = 60, "差" = 0 }}
"""
OVERRIDE = """{% extends "theme/listing.html" %}
{% block main %}<p class="portal-override">{{ site.title }}</p>{{ super() }}{% endblock %}
"""


def _run(portal: Path, *argv: str) -> int:
    with contextlib.chdir(portal):
        return main(list(argv))


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    """A portal made by ``jixiao init``, configured, themed and built (one worker, full build)."""
    portal = tmp_path_factory.mktemp("portal") / "sichuan"
    assert main(["init", str(portal), "--title", "蜀地"]) == 0
    (portal / settings.FILE_NAME).write_text(CONFIG, "utf-8")
    shutil.copytree(SEED, portal / "data" / "rugao-pension" / "2024")
    (portal / "templates").mkdir()
    (portal / "templates" / "listing.html").write_text(OVERRIDE, "utf-8")
    (portal / "assets").mkdir()
    (portal / "assets" / "extra.css").write_text(".portal-override { color: red; }\n", "utf-8")
    assert _run(portal, "build", "--jobs", "1", "--quiet") == 0
    return portal


def _site_texts(site: Path) -> dict[str, str]:
    suffixes = {".html", ".xml", ".json", ".jsonld", ".md", ".txt"}
    return {
        p.relative_to(site).as_posix(): p.read_text("utf-8")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in suffixes and "pagefind" not in p.parts
    }


def test_init_writes_a_portal_repository(tmp_path):
    target = tmp_path / "new-portal"
    assert main(["init", str(target)]) == 0
    for name in ("jixiao.toml", "README.md", "CONTRIBUTING.md", ".gitignore", ".github/workflows/portal.yml"):
        assert (target / name).is_file(), name
    assert (target / "data").is_dir() and not any(p.is_dir() for p in (target / "data").iterdir())
    readme = (target / "README.md").read_text("utf-8")
    assert "jixiao serve" in readme and "jixiao build" in readme
    assert "python build.py" not in (target / "CONTRIBUTING.md").read_text("utf-8")
    loaded = settings.load(target / "jixiao.toml", required=True)
    assert loaded.site == Site(title="new-portal")  # every other key is commented out: the defaults
    written = (target / "jixiao.toml").read_text("utf-8")
    assert '\n# repository = ""\n' in written and "“关于”页请读者在此提交更正和拉取请求" in written
    assert main(["init", str(target)]) == 2  # never over an existing portal
    assert _run(target, "new", "some-unit", "2024") == 0
    assert (target / "data" / "some-unit" / "2024" / "datapackage.json").is_file()


def test_an_empty_portal_is_refused_with_a_clear_message(tmp_path, capsys):
    target = tmp_path / "empty"
    assert main(["init", str(target), "--title", "空"]) == 0
    assert _run(target, "build", "--quiet", "--jobs", "1") == 1
    assert "没有任何数据包" in capsys.readouterr().err
    assert not (target / "_site").exists()


def test_the_new_title_replaces_the_old_name_everywhere(portal):
    texts = _site_texts(portal / "_site")
    assert len(texts) > 20
    leaks = sorted(path for path, text in texts.items() if OLD_NAME in text)
    assert not leaks, f"{OLD_NAME} is still in {leaks}"
    escaped = "蜀地&lt;预算&gt;观察"
    for path, text in texts.items():
        if path.endswith(".html"):
            assert TITLE not in text, f"{path}: unescaped title"
    home = texts["index.html"]
    assert f"<title>首页 · {escaped}</title>" in home
    assert f'<meta property="og:site_name" content="{escaped}">' in home
    assert f'title="{escaped}：新收录的绩效自评"' in home
    assert '<a class="brand" href="./">蜀地观察</a>' in home
    assert "<strong>本地</strong>" in home
    assert "CC BY 4.0" in home and "data@example.org" in home
    feed = texts["feed.xml"]
    assert f"<title>{escaped}：新收录的绩效自评</title>" in feed and "某某预算观察小组" in feed
    catalog = json.loads(texts["catalog.jsonld"])
    assert catalog["dct:title"] == TITLE and catalog["dct:license"] == LICENSE_URL
    assert catalog["dcat:contactPoint"]["vcard:hasEmail"] == "mailto:data@example.org"
    page = texts["units/rugao-pension/2024/index.html"]
    jsonld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert jsonld["includedInDataCatalog"]["name"] == TITLE and jsonld["license"] == LICENSE_URL


def test_the_about_page_links_the_repository_and_the_contact(portal):
    """repository and publisher.contact of the portal's jixiao.toml (CONFIG above), the trailing slash dropped."""
    from site_fixtures import parse_html

    about = parse_html((portal / "_site" / "about" / "index.html").read_text("utf-8")).find("main")
    links = {a.text(): a.attrs["href"] for a in about.find_all("a")}
    assert links["https://github.com/example-org/shudi-portal"] == "https://github.com/example-org/shudi-portal"
    assert links["data@example.org"] == "mailto:data@example.org"
    assert "更正" in about.text()


def test_grade_bands_come_from_the_config(portal, capsys):
    about = (portal / "_site" / "about" / "index.html").read_text("utf-8")
    assert "江苏省：优：95 分（含）以上" in about
    config = portal / settings.FILE_NAME
    original = config.read_text("utf-8")
    try:  # 97.2 is no longer 优 under these bands: the published grade is now an error
        config.write_text(original.replace('"优" = 95', '"优" = 98'), "utf-8")
        assert _run(portal, "validate") == 1
        assert "E-GRADE" in capsys.readouterr().err
    finally:
        config.write_text(original, "utf-8")


def test_theme_overrides_replace_single_files(portal):
    listing = next((portal / "_site" / "years").rglob("index.html")).read_text("utf-8")
    assert '<p class="portal-override">蜀地&lt;预算&gt;观察</p>' in listing
    assert "<table" in listing  # super(): the theme's own listing follows
    assert (portal / "_site" / "assets" / "extra.css").is_file()
    assert (portal / "_site" / "assets" / "style.css").read_bytes() == (REPO / "site_src" / "style.css").read_bytes()


def test_fingerprint_covers_overrides_and_config(portal):
    config = Config(custom_dir=portal, config_file=portal / settings.FILE_NAME)
    before = fingerprint(config)
    override = portal / "templates" / "listing.html"
    text = override.read_text("utf-8")
    try:
        override.write_text(text + "\n", "utf-8")
        assert fingerprint(config) != before
    finally:
        override.write_text(text, "utf-8")
    assert fingerprint(config) == before
    toml = portal / settings.FILE_NAME
    original = toml.read_text("utf-8")
    try:
        toml.write_text(original + "\n# edited\n", "utf-8")
        assert fingerprint(config) != before
    finally:
        toml.write_text(original, "utf-8")


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ('title = "x"\n\n[license]\nurl = "ftp://example.org"\n', 4, "license.url", "http"),
        ('title = "x"\nhome_rows = 0\n', 2, "home_rows", "整数"),
        ('title = "x"\nsearch = "yes"\n', 2, "search", "true"),
        ('titel = "x"\n', 1, "titel", "title"),
        ('[pages]\nabout = """\nfoo = 1\n[x]\n"""\nhome_intr = "a"\n', 6, "pages.home_intr", "home_intro"),
        ('[grade_bands]\n"四川省" = { "优" = "九十" }\n', 2, "grade_bands.四川省", "数字"),
        ('title = "x"\ntitle = "y"\n', 2, "", "TOML"),
    ],
)
def test_an_invalid_config_is_reported_with_its_line(tmp_path, capsys, text, line, key, words):
    (tmp_path / "jixiao.toml").write_text(text, "utf-8")
    (tmp_path / "data").mkdir()
    assert _run(tmp_path, "build", "--quiet") == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    expected = f"jixiao.toml 第{line}行" + (f" {key}：" if key else "：")
    assert expected in err and words in err, err
    assert not (tmp_path / "_site").exists()


def test_this_repository_builds_through_its_own_config():
    loaded = settings.load(REPO / settings.FILE_NAME, required=True)
    assert loaded.site == Site()  # today's values are the defaults; the file states them
    assert loaded.grade_bands == Config().grade_bands


@pytest.mark.parametrize("document", ["README.md", "CONTRIBUTING.md"])
def test_the_documented_keys_are_the_validated_ones(document):
    """The table is settings.reference(), kept current by cog (tests/test_lint.py); every key is in it."""
    text = (REPO / document).read_text("utf-8")
    assert "cog.outl(reference())" in text
    for key in settings.definitions():
        assert f"| `{key}` |" in text


WHEEL_SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "CONTRIBUTING.md", "jixiao", "templates")
WHEEL_SOURCES += ("site_src", "docs")


def test_the_wheel_carries_the_theme_and_builds_a_portal_anywhere(tmp_path):
    """``pip wheel``, install into a fresh venv, ``jixiao init`` and ``jixiao build`` outside the repository.

    The venv gets the wheel alone; the dependencies are borrowed from the test's own
    environment through a .pth line (its .pth files, and so an editable jixiao, are not read).
    """
    source = tmp_path / "source"
    source.mkdir()
    for name in WHEEL_SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(REPO / name, source / name)
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(wheels)], check=True
    )
    (wheel,) = wheels.glob("jixiao-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"jixiao/theme/templates/base.html", "jixiao/theme/site_src/style.css", "jixiao/starter/portal.yml"} <= names
    vendored = {f"jixiao/theme/site_src/vendor/vega/{name}" for name in ("vega.min.js", "LICENSE-vega")}
    assert vendored <= names, "the vendored Vega files (and their licences) ship in the wheel"

    venv_dir = tmp_path / "venv"
    venv.create(venv_dir, with_pip=False)
    python = venv_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)], check=True
    )
    site_packages = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    borrowed = sysconfig.get_path("purelib")
    (site_packages / "zz-borrowed-dependencies.pth").write_text(borrowed + "\n", "utf-8")

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    jixiao = str(venv_dir / "bin" / "jixiao")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "PYTHON"))}
    subprocess.run([jixiao, "init", "portal", "--title", "别处的门户"], cwd=outside, env=env, check=True)
    portal = outside / "portal"
    shutil.copytree(SEED, portal / "data" / "rugao-pension" / "2024")
    located = subprocess.check_output(
        [str(python), "-c", "import jixiao.config as c; print(c.theme_dir('templates'))"],
        cwd=portal,
        env=env,
        text=True,
    )
    assert Path(located.strip()).is_relative_to(site_packages), located
    result = subprocess.run(
        [jixiao, "build", "--jobs", "1", "--quiet"], cwd=portal, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    home = (portal / "_site" / "index.html").read_text("utf-8")
    assert "<title>首页 · 别处的门户</title>" in home and OLD_NAME not in home
    assert (portal / "_site" / "assets" / "style.css").is_file()
    assert b"vega 6.2.0" in (portal / "_site" / "assets" / "vega.js").read_bytes()


def test_search_off_and_home_rows(tmp_path):
    """search = false: no search page, header form, sitemap entry or pagefind index; home_rows limits the home table."""
    portal = tmp_path / "portal"
    assert main(["init", str(portal), "--title", "无搜索"]) == 0
    (portal / settings.FILE_NAME).write_text('title = "无搜索"\nsearch = false\nhome_rows = 1\n', "utf-8")
    for package in ("rugao-pension/2024", "rugao-landloss/2023"):
        shutil.copytree(REPO / "data" / package, portal / "data" / package)
    assert _run(portal, "build", "--jobs", "1", "--quiet") == 0
    site = portal / "_site"
    assert not (site / "search").exists() and not (site / "pagefind").exists()
    home = (site / "index.html").read_text("utf-8")
    assert 'role="search"' not in home
    assert "search/" not in (site / "sitemap.xml").read_text("utf-8")
    assert "最新 1 份评价（共 2 份" in home


def test_compare_sorts_the_config_grades():
    from jixiao.site.compare import GRADE_RANK, grade_ranks

    assert GRADE_RANK == {"差": "1", "中": "2", "良": "3", "优": "4"}
    bands = settings.parse('[grade_bands]\ndefault = { "A" = 85, "B" = 70, "C" = 0 }\n', Path("x")).grade_bands
    assert grade_ranks(bands) == {"C": "1", "B": "2", "A": "3"}


def test_config_findings_become_annotations(tmp_path, capsys):
    (tmp_path / "jixiao.toml").write_text('title = "x"\n\nhome_rows = -1\n', "utf-8")
    assert _run(tmp_path, "validate", "--annotations") == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=jixiao.toml,line=3::jixiao.toml 第3行 home_rows：")


def test_init_can_name_how_to_install_jixiao(tmp_path):
    assert main(["init", str(tmp_path / "p"), "--requirement", "git+https://example.org/jixiao.git@v1"]) == 0
    workflow = (tmp_path / "p" / ".github" / "workflows" / "portal.yml").read_text("utf-8")
    assert 'pip install "git+https://example.org/jixiao.git@v1"' in workflow
    assert "${{ github.event.repository.name }}" in workflow and "{requirement}" not in workflow


@pytest.mark.browser
def test_the_quality_gate_holds_for_the_themed_portal(portal):
    """Valid HTML (Nu HTML Checker) and no broken link, overrides and Markdown intro included.

    Built under a subpath, as the gate builds this repository's site: lychee resolves
    root-absolute links (the 404 page's) against the folder above the site.
    """
    from quality_gate import lychee_errors, site_pages, vnu_errors

    site = portal / "served" / "sichuan"
    assert _run(portal, "build", "--out", str(site), "--base-url", "/sichuan/", "--jobs", "1", "--quiet") == 0
    assert not vnu_errors([site / path for path in site_pages(site)])
    assert not lychee_errors(site)


def test_serve_reloads_an_edited_config_and_keeps_the_last_good_one(tmp_path, capsys):
    from jixiao.commands.serve import _reload

    toml = tmp_path / settings.FILE_NAME
    toml.write_text('title = "旧名"\n', "utf-8")
    config = Config(config_file=toml, site=settings.load(toml).site)
    toml.write_text('title = "新名"\n', "utf-8")
    config = _reload(config)
    assert config.site.title == "新名"
    toml.write_text('title = ""\n', "utf-8")
    assert _reload(config).site.title == "新名"
    assert "第1行 title：不能为空" in capsys.readouterr().err


def test_the_configured_licence_is_in_every_published_datapackage(portal):
    """jixiao.toml says CC BY 4.0: every package's and the combined datapackage.json say so (none declares its own)."""
    site = portal / "_site"
    descriptors = [*sorted((site / "downloads").glob("*/datapackage.json")), site / "datasets" / "datapackage.json"]
    assert len(descriptors) >= 2
    for path in descriptors:
        licenses = json.loads(path.read_text("utf-8"))["licenses"]
        assert licenses == [{"name": "CC-BY-4.0", "path": LICENSE_URL, "title": "CC BY 4.0"}], path
    assert "CC0" not in (site / "datasets" / "README.md").read_text("utf-8")


def test_new_and_upgrade_leave_the_licence_to_the_portal_and_keep_a_packages_own(portal, tmp_path):
    """``new`` writes no licence (the portal's is published); ``upgrade`` drops the CC0 that ``new`` used to write
    and keeps one a maintainer chose; the build publishes a package's own licence as it is."""
    from jixiao.commands.upgrade import upgrade_package
    from jixiao.config import Site
    from jixiao.opendata.downloads import published_descriptor

    data = tmp_path / "data"
    assert main(["--data", str(data), "new", "fresh-unit", "2024"]) == 0
    assert "licenses" not in json.loads((data / "fresh-unit" / "2024" / "datapackage.json").read_text("utf-8"))
    old = tmp_path / "old" / "rugao-pension" / "2024"
    shutil.copytree(SEED, old)
    descriptor = json.loads((old / "datapackage.json").read_text("utf-8"))
    legacy = {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/"}
    descriptor["licenses"] = [legacy | {"title": "CC0 1.0 (原文为政府公开信息)"}]  # what `new` wrote before
    (old / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), "utf-8")
    assert upgrade_package(old)
    assert "licenses" not in json.loads((old / "datapackage.json").read_text("utf-8"))
    own = [{"name": "ODbL-1.0", "path": "https://opendatacommons.org/licenses/odbl/1-0/", "title": "ODbL"}]
    descriptor["licenses"] = own
    (old / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), "utf-8")
    upgrade_package(old)
    assert json.loads((old / "datapackage.json").read_text("utf-8"))["licenses"] == own
    from jixiao.ingest.load import read_package
    from jixiao.ingest.model import build_package

    package = build_package(read_package(old, old.parent.parent), ())
    site = Site(license_name="CC BY 4.0", license_url=LICENSE_URL)
    assert (
        json.loads(published_descriptor(package, (old / "datapackage.json").read_bytes(), site, {}))["licenses"] == own
    )
