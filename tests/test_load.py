"""Every kind of bad input a trainer can write gets one clear problem, pinned to file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.course.load import load_curriculum
from generator.course.problems import ProblemsFound


def problems_of(project: Path) -> list[str]:
    with pytest.raises(ProblemsFound) as caught:
        load_curriculum(project)
    return [str(p) for p in caught.value.problems]


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


ALPHA_UNIT = "curriculum/units/alpha.yml"
ALPHA_BANK = "quizzes/alpha.yml"
BETA_BANK = "quizzes/beta.yml"
COURSE = "curriculum/course.yml"

# (case, file, old text, new text, the whole problem reported)
CASES = [
    (
        "yaml syntax",
        ALPHA_UNIT,
        "title: 单元甲",
        "title: [单元甲",
        f"{ALPHA_UNIT}:3:9: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'. Check the indentation and that text with ': ' or starting with a special character ([ {{ * & ! | > ' \" % @ `) is in quotes",
    ),
    (
        "tab indentation",
        ALPHA_UNIT,
        "  - id: obj-one",
        "\t- id: obj-one",
        f"{ALPHA_UNIT}:8:1: a tab is used for indentation; YAML needs spaces (set your editor to insert spaces)",
    ),
    (
        "list instead of mapping",
        ALPHA_UNIT,
        "sections:\n  - title: 第一节\n    body: |\n      正文，**加粗**。",
        "sections:\n  - - 第一节",
        f"{ALPHA_UNIT}:13:5: sections[0]: expected a mapping (lines of `field: value`), not a list (lines starting with '- ')",
    ),
    (
        "unknown field",
        ALPHA_BANK,
        "    answer: b\n",
        "    anwser: b\n",
        f"{ALPHA_BANK}:11:5: questions[0].anwser: unknown field 'anwser'; did you mean 'answer'? fix the spelling or remove it",
    ),
    (
        "missing field",
        ALPHA_UNIT,
        "summary: 第一个测试单元。\n",
        "",
        f"{ALPHA_UNIT}:1:1: summary: required field 'summary' is missing; add it",
    ),
    (
        "wrong type",
        ALPHA_UNIT,
        "duration_minutes: 10",
        "duration_minutes: 十分钟",
        f"{ALPHA_UNIT}:6:19: duration_minutes: expected a whole number, not '十分钟'",
    ),
    (
        "bad category",
        ALPHA_UNIT,
        "category: process",
        "category: proces",
        f"{ALPHA_UNIT}:3:11: category: 'proces' is not allowed here; use one of 'qualities', 'knowledge', 'process', 'motivation' or 'faq'",
    ),
    (
        "duplicate key",
        ALPHA_UNIT,
        "duration_minutes: 10",
        "duration_minutes: 10\nduration_minutes: 5",
        f"{ALPHA_UNIT}:7:1: duration_minutes: duplicate key 'duration_minutes' (first written on line 6); YAML would silently keep only the last one: remove or rename one of them",
    ),
    (
        "duplicate question id",
        ALPHA_BANK,
        "  - id: pick-many",
        "  - id: pick-one",
        f"{ALPHA_BANK}:13:9: questions[1].id: duplicate question id 'pick-one' (first used on line 3)",
    ),
    (
        "unit id not the file name",
        ALPHA_UNIT,
        "id: alpha",
        "id: alfa",
        f"{ALPHA_UNIT}:1:5: id: the id 'alfa' must equal the file name 'alpha': rename the file or change the id",
    ),
    (
        "answer not an option",
        ALPHA_BANK,
        "    answer: b\n",
        "    answer: e\n",
        f"{ALPHA_BANK}:11:13: questions[0].answer: 'e' is not one of the options a, b, c",
    ),
    (
        "multiple all correct",
        ALPHA_BANK,
        "answer: [a, c]",
        "answer: [a, b, c, d]",
        f"{ALPHA_BANK}:22:13: questions[1].answer: every option is marked correct; a multiple-choice question needs at least one wrong option",
    ),
    (
        "order missing an item",
        BETA_BANK,
        "answer: [a, b, c, d]",
        "answer: [a, b, c]",
        f"{BETA_BANK}:13:13: questions[0].answer: the order is missing d; list every option once, first step first",
    ),
    (
        "unknown objective",
        ALPHA_BANK,
        "objective: obj-two\n    stem: 这句话",
        "objective: obj-three\n    stem: 这句话",
        f"{ALPHA_BANK}:26:16: questions[2].objective: 'obj-three' is not an objective of unit 'alpha' (its objectives: obj-one, obj-two)",
    ),
    (
        "objective never assessed",
        ALPHA_UNIT,
        "  - id: obj-two\n    text: 目标二",
        "  - id: obj-two\n    text: 目标二\n  - id: obj-three\n    text: 目标三",
        f"{ALPHA_UNIT}:12:9: objectives[2].id: objective 'obj-three' is not assessed by any question in quizzes/alpha.yml: add a question with `objective: obj-three`",
    ),
    (
        "unknown unit in a track",
        COURSE,
        "units: [alpha, beta]",
        "units: [alpha, beta, gamma]",
        f"{COURSE}:9:26: tracks[0].units[2]: there is no unit 'gamma': no file curriculum/units/gamma.yml",
    ),
    (
        "unit twice in a track",
        COURSE,
        "units: [alpha, beta]",
        "units: [alpha, beta, alpha]",
        f"{COURSE}:9:26: tracks[0].units[2]: 'alpha' is already in this track",
    ),
    (
        "duplicate track id",
        COURSE,
        "    units: [alpha, beta]",
        "    units: [alpha, beta]\n  - id: basics\n    title: 再来\n    audience: trainer\n    units: [beta]",
        f"{COURSE}:10:9: tracks[1].id: duplicate track id 'basics' (first used on line 6)",
    ),
    (
        "duplicate objective id",
        ALPHA_UNIT,
        "  - id: obj-two\n    text: 目标二",
        "  - id: obj-two\n    text: 目标二\n  - id: obj-one\n    text: 目标三",
        f"{ALPHA_UNIT}:12:9: objectives[2].id: duplicate objective id 'obj-one' (first used on line 8)",
    ),
    (
        "bank named for another unit",
        ALPHA_BANK,
        "unit: alpha",
        "unit: beta",
        f"{ALPHA_BANK}:1:7: unit: this bank is quizzes/alpha.yml, so `unit` must be 'alpha': rename the file or fix `unit`",
    ),
    (
        "order with a step twice and two missing",
        BETA_BANK,
        "answer: [a, b, c, d]",
        "answer: [a, b, a]",
        f"{BETA_BANK}:13:13: questions[0].answer: 'a' is listed 2 times; list each option once",
    ),
    (
        "order missing two steps",
        BETA_BANK,
        "answer: [a, b, c, d]",
        "answer: [a, b, a]",
        f"{BETA_BANK}:13:13: questions[0].answer: the order is missing c, d; list every option once, first step first",
    ),
    (
        "two options with the same text",
        ALPHA_BANK,
        "a: 错的甲",
        "a: 对的",
        f"{ALPHA_BANK}:8:7: questions[0].options: option text '对的' appears twice; each must be different",
    ),
    (
        "an accepted answer twice",
        ALPHA_BANK,
        'answer: ["60", 六十]',
        'answer: ["60", 六十, "６０"]',
        f"{ALPHA_BANK}:34:13: questions[3].answer: accepted answer '６０' appears twice; each must be different",
    ),
    (
        "multiple choice with a key that is no option",
        ALPHA_BANK,
        "answer: [a, c]",
        "answer: [a, e]",
        f"{ALPHA_BANK}:22:13: questions[1].answer: 'e' is not one of the options a, b, c, d",
    ),
    (
        "HTML in an option",
        ALPHA_BANK,
        "a: 错的甲",
        "a: <b>错的甲</b>",
        f"{ALPHA_BANK}:8:10: questions[0].options.a.text: raw HTML '<b>' is not allowed; write Markdown instead (**bold**, lists, [link](https://…)), or put code in `backticks`",
    ),
    (
        "truefalse answered with text",
        ALPHA_BANK,
        "answer: false",
        "answer: 错",
        f"{ALPHA_BANK}:28:13: questions[2].answer: write true or false without quotes, not '错'",
    ),
    (
        "truefalse answered with a quoted word",
        ALPHA_BANK,
        "answer: false",
        "answer: 'false'",
        f"{ALPHA_BANK}:28:13: questions[2].answer: write true or false without quotes, not 'false'",
    ),
    (
        "fill without an accepted answer",
        ALPHA_BANK,
        'answer: ["60", 六十]',
        "answer: []",
        f"{ALPHA_BANK}:34:13: questions[3].answer: needs at least 1 item(s), but has 0",
    ),
    (
        "fill without a blank",
        ALPHA_BANK,
        "每分钟 ____ 字",
        "每分钟多少字",
        f"{ALPHA_BANK}:33:11: questions[3].stem: mark the blank in the stem with ____ (four underscores)",
    ),
    (
        "unknown question type",
        BETA_BANK,
        "type: typing",
        "type: typin",
        f"{BETA_BANK}:28:5: questions[2]: 'typin' is not a question type; use one of single, multiple, truefalse, fill, order, scenario, typing",
    ),
    (
        "bad id",
        ALPHA_UNIT,
        "  - id: obj-one",
        "  - id: Obj One",
        f"{ALPHA_UNIT}:8:9: objectives[0].id: 'Obj One' is not a valid id: use lower-case letters, digits and dashes, e.g. 'after-sales'",
    ),
    (
        "yes/no word read as true",
        ALPHA_BANK,
        "a: 错的甲",
        "a: yes",
        f"{ALPHA_BANK}:8:10: questions[0].options.a.text: expected text, but YAML read a yes/no word (yes, no, on, off, true, false) as true: put the text in quotes",
    ),
    (
        "empty text",
        ALPHA_UNIT,
        "title: 单元甲",
        "title: ''",
        f"{ALPHA_UNIT}:2:8: title: must not be empty; write the text after the colon",
    ),
    (
        "raw HTML in Markdown",
        ALPHA_UNIT,
        "正文，**加粗**。",
        "正文<script>alert(1)</script>",
        f"{ALPHA_UNIT}:14:11: sections[0].body: raw HTML '<script>' is not allowed; write Markdown instead (**bold**, lists, [link](https://…)), or put code in `backticks`",
    ),
    (
        "javascript link",
        ALPHA_BANK,
        "explanation: 因为 B 是对的。",
        "explanation: '[点我](javascript:alert(1))'",
        f"{ALPHA_BANK}:12:18: questions[0].explanation: link 'javascript:alert(1)' uses 'javascript:'; only http(s), mailto and tel links are allowed",
    ),
    (
        "remote image",
        ALPHA_UNIT,
        "正文，**加粗**。",
        "![图](https://example.com/a.png)",
        f"{ALPHA_UNIT}:14:11: sections[0].body: image 'https://example.com/a.png' is on another site; the course must work offline and from mainland China: save the image under docs/ and link it by a relative path",
    ),
    (
        "python tag",
        ALPHA_UNIT,
        "title: 单元甲",
        "title: !!python/object/apply:os.system [echo hacked]",
        f"{ALPHA_UNIT}:2:8: title: the tag '!!python/object/apply:os.system' is not allowed; course files hold plain text, numbers, lists and mappings only: remove '!!python/object/apply:os.system' (and put the value in quotes if it is text)",
    ),
    (
        "scenario turn misspelt",
        BETA_BANK,
        "  - customer: 怎么还没发货？",
        "  - custmer: 怎么还没发货？",
        f"{BETA_BANK}:20:9: questions[1].dialogue[0]: each turn is one line, `customer: …` or `agent: …` (found: custmer)",
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "problem"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_reported(mini_project, file, old, new, problem):
    """The whole message: trainers act on every word of it."""
    edit(mini_project, file, old, new)
    problems = problems_of(mini_project)
    assert problem in problems, "\n".join(problems)


def test_empty_file(mini_project):
    (mini_project / ALPHA_UNIT).write_text("", encoding="utf-8")
    assert problems_of(mini_project) == [
        f"{ALPHA_UNIT}:1:1: the file is empty; see the trainer guide for what it holds"
    ]


def test_file_that_is_a_list(mini_project):
    (mini_project / ALPHA_UNIT).write_text("- id: alpha\n", encoding="utf-8")
    problems = problems_of(mini_project)
    assert problems[0].startswith(f"{ALPHA_UNIT}:1:1: expected a mapping"), problems


def test_gbk_file_is_asked_to_be_saved_as_utf8(mini_project):
    path = mini_project / ALPHA_UNIT
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    (problem,) = [p for p in problems_of(mini_project) if p.startswith(ALPHA_UNIT)]
    assert "not UTF-8" in problem and "GBK" in problem and "save it as UTF-8" in problem
    assert problem.startswith(f"{ALPHA_UNIT}:2:")  # the first Chinese character is on line 2


def test_bom_and_crlf_are_fine(mini_project):
    path = mini_project / ALPHA_UNIT
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_curriculum(mini_project).units["alpha"].title == "单元甲"


def test_unit_without_bank(mini_project):
    (mini_project / BETA_BANK).unlink()
    assert (
        f"{'curriculum/units/beta.yml'}:1:5: id: the unit has no question bank: create quizzes/beta.yml with "
        "`unit: beta`" in problems_of(mini_project)
    )


def test_bank_for_unknown_unit(mini_project):
    (mini_project / "quizzes/gamma.yml").write_text(
        (mini_project / BETA_BANK).read_text(encoding="utf-8").replace("unit: beta", "unit: gamma"),
        encoding="utf-8",
    )
    assert any(
        p.startswith("quizzes/gamma.yml:1:7: unit: there is no unit 'gamma'")
        for p in problems_of(mini_project)
    )


def test_duplicate_unit_id(mini_project):
    (mini_project / "curriculum/units/alpha2.yml").write_text(
        (mini_project / ALPHA_UNIT).read_text(encoding="utf-8"), encoding="utf-8"
    )
    problems = problems_of(mini_project)
    assert any(
        p.startswith(
            "curriculum/units/alpha2.yml:1:5: id: the id 'alpha' must equal the file name 'alpha2'"
        )
        for p in problems
    ), problems


def test_all_problems_reported_together_in_file_order(mini_project):
    edit(mini_project, ALPHA_UNIT, "category: process", "category: proces")
    edit(mini_project, BETA_BANK, "answer: a\n", "answer: e\n")
    edit(mini_project, COURSE, "units: [alpha, beta]", "units: [alpha, beta, gamma]")
    problems = problems_of(mini_project)
    files = [p.split(":")[0] for p in problems]
    assert files == sorted(files) and {COURSE, ALPHA_UNIT, BETA_BANK} <= set(files), problems


def test_one_broken_question_does_not_hide_the_others(mini_project):
    edit(mini_project, BETA_BANK, "type: typing", "type: typin")
    edit(mini_project, BETA_BANK, "answer: a\n", "answer: e\n")
    problems = problems_of(mini_project)
    assert any("'typin' is not a question type" in p for p in problems)
    assert any("'e' is not one of the options a, b" in p for p in problems)


def test_option_keys_may_be_numbers(mini_project):
    edit(
        mini_project, ALPHA_BANK, "      a: 错的甲\n      b: 对的", "      1: 错的甲\n      2: 对的"
    )
    edit(mini_project, ALPHA_BANK, "    answer: b\n", "    answer: 2\n")
    edit(mini_project, ALPHA_BANK, "      c: {text: 错的乙", "      3: {text: 错的乙")
    assert load_curriculum(mini_project).banks["alpha"].questions[0].answer == "2"


def test_valid_fixture_loads(mini_project):
    curriculum = load_curriculum(mini_project)
    assert list(curriculum.units) == ["alpha", "beta"]
    assert {q.type for bank in curriculum.banks.values() for q in bank.questions} == {
        "single",
        "multiple",
        "truefalse",
        "fill",
        "order",
        "scenario",
        "typing",
    }


def test_a_duplicate_id_names_the_line_of_the_first_id_itself(mini_project):
    edit(
        mini_project,
        ALPHA_UNIT,
        "  - id: obj-one\n    text: 目标一",
        "  - text: 目标一\n    id: obj-one",
    )
    edit(mini_project, ALPHA_UNIT, "  - id: obj-two", "  - id: obj-one")
    assert (
        f"{ALPHA_UNIT}:10:9: objectives[1].id: duplicate objective id 'obj-one' (first used on line 9)"
        in problems_of(mini_project)
    )
