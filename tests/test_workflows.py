"""The project's GitHub side: workflows valid for GitHub, pinned, deploying safely; one browser setting.

The schema check runs check-jsonschema's vendored GitHub workflow schema (no network), so a
workflow that GitHub would reject fails here first, in .ci/run and on every machine.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from browser_fixtures import unavailable
from browsers import BROWSER_ENV, BROWSER_NAMES, find_browser

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.y*ml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+\.\d+\.\d+\s*$")
"""``owner/repo[/path]@<full commit SHA> # vX.Y.Z``: the SHA is what runs, the comment the tag it came from."""
MAIN_ONLY = ("github.event_name == 'push'", "github.ref == 'refs/heads/main'")
MANUAL_ON_MAIN = ("github.event_name == 'workflow_dispatch'", "github.ref == 'refs/heads/main'")
"""A manually run workflow (shards.yml) may deploy too, from main only."""
OFFLINE = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}
"""Any attempt to reach the network fails: the vendored schema must be enough."""


def _check_jsonschema(*paths: Path) -> subprocess.CompletedProcess:
    try:
        import check_jsonschema  # noqa: F401
    except ImportError:
        unavailable("check-jsonschema is not installed (pip install -e '.[test]')")
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
    env = {**os.environ, **OFFLINE}
    return subprocess.run([*command, *map(str, paths)], capture_output=True, text=True, env=env, timeout=120)


def _workflow(path: Path) -> dict:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the bare key `on` as True (YAML 1.1); GitHub reads it as "on".
    spec["on"] = spec.pop(True, spec.get("on"))
    return spec


def _steps(spec: dict) -> list[tuple[str, dict, dict]]:
    """(job id, job, step) for every step of every job."""
    return [(name, job, step) for name, job in spec["jobs"].items() for step in job.get("steps", [])]


def _uses(step: dict, action: str) -> bool:
    return step.get("uses", "").split("@")[0] == action


def test_there_is_a_workflow() -> None:
    assert WORKFLOWS, "no workflow in .github/workflows/"


def test_workflows_match_githubs_schema() -> None:
    result = _check_jsonschema(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_what_github_rejects(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = WORKFLOWS[0].read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1)
    broken.write_text(text, encoding="utf-8")
    result = _check_jsonschema(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "runs_on" in result.stdout + result.stderr


def test_actions_are_pinned_to_a_commit_with_its_exact_tag() -> None:
    unpinned = []
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = re.match(r"^\s*(?:-\s+)?uses:\s*(\S.*)$", line)
            if match and not match.group(1).startswith("./") and not PINNED.match(match.group(1)):
                unpinned.append(f"{path.name}:{number}: {match.group(1)}")
    assert not unpinned, "pin every action as owner/repo@<40-hex SHA> # vX.Y.Z:\n" + "\n".join(unpinned)


def test_pages_deploy_only_from_main_one_at_a_time() -> None:
    deployers = []
    for path in WORKFLOWS:
        spec = _workflow(path)
        for name, job, step in _steps(spec):
            if not (_uses(step, "actions/deploy-pages") or _uses(step, "actions/upload-pages-artifact")):
                continue
            guard = f"{job.get('if', '')} && {step.get('if', '')}"
            assert any(all(part in guard for part in allowed) for allowed in (MAIN_ONLY, MANUAL_ON_MAIN)), (
                f"{path.name} {name}: {step['uses']} runs off main"
            )
            if _uses(step, "actions/deploy-pages"):
                deployers.append(name)
                assert job.get("environment", {}).get("name") == "github-pages", f"{path.name} {name}"
                group = job.get("concurrency") or spec.get("concurrency")
                assert isinstance(group, dict) and group.get("group"), f"{path.name} {name}: no concurrency group"
                assert group.get("cancel-in-progress") is False, f"{path.name} {name}: a deployment could be cut off"
        if "push" in spec["on"]:
            assert spec["on"]["push"].get("branches") == ["main"], f"{path.name}: push runs on other branches"
    assert deployers, "no job deploys to GitHub Pages"


def test_pip_and_jixiao_cache_are_cached() -> None:
    cached = []
    for path in WORKFLOWS:
        for _, _, step in _steps(_workflow(path)):
            if _uses(step, "actions/cache"):
                assert "hashFiles(" in step["with"]["key"], f"{path.name}: cache key ignores the inputs"
                cached += step["with"]["path"].split()
    assert "~/.cache/pip" in cached
    assert ".jixiao-cache" in cached


def test_workflow_brings_a_browser_and_cjk_fonts() -> None:
    for path in WORKFLOWS:
        spec = _workflow(path)
        for name, job, step in _steps(spec):
            if "pytest" not in step.get("run", "") or '-m "not browser"' in step["run"]:
                continue  # the Windows and macOS job runs only the tests that need no browser
            run = "\n".join(s.get("run", "") for s in job["steps"])
            env = {**spec.get("env", {}), **job.get("env", {}), **step.get("env", {})}
            assert BROWSER_ENV in env or "playwright install" in run, f"{path.name} {name}: tests get no browser"
            assert "fonts-noto-cjk" in run, f"{path.name} {name}: headings would fall back to a non-CJK font"
            # Ubuntu 24.04's chromium-browser is a stub that installs the snap, which a runner cannot run.
            assert "chromium-browser" not in run, f"{path.name} {name}"


# ----------------------------------------------------------------- the browser setting


def _executable(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_browser_comes_from_the_setting_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chrome = _executable(tmp_path / "opt", "chrome")
    _executable(tmp_path / "bin", "chromium")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv(BROWSER_ENV, str(chrome))
    assert find_browser()[0] == chrome
    monkeypatch.setenv(BROWSER_ENV, str(tmp_path / "missing"))
    found, reason = find_browser()
    assert found is None and BROWSER_ENV in reason and "missing" in reason


def test_browser_then_the_usual_names_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(BROWSER_ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    found, reason = find_browser()
    assert found is None and BROWSER_ENV in reason
    chrome = _executable(tmp_path / "bin", "google-chrome")
    assert find_browser()[0] == chrome
    chromium = _executable(tmp_path / "bin", "chromium")
    assert find_browser()[0] == chromium, "Debian's chromium comes first"


def test_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required when CI is set"):
        unavailable("no browser")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        unavailable("no browser")


def test_browser_setting_is_documented() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in (BROWSER_ENV, *BROWSER_NAMES) if f"`{name}`" not in readme]
    assert not missing, f"README.md does not say how the browser is found: {missing}"


def _cache_prefixes(job: dict) -> set[str]:
    """The key prefixes a job's caches save under or restore from (the text before the first ``${{``)."""
    prefixes = set()
    for step in job.get("steps", []):
        if _uses(step, "actions/cache"):
            for text in (step["with"]["key"], step["with"].get("restore-keys", "")):
                prefixes.update(line.split("${{")[0] for line in text.splitlines() if line.strip())
    return prefixes


def test_the_published_site_never_restores_a_cache_of_a_tested_job() -> None:
    """A cache written by a job that ran the tests (or pull request code) is never restored where a site is built
    for Pages: those jobs use other key prefixes, install no test dependencies and run no tests."""
    tested, publishing = set(), set()
    for path in WORKFLOWS:
        spec = _workflow(path)
        triggers = spec["on"] if isinstance(spec["on"], dict) else {}
        jobs = spec["jobs"]
        for job in jobs.values():
            runs = "\n".join(step.get("run", "") for step in job.get("steps", []))
            if "pytest" in runs or "pull_request" in triggers and "if" not in job:
                tested |= {(path.name, prefix) for prefix in _cache_prefixes(job)}
        feeding = {n for n, job in jobs.items() if any(_uses(s, "actions/upload-pages-artifact") for s in job["steps"])}
        for name in list(feeding):  # and the jobs whose artifacts they download (the shards)
            if any(_uses(step, "actions/download-artifact") for step in jobs[name]["steps"]):
                needs = jobs[name].get("needs", [])
                uploads = {n for n in ([needs] if isinstance(needs, str) else needs) if "steps" in jobs[n]}
                feeding |= {n for n in uploads if any(_uses(s, "actions/upload-artifact") for s in jobs[n]["steps"])}
        for name in feeding:
            job = jobs[name]
            runs = "\n".join(step.get("run", "") for step in job.get("steps", []))
            assert "pytest" not in runs and ".[test]" not in runs, (
                f"{path.name} {name}: tests run where sites are built"
            )
            publishing |= _cache_prefixes(job)
    assert tested and publishing
    for workflow, prefix in tested:
        clash = [p for p in publishing if p.startswith(prefix) or prefix.startswith(p)]
        assert not clash, f"{workflow}: the tested cache prefix {prefix!r} is restored when publishing ({clash})"
