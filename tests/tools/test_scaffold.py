from pathlib import Path

import pytest

from generator.course import model
from generator.course.load import load_curriculum
from generator.tools.lint import lint_project

from .helpers import run


def test_new_unit_writes_files_that_validate(mini_project: Path):
    result = run(
        mini_project,
        "new unit",
        "returns",
        "--title",
        "退换货：“七天无理由”",
        "--category",
        "process",
    )
    assert result.exit_code == 0, result.output
    unit = mini_project / "curriculum/units/returns.yml"
    bank = mini_project / "quizzes/returns.yml"
    assert unit.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/unit.schema.json\n"
    )
    assert bank.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/quiz.schema.json\n"
    )
    curriculum = load_curriculum(mini_project, drafts=True)  # the whole course still validates
    assert curriculum.units["returns"].title == "退换货：“七天无理由”"
    assert curriculum.units["returns"].category == "process"
    assert [q.type for q in curriculum.banks["returns"].questions] == ["single"]
    rules = {(Path(f.file).name, f.rule) for f in lint_project(curriculum)}
    new = {(name, rule) for name, rule in rules if name == "returns.yml"}
    assert new == {("returns.yml", "placeholder")}  # in both new files, nothing else


def test_new_unit_refuses_to_overwrite(mini_project: Path):
    bank = mini_project / "quizzes/alpha.yml"
    before = bank.read_bytes()
    result = run(mini_project, "new unit", "alpha", "--title", "重复", "--category", "process")
    assert result.exit_code == 1
    assert "已经存在，这次什么都没有写入" in result.output
    assert bank.read_bytes() == before
    assert (
        not (mini_project / "curriculum/units/alpha.yml")
        .read_text(encoding="utf-8")
        .startswith("# yaml")
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Bad_Id", "--title", "x", "--category", "process"], "'Bad_Id' 不能当单元的 id"),
        (["ok", "--title", "  ", "--category", "process"], "标题不能是空的"),
        (["ok", "--title", "x", "--category", "nope"], "--category 只能写 qualities、"),
        (["ok", "--category", "process"], "缺少选项 --title"),
    ],
)
def test_new_unit_bad_input(mini_project: Path, args, message):
    result = run(mini_project, "new unit", *args)
    assert result.exit_code == 1
    assert message in result.output
    assert not (mini_project / "quizzes/ok.yml").exists()


@pytest.mark.parametrize("qtype", model.QUESTION_TYPES)
def test_new_question_appends_and_keeps_the_file(mini_project: Path, qtype: str):
    bank = mini_project / "quizzes/beta.yml"
    bank.write_bytes(bank.read_bytes() + "# 培训师自己的注释，要保留\n".encode())
    before = bank.read_bytes()
    result = run(mini_project, "new question", "beta", "--type", qtype)
    assert result.exit_code == 0, result.output
    after = bank.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    questions = load_curriculum(mini_project, drafts=True).banks["beta"].questions
    assert len(questions) == 4
    assert (questions[-1].id, questions[-1].type, questions[-1].objective) == (
        f"todo-{qtype}-1",
        qtype,
        "steps",
    )
    again = run(mini_project, "new question", "beta", "--type", qtype)
    assert again.exit_code == 0
    assert (
        load_curriculum(mini_project, drafts=True).banks["beta"].questions[-1].id
        == f"todo-{qtype}-2"
    )


def test_new_question_follows_the_trainers_indentation(mini_project: Path):
    bank = mini_project / "quizzes/alpha.yml"
    lines = bank.read_text(encoding="utf-8").splitlines()
    flat = "\n".join(
        line[2:] if line.startswith("  ") else line for line in lines
    )  # no final newline
    bank.write_text(flat, encoding="utf-8")
    assert load_curriculum(mini_project, drafts=True).banks["alpha"].questions[0].id == "pick-one"
    result = run(mini_project, "new question", "alpha", "--type", "fill", "--objective", "obj-two")
    assert result.exit_code == 0, result.output
    assert bank.read_text(encoding="utf-8").startswith(flat)
    new = load_curriculum(mini_project, drafts=True).banks["alpha"].questions[-1]
    assert (new.type, new.objective) == ("fill", "obj-two")


def test_new_question_refuses_when_questions_is_not_last(mini_project: Path):
    bank = mini_project / "quizzes/beta.yml"
    text = bank.read_text(encoding="utf-8").replace("pass_ratio: 1.0\n", "")
    bank.write_text(text + "pass_ratio: 1.0\n", encoding="utf-8")
    before = bank.read_bytes()
    result = run(mini_project, "new question", "beta", "--type", "single")
    assert result.exit_code == 1
    assert "没法安全地加到" in result.output
    assert bank.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope", "--type", "single"], "没有题库 quizzes/nope.yml"),
        (["beta", "--type", "essay"], "--type 只能写 "),
        (
            ["beta", "--type", "single", "--objective", "nope"],
            "“nope”不是单元“beta”的学习目标",
        ),
    ],
)
def test_new_question_bad_input(mini_project: Path, args, message):
    before = (mini_project / "quizzes/beta.yml").read_bytes()
    result = run(mini_project, "new question", *args)
    assert result.exit_code == 1
    assert message in result.output
    assert (mini_project / "quizzes/beta.yml").read_bytes() == before


def test_new_question_on_a_broken_bank_reports_its_problems(mini_project: Path):
    bank = mini_project / "quizzes/beta.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("answer: a\n", "answer: [a\n"), encoding="utf-8"
    )
    result = run(mini_project, "new question", "beta", "--type", "single")
    assert result.exit_code == 1
    assert "quizzes/beta.yml:" in result.output and "这次什么都没有写入" in result.output


def test_new_question_keeps_windows_line_endings_and_bom(mini_project: Path):
    bank = mini_project / "quizzes/alpha.yml"
    before = b"\xef\xbb\xbf" + bank.read_bytes().replace(b"\n", b"\r\n")
    bank.write_bytes(before)
    assert run(mini_project, "new question", "alpha", "--type", "truefalse").exit_code == 0
    after = bank.read_bytes()
    assert after.startswith(before)
    assert b"\n" not in after[len(before) :].replace(b"\r\n", b"")
    assert (
        load_curriculum(mini_project, drafts=True).banks["alpha"].questions[-1].type == "truefalse"
    )


def test_new_question_without_unit_file(mini_project: Path):
    (mini_project / "curriculum/units/beta.yml").unlink()
    result = run(mini_project, "new question", "beta", "--type", "single")
    assert result.exit_code == 1
    assert "这个题库没有对应的单元文件" in result.output
