"""The `curriculum` command as trainers use it: messages, exit codes, and site/ kept safe."""

from __future__ import annotations

import subprocess
import sys

import pytest
from cli_runner import invoke as run  # tests/cli_runner.py


def test_validate_ok(mini_project):
    result = run("validate", "-p", str(mini_project))
    assert result.exit_code == 0
    assert result.output.startswith("检查通过：2 个单元，7 道题")


@pytest.mark.parametrize("how", ["option", "environment"])
def test_messages_in_english_on_request(mini_project, monkeypatch, how):
    if how == "option":
        result = run("--lang", "en", "validate", "-p", str(mini_project))
    else:
        monkeypatch.setenv("KEFU_LANG", "en")
        result = run("validate", "-p", str(mini_project))
    assert result.output.startswith("OK: 2 units, 7 questions")


def test_validate_reports_problems_and_exits_1(mini_project):
    bank = mini_project / "quizzes/alpha.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("    answer: b\n", "    answer: e\n"),
        encoding="utf-8",
    )
    result = run("validate", "-p", str(mini_project))
    assert result.exit_code == 1
    assert (
        "quizzes/alpha.yml:11:13: 第 1 题（id: pick-one）的 answer：答案“e”不是这道题的选项"
        "（选项只有 a、b、c）：请把答案改成其中一个，或者补上这个选项" in result.output
    )
    assert "共发现 1 个问题，这次什么都没有生成。" in result.output


def test_validate_outside_a_project(tmp_path):
    result = run("validate", "-p", str(tmp_path))
    assert result.exit_code == 1
    assert "curriculum/course.yml:1:1: 找不到课程文件" in result.output


@pytest.mark.slow  # a full MkDocs build
def test_build_failure_leaves_the_last_good_site(mini_project):
    assert run("build", "-p", str(mini_project)).exit_code == 0
    site = mini_project / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    unit = mini_project / "curriculum/units/alpha.yml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("title: 单元甲", "title: [单元甲"),
        encoding="utf-8",
    )
    result = run("build", "-p", str(mini_project))
    assert result.exit_code == 1 and "括号没有配对" in result.output
    assert (site / "index.html").read_text(encoding="utf-8") == home
    assert not list(mini_project.glob(".site-build-*"))  # the lock file .site-build.lock stays


@pytest.mark.slow  # a full MkDocs build
def test_failing_mkdocs_build_leaves_the_last_good_site(mini_project):
    assert run("build", "-p", str(mini_project)).exit_code == 0
    before = sorted(p.relative_to(mini_project) for p in (mini_project / "site").rglob("*"))
    (mini_project / "docs" / "broken.md").write_text(
        "# 坏链接\n\n[x](missing.md)\n", encoding="utf-8"
    )
    result = run("build", "-p", str(mini_project))
    assert result.exit_code == 1 and "生成失败" in result.output
    assert "上一次生成的 site/ 保持原样" in result.output
    assert sorted(p.relative_to(mini_project) for p in (mini_project / "site").rglob("*")) == before


@pytest.mark.slow  # a full MkDocs build
def test_build_replaces_the_site(mini_project):
    site = mini_project / "site"
    site.mkdir()
    (site / "stale.html").write_text("old", encoding="utf-8")
    assert run("build", "-p", str(mini_project)).exit_code == 0
    assert (site / "units/alpha/index.html").is_file() and not (site / "stale.html").exists()


def test_render_writes_a_project_for_another_engine(mini_project, tmp_path):
    out = tmp_path / "pages"
    result = run("render", "-p", str(mini_project), str(out))
    assert result.exit_code == 0
    assert (out / "docs/units/alpha/index.md").read_text(encoding="utf-8").startswith("# 单元甲")
    assert (out / "docs/assets/kefu/quiz.js").is_file()
    assert "plugins:" in (out / "mkdocs.yml").read_text(encoding="utf-8")


def test_render_never_overwrites_a_project(mini_project):
    result = run("render", "-p", str(mini_project), str(mini_project))
    assert result.exit_code == 1
    assert "不是 curriculum render 写的" in result.output
    assert (mini_project / "mkdocs.yml").read_text(encoding="utf-8").startswith("site_name")


def test_schema_check(tmp_path):
    assert run("schema", "-p", str(tmp_path), "--check").exit_code == 1
    assert run("schema", "-p", str(tmp_path)).exit_code == 0
    assert run("schema", "-p", str(tmp_path), "--check").exit_code == 0


@pytest.mark.parametrize("command", ["validate", "build", "serve", "render", "schema"])
def test_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "示例：" in result.output


@pytest.mark.slow
def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "validate" in result.stdout
