"""Class reports from the results files trainees download on the site's 学习进度 page.

The files come from many browsers and pass through chat apps and e-mail, so every one is
checked (only regular files, at most MAX_BYTES, shape by pydantic): a bad or foreign file is
named with its reason and left out, never fatal to the others. Trainee names are cleaned of
control characters once, here, so the terminal, the CSV and the HTML show the same name.
Format: course/results.py, schema/results.schema.json (see docs/guide/tools.md).
"""

from __future__ import annotations

import json
import os
import stat
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import pydantic_core
from pydantic import AfterValidator, ValidationError
from pydantic_core import ErrorDetails, PydanticCustomError

from generator import outputs, sanitize
from generator.course import model, results
from generator.errors import KefuError
from generator.messages import say
from generator.outputs import one_line
from generator.tools.stats import text_table
from generator.tools.templates import template_env

MAX_BYTES = 1_000_000  # a whole course's results take a few KB
MOST_MISSED = 10
NOT_TAKEN = "–"


class BadResults(KefuError):
    """Why a file is not a results file of this course."""


UnitResult = results.UnitResult


@dataclass
class ResultsFile:
    path: Path
    trainee: str
    exported_at: str
    units: list[UnitResult]


class MissedQuestion(NamedTuple):
    unit: str
    question: str
    trainees: int  # how many missed it in their latest attempt
    stem: str  # "" when the bank no longer has the question


@dataclass
class ClassReport:
    course: model.Course
    units: list[model.Unit]  # columns: units someone has results for, in course order
    best: dict[str, dict[str, UnitResult]]  # trainee -> unit id -> best result
    missed: list[MissedQuestion]  # the most missed first
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
    raw = _read_regular_file(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadResults(
            say("report.not_utf8", byte=f"{raw[error.start]:02x}", position=error.start)
        ) from None
    try:  # pydantic's JSON parser: bounded nesting, so `[[[[…` is an error, not a crash
        data = pydantic_core.from_json(text, allow_inf_nan=False)
    except ValueError as error:
        if "recursion limit" in str(error):
            raise BadResults(say("report.too_deep", error=error)) from None
        raise BadResults(say("report.not_json", error=error)) from None
    if not isinstance(data, dict) or data.get("format") != results.FORMAT:
        raise BadResults(say("report.not_results", format=results.FORMAT))
    if not (type(data.get("version")) is int and data["version"] == results.VERSION):
        raise BadResults(
            say("report.version", version=_shown(data.get("version")), supported=results.VERSION)
        )
    if data.get("course") != course_id:
        raise BadResults(
            say("report.other_course", course=_shown(data.get("course")), this=repr(course_id))
        )
    try:
        checked = _Results.model_validate(data)
    except ValidationError as error:
        raise BadResults(_describe(error.errors()[0])) from None
    return ResultsFile(path, checked.trainee, checked.exported_at, checked.units)


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; pipes, folders and devices are named,
    never read."""
    try:
        kind = path.stat().st_mode
    except FileNotFoundError:
        raise BadResults(
            say("report.dangling_link" if path.is_symlink() else "report.no_file")
        ) from None
    except OSError as error:
        raise BadResults(say("report.cannot_read", reason=error.strerror or error)) from None
    if stat.S_ISDIR(kind):
        raise BadResults(say("report.folder"))
    if not stat.S_ISREG(kind):
        raise BadResults(say("report.not_regular"))
    try:  # O_NONBLOCK: should the file be swapped for a pipe meanwhile, opening it cannot hang
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise BadResults(say("report.not_regular"))
            raw = file.read(MAX_BYTES + 1)
    except OSError as error:
        raise BadResults(say("report.cannot_read", reason=error.strerror or error)) from None
    if len(raw) > MAX_BYTES:
        raise BadResults(say("report.too_large", mb=MAX_BYTES // 1_000_000))
    return raw


def _shown(value: Any, as_json: bool = False) -> str:
    """An untrusted value quoted for a message: short, control characters written as escapes."""
    text = (
        outputs.json_for_terminal(json.dumps(value, ensure_ascii=False)) if as_json else repr(value)
    )
    return text if len(text) <= 40 else text[:39] + "…"


def _trainee_name(value: str) -> str:
    name = one_line(value)  # the same name in the terminal, the CSV and the HTML
    if not 1 <= len(name) <= 40:
        raise PydanticCustomError("trainee_name", say("report.trainee_name"))
    return name


class _Results(results.Results):
    """The format, with the name cleaned as every output shows it."""

    trainee: Annotated[str, AfterValidator(_trainee_name)]


_PROBLEMS = {  # pydantic error types a trainer reads as `report.<type>` messages
    "missing",
    "int_type",
    "string_type",
    "bool_type",
    "list_type",
    "model_type",
    "string_pattern_mismatch",
    "greater_than_equal",
    "string_too_long",
}


def _describe(error: ErrorDetails) -> str:
    """The first validation error as `units[0]: 'score' must be a whole number, not true`."""
    loc = error["loc"]
    if error["type"] not in _PROBLEMS:  # our own messages name their field already
        return _where(loc[:-1] if loc and isinstance(loc[-1], str) else loc) + error["msg"]
    field_at = max((i for i, part in enumerate(loc) if isinstance(part, str)), default=0)
    subject = f"'{loc[field_at]}'" + "".join(f"[{part}]" for part in loc[field_at + 1 :])
    problem = say(f"report.{error['type']}", **error.get("ctx", {}))
    shown = (
        ""
        if error["type"] == "missing"
        else say("report.field_shown", value=_shown(error["input"], as_json=True))
    )
    return say(
        "report.field", place=_where(loc[:field_at]), field=subject, problem=problem, shown=shown
    )


def _where(loc: tuple[str | int, ...]) -> str:
    """('units', 0) -> 'units[0]: ', the place of a problem inside the file."""
    place = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).lstrip(
        "."
    )
    return f"{place}: " if place else ""


def results_paths(arguments: Iterable[Path]) -> list[Path]:
    """Files and the *.json files of folders, hidden files (editor locks, backups) passed over."""
    paths: list[Path] = []
    for path in arguments:
        if path.is_dir():
            paths += sorted(p for p in path.glob("*.json") if not p.name.startswith("."))
        else:
            paths.append(path)
    return paths


def read_all(paths: list[Path], course_id: str) -> tuple[list[ResultsFile], list[str]]:
    """The files that are results of this course, and a line naming each one that is not."""
    read, refused = [], []
    for path in paths:
        try:
            read.append(read_results(path, course_id))
        except BadResults as error:
            refused.append(say("report.skipped_file", path=path, reason=error))
    return read, refused


def build_report(curriculum: model.Curriculum, files: list[ResultsFile]) -> ClassReport:
    """Best result per trainee and unit; a trainee's latest file says what they still miss."""
    best: dict[str, dict[str, UnitResult]] = {}
    latest_missed: dict[str, dict[str, list[str]]] = {}
    warnings = []
    for read in sorted(files, key=lambda f: f.exported_at):  # later files win for `missed`
        mine = best.setdefault(read.trainee, {})
        for r in read.units:
            if r.unit not in curriculum.units:
                warnings.append(say("report.unit_not_in_course", path=read.path, unit=r.unit))
                continue
            if r.unit not in mine or (r.score / r.total, r.date) > (
                mine[r.unit].score / mine[r.unit].total,
                mine[r.unit].date,
            ):
                mine[r.unit] = r
            latest_missed.setdefault(read.trainee, {})[r.unit] = r.missed
    counts = Counter(
        (unit, q)
        for units in latest_missed.values()
        for unit, missed in units.items()
        for q in set(missed)
    )
    stems = {(u, q.id): q.stem for u, bank in curriculum.banks.items() for q in bank.questions}
    missed = [
        MissedQuestion(u, q, n, stems.get((u, q), ""))
        for (u, q), n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MOST_MISSED]
    ]
    taken = {u for units in best.values() for u in units}
    return ClassReport(
        curriculum.course,
        [curriculum.units[u] for u in course_order(curriculum) if u in taken],
        best,
        missed,
        len(files),
        warnings,
    )


def course_order(curriculum: model.Curriculum) -> list[str]:
    """Unit ids as trainees meet them: along the tracks, then units in no track."""
    in_tracks = [u for track in curriculum.course.tracks for u in track.units]
    return list(dict.fromkeys([*in_tracks, *curriculum.units]))


def report_text(report: ClassReport) -> str:
    head = (
        f"班级成绩：{report.course.title}"
        f"（{len(report.best)} 名学员，{report.files} 个文件；✓ 表示已通过）"
    )
    rows = [
        [name, *(report.cell(name, u.id) for u in report.units), report.passed_units(name)]
        for name in report.trainees
    ]
    rows.append(["通过率", *(report.pass_rate(u.id) for u in report.units), ""])
    table = text_table(["学员", *(u.id for u in report.units), "通过单元"], rows)
    titles = "\n".join(f"  {u.id}：{u.title}" for u in report.units)
    parts = [head, table, f"单元\n{titles}"]
    if report.missed:
        parts.append(
            "最常答错的题\n"
            + text_table(
                ["单元", "题目", "答错人数", "题干"],
                [
                    [u, q, n, _one_line(stem) or "（题库里已没有这道题）"]
                    for u, q, n, stem in report.missed
                ],
            )
        )
    return "\n\n".join(parts) + "\n"


def _one_line(text: str, width: int = 40) -> str:
    text = " ".join(text.replace("**", "").split())  # bold marks mean nothing in a table
    return text if len(text) <= width else text[: width - 1] + "…"


def write_csv(report: ClassReport, target: Path) -> None:
    """The class table for Excel, a pass-rate row last."""
    outputs.write_csv(
        target,
        [
            ["学员", *(f"{u.id} {u.title}" for u in report.units), "通过单元"],
            *(
                [name, *(report.cell(name, u.id) for u in report.units), report.passed_units(name)]
                for name in report.trainees
            ),
            ["通过率", *(report.pass_rate(u.id) for u in report.units), ""],
        ],
    )


def write_html(report: ClassReport, target: Path) -> None:
    html = sanitize.clean_document(
        template_env().get_template("report.html").render(report=report, one_line=_one_line)
    )
    target.write_text(html, encoding="utf-8")
