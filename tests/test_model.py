"""The model's contract with quiz.js and the other outputs: the key each question type hands
the browser (data-answer), as quiz.js reads it."""

from __future__ import annotations

import dataclasses

from generator.course import model
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


def make(model_class, **fields):
    base = {"id": "q", "objective": "o", "stem": "s", "explanation": "e"}
    return model_class(**{**base, **fields})


# How an output writes keys: each option as key=text, to see which option went where.
SITE = model.KeyStyle(
    option=lambda options, key: f"{key}={options[key].text}",
    true="对",
    false="错",
    several=" + ",
    steps=" → ",
    accepted=" / ",
)
PAPER = dataclasses.replace(SITE, sort_several=True, passage_is_key=True)


def test_each_question_type_writes_its_key_in_the_style_of_the_output(mini_project):
    curriculum = load_curriculum(mini_project)
    questions = {q.id: q for bank in curriculum.banks.values() for q in bank.questions}
    assert {key: q.key_text(SITE) for key, q in questions.items()} == {
        "pick-one": "b=对的",
        "pick-many": "a=对一 + c=对二",
        "yes-no": "错",
        "blank": "60 / 六十",
        "sequence": "a=第一步 → b=第二步 → c=第三步 → d=第四步",
        "role-play": "a=马上为您查好了，明天发出。",
        "drill": "",  # a typing drill has no key on the site
    }
    assert questions["drill"].key_text(PAPER) == "亲，您好，欢迎光临本店。"
    assert questions["sequence"].key_steps(SITE) == ["a=第一步", "b=第二步", "c=第三步", "d=第四步"]
    assert questions["pick-one"].key_steps(SITE) == []


def test_several_correct_options_keep_the_bank_order_unless_the_style_sorts_them():
    question = make(
        model.MultipleQuestion,
        type="multiple",
        options={"a": "甲", "b": "乙", "c": "丙"},
        answer=["c", "a"],
    )
    assert question.key_text(SITE) == "c=丙 + a=甲"
    assert question.key_text(PAPER) == "a=甲 + c=丙"


def test_true_and_false_keys():
    assert make(model.TrueFalseQuestion, type="truefalse", answer=True).key_text(SITE) == "对"
    assert make(model.TrueFalseQuestion, type="truefalse", answer=False).key_text(SITE) == "错"


def test_options_are_lettered_from_a_in_the_bank_order():
    assert [model.option_letter(i) for i in range(4)] == ["A", "B", "C", "D"]
    question = make(
        model.SingleQuestion, type="single", options={"x": "甲", "b": "乙", "a": "丙"}, answer="a"
    )
    assert question.letters() == {"x": "A", "b": "B", "a": "C"}
