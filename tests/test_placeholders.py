"""A course that still holds the scaffold's TODO markers is not published: validate names each
one at its line, build refuses, lint (which reviews drafts) still runs."""

from __future__ import annotations

from click.testing import CliRunner

from generator.cli import main

MESSAGE = "这里还留着 curriculum new 生成的 TODO：请换成真正的内容（还有 TODO 时课程不会发布）"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_validate_and_build_name_every_placeholder_and_publish_nothing(mini_project):
    created = run(
        "new",
        "unit",
        "returns",
        "--title",
        "退换货",
        "--category",
        "process",
        "-p",
        str(mini_project),
    )
    assert created.exit_code == 0
    course = mini_project / "curriculum/course.yml"
    course.write_text(
        course.read_text(encoding="utf-8").replace("[alpha, beta]", "[alpha, beta, returns]"),
        encoding="utf-8",
    )
    validated = run("validate", "-p", str(mini_project))
    assert validated.exit_code == 1
    lines = [line for line in validated.output.splitlines() if MESSAGE in line]
    assert f"curriculum/units/returns.yml:8:10: summary：{MESSAGE}" in lines
    assert f"quizzes/returns.yml:12:11: 第 1 题（id: first-question）的 stem：{MESSAGE}" in lines
    assert len(lines) == 11  # every field the scaffold left, each at its own line
    built = run("build", "-p", str(mini_project))
    assert built.exit_code == 1 and not (mini_project / "site").exists()
    linted = run("lint", "-p", str(mini_project))
    assert linted.exit_code == 0 and "placeholder" in linted.output


def test_todo_inside_a_word_is_not_a_placeholder(mini_project):
    unit = mini_project / "curriculum/units/alpha.yml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace(
            "summary: 第一个测试单元。", "summary: 写 TODOS 和 mastodon 都可以。"
        ),
        encoding="utf-8",
    )
    assert run("validate", "-p", str(mini_project)).exit_code == 0
