"""Latency of the trainer's preview: from saving a unit's YAML to `curriculum serve` serving
the changed page. Starts the preview on a copy of the project in a temp folder, on a free
port, then N times rewrites one unit's summary and polls that unit's page until the new text
is there. Prints min/median/max seconds and the machine's load. The first build (jieba's
start-up included) is not counted. Usage: python bench/preview.py [N] (default 10)
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNIT = "after-sales-prevention"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (our own http URL)
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(url: str, text: str, seconds: float = 300.0) -> float:
    """Seconds until the page at ``url`` holds ``text``, polling every 20 ms."""
    start = time.monotonic()
    while text not in page(url):
        if time.monotonic() - start > seconds:
            raise SystemExit(f"{url} never showed {text!r}")
        time.sleep(0.02)
    return time.monotonic() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        for part in ("curriculum", "quizzes", "docs"):
            shutil.copytree(ROOT / part, project / part)
        shutil.copy(ROOT / "mkdocs.yml", project)
        unit = project / "curriculum/units" / f"{UNIT}.yml"
        original = unit.read_text(encoding="utf-8")
        summary = next(line for line in original.splitlines() if line.startswith("summary: "))
        port = free_port()
        command = [sys.executable, "-m", "generator", "serve", "-p", str(project)]
        server = subprocess.Popen(
            [*command, "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            url = f"http://127.0.0.1:{port}/units/{UNIT}/"
            first = wait_for(url, "</html>")
            print(f"first build served after {first:.1f} s")
            times = []
            for run in range(runs):
                time.sleep(1.5)  # a trainer types between saves; the server settles
                marker = f"预览计时{run}号"
                unit.write_text(original.replace(summary, f"{summary}{marker}"), "utf-8")
                times.append(wait_for(url, marker))
        finally:
            server.terminate()
            server.wait(timeout=30)
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(
        f"save -> page served, {runs} saves: min {min(times):.2f} s, "
        f"median {statistics.median(times):.2f} s, max {max(times):.2f} s "
        f"(load average {load} on {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
