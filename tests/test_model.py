"""The model's contract with quiz.js and the other outputs: the key each question type hands
the browser (data-answer), as quiz.js reads it."""

from __future__ import annotations

from generator.course.load import load_curriculum


def test_each_question_type_hands_the_browser_its_key(mini_project):
    curriculum = load_curriculum(mini_project)
    keys = {
        question.id: question.browser_key()
        for bank in curriculum.banks.values()
        for question in bank.questions
    }
    assert keys == {
        "pick-one": "b",
        "pick-many": ["a", "c"],
        "yes-no": False,
        "blank": ["60", "六十"],
        "sequence": ["a", "b", "c", "d"],
        "role-play": "a",
        "drill": {"speed": 30, "accuracy": 0.9},  # quiz.js reads key.speed and key.accuracy
    }
