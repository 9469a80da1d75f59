"""Every rule pattern and guard scans pathological text in linear time.

No time is asserted: the inputs are sized so that a pattern that backtracks from every
position (the e-mail guard's \\w on a Chinese line, the code guard from every "a" of
"a.a.a…") would keep this test running for minutes instead of milliseconds.
"""

from __future__ import annotations

import pytest

from metaledger.normalize.figures import figure_tables
from metaledger.resources.rulebook import load_rule_file, rule_file_names

PATHOLOGICAL = {
    "han-line": "中文没有标点的很长一行" * 20_000,
    "latin-run": "Alpha Beta 4.5 gpt-oss " * 10_000,
    "digits": "1234567890" * 20_000,
    "dotted": "a." * 100_000,
    "hyphens": "a-" * 100_000,
    "mixed": "公司2025年第1季度营收12.5亿美元同比增长3%" * 5_000,
}

PATTERNS = [(rule.id, rule.pattern) for name in rule_file_names() for rule in load_rule_file(name).rules if rule.pattern is not None]
PATTERNS += [(f"guard.{name}", pattern) for name, pattern in figure_tables().guards]


@pytest.mark.parametrize("name, pattern", PATTERNS, ids=[name for name, _ in PATTERNS])
def test_pattern_scans_pathological_text(name, pattern):
    for text in PATHOLOGICAL.values():
        for match in pattern.finditer(text):
            assert match.end() - match.start() <= len(text)
