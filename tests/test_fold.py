"""Fill answers fold one way in Python and in the browser: tests/fold_cases.json is the table,
run here against model.fold and in tests/browser/test_fold.py against quiz.js."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.course.model import fold

CASES = json.loads((Path(__file__).parent / "fold_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize(("typed", "accepted", "same"), CASES)
def test_fold_table(typed, accepted, same):
    assert (fold(typed) == fold(accepted)) is same


def test_the_accepted_answers_reach_the_browser_folded_as_quiz_js_folds():
    """quiz.js folds what the trainee typed (toLowerCase) and looks it up in these: the Python
    side must fold to the same form, not merely to equal forms."""
    assert fold("ＡＢＣ ｄｅ。") == "abcde"
    assert fold(" Ｗi-Fi ") == "wi-fi"
