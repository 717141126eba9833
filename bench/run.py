"""Time `curriculum validate` and `mkdocs build` on synthetic courses of 20, 200 and 1000 units.

Each unit has 3 sections of about 400 characters and a bank of 10 questions (all types), so
the text lengths are those of the shipped course. Prints seconds and peak memory (max RSS) of
each command, measured on the child process. Usage: python bench/run.py [N ...]
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
WORDS = [
    "顾客",
    "客服",
    "订单",
    "发货",
    "退货",
    "换货",
    "物流",
    "尺码",
    "优惠",
    "耐心",
    "回复",
    "售后",
    "评价",
    "店铺",
    "商品",
    "质量",
    "沟通",
    "问题",
    "快递",
    "库存",
    "价格",
    "赠品",
    "包装",
    "签收",
    "解释",
    "道歉",
    "方案",
    "跟进",
    "满意",
    "建议",
]


def text(rng: random.Random, chars: int) -> str:
    out = ""
    while len(out) < chars:
        out += "".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))) + rng.choice("，。；")
    return out[:chars] + "。"


def question(rng: random.Random, i: int) -> dict:
    kind = ["single", "multiple", "truefalse", "fill", "order", "scenario"][i % 6]
    q = {
        "id": f"q{i}",
        "type": kind,
        "objective": f"o{i % 3}",
        "stem": text(rng, 40),
        "explanation": text(rng, 80),
    }
    options = {k: {"text": f"{k}{text(rng, 18)}", "feedback": text(rng, 30)} for k in "abcd"}
    if kind in ("single", "scenario"):
        q.update(options=options, answer=rng.choice("abcd"))
    if kind == "scenario":
        q["dialogue"] = [
            {"customer": text(rng, 30)},
            {"agent": text(rng, 30)},
            {"customer": text(rng, 20)},
        ]
    if kind == "multiple":
        q.update(options=options, answer=["a", "c"])
    if kind == "order":
        q.update(options=options, answer=["c", "a", "d", "b"])
    if kind == "truefalse":
        q["answer"] = bool(i % 2)
    if kind == "fill":
        q.update(stem=q["stem"] + " ____ 。", answer=["首次响应", "首响"])
    return q


def write_course(project: Path, units: int) -> None:
    rng = random.Random(units)
    (project / "curriculum/units").mkdir(parents=True)
    (project / "quizzes").mkdir()
    (project / "docs").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    ids = [f"unit-{n:04d}" for n in range(units)]
    course = {
        "id": "bench",
        "title": "基准课程",
        "description": text(rng, 100),
        "tracks": [{"id": "all", "title": "全部", "audience": "trainee", "units": ids}],
    }
    dump(project / "curriculum/course.yml", course)
    for n, unit_id in enumerate(ids):
        dump(
            project / f"curriculum/units/{unit_id}.yml",
            {
                "id": unit_id,
                "title": f"单元 {n}：{text(rng, 10)}",
                "audience": "trainee",
                "category": ["qualities", "knowledge", "process", "motivation", "faq"][n % 5],
                "summary": text(rng, 50),
                "duration_minutes": 20,
                "objectives": [{"id": f"o{k}", "text": text(rng, 30)} for k in range(3)],
                "sections": [{"title": text(rng, 8), "body": text(rng, 400)} for _ in range(3)],
                "key_points": [text(rng, 30) for _ in range(4)],
                "faq": [{"q": text(rng, 20), "a": text(rng, 60)} for _ in range(2)],
            },
        )
        dump(
            project / f"quizzes/{unit_id}.yml",
            {"unit": unit_id, "questions": [question(rng, i) for i in range(10)]},
        )


def dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def run_child(command: list[str], cwd: Path) -> tuple[float, resource.struct_rusage]:
    """Wall seconds and resource usage of one command, which must succeed (else exit)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()[-2000:]}")
    return seconds, usage


def measure(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one command."""
    seconds, usage = run_child(command, cwd)
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    sizes = [int(n) for n in sys.argv[1:]] or [20, 200, 1000]
    header = f"{'units':>6} {'questions':>9} | {'validate s':>10} {'MiB':>6}"
    print(f"{header} | {'mkdocs build s':>14} {'MiB':>6}")
    for units in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            write_course(project, units)
            validate = measure([str(BIN / "curriculum"), "validate"], project)
            build = measure([str(BIN / "mkdocs"), "build", "--strict", "-q"], project)
            print(
                f"{units:>6} {units * 10:>9} | {validate[0]:>10.2f} {validate[1]:>6.0f} | "
                f"{build[0]:>14.2f} {build[1]:>6.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
