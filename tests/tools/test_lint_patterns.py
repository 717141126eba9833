"""The rules a test-wise trainee exploits: each fires at its file:line on a crafted bank or
unit, and stays quiet on a clean one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.course import model
from generator.course.problems import ProblemsFound, Source
from generator.course.yaml_source import read_yaml
from generator.tools.lint import LintTerms, lint_bank, lint_project, load_terms
from generator.tools.lint.answers import variants
from generator.tools.lint.compliance import unit_compliance
from generator.tools.lint.report import place

from .test_lint import HEAD, lint_text, question

OPTIONS = {"a": "先道歉再查物流", "b": "马上给顾客退款", "c": "请顾客耐心等待"}
ROOT = Path(__file__).parents[2]


def truefalse(qid: str, answer: bool) -> str:
    return (
        f"  - id: {qid}\n    type: truefalse\n    objective: obj-one\n    stem: 判断。\n"
        f"    answer: {str(answer).lower()}\n    explanation: 解析。\n"
    )


def bank_of(tmp_path: Path, name: str, text: str) -> tuple[model.QuizBank, object]:
    path = tmp_path / f"{name}.yml"
    path.write_text(HEAD.replace("alpha", name) + text, encoding="utf-8")
    data, source = read_yaml(path, f"quizzes/{name}.yml")
    return model.QuizBank.model_validate(data), source


def lint_course(
    tmp_path: Path, banks: dict[str, str], rule: str, terms: LintTerms | None = None
) -> list[tuple[str, int, str]]:
    """(file, line, message) of the findings of ``rule`` in a course of ``banks`` (no units)."""
    loaded = {name: bank_of(tmp_path, name, text) for name, text in banks.items()}
    course = model.Course.model_validate(
        {
            "id": "c",
            "title": "课",
            "description": "课。",
            "tracks": [{"id": "t", "title": "路", "audience": "trainee", "units": list(banks)}],
        }
    )
    curriculum = model.Curriculum(
        course=course,
        units={},
        banks={name: bank for name, (bank, _) in loaded.items()},
        bank_sources={name: source for name, (_, source) in loaded.items()},  # type: ignore[misc]
    )
    found = lint_project(curriculum, terms=terms)
    return [(f.file, f.line, f.message) for f in found if f.rule == rule]


# --- 1. true/false keys all one way -------------------------------------------------------


def test_truefalse_all_one_way_in_a_bank(tmp_path: Path):
    bank = "".join(truefalse(f"t{i}", True) for i in range(3))
    assert lint_text(tmp_path, bank) == [(2, "truefalse-balance")]
    mixed = "".join(truefalse(f"t{i}", answer) for i, answer in enumerate([True, False, True]))
    assert lint_text(tmp_path, mixed) == []


def test_truefalse_one_way_across_the_course(tmp_path: Path):
    both = truefalse("t1", True) + truefalse("t2", False)
    banks = {f"b{n}": truefalse("t1", True) + truefalse("t2", True) for n in range(4)}
    banks |= {"b4": both, "b5": both}  # 10 of 12 true: not all, but over 70 %
    found = lint_course(tmp_path, banks, "truefalse-balance")
    assert [(file, line) for file, line, _ in found] == [("quizzes/b0.yml", 2)]
    assert "全课程的 12 道判断题里，10 道的答案是“对”" in found[0][2]
    banks["b3"] = truefalse("t1", False) + truefalse("t2", False)
    assert lint_course(tmp_path, banks, "truefalse-balance") == []  # 8 of 12: under 70 %


# --- 2. words found only on one side ------------------------------------------------------


def cue_bank(keyed: str, wrong: str) -> str:
    return "".join(
        question(
            f"q{i}",
            "哪项对？",
            {"a": f"{keyed}第{i}项", "b": f"{wrong}第{i}种", "c": f"其他{i}"},
            "a",
        )
        for i in range(8)
    )


def cues_of(found: list[tuple[str, int, str]], word: str) -> list[tuple[str, int]]:
    return [(file, line) for file, line, message in found if message.startswith(f"“{word}”")]


def test_a_word_only_in_keys_is_a_cue(tmp_path: Path):
    found = lint_course(tmp_path, {"b0": cue_bank("退货或换货", "马上退款")}, "cue-word")
    assert cues_of(found, "或") == [("quizzes/b0.yml", 8)]  # the first key that holds 或
    found = lint_course(tmp_path, {"b0": cue_bank("退货或换货", "退款或补发")}, "cue-word")
    assert cues_of(found, "或") == []


def test_replies_are_no_cue(tmp_path: Path):
    bank = cue_bank("退货或换货", "马上退款").replace("哪项对？", "哪种回复最好？")
    assert lint_course(tmp_path, {"b0": bank}, "cue-word") == []


# --- 3. how many boxes to tick ------------------------------------------------------------


def multiple(qid: str, answer: str) -> str:
    options = {k: f"做法{k}{qid}" for k in "abcde"}
    return question(qid, "哪些做法对？", options, answer, "multiple")


@pytest.mark.parametrize(
    ("answers", "fires"),
    [
        (["[a, b]"] * 4, True),  # always two
        (["[a, b, c]", "[a, b, c, d]", "[b, c, d]", "[a, c, d, e]"], True),  # all but one or two
        (["[a]", "[a, b]", "[a, b, c]", "[b, c]"], False),
    ],
)
def test_multiple_count(tmp_path: Path, answers, fires):
    bank = "".join(multiple(f"m{i}", answer) for i, answer in enumerate(answers))
    assert lint_text(tmp_path, bank) == ([(2, "multiple-count")] if fires else [])


# --- 4. the key is the longest too often --------------------------------------------------


def test_longest_key_share(tmp_path: Path):
    # the key 22 characters, the others 20: under longest-key's 10 %, yet always the longest
    options = {"a": "甲" * 20, "b": "乙" * 22, "c": "丙" * 20}
    bank = "".join(question(f"q{i}", "哪项对？", options, "b") for i in range(4))
    assert (2, "longest-key-share") in lint_text(tmp_path, bank)
    one_char = {"a": "甲" * 21, "b": "乙" * 22, "c": "丙" * 20}  # 1 character: not seen
    bank = "".join(question(f"q{i}", "哪项对？", one_char, k) for i, k in enumerate("bbca"))
    assert lint_text(tmp_path, bank) == []


# --- 5. the same position keyed too often, across the course --------------------------------


def test_key_position_across_the_course(tmp_path: Path):
    options = {"a": "道歉", "b": "退款", "c": "查单", "d": "补发"}
    bank = "".join(question(f"q{i}", "哪项对？", options, k) for i, k in enumerate("aabc"))
    assert lint_text(tmp_path, bank) == []  # 2 of 4 in one bank: not more than half
    found = lint_course(tmp_path, {f"b{n}": bank for n in range(5)}, "key-position")
    assert [(file, line) for file, line, _ in found] == [("quizzes/b0.yml", 2)]  # 10 of 20
    spread = "".join(question(f"q{i}", "哪项对？", options, k) for i, k in enumerate("abcd"))
    assert lint_course(tmp_path, {f"b{n}": spread for n in range(5)}, "key-position") == []


# --- 6. fill answers without an obvious variant ------------------------------------------


def fill(answer: str) -> str:
    return (
        "  - id: f\n    type: fill\n    objective: obj-one\n    stem: 收货后 ____ 内可以退货。\n"
        f"    answer: {answer}\n    explanation: 解析。\n"
    )


def test_fill_variant(tmp_path: Path):
    assert lint_text(tmp_path, fill("[7 天]")) == [(7, "fill-variant")]
    assert lint_text(tmp_path, fill("[7 天, 七天]")) == []
    assert lint_text(tmp_path, fill("[首响。]")) == []  # folding drops the 。 already


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("7 天", ["七天"]),
        ("十五分钟", ["15分钟"]),
        ("首响。", ["首响"]),
        ("售后的流程", ["售后流程"]),
        ("一对一带教", []),  # a name, not a number
        ("QC", []),
    ],
)
def test_variants(answer, expected):
    assert variants(answer) == expected


# --- 7. order items that name their position ----------------------------------------------


def order(steps: list[str]) -> str:
    options = dict(zip("abcd", steps, strict=True))
    return question("o", "排好顺序。", options, "[a, b, c, d]", "order")


def test_order_hint(tmp_path: Path):
    found = lint_text(tmp_path, order(["首先问候顾客", "然后了解需求", "解答疑问", "最后道别"]))
    assert found == [(8, "order-hint"), (9, "order-hint"), (11, "order-hint")]
    assert lint_text(tmp_path, order(["问候顾客", "了解需求", "解答疑问", "道别"])) == []
    # a hint that contradicts its position gives nothing away
    assert lint_text(tmp_path, order(["问候顾客", "最后了解需求", "解答疑问", "道别"])) == []


# --- 8. compliance of the replies the course teaches ---------------------------------------

TERMS = LintTerms.model_validate(
    {
        "good_columns": ["更好的说法"],
        "groups": [
            {
                "id": "absolute-terms",
                "name": "极限词",
                "law": "《广告法》第九条",
                "terms": ["全网最低", {"term": "第一", "except": ["第一时间"]}],
            },
            {
                "id": "promises",
                "name": "承诺",
                "law": "消法",
                "terms": [{"term": "保证", "except": ["不能保证"]}],
            },
            {"id": "off-platform", "name": "站外", "law": "平台规则", "terms": ["微信"]},
        ],
    }
)


def scenario(key: str, other: str, stem: str = "哪种回复最好？") -> str:
    return (
        f"  - id: s\n    type: scenario\n    objective: obj-one\n    stem: {stem}\n"
        f"    dialogue:\n      - customer: 便宜点？\n    options:\n"
        f"      a: {key}\n      b: {other}\n      c: 好的\n    answer: a\n    explanation: 解析。\n"
    )


def compliance(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    bank, source = bank_of(tmp_path, "alpha", text)
    found = lint_bank(bank, source, terms=TERMS)  # type: ignore[arg-type]
    return [(f.line, f.rule) for f in found if f.rule == "compliance"]


def test_compliance_in_a_keyed_reply(tmp_path: Path):
    assert compliance(tmp_path, scenario("亲，这是全网最低价", "我看一下")) == [(10, "compliance")]
    assert compliance(tmp_path, scenario("我保证明天到", "我看一下")) == [(10, "compliance")]


@pytest.mark.parametrize(
    ("key", "other", "stem"),
    [
        (
            "我看一下",
            "亲，这是全网最低价",
            "哪种回复最好？",
        ),  # a distractor: the breach is the lesson
        ("我第一时间帮您查", "好", "哪种回复最好？"),  # 第一时间 is an exception of 第一
        ("物流我们不能保证，我帮您催", "好", "哪种回复最好？"),  # 不能保证 is one of 保证
        ("亲，这是全网最低价", "我看一下", "哪种回复应该避免？"),  # the keys are the bad ones
    ],
)
def test_compliance_stays_quiet(tmp_path: Path, key, other, stem):
    assert compliance(tmp_path, scenario(key, other, stem)) == []


UNIT = """id: alpha
title: 单元
category: process
audience: trainee
summary: 简介。
duration_minutes: 10
objectives:
  - id: obj-one
    text: 目标
sections:
  - title: 话术
    body: |
      下面是示范。

      | 场景 | 欠佳的说法 | 更好的说法 |
      | --- | --- | --- |
      | 顾客要微信 | 加我微信吧 | 我们就在这里聊，记录都有保障 |
      | 顾客问价 | 全网最低！ | 全网最低，放心买 |

      !!! example "一段示范"
          顾客：能保证明天到吗？

          客服：我保证明天到。

      | 谁 | 说了什么 | 点评 |
      | --- | --- | --- |
      | 顾客 | 你保证吗 | |
      | 客服 | 加我微信细聊 | 引到站外 |
key_points:
  - 要点。
"""


def test_compliance_in_a_unit(tmp_path: Path):
    path = tmp_path / "alpha.yml"
    path.write_text(UNIT, encoding="utf-8")
    data, source = read_yaml(path, "curriculum/units/alpha.yml")
    assert isinstance(source, Source)
    unit = model.Unit.model_validate(data)
    found = place(source, list(unit_compliance(unit, TERMS)))
    # the good column's second row, the 客服 line of the example, the 客服 row of the model
    # conversation; not the bad column (加我微信, 全网最低！) nor what the customer says (保证)
    lines = [
        n for n, line in enumerate(UNIT.splitlines(), 1) if "最低，放心" in line or "客服" in line
    ]
    assert [(f.line, f.rule) for f in found] == [(n, "compliance") for n in lines]
    assert len(lines) == 3
    assert "全网最低" in found[0].message and "《广告法》第九条" in found[0].message


def test_terms_file_is_checked_with_its_line(tmp_path: Path):
    assert load_terms(tmp_path) is None  # no file: the rule is off
    (tmp_path / "curriculum").mkdir()
    (tmp_path / "curriculum/lint-terms.yml").write_text(
        "groups:\n  - id: absolute-terms\n    name: 极限词\n    terms: [第一]\n", encoding="utf-8"
    )
    with pytest.raises(ProblemsFound) as error:
        load_terms(tmp_path)
    assert "curriculum/lint-terms.yml:2:5" in str(error.value) and "law" in str(error.value)


def test_shipped_terms_load():
    terms = load_terms(ROOT)
    assert terms is not None and {g.id for g in terms.groups} >= {
        "absolute-terms",
        "off-platform",
        "review-rewards",
        "promises",
    }
