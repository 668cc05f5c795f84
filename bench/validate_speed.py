#!/usr/bin/env python3
"""Cold validation cost per package: load and validate every package of data folders, no cache.

    python bench/validate_speed.py data bench/out/units-100
    python bench/validate_speed.py --frictionless-always bench/out/units-100   # the path before the quick check

Each package is read (``load.read_package``) and validated (``validate.validate_package``) in
this one process, as a unit worker does on a cold cache; the first package pays for building
the schemas and importing frictionless, which is reported apart.  Prints milliseconds per
package (mean and median of wall time, and the mean of this process's CPU time, which other
processes on a shared machine disturb less) and the load average; compare runs made in the
same minute.  ``--frictionless-always`` runs frictionless on every
package, as validation did before the quick conformance check (jixiao/ingest/conformance.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="data folders (data/<unit>/<year>/ layout)")
    parser.add_argument("--limit", type=int, default=0, help="validate at most this many packages per folder")
    parser.add_argument(
        "--frictionless-always", action="store_true", help="no quick check: frictionless for every package"
    )
    parser.add_argument("--profile", type=Path, help="write cProfile stats of the validation loop here")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    from jixiao.config import GRADE_BANDS
    from jixiao.ingest import validate
    from jixiao.ingest.load import read_package, scan_data

    imported = time.perf_counter() - started
    if args.frictionless_always:
        conformance = getattr(validate, "conforms", None)
        if conformance is None:
            print("(this commit has no quick check: frictionless runs for every package anyway)")
        else:
            validate.conforms = lambda package: False
    bands = dict(GRADE_BANDS)
    print(f"load average {os.getloadavg()[0]:.2f}; jixiao imports {imported * 1000:.0f} ms")
    for folder in args.folders:
        directories = scan_data(folder.resolve()).packages
        if args.limit:
            directories = directories[: args.limit]
        loads, checks, cpu, load_cpu, errors = [], [], [], [], 0
        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
        for directory in directories:
            start, start_cpu = time.perf_counter(), time.process_time()
            package = read_package(directory, folder.resolve())
            middle, middle_cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            findings = validate.validate_package(package, bands)
            if profiler:
                profiler.disable()
            loads.append(middle - start)
            load_cpu.append(middle_cpu - start_cpu)
            checks.append(time.perf_counter() - middle)
            cpu.append(time.process_time() - middle_cpu)
            errors += sum(f.is_error for f in findings)
        if not checks:
            print(f"{folder}: no packages")
            continue
        first, rest = checks[0], checks[1:] or checks
        print(
            f"{folder}: {len(checks)} packages, {errors} errors; "
            f"first package {first * 1000:.0f} ms (schemas, frictionless import); then per package: "
            f"validate {statistics.mean(rest) * 1000:.1f} ms mean / {statistics.median(rest) * 1000:.1f} median "
            f"(CPU {statistics.mean(cpu[1:] or cpu) * 1000:.1f} ms), "
            f"load {statistics.mean(loads) * 1000:.1f} ms mean (CPU {statistics.mean(load_cpu) * 1000:.1f} ms)"
        )
        if profiler:
            profiler.dump_stats(args.profile)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
