"""The trainer guide's examples are real: each one validates against the data contract."""

from __future__ import annotations

import re
import string
from pathlib import Path

import yaml

from generator.course import checks, model
from generator.messages import catalogue

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide" / "format.md"
BLOCK = re.compile(r'```yaml title="([^"]+)"\n(.*?)```', re.S)


def examples() -> dict[str, dict]:
    return {
        name: yaml.safe_load(body)
        for name, body in BLOCK.findall(GUIDE.read_text(encoding="utf-8"))
    }


def test_guide_examples_validate():
    found = examples()
    model.Course.model_validate(found["curriculum/course.yml"])
    unit = model.Unit.model_validate(found["curriculum/units/reception.yml"])
    bank = model.QuizBank.model_validate(found["quizzes/reception.yml"])
    assert {q.type for q in bank.questions} == set(model.QUESTION_TYPES)
    assert all(not checks.question_problems(q) for q in bank.questions)
    assert {q.objective for q in bank.questions} <= {o.id for o in unit.objectives}


def test_error_page_lists_every_validation_message_as_the_catalogue_words_it():
    """docs/guide/errors.md quotes each problem.* message in Chinese, its fields shown as …"""
    page = (GUIDE.parent / "errors.md").read_text(encoding="utf-8").replace("&#124;", "|")
    missing = [
        key
        for key, text in catalogue("zh").items()
        if key.startswith("problem.")
        and "".join(
            literal + ("…" if name is not None else "")
            for literal, name, _, _ in string.Formatter().parse(text)
        )
        not in page
    ]
    assert not missing
