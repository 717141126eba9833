"""Every command says what happened and what to do next in Chinese, English on request, and
its --help is Chinese too (issue 11, item 1)."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from cli_runner import invoke

from generator.cli import main
from generator.messages import catalogue


def run(project: Path, *args: str):
    command, *rest = args
    return invoke(*command.split(), "-p", str(project), *rest)


def test_new_unit_says_what_to_do_next(mini_project: Path):
    result = run(mini_project, "new unit", "returns", "--title", "退换货", "--category", "process")
    assert result.exit_code == 0
    assert f"已写入 {mini_project}/curriculum/units/returns.yml" in result.stdout
    assert "下一步：把所有 TODO 换成真正的内容" in result.stdout
    assert "然后运行 curriculum validate" in result.stdout


def test_new_unit_in_english(mini_project: Path):
    result = invoke("--lang", "en", "new", "unit", "-p", str(mini_project), "returns",
                    "--title", "退换货", "--category", "process")  # fmt: skip
    assert "next: replace every TODO" in result.stdout and "wrote " in result.stdout


def test_new_question_names_the_question_and_its_file(mini_project: Path):
    result = run(mini_project, "new question", "beta", "--type", "single")
    assert result.exit_code == 0
    assert "末尾加了一道题“todo-single-1”（single）：请把它的 TODO 换成真正的内容" in result.stdout


def test_schema_messages(tmp_path: Path):
    stale = run(tmp_path, "schema", "--check")
    assert stale.exit_code == 1 and "JSON Schema 已经过期" in stale.output
    assert "请运行 curriculum schema 重新生成" in stale.output
    assert run(tmp_path, "schema").stdout.startswith("已写入 ")
    assert run(tmp_path, "schema", "--check").stdout == "JSON Schema 都是最新的\n"


def test_render_counts_its_pages(mini_project: Path, tmp_path: Path):
    result = run(mini_project, "render", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert re.fullmatch(r"已写入 \S+/mkdocs\.yml 和 \d+ 个页面（在 \S+/docs 下）\n", result.stdout)


def test_a_missing_config_is_named_in_chinese(mini_project: Path):
    (mini_project / "mkdocs.yml").unlink()
    result = run(mini_project, "build")
    assert result.exit_code == 1
    assert "mkdocs.yml：找不到这个文件：请在项目文件夹里运行" in result.output
    assert "上一次生成的 site/ 保持原样，没有改动。" in result.output


def test_exam_tells_the_seed_in_english_on_request(mini_project: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KEFU_LANG", "en")
    result = run(mini_project, "exam", "--count", "2", "--seed", "7", "--out", str(tmp_path))
    assert "2 questions, paper number (seed) 7: `--seed 7` prints the same paper again" in (
        result.stdout
    )


def test_report_refusal_when_nothing_is_read(mini_project: Path, tmp_path: Path):
    result = run(mini_project, "report", str(tmp_path / "nothing.json"))
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "一个成绩文件也读不了：请给出学员下载的成绩文件，例如 results/*.json\n"
    )


# --- --help ---------------------------------------------------------------------------


def test_help_is_chinese_by_default():
    result = invoke("validate", "--help")
    assert result.exit_code == 0
    assert result.output.startswith("用法：curriculum validate [OPTIONS]\n")
    assert "检查所有单元和题库，不生成网站。" in result.output
    assert "选项:" in result.output
    assert "项目文件夹（里面有 curriculum/、quizzes/ 和" in result.output
    assert "[默认：.]" in result.output
    assert "显示这份帮助，然后退出。" in result.output
    assert not re.search(r"Usage|Options|Show this message|Check every unit", result.output)


def test_group_help_lists_the_commands_in_chinese():
    result = invoke("--help")
    assert "命令:" in result.output
    assert re.search(r"\n  validate +检查所有单元和题库，不生成网站\n", result.output)
    assert "[必填]" in invoke("new", "unit", "--help").output


@pytest.mark.parametrize("how", ["option", "environment"])
def test_help_in_english_on_request(monkeypatch, how):
    if how == "option":
        result = invoke("--lang", "en", "validate", "--help")
    else:
        monkeypatch.setenv("KEFU_LANG", "en")
        result = invoke("validate", "--help")
    assert result.output.startswith("Usage: curriculum validate [OPTIONS]\n")
    assert "Check every unit and question bank without building." in result.output
    assert "Options:" in result.output and "Show this message and exit." in result.output
    assert "[default: .]" in result.output
    assert not re.search("[\u4e00-\u9fff]", result.output)


def test_usage_errors_in_both_languages():
    chinese = invoke("exam", "--count", "many")
    assert chinese.exit_code == 1
    assert "运行 curriculum exam --help 查看帮助。" in chinese.output
    assert "出错了：--count / -n 要写一个整数" in chinese.output
    assert invoke("valdate").output.endswith(
        "出错了：没有 valdate 这个命令：请检查拼写（所有命令见 curriculum --help）\n"
    )
    english = invoke("--lang", "en", "exam", "--count", "many")
    assert "Error: Invalid value for '--count / -n': not a whole number." in english.output


def _commands(group: click.Group, path: str = ""):
    for name, command in group.commands.items():
        here = f"{path}.{name}".lstrip(".")
        yield here, command
        if isinstance(command, click.Group):
            yield from _commands(command, here)


def test_every_command_and_option_has_chinese_help():
    """And every help text in the catalogue belongs to a command or option that exists."""
    chinese = catalogue("zh")
    expected = {"help.main", "help.main.lang", "help.option.help", "help.option.project"}
    for path, command in _commands(main):
        expected.add(f"help.{path}")
        for param in command.params:
            if isinstance(param, click.Option) and param.name != "project":
                expected.add(f"help.{path}.{param.name}")
    assert {key for key in chinese if key.startswith("help.")} == expected
