"""Tracks lead: each unit's place in its tracks, the navigation by track (cut into groups for
long tracks), and MkDocs' footer in track order."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import make_project

from generator.course.load import load_curriculum
from generator.locale import strings
from generator.site.build import build_site
from generator.site.nav import places, site_nav
from generator.site.render import render_site

REVIEW = """  - id: review
    title: 复习路径
    audience: trainee
    units: [beta, alpha]
"""


def add_track(project: Path, track: str = REVIEW) -> Path:
    """The mini course with a second track that has both units in reverse order."""
    course = project / "curriculum/course.yml"
    course.write_text(course.read_text(encoding="utf-8") + track, encoding="utf-8")
    return project


def test_a_unit_has_a_place_in_every_track_it_is_in(mini_project):
    found = places(load_curriculum(add_track(mini_project)))
    alpha = [(p.track.id, p.number, p.total, p.previous, p.next) for p in found["alpha"]]
    assert alpha == [("basics", 1, 2, None, "beta"), ("review", 2, 2, "beta", None)]


def test_units_in_no_track_have_their_own_nav_section_and_progress_group(mini_project):
    course = mini_project / "curriculum/course.yml"
    course.write_text(
        course.read_text(encoding="utf-8").replace("[alpha, beta]", "[alpha]"), encoding="utf-8"
    )
    site = render_site(load_curriculum(mini_project))
    assert {"其他单元": [{"单元乙": "units/beta.md"}]} in site.nav
    assert '<h2 id="kefu-group-2">其他单元</h2>' in "".join(site.fragments["progress.md"])


def test_a_long_track_is_cut_into_groups_of_20():
    ids = [f"u{n}" for n in range(45)]
    curriculum = SimpleNamespace(
        course=SimpleNamespace(
            title="课", tracks=[SimpleNamespace(id="all", title="全部", units=ids)]
        ),
        units={u: SimpleNamespace(title=f"单元{u}") for u in ids},
    )
    track = site_nav(curriculum, strings(), set())[1]["学习路径"][0]["全部"]
    assert track[0] == {"全部": "tracks/all/index.md"}
    groups = track[1:]
    assert [next(iter(g)) for g in groups] == ["第 1–20 单元", "第 21–40 单元", "第 41–45 单元"]
    assert groups[2]["第 41–45 单元"][-1] == {"单元u44": "units/u44.md"}


@pytest.fixture(scope="module")
def two_tracks(tmp_path_factory) -> Path:
    project = add_track(make_project(tmp_path_factory.mktemp("two-tracks")))
    return build_site(project)


def html_of(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def primary_nav(html: str) -> str:
    start = html.index('class="md-nav md-nav--primary"')
    return html[start : html.index('class="md-sidebar md-sidebar--secondary"')]


def test_unit_pages_show_their_place_and_neighbours_in_each_track(two_tracks):
    alpha = html_of(two_tracks, "units/alpha")
    blocks = re.findall(
        r'<(?:p|div) class="kefu-unit-(?:place|next)" data-unit-nav="(\w+)"[^>]*?( hidden="")?>',
        alpha,
    )
    hidden = ' hidden=""'
    assert blocks == [("basics", ""), ("review", hidden), ("basics", ""), ("review", hidden)]
    assert "基础路径</a> · 第 1/2 单元" in alpha and "复习路径</a> · 第 2/2 单元" in alpha
    nexts = re.findall(r'href="([^"]+)" data-next-unit="" data-track="(\w+)">([^<]+)<', alpha)
    assert nexts == [
        ("../../units/beta/", "basics", "下一单元：单元乙"),
        ("../../tracks/review/", "review", "本路径已学完，返回：复习路径"),
    ]


def test_the_footer_follows_the_first_track(two_tracks):
    footer = re.compile(r'<a href="([^"]+)" class="md-footer__link md-footer__link--(prev|next)"')
    assert footer.findall(html_of(two_tracks, "units/alpha")) == [
        ("../../tracks/basics/", "prev"),
        ("../beta/", "next"),
    ]
    assert footer.findall(html_of(two_tracks, "units/beta")) == [
        ("../alpha/", "prev"),
        ("../../tracks/basics/", "next"),
    ]


def test_the_nav_lists_tracks_in_order_and_no_categories(two_tracks):
    nav = primary_nav(html_of(two_tracks, "units/beta"))
    titles = [t.strip() for t in re.findall(r"<span class=\"md-ellipsis\">\s*([^<]+?)\s*<", nav)]
    assert titles.index("学习路径") < titles.index("基础路径") < titles.index("复习路径")
    assert "categories/" not in nav
    assert (two_tracks / "categories/process/index.html").is_file()  # linked from the home page
    assert 'href="categories/process/"' in (two_tracks / "index.html").read_text(encoding="utf-8")
