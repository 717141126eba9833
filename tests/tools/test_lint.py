from pathlib import Path

import pytest

from generator.course import model
from generator.course.yaml_source import read_yaml
from generator.tools.lint import RULES, lint_bank

from .helpers import run

HEAD = "unit: alpha\nquestions:\n"


def question(qid: str, stem: str, options: dict[str, str], answer, qtype: str = "single") -> str:
    lines = [
        f"  - id: {qid}",
        f"    type: {qtype}",
        "    objective: obj-one",
        f"    stem: {stem}",
        "    options:",
    ]
    lines += [f"      {key}: {text}" for key, text in options.items()]
    lines += [f"    answer: {answer}", "    explanation: 解析。"]
    return "\n".join(lines) + "\n"


def lint_text(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = tmp_path / "bank.yml"
    path.write_text(HEAD + text, encoding="utf-8")
    data, source = read_yaml(path, "quizzes/alpha.yml")
    return [(f.line, f.rule) for f in lint_bank(model.QuizBank.model_validate(data), source)]


FINE = {"a": "先道歉再查物流", "b": "马上给顾客退款", "c": "请顾客耐心等待"}


@pytest.mark.parametrize(
    ("stem", "options", "answer", "rule", "line"),
    [  # line: the option's own line
        (
            "哪项对？",
            {"a": "马上道歉", "b": "先查订单", "c": "以上都对"},
            "c",
            "all-none-above",
            10,
        ),
        ("哪项对？", {"a": "马上道歉", "b": "先查订单", "c": "都不是"}, "a", "all-none-above", 10),
        (
            "哪项对？",
            {"a": "马上道歉", "b": "先查订单", "c": "以上说法都不正确"},
            "a",
            "all-none-above",
            10,
        ),
        ("下面哪项不是首响要求？", FINE, "a", "negative-stem", 6),
        ("下面哪种说法是错误的？", FINE, "a", "negative-stem", 6),
        (
            "哪项对？",
            {
                "a": "先核对订单号和收货地址再答复",
                "b": "先核对订单号和收货地址后答复",
                "c": "让顾客等",
            },
            "a",
            "near-duplicate-options",
            9,
        ),
        (
            "首响要求是？",
            {"a": "总是在十秒内回复", "b": "三十秒内回复", "c": "一分钟内回复"},
            "b",
            "absolute-clue",
            8,
        ),
        (
            "哪项对？",
            {"a": "道歉", "b": "先查清楚订单状态再给顾客一个明确的答复时间", "c": "退款"},
            "b",
            "longest-key",
            9,
        ),
        ("哪项对？", {"a": "道歉", "b": "退款"}, "a", "few-options", 8),
    ],
)
def test_each_rule_fires_at_its_line(tmp_path: Path, stem, options, answer, rule, line):
    assert (line, rule) in lint_text(tmp_path, question("q", stem, options, answer))


@pytest.mark.parametrize(
    ("stem", "options", "answer"),
    [
        ("下面哪项**不**需要向顾客要？", FINE, "a"),  # emphasised
        (
            "顾客没有回复，你应该怎么做？",
            FINE,
            "a",
        ),  # 没有 describes the situation, not the question
        ("顾客说：“不是我弄坏的。”哪种回复最合适？", FINE, "a"),  # quoted speech
        ("这款商品口碑不错，哪项介绍最好？", FINE, "a"),  # 不错 is no negative
        (
            "哪种回复最合适？",
            {"a": "亲，一定帮您查清楚", "b": "好的", "c": "请稍等"},
            "b",
        ),  # replies: overpromise is the lesson
        ("哪项对？", {"a": "道歉", "b": "退款", "c": "查单"}, "a"),
        (
            "哪项对？",
            {"a": "50 元", "b": "150 元", "c": "33.3%"},
            "a",
        ),  # short numbers are not near-duplicates
        (
            "哪项对？",
            {"a": "这些都不是问题", "b": "以上是店铺规定", "c": "先查单"},
            "a",
        ),  # not 都不是 / 以上都
    ],
)
def test_debatable_cases_stay_quiet(tmp_path: Path, stem, options, answer):
    assert lint_text(tmp_path, question("q", stem, options, answer)) == []


def test_key_position_imbalance(tmp_path: Path):
    bank = "".join(
        question(f"q{i}", "哪项对？", {"a": "道歉", "b": "退款", "c": "查单"}, "a")
        for i in range(4)
    )
    assert lint_text(tmp_path, bank) == [(2, "key-position")]
    spread = "".join(
        question(f"q{i}", "哪项对？", {"a": "道歉", "b": "退款", "c": "查单"}, key)
        for i, key in enumerate("abca")
    )
    assert lint_text(tmp_path, spread) == []


def test_skeleton_reports_only_its_placeholder(tmp_path: Path):
    findings = lint_text(
        tmp_path, question("todo-single-1", "TODO 题干", {"a": "TODO 一", "b": "TODO 二"}, "a")
    )
    assert findings == [(3, "placeholder")]


def test_every_rule_is_documented():
    guide = (Path(__file__).parents[2] / "docs/guide/tools.md").read_text(encoding="utf-8")
    assert [rule for rule in RULES if rule not in guide] == []


def add_bad_question(project: Path) -> None:
    bank = project / "quizzes/alpha.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8")
        + question("bad", "哪项不对？", {"a": "道歉", "b": "以上都对"}, "a"),
        encoding="utf-8",
    )


def without_order_hints(project: Path) -> None:
    """The mini project's order question is 第一步…第四步: a real order-hint, fixed here."""
    bank = project / "quizzes/beta.yml"
    text = bank.read_text(encoding="utf-8")
    steps = {"第一步": "问候", "第二步": "提问", "第三步": "解答", "第四步": "道别"}
    for old, new in steps.items():
        text = text.replace(f": {old}\n", f": {new}\n")
    bank.write_text(text, encoding="utf-8")


def test_cli_text_strict_and_github(mini_project: Path):
    hinted = run(mini_project, "lint")
    assert "quizzes/beta.yml:9:10: warning [order-hint]" in hinted.stdout
    without_order_hints(mini_project)
    clean = run(mini_project, "lint")
    assert (clean.exit_code, clean.stdout) == (0, "")
    assert "没有发现问题（检查了 2 个题库）" in clean.stderr
    add_bad_question(mini_project)
    result = run(mini_project, "lint")
    assert result.exit_code == 0
    assert f"{mini_project}/quizzes/alpha.yml:41:7: warning [few-options]" in result.stdout
    assert "[all-none-above]" in result.stdout and "[negative-stem]" in result.stdout
    assert "共 3 条发现，涉及 1 个文件" in result.stderr
    strict = run(mini_project, "lint", "--strict", "--format", "github")
    assert strict.exit_code == 1
    lines = strict.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(
        f"::error file={mini_project}/quizzes/alpha.yml,line=39,col=11,title=negative-stem::"
    )
    assert all(line.startswith("::error file=") for line in lines)
    english = run(mini_project, "--lang en lint")
    assert "only 2 options; write at least 3" in english.stdout
    assert "3 finding(s) in 1 file(s)" in english.stderr


def test_github_escapes_message_characters():
    from generator.tools.lint import Finding

    line = Finding("a,b.yml", 3, 1, "r", "50% done\nnext").github("warning")
    assert line == "::warning file=a%2Cb.yml,line=3,col=1,title=r::50%25 done%0Anext"


@pytest.mark.parametrize(
    ("explanation", "named"),
    [
        ("因为 b 是对的。", ["b"]),  # lower-case: the trainee sees B
        ("选项 D 不存在。", ["D"]),  # three options: A–C
        ("（e）不对。", ["e"]),
        ("a 和 c 都对。", ["a", "c"]),
    ],
)
def test_option_letter_names_a_letter_the_trainee_does_not_see(tmp_path: Path, explanation, named):
    text = question("q", "哪项对？", FINE, "a").replace("解析。", explanation)
    path = tmp_path / "bank.yml"
    path.write_text(HEAD + text, encoding="utf-8")
    data, source = read_yaml(path, "quizzes/alpha.yml")
    findings = lint_bank(model.QuizBank.model_validate(data), source)
    assert [(f.line, f.rule) for f in findings] == [(12, "option-letter")] * len(named)
    assert [f.message.split("“")[1].split("”")[0] for f in findings] == named
    assert all("页面上的选项" in f.message for f in findings)


@pytest.mark.parametrize(
    "explanation", ["因为 B 是对的。", "A 和 C 都对。", "S、M、L 三个尺码都有货。", "建议选 L 码。"]
)
def test_option_letter_quiet_on_shown_letters_and_sizes(tmp_path: Path, explanation):
    text = question("q", "哪项对？", FINE, "a").replace("解析。", explanation)
    assert lint_text(tmp_path, text) == []
