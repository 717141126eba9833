"""Time MkDocs and Zensical on the same rendered pages of synthetic courses (20, 200, 1000 units).

For each size, `curriculum render` writes one folder (pages, assets, mkdocs.yml without the
plugin); then `mkdocs build` and `zensical build` run on it in turn, three times each,
interleaved (mkdocs, zensical, mkdocs, …) so that a busy machine slows both alike. Reported:
the median wall seconds and the median CPU seconds (user + system of the child; the fairer
figure on a shared machine), and Zensical's rebuild after one page is saved, with its cache
warm (what `zensical serve` does on a save). Usage: python bench/engines.py [N ...]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from run import BIN, run_child, write_course  # bench/run.py

ROUNDS = 3


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one command, which must succeed."""
    wall, usage = run_child(command, cwd)
    return wall, usage.ru_utime + usage.ru_stime


def engines(folder: Path) -> dict[str, list[str]]:
    config = str(folder / "mkdocs.yml")
    return {
        "mkdocs": [str(BIN / "mkdocs"), "build", "--strict", "-q", "-f", config],
        "zensical": [str(BIN / "zensical"), "build", "--strict", "-f", config],
    }


def measure(units: int) -> dict[str, tuple[float, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        project, folder = Path(tmp) / "project", Path(tmp) / "rendered"
        project.mkdir()
        write_course(project, units)
        timed([str(BIN / "curriculum"), "render", "-p", str(project), str(folder)], project)
        runs: dict[str, list[tuple[float, float]]] = {"mkdocs": [], "zensical": []}
        for _ in range(ROUNDS):
            for name, command in engines(folder).items():
                shutil.rmtree(folder / "site", ignore_errors=True)
                shutil.rmtree(folder / ".cache", ignore_errors=True)  # Zensical's: a cold build
                runs[name].append(timed(command, folder))
        rebuilds = []
        for _ in range(ROUNDS):
            page = folder / "docs/units/unit-0000/index.md"
            page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            rebuilds.append(timed(engines(folder)["zensical"], folder))
        runs["zensical, one page saved"] = rebuilds
    return {name: _medians(times) for name, times in runs.items()}


def _medians(times: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)


def main() -> None:
    sizes = [int(n) for n in sys.argv[1:]] or [20, 200, 1000]
    print(f"medians of {ROUNDS}, interleaved; seconds wall / CPU")
    head = ("units", "mkdocs", "zensical", "ratio", "zensical rebuild")
    print("{:>6} | {:>13} | {:>13} | {:>11} | {:>15}".format(*head))
    for units in sizes:
        m, z, r = measure(units).values()
        print(
            f"{units:>6} | {m[0]:>6.1f} {m[1]:>6.1f} | {z[0]:>6.1f} {z[1]:>6.1f} | "
            f"{m[0] / z[0]:>4.1f}x {m[1] / z[1]:>4.1f}x | {r[0]:>7.1f} {r[1]:>7.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
