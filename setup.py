"""Wheel build: the theme (templates/, site_src/) and the contributors' guide ship inside the package.

They stay where they are in the repository; at build time they are copied into
``jixiao/theme/`` of the wheel, where ``jixiao.config.theme_dir`` finds them.  An
editable install or a checkout uses them in place.  Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
THEME = ("templates", "site_src", "CONTRIBUTING.md", "docs/transcription.md")
"""Repository paths copied to jixiao/theme/<same path> in the wheel."""


class BuildWithTheme(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "jixiao" / "theme"
        for name in THEME:
            source, destination = ROOT / name, target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, destination, dirs_exist_ok=True)
            else:
                shutil.copyfile(source, destination)


setup(cmdclass={"build_py": BuildWithTheme})
