"""How the build scales: CPU seconds per unit and the size of a unit page at 200 and 1000 units.

With the whole nav in every page the per-unit cost grew with the course (a quadratic term);
the nav by track, pruned to the current group of units, keeps it flat. Prints, per size: the
build's CPU seconds (user + system, of the child process: less sensitive than wall time to
other load on the machine), CPU ms per unit, the largest unit page and the search index (raw
and gzipped), then the growth of the per-unit cost. Usage: python bench/scale.py [N ...]
"""

from __future__ import annotations

import gzip
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from run import BIN, run_child, write_course


def build_cpu_seconds(project: Path) -> float:
    _, usage = run_child([str(BIN / "mkdocs"), "build", "--strict", "-q"], project)
    return usage.ru_utime + usage.ru_stime


def kib(data: bytes) -> str:
    return f"{len(data) / 1024:.0f} / {len(gzip.compress(data)) / 1024:.0f}"


def main() -> None:
    sizes = [int(n) for n in sys.argv[1:]] or [200, 1000]
    columns = ("CPU s", "ms/unit", "unit page KiB raw/gz", "index KiB raw/gz")
    print(f"{'units':>6} | {columns[0]:>7} {columns[1]:>8} | {columns[2]:>21} | {columns[3]:>17}")
    per_unit = {}
    for units in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            write_course(project, units)
            cpu = build_cpu_seconds(project)
            pages = [p.read_bytes() for p in (project / "site/units").glob("*/index.html")]
            index = (project / "site/search/search_index.json").read_bytes()
            per_unit[units] = cpu / units
            print(
                f"{units:>6} | {cpu:>7.1f} {cpu / units * 1000:>8.1f} | "
                f"{kib(max(pages, key=len)):>21} | {kib(index):>17}",
                flush=True,
            )
    if len(per_unit) > 1:
        small, large = min(per_unit), max(per_unit)
        growth = per_unit[large] / per_unit[small] - 1
        print(f"per-unit build cost grows {growth:+.0%} from {small} to {large} units")


if __name__ == "__main__":
    main()
