#!/usr/bin/env python3
"""What checked records cost against pickles: read every unit record and fragment of a build cache both ways.

    python bench/stored_records.py bench/out/work/.jixiao-cache/units

Unit records and dataset fragments were pickles until stored state became checked data
(jixiao/stored.py: JSON with a digest, decoded field by field).  A build reads a record
for every unit it keeps and a fragment year for every unit it assembles, so this times,
in one process over the same objects: reading and decoding the stored files, and
``pickle.loads`` of the same values (the peer it replaced; it is used here only to
compare, never by a build).  Prints milliseconds per record and the ratio.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jixiao import stored  # noqa: E402 (after the path line above)
from jixiao.assemble import units  # noqa: E402
from jixiao.opendata import fragments  # noqa: E402


def _best(function, repeat: int = 5) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="checked records against pickles")
    parser.add_argument("folder", type=Path, help="a build cache's units/ folder")
    args = parser.parse_args(argv)
    records = sorted(args.folder.glob("*.json"))
    rows = sorted(args.folder.glob(f"*{fragments.FRAGMENT_SUFFIX}"))
    if not records:
        print(f"no records in {args.folder}", file=sys.stderr)
        return 1
    values = [stored.decode(units.UnitRecord, stored.read(path, units.RECORD_KIND)) for path in records]
    pickles = [pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for value in values]

    def read_stored() -> None:
        for path in records:
            stored.decode(units.UnitRecord, stored.read(path, units.RECORD_KIND))

    def read_pickles() -> None:
        for data in pickles:
            pickle.loads(data)

    ours, peer = _best(read_stored), _best(read_pickles)
    size = sum(path.stat().st_size for path in records) / len(records)
    print(
        f"unit records: {len(records)}, {size / 1024:.1f} KiB each; checked {ours / len(records) * 1000:.3f} ms, "
        f"pickle {peer / len(records) * 1000:.3f} ms a record ({ours / peer:.1f}×)"
    )
    if rows:
        years = [
            int(k) for k in stored.load_sections(fragments.FRAGMENT_KIND, rows[0].read_bytes()) or () if k.isdigit()
        ]
        year_values = [fragments.read_fragment(path, years[0]) for path in rows]
        year_pickles = [pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL) for value in year_values]
        ours = _best(lambda: [fragments.read_fragment(path, years[0]) for path in rows])
        peer = _best(lambda: [pickle.loads(data) for data in year_pickles])
        print(
            f"fragment years: {len(rows)}; checked {ours / len(rows) * 1000:.3f} ms, "
            f"pickle {peer / len(rows) * 1000:.3f} ms a year ({ours / peer:.1f}×)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
