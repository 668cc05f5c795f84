#!/usr/bin/env python3
"""Install size: what `pip install -c requirements.lock jixiao` puts in a fresh virtual environment.

    python bench/install_size.py                    # the runtime install, no extras
    python bench/install_size.py --extra import     # with the import readers

A portal installs jixiao on every CI run, so the runtime dependencies are a cost each
maintainer pays; the target is 300 MB without extras (issue 23). Creates a temporary
venv, installs this checkout (not editable) with the lock's versions, and prints the
size of the venv (the empty venv subtracted) and its ten largest distributions.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1000 * 1000
TARGET_MB = 300


def _size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _site_packages(venv: Path) -> Path:
    found = sorted(venv.glob("lib/python*/site-packages")) or sorted(venv.glob("Lib/site-packages"))
    return found[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", action="append", default=[], help="an optional dependency group, e.g. import")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-install-") as folder:
        venv = Path(folder) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        empty = _size(venv)
        bundled = {dist.metadata["Name"] for dist in metadata.distributions(path=[str(_site_packages(venv))])}
        python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        target = f"{ROOT}[{','.join(args.extra)}]" if args.extra else str(ROOT)
        command = [str(python), "-m", "pip", "install", "-q", "-c", str(ROOT / "requirements.lock"), target]
        subprocess.run(command, check=True)
        total = _size(venv) - empty
        site = _site_packages(venv)
        sizes: dict[str, int] = {}
        for dist in metadata.distributions(path=[str(site)]):
            if dist.metadata["Name"] in bundled:  # pip and setuptools come with every venv
                continue
            files = [site / str(f) for f in dist.files or ()]
            sizes[dist.metadata["Name"]] = sum(f.lstat().st_size for f in files if f.is_file())
    extras = f" [{','.join(args.extra)}]" if args.extra else " (no extras)"
    print(f"runtime install{extras}: {total / MB:.1f} MB (target without extras: {TARGET_MB} MB)")
    for name, size in sorted(sizes.items(), key=lambda item: -item[1])[:10]:
        print(f"  {name:<28} {size / MB:8.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
