"""The package's layout: stages import only from the stages before them.

Size is not a rule here: modules split at seams, and long, dense functions are caught by
ruff's complexity limits (C901, PLR0912, PLR0913, PLR0915 in pyproject.toml), which replaced
a 400-line cap that split modules where the count ran out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import jixiao

PACKAGE = Path(jixiao.__file__).parent
STAGES = (
    "files",  # the file-system layer: imports nothing from jixiao
    "config",
    "settings",
    "ingest",
    "stored",
    "structure",
    "opendata",
    "site",
    "assemble",
    "commands",
    "cli",
)
"""In import order: a module may import from its own stage and the ones before it."""


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _stage(dotted: str) -> str | None:
    """The stage of a module named ``jixiao.<stage>...``; None for the package itself or other libraries."""
    parts = dotted.split(".")
    return parts[1] if parts[0] == "jixiao" and len(parts) > 1 else None


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every jixiao module a file imports, at any depth (inside functions and TYPE_CHECKING too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            if node.module == "jixiao":
                found += [(node.lineno, f"jixiao.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
    return [(line, name) for line, name in found if name.startswith("jixiao")]


def test_every_module_belongs_to_a_stage():
    for path in _modules():
        relative = path.relative_to(PACKAGE)
        if relative.as_posix() == "__init__.py":
            continue
        assert relative.parts[0].removesuffix(".py") in STAGES, f"jixiao/{relative.as_posix()} is in no stage"


def test_imports_run_one_way():
    upward = []
    for path in _modules():
        relative = path.relative_to(PACKAGE)
        own = relative.parts[0].removesuffix(".py")
        if own == "__init__":
            continue
        for line, name in _imports(path):
            target = _stage(name)
            assert target in STAGES, f"jixiao/{relative.as_posix()}:{line} imports {name}, which is in no stage"
            if STAGES.index(target) > STAGES.index(own):
                upward.append(f"jixiao/{relative.as_posix()}:{line} ({own}) imports {name} ({target})")
    assert not upward, "imports against the stage order " + " → ".join(STAGES) + ":\n" + "\n".join(upward)


def test_stage_packages_say_what_they_take_and_give():
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        if init.exists():
            docstring = ast.get_docstring(ast.parse(init.read_text("utf-8")))
            assert docstring and len(docstring) > 80, f"jixiao/{stage}/__init__.py has no docstring saying what it does"


def test_checker_sees_an_upward_import(tmp_path):
    """The checker itself: an import inside a function, from a later stage, is found."""
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from jixiao.site import views\n    import jixiao.assemble.plan\n", "utf-8")
    assert [(line, _stage(name)) for line, name in _imports(module)] == [(2, "site"), (3, "assemble")]
