"""What the preview keeps between saves: the files it read and the unit pages it rendered.
Each reuse must give what a fresh load and render give."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.course.load import LoadCache, load_curriculum
from generator.course.problems import ProblemsFound
from generator.site.render import render_site


def edit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_only_changed_files_are_read_again(mini_project):
    cache: LoadCache = {}
    first = load_curriculum(mini_project, cache=cache)
    edit(mini_project, "curriculum/units/alpha.yml", "summary: 第一个测试单元。", "summary: 改过。")
    second = load_curriculum(mini_project, cache=cache)
    assert second.units["alpha"].summary == "改过。"
    assert second.units["beta"] is first.units["beta"]  # the same object: not read again
    assert second.banks["alpha"] is first.banks["alpha"]
    assert second == load_curriculum(mini_project)


def test_checks_across_files_still_run_on_files_read_before(mini_project):
    cache: LoadCache = {}
    load_curriculum(mini_project, cache=cache)
    # Only the unit changes; its bank, unchanged and cached, now names a missing objective.
    edit(mini_project, "curriculum/units/alpha.yml", "id: obj-two", "id: obj-three")
    with pytest.raises(ProblemsFound) as caught:
        load_curriculum(mini_project, cache=cache)
    assert "“obj-two”不是单元“alpha”的学习目标" in str(caught.value)
    # A cached file's own problems are reported again while it stays broken.
    edit(mini_project, "curriculum/units/alpha.yml", "id: obj-three", "id: obj-two")
    edit(mini_project, "quizzes/beta.yml", "unit: beta", "unit: beta\nextra: 1")
    for _ in range(2):
        with pytest.raises(ProblemsFound) as caught:
            load_curriculum(mini_project, cache=cache)
        assert "quizzes/beta.yml:2:1: extra：没有“extra”这个字段" in str(caught.value)


def _same(site, fresh) -> None:
    assert site.pages == fresh.pages
    assert site.fragments == fresh.fragments
    assert site.edit_sources == fresh.edit_sources
    assert site.nav == fresh.nav


def test_a_changed_unit_is_rendered_again_and_the_others_are_reused(mini_project):
    cache: LoadCache = {}
    before = render_site(load_curriculum(mini_project, cache=cache))
    edit(mini_project, "curriculum/units/alpha.yml", "正文，**加粗**。", "正文，**改过**。")
    course = load_curriculum(mini_project, cache=cache)
    after = render_site(course, previous=before)
    assert "<strong>改过</strong>" in "".join(after.fragments["units/alpha.md"])
    assert after.fragments["units/beta.md"] is before.fragments["units/beta.md"]  # reused
    _same(after, render_site(load_curriculum(mini_project)))


def test_a_neighbours_new_title_renders_the_unit_again(mini_project):
    before = render_site(load_curriculum(mini_project))
    edit(mini_project, "curriculum/units/alpha.yml", "title: 单元甲", "title: 单元甲改")
    after = render_site(load_curriculum(mini_project), previous=before)
    # beta's "previous unit" button names alpha
    assert after.fragments["units/beta.md"] is not before.fragments["units/beta.md"]
    _same(after, render_site(load_curriculum(mini_project)))


def test_a_removed_unit_disappears(mini_project):
    before = render_site(load_curriculum(mini_project))
    edit(mini_project, "curriculum/course.yml", "units: [alpha, beta]", "units: [alpha]")
    (mini_project / "curriculum/units/beta.yml").unlink()
    (mini_project / "quizzes/beta.yml").unlink()
    after = render_site(load_curriculum(mini_project), previous=before)
    assert "units/beta.md" not in after.pages and "units/beta.md" not in after.fragments
    _same(after, render_site(load_curriculum(mini_project)))
