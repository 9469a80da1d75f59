"""The YAML writer: whatever plain data goes in loads back equal, and the text is stable."""

from __future__ import annotations

import yaml
from hypothesis import given
from hypothesis import strategies as st

from metaledger.ledger.yaml_writer import dump_yaml, scalar

KEYS = st.text(min_size=1, max_size=12)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.sampled_from(["yes", "No", "null", "~", "2025-12-11", "1:20", "0x1F", "1e3", ".inf", "- a", "a: b", "#x", "'q'", '"q"', "", " lead", "trail ", "中文 600 人", "a\u2028b", "\x85", "\ufeff", "x\ny"])
)
DATA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4), max_leaves=25)


@given(st.dictionaries(KEYS, DATA, max_size=5))
def test_any_plain_data_loads_back_equal(data):
    assert yaml.safe_load(dump_yaml(data)) == (data or {})


@given(DATA)
def test_top_level_scalars_and_lists_load_back(data):
    assert yaml.safe_load(dump_yaml(data)) == data


def test_dates_are_quoted_and_simple_words_plain():
    assert scalar("2025-12-11") == '"2025-12-11"'
    assert scalar("meta-avocado:figure:600-person:1") == "meta-avocado:figure:600-person:1"
    assert scalar("yes") == '"yes"' and scalar("600") == '"600"'
    assert scalar("Mark Zuckerberg") == "Mark Zuckerberg" and scalar("a: b") == '"a: b"'
    assert scalar(1e20) == "1.0e+20" and scalar(600) == "600"


def test_block_layout_matches_the_ledger_style():
    text = dump_yaml({"schema": "metaledger/1", "claims": [{"id": "a", "date_ids": ["b"], "links": []}]})
    assert text == "schema: metaledger/1\nclaims:\n- id: a\n  date_ids:\n  - b\n  links: []\n"


def test_remembered_keys_and_words_keep_types_apart():
    from metaledger.ledger.yaml_writer import dump_yaml

    data = {"1": "true", 1: True, True: 1, "yes": "on", "kind": "figure"}
    text = dump_yaml(data)
    assert yaml.safe_load(text) == data
    assert dump_yaml(data) == text  # a second run, from the remembered words, is the same
