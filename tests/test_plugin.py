"""The MkDocs plugin: errors stop a build before site/ is touched; serve keeps the last good course."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.site.build import BuildFailed, build_site


def config_of(project, **overrides):
    return load_config(str(project / "mkdocs.yml"), **overrides)


def plugin_of(config):
    return config.plugins["curriculum"]


def break_alpha(project):
    unit = project / "curriculum/units/alpha.yml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("category: process", "category: proces"),
        encoding="utf-8",
    )


def test_build_aborts_listing_every_problem(mini_project):
    break_alpha(mini_project)
    config = config_of(mini_project)
    plugin_of(config).on_startup(command="build", dirty=False)
    with pytest.raises(PluginError) as caught:
        plugin_of(config).on_config(config)
    assert "curriculum/units/alpha.yml:3:11: category：这里不能写 'proces'" in str(caught.value)


def test_serve_keeps_the_last_good_course(mini_project, caplog):
    config = config_of(mini_project)
    plugin = plugin_of(config)
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_config(config)
    good_page = plugin.site.pages["units/alpha.md"]
    break_alpha(mini_project)
    plugin.on_config(config)
    assert plugin.site.pages["units/alpha.md"] == good_page
    assert "预览继续显示上一个正确的版本" in caplog.text
    assert "category：这里不能写 'proces'" in caplog.text


def test_serve_watches_the_yaml_folders(mini_project):
    config = config_of(mini_project)
    plugin = plugin_of(config)

    class Server:
        watched: list = []

        def watch(self, path):
            self.watched.append(path)

    server = plugin.on_serve(Server(), config=config, builder=None)
    assert {p.split("/")[-1] for p in server.watched} == {"curriculum", "units", "quizzes"}


@pytest.mark.slow  # a full MkDocs build
def test_nothing_is_written_into_docs(mini_project, tmp_path):
    before = sorted((mini_project / "docs").rglob("*"))
    build_site(mini_project, site_dir=tmp_path / "site")
    assert sorted((mini_project / "docs").rglob("*")) == before


@pytest.mark.slow  # a full MkDocs build
def test_edit_links_point_at_the_yaml(mini_project, tmp_path):
    config_file = mini_project / "mkdocs.yml"
    config_file.write_text(
        config_file.read_text(encoding="utf-8").replace(
            "# repo_url: https://github.com/<owner>/<repo>\n# edit_uri: edit/main/docs/",
            "repo_url: https://github.com/example/kefu\nedit_uri: edit/main/docs/",
        ),
        encoding="utf-8",
    )
    site = build_site(mini_project, site_dir=tmp_path / "site")
    unit = (site / "units/alpha/index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/kefu/edit/main/curriculum/units/alpha.yml"' in unit


@pytest.mark.slow  # a full MkDocs build
def test_a_docs_page_clashing_with_a_generated_one_is_refused(mini_project, tmp_path, caplog):
    (mini_project / "docs" / "progress.md").write_text("# 我的进度\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_site(mini_project, site_dir=tmp_path / "site")
    assert "docs/progress.md 和生成的一个页面路径相同" in caplog.text


def test_hand_written_pages_follow_the_course_in_the_nav(mini_project):
    guide = mini_project / "docs" / "guide"
    guide.mkdir()
    (guide / "index.md").write_text("# 培训师指南\n", encoding="utf-8")
    (guide / "writing.md").write_text("# 编写单元\n", encoding="utf-8")
    (guide / "basics.md").write_text("# 基础\n", encoding="utf-8")  # sorts before index.md
    config = config_of(mini_project)
    plugin_of(config).on_config(config)
    assert config.nav[-2:] == [
        "about.md",
        {"培训师指南": ["guide/index.md", "guide/basics.md", "guide/writing.md"]},
    ]


def test_a_build_never_shows_the_problems_banner(mini_site):
    pages = list(mini_site.rglob("*.html"))
    assert pages
    assert not [p for p in pages if "data-course-problems" in p.read_text(encoding="utf-8")]


def test_the_problems_banner_is_text_not_markup():
    from generator.course.problems import Problem
    from generator.site.preview import problems_banner

    banner = problems_banner(
        [Problem("quizzes/a.yml", 4, 7, "questions[0].stem", "<script>alert(1)</script>")],
        failure="<img src=x onerror=alert(1)>",
    )
    assert "<script" not in banner and "<img" not in banner
    assert "quizzes/a.yml:4:7" in banner and "&lt;script&gt;" in banner
