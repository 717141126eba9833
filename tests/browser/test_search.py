"""Chinese search: the index is segmented with jieba (course terms kept whole), so a trainee
finds a unit by a word of it."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("query", "expected_title"),
    [("询单转化率", "绩效与数据分析"), ("七日无理由退货", "平台规则与法律")],
)
def test_search_finds_units_by_chinese_words(page, shipped_url, query, expected_title):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(shipped_url)
    field = page.locator(".md-search__input")
    field.click()
    field.type(query)
    page.keyboard.press("End")  # Material searches on keyup; an IME commit ends with one too
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    titles = " ".join(results.all_inner_texts()).replace("\u200b", "")
    assert expected_title in titles
