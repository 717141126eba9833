"""Rules that a single field's type cannot express: answer keys, ids and cross-references."""

from __future__ import annotations

from typing import TypeAlias, TypeVar

from generator.course import model
from generator.course.problems import Problem, Source
from generator.messages import say

M = TypeVar("M")
Loaded: TypeAlias = tuple[M, Source]  # a file that loaded: its model instance and its Source


def question_problems(question: model.AnyQuestion) -> list[model.KeyProblem]:
    """Problems of one question's key, as (field path within the question, message).

    Each question type owns its checks (model.py); this is the one place callers ask.
    """
    return question.key_problems()


def cross_check(
    course: Loaded[model.Course] | None,
    units: dict[str, Loaded[model.Unit] | None],
    banks: dict[str, Loaded[model.QuizBank] | None],
) -> list[Problem]:
    """Every rule spanning fields or files; files that failed to load are skipped."""
    problems: list[Problem] = []
    for stem, unit_file in units.items():
        if unit_file:
            problems += _check_unit(stem, *unit_file, has_bank=stem in banks)
            if bank := banks.get(stem):
                problems += _check_assessed(*unit_file, bank[0])
    for stem, bank_file in banks.items():
        if bank_file:
            bank_id = bank_file[0].unit
            unit = units.get(bank_id)
            problems += _check_bank(
                stem, *bank_file, unit_known=bank_id in units, unit=unit[0] if unit else None
            )
    if course:
        problems += _check_course(*course, unit_ids=set(units))
    return problems


def _check_unit(stem: str, unit: model.Unit, source: Source, has_bank: bool) -> list[Problem]:
    problems = []
    if unit.id != stem:
        problems.append(
            source.problem(("id",), say("problem.id_not_file_name", id=unit.id, stem=stem))
        )
    elif not has_bank:
        problems.append(source.problem(("id",), say("problem.no_bank", stem=stem)))
    problems += _unique_ids(source, "objectives", [o.id for o in unit.objectives])
    return problems


def _check_bank(
    stem: str, bank: model.QuizBank, source: Source, unit_known: bool, unit: model.Unit | None
) -> list[Problem]:
    problems = []
    if not unit_known:
        problems.append(source.problem(("unit",), say("problem.no_such_unit", unit=bank.unit)))
    elif bank.unit != stem:
        problems.append(source.problem(("unit",), say("problem.bank_not_file_name", stem=stem)))
    problems += _unique_ids(source, "questions", [q.id for q in bank.questions])
    for i, question in enumerate(bank.questions):
        for loc, message in question_problems(question):
            problems.append(source.problem(("questions", i, *loc), message))
    if unit is None:
        return problems
    objectives = [o.id for o in unit.objectives]
    for i, question in enumerate(bank.questions):
        if question.objective not in objectives:
            problems.append(
                source.problem(
                    ("questions", i, "objective"),
                    say(
                        "problem.not_an_objective",
                        objective=question.objective,
                        unit=unit.id,
                        objectives=say("list.join").join(objectives),
                    ),
                )
            )
    return problems


def _check_course(course: model.Course, source: Source, unit_ids: set[str]) -> list[Problem]:
    problems = _unique_ids(source, "tracks", [t.id for t in course.tracks])
    for t, track in enumerate(course.tracks):
        seen: set[str] = set()
        for u, unit_id in enumerate(track.units):
            loc = ("tracks", t, "units", u)
            if unit_id not in unit_ids:
                problems.append(source.problem(loc, say("problem.no_such_unit", unit=unit_id)))
            elif unit_id in seen:
                problems.append(source.problem(loc, say("problem.unit_twice", unit=unit_id)))
            seen.add(unit_id)
    return problems


def _unique_ids(source: Source, field: str, ids: list[str]) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for i, item_id in enumerate(ids):
        if item_id in first:
            line = source.locate((field, first[item_id], "id"))[0]
            problems.append(
                source.problem((field, i, "id"), say("problem.duplicate_id", id=item_id, line=line))
            )
        first.setdefault(item_id, i)
    return problems


def _check_assessed(unit: model.Unit, source: Source, bank: model.QuizBank) -> list[Problem]:
    assessed = {q.objective for q in bank.questions}
    return [
        source.problem(
            ("objectives", i, "id"),
            say("problem.not_assessed", id=o.id, unit=unit.id),
        )
        for i, o in enumerate(unit.objectives)
        if o.id not in assessed
    ]
