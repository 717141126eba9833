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
        f"{ALPHA_UNIT}:3:9: 括号没有配对：以 [ 或 {{ 开头的内容要用 ] 或 }} 结束；如果这是一段文字，请给整段文字加上英文引号",
    ),
    (
        "tab indentation",
        ALPHA_UNIT,
        "  - id: obj-one",
        "\t- id: obj-one",
        f"{ALPHA_UNIT}:8:1: 这一行用 Tab 键缩进了，YAML 只能用空格缩进：请把 Tab 换成空格（并把编辑器设成“用空格缩进”）",
    ),
    (
        "list instead of mapping",
        ALPHA_UNIT,
        "sections:\n  - title: 第一节\n    body: |\n      正文，**加粗**。",
        "sections:\n  - - 第一节",
        f"{ALPHA_UNIT}:13:5: 第 1 节：这里要写一组字段（每行“字段: 值”），现在却是 一个列表（多行“- ”开头的内容）",
    ),
    (
        "unknown field",
        ALPHA_BANK,
        "    answer: b\n",
        "    anwser: b\n",
        f"{ALPHA_BANK}:11:5: 第 1 题（id: pick-one）的 anwser：没有“anwser”这个字段，是不是想写“answer”？请改正拼写，或者删掉这一行",
    ),
    (
        "unknown field like no field",  # no far-fetched guess ("text" for "extra")
        ALPHA_BANK,
        "    answer: b\n",
        "    answer: b\n    extra: 1\n",
        f"{ALPHA_BANK}:12:5: 第 1 题（id: pick-one）的 extra：没有“extra”这个字段：请检查拼写，或者删掉这一行",
    ),
    (
        "missing field",
        ALPHA_UNIT,
        "summary: 第一个测试单元。\n",
        "",
        f"{ALPHA_UNIT}:1:1: 缺少必填的 summary：请补上一行 summary: 和它的内容",
    ),
    (
        "wrong type",
        ALPHA_UNIT,
        "duration_minutes: 10",
        "duration_minutes: 十分钟",
        f"{ALPHA_UNIT}:6:19: duration_minutes：这里要写整数，现在却是 '十分钟'",
    ),
    (
        "bad category",
        ALPHA_UNIT,
        "category: process",
        "category: proces",
        f"{ALPHA_UNIT}:3:11: category：这里不能写 'proces'：请改成 qualities、knowledge、process、motivation、faq 中的一个",
    ),
    (
        "duplicate key",
        ALPHA_UNIT,
        "duration_minutes: 10",
        "duration_minutes: 10\nduration_minutes: 5",
        f"{ALPHA_UNIT}:7:1: duration_minutes：字段“duration_minutes”写了两次（第一次在第 6 行），YAML 只会悄悄保留最后一个：请删掉或改名其中一个",
    ),
    (
        "duplicate question id",
        ALPHA_BANK,
        "  - id: pick-many",
        "  - id: pick-one",
        f"{ALPHA_BANK}:13:9: 第 2 题（id: pick-one）的 id：id “pick-one”重复了（第 3 行已经用过）：每个 id 只能用一次，请换一个",
    ),
    (
        "unit id not the file name",
        ALPHA_UNIT,
        "id: alpha",
        "id: alfa",
        f"{ALPHA_UNIT}:1:5: id：id “alfa”必须和文件名“alpha”一样：请改文件名，或者改 id",
    ),
    (
        "answer not an option",
        ALPHA_BANK,
        "    answer: b\n",
        "    answer: e\n",
        f"{ALPHA_BANK}:11:13: 第 1 题（id: pick-one）的 answer：答案“e”不是这道题的选项（选项只有 a、b、c）：请把答案改成其中一个，或者补上这个选项",
    ),
    (
        "multiple all correct",
        ALPHA_BANK,
        "answer: [a, c]",
        "answer: [a, b, c, d]",
        f"{ALPHA_BANK}:22:13: 第 2 题（id: pick-many）的 answer：所有选项都标成了正确答案：多选题至少要留一个错误选项",
    ),
    (
        "order missing an item",
        BETA_BANK,
        "answer: [a, b, c, d]",
        "answer: [a, b, c]",
        f"{BETA_BANK}:13:13: 第 1 题（id: sequence）的 answer：排序答案漏了 d：请把每个选项都按顺序写一次，第一步写在最前面",
    ),
    (
        "unknown objective",
        ALPHA_BANK,
        "objective: obj-two\n    stem: 这句话",
        "objective: obj-three\n    stem: 这句话",
        f"{ALPHA_BANK}:26:16: 第 3 题（id: yes-no）的 objective：“obj-three”不是单元“alpha”的学习目标：请改成其中一个（obj-one、obj-two）",
    ),
    (
        "objective never assessed",
        ALPHA_UNIT,
        "  - id: obj-two\n    text: 目标二",
        "  - id: obj-two\n    text: 目标二\n  - id: obj-three\n    text: 目标三",
        f"{ALPHA_UNIT}:12:9: 第 3 个学习目标（id: obj-three）的 id：学习目标“obj-three”还没有题目考查：请在 quizzes/alpha.yml 里加一道写着 objective: obj-three 的题",
    ),
    (
        "unknown unit in a track",
        COURSE,
        "units: [alpha, beta]",
        "units: [alpha, beta, gamma]",
        f"{COURSE}:9:26: 第 1 条学习路线（id: basics）的第 3 个单元：没有“gamma”这个单元（找不到文件 curriculum/units/gamma.yml）：请检查拼写",
    ),
    (
        "unit twice in a track",
        COURSE,
        "units: [alpha, beta]",
        "units: [alpha, beta, alpha]",
        f"{COURSE}:9:26: 第 1 条学习路线（id: basics）的第 3 个单元：“alpha”在这条学习路线里已经有了：请删掉重复的这一项",
    ),
    (
        "duplicate track id",
        COURSE,
        "    units: [alpha, beta]",
        "    units: [alpha, beta]\n  - id: basics\n    title: 再来\n    audience: trainer\n    units: [beta]",
        f"{COURSE}:10:9: 第 2 条学习路线（id: basics）的 id：id “basics”重复了（第 6 行已经用过）：每个 id 只能用一次，请换一个",
    ),
    (
        "duplicate objective id",
        ALPHA_UNIT,
        "  - id: obj-two\n    text: 目标二",
        "  - id: obj-two\n    text: 目标二\n  - id: obj-one\n    text: 目标三",
        f"{ALPHA_UNIT}:12:9: 第 3 个学习目标（id: obj-one）的 id：id “obj-one”重复了（第 8 行已经用过）：每个 id 只能用一次，请换一个",
    ),
    (
        "bank named for another unit",
        ALPHA_BANK,
        "unit: alpha",
        "unit: beta",
        f"{ALPHA_BANK}:1:7: unit：这个题库的文件是 quizzes/alpha.yml，所以 unit 必须写 alpha：请改文件名，或者改 unit",
    ),
    (
        "order with a step twice and two missing",
        BETA_BANK,
        "answer: [a, b, c, d]",
        "answer: [a, b, a]",
        f"{BETA_BANK}:13:13: 第 1 题（id: sequence）的 answer：“a”写了 2 次：每个选项只写一次",
    ),
    (
        "order missing two steps",
        BETA_BANK,
        "answer: [a, b, c, d]",
        "answer: [a, b, a]",
        f"{BETA_BANK}:13:13: 第 1 题（id: sequence）的 answer：排序答案漏了 c、d：请把每个选项都按顺序写一次，第一步写在最前面",
    ),
    (
        "two options with the same text",
        ALPHA_BANK,
        "a: 错的甲",
        "a: 对的",
        f"{ALPHA_BANK}:8:7: 第 1 题（id: pick-one）的 options：'对的' 出现了两次：每一项都要不一样",
    ),
    (
        "an accepted answer twice",
        ALPHA_BANK,
        'answer: ["60", 六十]',
        'answer: ["60", 六十, "６０"]',
        f"{ALPHA_BANK}:34:13: 第 4 题（id: blank）的 answer：'６０' 出现了两次：每一项都要不一样",
    ),
    (
        "multiple choice with a key that is no option",
        ALPHA_BANK,
        "answer: [a, c]",
        "answer: [a, e]",
        f"{ALPHA_BANK}:22:13: 第 2 题（id: pick-many）的 answer：答案“e”不是这道题的选项（选项只有 a、b、c、d）：请把答案改成其中一个，或者补上这个选项",
    ),
    (
        "HTML in an option",
        ALPHA_BANK,
        "a: 错的甲",
        "a: <b>错的甲</b>",
        f"{ALPHA_BANK}:8:10: 第 1 题（id: pick-one）的第 1 个选项（a）的 text：不能直接写 HTML '<b>'：请改用 Markdown 写法（**加粗**、列表、[链接](https://…)），代码请放在 `反引号` 里",
    ),
    (
        "truefalse answered with text",
        ALPHA_BANK,
        "answer: false",
        "answer: 错",
        f"{ALPHA_BANK}:28:13: 第 3 题（id: yes-no）的 answer：这里只能写 true 或 false（不加引号），现在却是 '错'",
    ),
    (
        "truefalse answered with a quoted word",
        ALPHA_BANK,
        "answer: false",
        "answer: 'false'",
        f"{ALPHA_BANK}:28:13: 第 3 题（id: yes-no）的 answer：这里只能写 true 或 false（不加引号），现在却是 'false'",
    ),
    (
        "fill without an accepted answer",
        ALPHA_BANK,
        'answer: ["60", 六十]',
        "answer: []",
        f"{ALPHA_BANK}:34:13: 第 4 题（id: blank）的 answer：至少要有 1 项，现在只有 0 项：请补上",
    ),
    (
        "fill without a blank",
        ALPHA_BANK,
        "每分钟 ____ 字",
        "每分钟多少字",
        f"{ALPHA_BANK}:33:11: 第 4 题（id: blank）的 stem：题干里没有标出要填的空：请用 ____（四个下划线）标出来",
    ),
    (
        "unknown question type",
        BETA_BANK,
        "type: typing",
        "type: typin",
        f"{BETA_BANK}:28:5: 第 3 题（id: drill）：没有“typin”这种题型：type 请写 single, multiple, truefalse, fill, order, scenario, typing 中的一个",
    ),
    (
        "bad id",
        ALPHA_UNIT,
        "  - id: obj-one",
        "  - id: Obj One",
        f"{ALPHA_UNIT}:8:9: 第 1 个学习目标（id: Obj One）的 id：'Obj One' 不能当 id：只能用小写英文字母、数字和短横线，例如 after-sales",
    ),
    (
        "yes/no word read as true",
        ALPHA_BANK,
        "a: 错的甲",
        "a: yes",
        f"{ALPHA_BANK}:8:10: 第 1 题（id: pick-one）的第 1 个选项（a）的 text：这里要写文字，但 yes、no、on、off、true、false 这类词会被当成是非值（读成了 true）：请给这段文字加上英文引号",
    ),
    (
        "empty text",
        ALPHA_UNIT,
        "title: 单元甲",
        "title: ''",
        f"{ALPHA_UNIT}:2:8: title：不能是空的：请在冒号后面写上内容",
    ),
    (
        "raw HTML in Markdown",
        ALPHA_UNIT,
        "正文，**加粗**。",
        "正文<script>alert(1)</script>",
        f"{ALPHA_UNIT}:14:11: 第 1 节的 body：不能直接写 HTML '<script>'：请改用 Markdown 写法（**加粗**、列表、[链接](https://…)），代码请放在 `反引号` 里",
    ),
    (
        "javascript link",
        ALPHA_BANK,
        "explanation: 因为 B 是对的。",
        "explanation: '[点我](javascript:alert(1))'",
        f"{ALPHA_BANK}:12:18: 第 1 题（id: pick-one）的 explanation：链接 'javascript:alert(1)' 用的是“javascript:”：只能用 http(s)、mailto 和 tel 链接",
    ),
    (
        "remote image",
        ALPHA_UNIT,
        "正文，**加粗**。",
        "![图](https://example.com/a.png)",
        f"{ALPHA_UNIT}:14:11: 第 1 节的 body：图片 'https://example.com/a.png' 放在别的网站上：课程要能离线看、在国内打开快，请把图片存到 docs/ 下，用相对路径引用",
    ),
    (
        "python tag",
        ALPHA_UNIT,
        "title: 单元甲",
        "title: !!python/object/apply:os.system [echo hacked]",
        f"{ALPHA_UNIT}:2:8: title：不能使用标记“!!python/object/apply:os.system”（课程文件只写文字、数字、列表和字段）：请删掉“!!python/object/apply:os.system”（如果是文字，再加上英文引号）",
    ),
    (
        "scenario turn misspelt",
        BETA_BANK,
        "  - customer: 怎么还没发货？",
        "  - custmer: 怎么还没发货？",
        f"{BETA_BANK}:20:9: 第 2 题（id: role-play）的第 1 句对话：对话每句占一行，写成 customer: … 或 agent: …（现在写的是：custmer）",
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
    assert problems_of(mini_project) == [f"{ALPHA_UNIT}:1:1: 文件是空的：该写什么请看培训师指南"]


def test_file_that_is_a_list(mini_project):
    (mini_project / ALPHA_UNIT).write_text("- id: alpha\n", encoding="utf-8")
    problems = problems_of(mini_project)
    assert problems[0].startswith(f"{ALPHA_UNIT}:1:1: 这里要写一组字段"), problems


def test_gbk_file_is_asked_to_be_saved_as_utf8(mini_project):
    path = mini_project / ALPHA_UNIT
    path.write_bytes(path.read_text(encoding="utf-8").encode("gbk"))
    (problem,) = [p for p in problems_of(mini_project) if p.startswith(ALPHA_UNIT)]
    assert "不是 UTF-8 编码" in problem and "GBK" in problem and "另存为 UTF-8" in problem
    assert problem.startswith(f"{ALPHA_UNIT}:2:")  # the first Chinese character is on line 2


def test_bom_and_crlf_are_fine(mini_project):
    path = mini_project / ALPHA_UNIT
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_curriculum(mini_project).units["alpha"].title == "单元甲"


def test_unit_without_bank(mini_project):
    (mini_project / BETA_BANK).unlink()
    assert (
        "curriculum/units/beta.yml:1:5: id：这个单元还没有题库：请新建 quizzes/beta.yml，"
        "里面写上 unit: beta" in problems_of(mini_project)
    )


def test_bank_for_unknown_unit(mini_project):
    (mini_project / "quizzes/gamma.yml").write_text(
        (mini_project / BETA_BANK).read_text(encoding="utf-8").replace("unit: beta", "unit: gamma"),
        encoding="utf-8",
    )
    assert any(
        p.startswith("quizzes/gamma.yml:1:7: unit：没有“gamma”这个单元")
        for p in problems_of(mini_project)
    )


def test_duplicate_unit_id(mini_project):
    (mini_project / "curriculum/units/alpha2.yml").write_text(
        (mini_project / ALPHA_UNIT).read_text(encoding="utf-8"), encoding="utf-8"
    )
    problems = problems_of(mini_project)
    assert any(
        p.startswith("curriculum/units/alpha2.yml:1:5: id：id “alpha”必须和文件名“alpha2”一样")
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
    assert any("没有“typin”这种题型" in p for p in problems)
    assert any("答案“e”不是这道题的选项（选项只有 a、b" in p for p in problems)


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
        f"{ALPHA_UNIT}:10:9: 第 2 个学习目标（id: obj-one）的 id：id “obj-one”重复了（第 9 行已经用过）：每个 id 只能用一次，请换一个"
        in problems_of(mini_project)
    )
