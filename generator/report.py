"""Class reports from the results files trainees download on the site's 学习进度 page.

The files come from many browsers and pass through chat apps and e-mail, so every one is
checked: a bad or foreign file is named with its reason and skipped, never fatal. Format:
kefu-academy-results version 1 (see docs/guide/tools.md).
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import model
from .render import template_env
from .stats import text_table

FORMAT, VERSION = "kefu-academy-results", 1
MOST_MISSED = 10
NOT_TAKEN = "–"


class BadResults(Exception):
    """Why a file is not a results file of this course."""


@dataclass(frozen=True)
class UnitResult:
    unit: str
    score: int
    total: int
    passed: bool
    date: str
    missed: tuple[str, ...]


@dataclass
class ResultsFile:
    path: Path
    trainee: str
    exported_at: str
    units: list[UnitResult]


@dataclass
class ClassReport:
    course: model.Course
    units: list[model.Unit]  # columns: units someone has results for, in course order
    best: dict[str, dict[str, UnitResult]]  # trainee -> unit id -> best result
    missed: list[tuple[str, str, int, str]]  # (unit id, question id, trainees, stem or "")
    files: int
    warnings: list[str] = field(default_factory=list)

    @property
    def trainees(self) -> list[str]:
        return sorted(self.best)

    def cell(self, trainee: str, unit_id: str) -> str:
        result = self.best[trainee].get(unit_id)
        if result is None:
            return NOT_TAKEN
        return f"{result.score}/{result.total}" + (" ✓" if result.passed else "")

    def pass_rate(self, unit_id: str) -> str:
        passed = sum(1 for units in self.best.values() if (r := units.get(unit_id)) and r.passed)
        return f"{passed}/{len(self.best)} {round(passed * 100 / len(self.best))}%"

    def passed_units(self, trainee: str) -> int:
        return sum(1 for r in self.best[trainee].values() if r.passed)


def read_results(path: Path, course_id: str) -> ResultsFile:
    """Parse and check one file; raise BadResults saying what is wrong with it."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise BadResults(f"not a JSON results file ({error.__class__.__name__}: {error})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadResults(f"not a {FORMAT} file (download it from the 学习进度 page, button 下载成绩)")
    if data.get("version") != VERSION:
        raise BadResults(f"format version {data.get('version')!r} is not supported; this tool reads version {VERSION}")
    if data.get("course") != course_id:
        raise BadResults(f"results of another course ({data.get('course')!r}; this course is {course_id!r})")
    trainee = _field(data, "trainee", str).strip()
    if not 1 <= len(trainee) <= 40:
        raise BadResults("'trainee' must be a name of 1 to 40 characters")
    units = [_unit(entry, i) for i, entry in enumerate(_field(data, "units", list))]
    return ResultsFile(path, trainee, _field(data, "exported_at", str), units)


def _field(data: dict, name: str, kind: type, where: str = "") -> Any:
    if name not in data:
        raise BadResults(f"{where}'{name}' is missing")
    value = data[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise BadResults(f"{where}'{name}' must be {_KINDS[kind]}, not {json.dumps(value, ensure_ascii=False)[:40]}")
    return value


_KINDS = {str: "text", int: "a whole number", bool: "true or false", list: "a list", dict: "an object"}


def _unit(entry: Any, index: int) -> UnitResult:
    where = f"units[{index}]: "
    if not isinstance(entry, dict):
        raise BadResults(f"{where}must be an object")
    score, total = _field(entry, "score", int, where), _field(entry, "total", int, where)
    if not 0 <= score <= total or total < 1:
        raise BadResults(f"{where}score {score} of {total} is impossible")
    missed = _field(entry, "missed", list, where)
    if not all(isinstance(m, str) for m in missed):
        raise BadResults(f"{where}'missed' must list question ids")
    return UnitResult(_field(entry, "unit", str, where), score, total, _field(entry, "passed", bool, where),
                      _field(entry, "date", str, where), tuple(missed))


def build_report(curriculum: model.Curriculum, files: list[ResultsFile]) -> ClassReport:
    """Best result per trainee and unit; a trainee's latest file says what they still miss."""
    best: dict[str, dict[str, UnitResult]] = {}
    latest_missed: dict[str, dict[str, tuple[str, ...]]] = {}
    warnings = []
    for results in sorted(files, key=lambda f: f.exported_at):  # later files win for `missed`
        mine = best.setdefault(results.trainee, {})
        for r in results.units:
            if r.unit not in curriculum.units:
                warnings.append(f"{results.path}: unit '{r.unit}' is not in this course; ignored")
                continue
            if r.unit not in mine or (r.score / r.total, r.date) > (mine[r.unit].score / mine[r.unit].total,
                                                                    mine[r.unit].date):
                mine[r.unit] = r
            latest_missed.setdefault(results.trainee, {})[r.unit] = r.missed
    counts = Counter((unit, q) for units in latest_missed.values() for unit, missed in units.items()
                     for q in set(missed))
    stems = {(u, q.id): q.stem for u, bank in curriculum.banks.items() for q in bank.questions}
    missed = [(u, q, n, stems.get((u, q), "")) for (u, q), n in
              sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MOST_MISSED]]
    taken = {u for units in best.values() for u in units}
    return ClassReport(curriculum.course, [curriculum.units[u] for u in course_order(curriculum) if u in taken],
                       best, missed, len(files), warnings)


def course_order(curriculum: model.Curriculum) -> list[str]:
    """Unit ids as trainees meet them: along the tracks, then units in no track."""
    in_tracks = [u for track in curriculum.course.tracks for u in track.units]
    return list(dict.fromkeys([*in_tracks, *curriculum.units]))


def report_text(report: ClassReport) -> str:
    head = f"班级成绩：{report.course.title}（{len(report.best)} 名学员，{report.files} 个文件；✓ 表示已通过）"
    rows = [[name, *(report.cell(name, u.id) for u in report.units), report.passed_units(name)]
            for name in report.trainees]
    rows.append(["通过率", *(report.pass_rate(u.id) for u in report.units), ""])
    table = text_table(["学员", *(u.id for u in report.units), "通过单元"], rows)
    titles = "\n".join(f"  {u.id}：{u.title}" for u in report.units)
    parts = [head, table, f"单元\n{titles}"]
    if report.missed:
        parts.append("最常答错的题\n" + text_table(
            ["单元", "题目", "答错人数", "题干"],
            [[u, q, n, _one_line(stem) or "（题库里已没有这道题）"] for u, q, n, stem in report.missed]))
    return "\n\n".join(parts) + "\n"


def _one_line(text: str, width: int = 40) -> str:
    text = " ".join(text.replace("**", "").split())  # bold marks mean nothing in a table
    return text if len(text) <= width else text[: width - 1] + "…"


def write_csv(report: ClassReport, target: Path) -> None:
    """The class table for Excel (UTF-8 with BOM), a pass-rate row last."""
    with open(target, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["学员", *(f"{u.id} {u.title}" for u in report.units), "通过单元"])
        for name in report.trainees:
            writer.writerow([name, *(report.cell(name, u.id) for u in report.units), report.passed_units(name)])
        writer.writerow(["通过率", *(report.pass_rate(u.id) for u in report.units), ""])


def write_html(report: ClassReport, target: Path) -> None:
    html = template_env().get_template("report.html").render(report=report, one_line=_one_line)
    target.write_text(html, encoding="utf-8")
