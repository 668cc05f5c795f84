"""Reuse: which units of the previous build (or of the shards being merged) a build keeps, and how.

A unit whose key matches the previous site's manifest is neither rendered nor linked
file by file: its folders (``write.owned_roots``) are moved from the current site into
the new one at the swap (``write.Staging.commit``).  Units found in a shard's output are
linked by the workers (jixiao/assemble/units.py).  Until the swap, the kept units' pages
are read where they are (``SiteFiles``), e.g. by the search index.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.assemble import plan, units
from jixiao.assemble.write import owned_roots
from jixiao.config import Config


def plan_reuse(
    config: Config, selected: list[plan.UnitPlan], sources: list, previous: plan.Manifest | None
) -> tuple[list[units.UnitTask], list[units.UnitResult], list[str]]:
    """Units to render or link (tasks), units kept where they are in the current site, and the paths to move.

    A unit unchanged since the last build is neither rendered nor linked file by file:
    its folders (``owned_roots`` of the previous site's manifest) are moved from the
    current site into the new one at the swap (``Staging.commit``).  Its record is read
    here; an unreadable record, or a folder missing from the current site, renders the unit.
    """
    current = config.out_dir.resolve() if previous is not None and config.out_dir.is_dir() else None
    tasks, kept, adopt = [], [], []
    roots: dict[str, list[str]] | None = None
    for unit in selected:
        reuse = find_reuse(unit, sources)
        if reuse is not None and previous is not None and reuse.root == current:
            if roots is None:
                roots = owned_roots({unit_id: entry["files"] for unit_id, entry in previous.units.items()})
            record = units.read_record(reuse.record, unit, reuse.files)
            own = roots.get(unit.unit_id, [])
            present = bool(own) and all(os.path.lexists(current / path) for path in own)
            if record is not None and present:
                entry = previous.units[unit.unit_id]
                result = units.UnitResult(unit.unit_id, record, files=len(record.files), reused=True)
                result.bytes = entry.get("bytes", 0) or sum((current / p).stat().st_size for p in record.files)
                result.pages = sum(1 for path in record.files if path.endswith(".html"))
                kept.append(result)
                adopt += own
                continue
            reuse = None
        tasks.append(units.UnitTask(unit, reuse))
    return tasks, kept, adopt


@dataclass(frozen=True)
class SiteFiles:
    """Where the new site's pages are before the swap: in staging, or still in the current site (kept units)."""

    staging: Path
    current: Path
    kept: set[str]
    fingerprint: str
    adopt: list[str] = field(default_factory=list)
    """More folders of the current site to move into the new one at the swap (unchanged search slices)."""

    def root_of(self, path: str) -> Path:
        parts = path.split("/", 2)
        return self.current if parts[0] == "units" and len(parts) > 2 and parts[1] in self.kept else self.staging


def reuse_sources(config: Config, previous: plan.Manifest | None) -> list[tuple[Path, plan.Manifest, Path]]:
    """Outputs that may hold units unchanged, read once: the shards being merged, then the last build."""
    sources = []
    for shard_dir in config.merge:
        manifest = plan.Manifest.read(plan.shard_manifest_path(shard_dir))
        if manifest is not None:
            sources.append((shard_dir.resolve(), manifest, plan.shard_records_dir(shard_dir)))
    if previous is not None and config.out_dir.is_dir():
        sources.append((config.out_dir.resolve(), previous, config.cache_dir.resolve() / "units"))
    return sources


def find_reuse(unit: plan.UnitPlan, sources: list[tuple[Path, plan.Manifest, Path]]) -> units.Reuse | None:
    """The first source that holds this unit with the same key: link its files, load its record."""
    for root, manifest, records in sources:
        entry = manifest.units.get(unit.unit_id)
        if entry and entry["key"] == unit.key:
            return units.Reuse(root, tuple(entry["files"]), units.record_path(records, unit.key))
    return None
