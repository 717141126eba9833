"""pytest collects every question of quizzes/*.yml as its own test item.

Node ids read `quizzes/<bank>.yml::<question-id>`, so a broken answer key fails exactly its
question, and the failure names file:line and the fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from generator.course import checks, model
from generator.course.load import QUIZZES_DIR, UNITS_DIR, load_file
from generator.course.problems import Problem, ProblemsFound, Source
from generator.errors import KefuError

if TYPE_CHECKING:  # pytest's own signature types, not exported under a public name
    from _pytest._code.code import TerminalRepr, TracebackStyle


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> QuizBankFile | None:
    root = parent.config.rootpath
    if file_path.suffix == ".yml" and file_path.parent == root / QUIZZES_DIR:
        return QuizBankFile.from_parent(parent, path=file_path)
    return None


class QuizBankFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        root = self.config.rootpath
        relative = self.path.relative_to(root)
        try:
            bank, source = load_file(root, relative, model.QuizBank)
        except ProblemsFound as error:
            yield BrokenBankItem.from_parent(self, name="<bank>", problems=error.problems)
            return
        objectives = _objectives(root, bank.unit)
        for index, question in enumerate(bank.questions):
            yield QuestionItem.from_parent(
                self,
                name=question.id,
                question=question,
                index=index,
                source=source,
                objectives=objectives,
            )


def _objectives(root: Path, unit_id: str) -> list[str] | None:
    """The unit's objective ids, or None when the unit itself does not load."""
    try:
        unit, _ = load_file(root, f"{UNITS_DIR}/{unit_id}.yml", model.Unit)
    except (ProblemsFound, OSError):
        return None
    return [o.id for o in unit.objectives]


class QuestionItem(pytest.Item):
    def __init__(
        self,
        *,
        question: model.AnyQuestion,
        index: int,
        source: Source,
        objectives: list[str] | None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.index = index
        self.source = source
        self.objectives = objectives
        self.add_marker(pytest.mark.answer_key)

    def runtest(self) -> None:
        loc = ("questions", self.index)
        problems = [
            self.source.problem((*loc, *sub), message)
            for sub, message in checks.question_problems(self.question)
        ]
        if self.objectives is not None and self.question.objective not in self.objectives:
            problems.append(
                self.source.problem(
                    (*loc, "objective"),
                    f"'{self.question.objective}' is not an objective of the unit "
                    f"(its objectives: {', '.join(self.objectives)})",
                )
            )
        if problems:
            raise AnswerKeyError(problems)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        if isinstance(excinfo.value, AnswerKeyError):
            return "\n".join(map(str, excinfo.value.problems))
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int, str]:
        line = self.source.locate(("questions", self.index))[0]
        return self.path, line - 1, f"{self.question.type} question {self.question.id}"


class BrokenBankItem(pytest.Item):
    """Stands for a bank that does not load at all, so its problems still fail the run."""

    def __init__(self, *, problems: list[Problem], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.problems = problems

    def runtest(self) -> None:
        raise AnswerKeyError(self.problems)

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str:
        return "\n".join(map(str, self.problems))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, "the question bank does not load"


class AnswerKeyError(KefuError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "answer_key: a question's answer key, collected from quizzes/"
    )
