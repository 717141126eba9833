"""Size of the quiz assets a trainee's browser downloads: quiz.js and quiz.css as shipped
(minified by generator/site/minify.py), raw and gzipped (level 9, as a static host would).
The budget is 12 KB gzipped for both (tests/browser/test_assets.py). Usage: python bench/assets.py
"""

from __future__ import annotations

import gzip

from generator.site.minify import SOURCES, shipped


def main() -> None:
    total = 0
    print(f"{'asset':<10} {'source B':>9} {'shipped B':>9} {'gzip B':>7}")
    for name in ("quiz.js", "quiz.css"):
        small = shipped(name)
        packed = len(gzip.compress(small, 9))
        total += packed
        print(f"{name:<10} {(SOURCES / name).stat().st_size:>9} {len(small):>9} {packed:>7}")
    print(f"{'total':<10} {'':>9} {'':>9} {total:>7}  (budget {12 * 1024})")


if __name__ == "__main__":
    main()
