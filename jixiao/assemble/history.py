"""When each package was first added, from the repository's git history at build time.

The feed dates an evaluation by its source's printed publication date; where none is printed,
by the day its package first entered the repository: the commit date of the first commit
that added its datapackage.json (``git log`` of HEAD, so the same commit always gives the
same dates).  Outside a git checkout, or for a package not committed yet, there is no entry
and the feed falls back to the date of HEAD, or to the evaluation year's end.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_PACKAGE = re.compile(r"^([^/]+)/(\d{4})/datapackage\.json$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _git(data_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-C", str(data_dir), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def added_dates(data_dir: Path) -> dict[str, str]:
    """Package id (``<unit>-<year>``) → YYYY-MM-DD it was first committed; ``""`` under the key ``HEAD``
    is the date of the commit built (the fallback for packages not committed yet).  Empty without git."""
    prefix = _git(data_dir, "rev-parse", "--show-prefix")
    log = _git(data_dir, "log", "HEAD", "--diff-filter=A", "--no-renames", "--format=%x00%cs", "--name-only", "--", ".")
    head = _git(data_dir, "log", "-1", "--format=%cs", "HEAD")
    if prefix is None or log is None:
        return {}
    prefix = prefix.strip()
    dates: dict[str, str] = {}
    for commit in log.split("\0")[1:]:  # newest first: the last date seen for a file is its first addition
        lines = commit.strip().splitlines()
        if not lines or not _DATE.match(lines[0]):
            continue
        for name in lines[1:]:
            match = _PACKAGE.match(name.removeprefix(prefix)) if name.startswith(prefix) else None
            if match:
                dates[f"{match.group(1)}-{match.group(2)}"] = lines[0]
    if head and _DATE.match(head.strip()):
        dates["HEAD"] = head.strip()
    return dates
