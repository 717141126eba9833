"""Two engines, one course: MkDocs with the plugin and Zensical on `curriculum render`'s folder
make the same site, and both work under a sub-path (https://owner.github.io/repo/)."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import ENGINES, SUBPATH, skip_without

from generator.course.load import load_curriculum
from generator.site.build import BuildFailed, build_site
from generator.site.standalone import write_project

ROOT = Path(__file__).resolve().parents[1]
LINKED = re.compile(r'<(?:a|link|script)\b[^>]*?\b(?:href|src)="([^"]*)"', re.I)


def nav_of(page: str, base: str) -> list[tuple[str, str | None]]:
    """(title, absolute URL or None for a section) of every entry of the primary navigation,
    leaving out the current page's table of contents."""
    primary = page[page.index("md-nav--primary") : page.index("md-sidebar--secondary")]
    entries = []
    pattern = r'<(a|label)\b([^>]*\bclass="md-nav__link[^"]*"[^>]*)>(.*?)</\1>'
    for _, attributes, inner in re.findall(pattern, primary, re.S):
        href = re.search(r'href="([^"]*)"', attributes)
        if 'for="__toc"' in attributes or (href and href.group(1).startswith("#")):
            continue
        title = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", inner).split()))
        entries.append((title, urlsplit(urljoin(base, href.group(1))).path if href else None))
    return entries


@pytest.mark.parametrize("engine", ENGINES)
def test_every_link_and_asset_stays_inside_the_site_under_a_subpath(shipped_at_subpath, engine):
    """The sub-path bug: Zensical resolved relative asset paths in raw HTML one folder deeper,
    so quiz.js and quiz.css were fetched from above /kefu/ and 404ed."""
    url, site = shipped_at_subpath(engine)
    broken = []
    for page in site.rglob("*.html"):
        page_url = urljoin(url, page.relative_to(site).as_posix())
        for target in LINKED.findall(page.read_text(encoding="utf-8")):
            absolute = urlsplit(urljoin(page_url, html.unescape(target)))
            if absolute.netloc != urlsplit(url).netloc or target.startswith("#"):
                continue
            inside = absolute.path.startswith(SUBPATH)
            file = site / absolute.path.removeprefix(SUBPATH)
            if not inside or not (file.is_file() or (file / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)}: {target}")
    assert not broken, f"{len(broken)} links leave the site or point nowhere:\n" + "\n".join(
        broken[:20]
    )


def test_both_builds_list_tracks_and_units_in_the_same_order(shipped_at_subpath):
    """The nav is pruned to the open track, so each track's page shows that track's units."""
    curriculum = load_curriculum(ROOT)
    tracks = [track.title for track in curriculum.course.tracks]
    for track in curriculum.course.tracks:
        navs = {}
        for engine in ENGINES:
            url, site = shipped_at_subpath(engine)
            page = (site / "tracks" / track.id / "index.html").read_text(encoding="utf-8")
            navs[engine] = nav_of(page, urljoin(url, f"tracks/{track.id}/"))
        assert navs["zensical"] == navs["mkdocs"], track.id
        titles = [title for title, _ in navs["mkdocs"]]
        assert [t for t in titles if t in tracks] == tracks
        units = [(curriculum.units[u].title, f"{SUBPATH}units/{u}/") for u in track.units]
        listed = [e for e in navs["mkdocs"] if e[1] and "/units/" in e[1]]
        assert listed == units, track.id


def test_each_build_has_every_quiz(shipped_at_subpath):
    curriculum = load_curriculum(ROOT)
    for engine in ENGINES:
        _, site = shipped_at_subpath(engine)
        for unit_id, bank in curriculum.banks.items():
            page = (site / "units" / unit_id / "index.html").read_text(encoding="utf-8")
            assert page.count('class="kefu-question"') == len(bank.questions), (engine, unit_id)


def test_zensical_build_validates_first_and_keeps_the_old_site(mini_project):
    skip_without("zensical")
    site = build_site(mini_project, engine="zensical")
    assert (site / "units/alpha/index.html").is_file()
    (site / "marker").write_text("the last good site", encoding="utf-8")
    unit = mini_project / "curriculum/units/alpha.yml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace("category: process", "category: proces"),
        encoding="utf-8",
    )
    with pytest.raises(BuildFailed, match="category：这里不能写 'proces'"):
        build_site(mini_project, engine="zensical")
    assert (site / "marker").is_file()
    assert not list(site.parent.glob(".site-build-*"))  # staging and scratch are cleaned up


def test_mkdocs_builds_the_rendered_folder_without_the_plugin(mini_project, tmp_path):
    config_file = write_project(mini_project, tmp_path / "out")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config_file)],
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/site/units/alpha/index.html").read_text(encoding="utf-8")
    assert page.count('class="kefu-question"') == 4
    assert 'src="../../assets/kefu/quiz.js"' in page


def test_both_builds_have_the_chinese_404_page(shipped_at_subpath):
    for engine in ENGINES:
        _, site = shipped_at_subpath(engine)
        page = (site / "404.html").read_text(encoding="utf-8")
        assert "页面不存在" in page and "Not found" not in page, engine
