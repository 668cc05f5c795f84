"""``jixiao init`` writes an install line that works: the one PEP 610 says this jixiao came from.

The expectations are written from PEP 610's examples (a VCS URL and commit, a local folder,
an archive) and pip's requirement syntax, not from the code.  One test runs the README's
exact install command in a fresh virtual environment on this machine.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest

from jixiao.cli import main
from jixiao.commands import init

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "rugao-pension" / "2024"
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "CONTRIBUTING.md", "jixiao", "templates")
SOURCES += ("site_src", "docs")


class FakeDistribution:
    """An installed jixiao's metadata files, as importlib.metadata reads them."""

    def __init__(self, files: dict[str, str], version: str = "1.4.0") -> None:
        self.files, self.version = files, version

    def read_text(self, name: str) -> str | None:
        return self.files.get(name)


def _from(monkeypatch, files: dict[str, str]) -> init.Install:
    monkeypatch.setattr(init, "distribution", lambda name: FakeDistribution(files))
    return init.installed_from()


def test_a_vcs_install_gives_its_url_and_commit(monkeypatch):
    direct = {
        "url": "https://github.com/example/jixiao.git",
        "vcs_info": {"vcs": "git", "requested_revision": "main", "commit_id": "7f3c" + "0" * 36},
    }
    how = _from(monkeypatch, {"direct_url.json": json.dumps(direct), "INSTALLER": "pip"})
    assert how.requirement == "jixiao @ git+https://github.com/example/jixiao.git@7f3c" + "0" * 36
    assert not how.local and "7f3c00000000" in how.source


def test_a_local_folder_gives_its_path_and_says_it_works_only_here(monkeypatch, tmp_path):
    direct = {"url": tmp_path.as_uri(), "dir_info": {"editable": True}}
    how = _from(monkeypatch, {"direct_url.json": json.dumps(direct), "INSTALLER": "pip"})
    assert how.requirement == str(tmp_path) and how.local
    assert "只在这台电脑上有效" in how.source


def test_an_archive_gives_its_url(monkeypatch):
    direct = {"url": "https://example.org/jixiao-1.4.0.tar.gz", "archive_info": {"hashes": {"sha256": "ab"}}}
    how = _from(monkeypatch, {"direct_url.json": json.dumps(direct), "INSTALLER": "pip"})
    assert how.requirement == "jixiao @ https://example.org/jixiao-1.4.0.tar.gz"


def test_only_an_index_install_is_pinned_as_a_release(monkeypatch):
    assert _from(monkeypatch, {"INSTALLER": "pip"}).requirement == "jixiao==1.4.0"
    checkout = _from(monkeypatch, {})  # a source checkout's jixiao.egg-info: nothing was installed from an index
    assert checkout.requirement == str(REPO) and checkout.local


def test_the_readme_and_workflow_say_where_jixiao_comes_from(monkeypatch, tmp_path):
    direct = {"url": tmp_path.as_uri(), "dir_info": {}}
    monkeypatch.setattr(init, "distribution", lambda name: FakeDistribution({"direct_url.json": json.dumps(direct)}))
    assert main(["init", str(tmp_path / "portal")]) == 0
    readme = (tmp_path / "portal" / "README.md").read_text("utf-8")
    workflow = (tmp_path / "portal" / ".github" / "workflows" / "portal.yml").read_text("utf-8")
    assert f'pip install "{tmp_path}"' in readme and "jixiao==1.4.0" not in readme
    assert f"本机文件夹 {tmp_path}" in readme
    assert f'pip install "{tmp_path}"' in workflow and "只在这台电脑上有效" in workflow


def _venv_borrowing_dependencies(folder: Path) -> Path:
    """A fresh virtual environment whose dependencies are this environment's (a .pth line): lean and offline."""
    venv.create(folder, with_pip=True)
    python = folder / ("Scripts" if os.name == "nt" else "bin") / "python"
    purelib = subprocess.check_output([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    (Path(purelib.decode().strip()) / "zz-borrowed-dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", "utf-8"
    )
    return python


@pytest.mark.skipif(os.name == "nt", reason="the README's command is for a POSIX shell")
def test_a_new_portal_installs_with_the_exact_command_its_readme_gives(tmp_path):
    """A maintainer installs jixiao from a local checkout, runs ``jixiao init``, then the portal's own README."""
    source = tmp_path / "jixiao-source"
    source.mkdir()
    for name in SOURCES:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(REPO / name, source / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "PYTHON"))}
    maintainer = _venv_borrowing_dependencies(tmp_path / "maintainer")
    subprocess.run([str(maintainer), "-m", "pip", "install", "-q", str(source)], env=env, check=True)
    subprocess.run([str(maintainer.with_name("jixiao")), "init", "portal"], cwd=tmp_path, env=env, check=True)

    portal = tmp_path / "portal"
    first_command = (portal / "README.md").read_text("utf-8").split("```sh\n", 1)[1].splitlines()[0]
    steps = [step.strip() for step in first_command.split("&&")]
    install = next(step for step in steps if step.startswith("pip install "))
    assert shlex.split(install)[2:] == [str(source)]
    newcomer = _venv_borrowing_dependencies(portal / ".venv")
    activate = shlex.quote(str(newcomer.with_name("activate")))
    subprocess.run(["bash", "-c", f". {activate} && {install}"], cwd=portal, env=env, check=True)
    shutil.copytree(SEED, portal / "data" / SEED.parent.name / SEED.name)
    result = subprocess.run(
        [str(newcomer.with_name("jixiao")), "validate"], cwd=portal, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "验证通过" in result.stderr
    shown = subprocess.check_output([str(newcomer), "-c", "import jixiao; print(jixiao.__file__)"], cwd=tmp_path)
    assert Path(shown.decode().strip()).is_relative_to(portal / ".venv"), "the portal's venv has its own jixiao"
