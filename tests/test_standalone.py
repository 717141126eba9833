"""`curriculum render DIR`: the course as a folder any engine builds without our plugin."""

from __future__ import annotations

import pytest
import yaml

from generator.site.standalone import (
    HEADER,
    ConfigProblem,
    Tagged,
    dump_config,
    read_config,
    write_project,
)


@pytest.fixture
def rendered(mini_project, tmp_path):
    (mini_project / "docs/guide").mkdir()
    (mini_project / "docs/guide/index.md").write_text("# 培训师指南\n", encoding="utf-8")
    (mini_project / "docs/guide/fields.md").write_text("# 字段\n", encoding="utf-8")
    out = tmp_path / "out"
    return out, read_config(write_project(mini_project, out))


def test_the_config_is_the_projects_without_the_plugin(rendered, mini_project):
    out, config = rendered
    project = read_config(mini_project / "mkdocs.yml")
    assert "curriculum" in project["plugins"]
    assert config["plugins"] == [p for p in project["plugins"] if p != "curriculum"]
    assert config["theme"]["palette"] == project["theme"]["palette"]  # the brand colours
    assert config["markdown_extensions"] == project["markdown_extensions"]
    assert (config["docs_dir"], config["site_dir"]) == ("docs", "site")
    assert config["theme"]["variant"] == "classic"  # Zensical's Material look
    assert (out / "mkdocs.yml").read_text(encoding="utf-8").startswith(HEADER)


def test_the_course_navigation_is_written_out(rendered):
    _, config = rendered
    assert config["nav"] == [
        {"迷你课程": "index.md"},
        {
            "学习路径": [
                {
                    "基础路径": [
                        {"基础路径": "tracks/basics/index.md"},
                        {"单元甲": "units/alpha/index.md"},
                        {"单元乙": "units/beta/index.md"},
                    ]
                }
            ]
        },
        {"学习进度": "progress/index.md"},
        {"错题本": "review/index.md"},
        {"术语表": "glossary/index.md"},
        "about.md",  # the fixture's own hand-written page
        {"培训师指南": ["guide/index.md", "guide/fields.md"]},
    ]


def test_assets_are_listed_for_every_page(rendered):
    out, config = rendered
    assert config["extra_css"] == ["assets/kefu/theme.css", "assets/kefu/quiz.css"]
    assert config["extra_javascript"] == ["assets/kefu/quiz.js"]
    for path in config["extra_css"] + config["extra_javascript"]:
        assert (out / "docs" / path).is_file()


def test_generated_and_hand_written_pages_are_side_by_side(rendered):
    out, _ = rendered
    assert (out / "docs/units/alpha/index.md").read_text(encoding="utf-8").startswith("# 单元甲")
    assert (out / "docs/guide/fields.md").read_text(encoding="utf-8") == "# 字段\n"


def test_tags_only_the_engine_resolves_are_kept(tmp_path):
    source = (
        "site_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']\n"
        "markdown_extensions:\n"
        "  - toc:\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n"
    )
    (tmp_path / "mkdocs.yml").write_text(source, encoding="utf-8")
    config = read_config(tmp_path / "mkdocs.yml")
    assert config["site_url"] == Tagged("!ENV", ["SITE_URL", "http://127.0.0.1:8000/"])
    again = dump_config(config)
    assert "site_url: !ENV\n- SITE_URL\n" in again
    assert "slugify: !!python/object/apply:pymdownx.slugs.slugify" in again
    # Read as an engine reads it (!ENV as its list): the same values as the original text.
    loader = type("EnvLoader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))
    head, original = (text.split("markdown_extensions", 1)[0] for text in (again, source))
    assert yaml.load(head, Loader=loader) == yaml.load(original, Loader=loader)  # noqa: S506


def test_a_removed_unit_leaves_no_page_behind(mini_project, tmp_path):
    out = tmp_path / "out"
    write_project(mini_project, out)
    (out / "docs/units/gone.md").write_text("# 旧单元\n", encoding="utf-8")
    write_project(mini_project, out)
    assert not (out / "docs/units/gone.md").exists()
    assert (out / "docs/units/alpha/index.md").is_file()


def test_a_folder_it_did_not_write_is_refused(mini_project, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/mine.md").write_text("# 我的\n", encoding="utf-8")
    with pytest.raises(ConfigProblem, match="不是 curriculum render 写的"):
        write_project(mini_project, tmp_path)
    assert (tmp_path / "docs/mine.md").is_file()


def test_a_hand_written_page_in_the_way_of_a_generated_one_is_an_error(mini_project, tmp_path):
    (mini_project / "docs/progress.md").write_text("# 我的进度\n", encoding="utf-8")
    with pytest.raises(ConfigProblem, match=r"docs/progress\.md 和生成的一个页面路径相同"):
        write_project(mini_project, tmp_path / "out")


def test_the_theme_overrides_are_written_out(rendered):
    out, config = rendered
    assert config["theme"]["custom_dir"] == "overrides"
    assert "页面不存在" in (out / "overrides/404.html").read_text(encoding="utf-8")
