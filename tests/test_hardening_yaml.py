"""The strict YAML reader and the streamed writer: hostile files, exact errors, PyYAML parity."""

from __future__ import annotations

import datetime as dt
import math
import re
import tracemalloc

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from metaledger.errors import LedgerError
from metaledger.ledger.store import dump_ledger, ledger_data, load_ledger, parse_ledger
from metaledger.support.yamlio import MAX_DEPTH, data_events, document_events, emit_yaml, line_of, load_yaml

_LAUGHS = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10))
BOMBS = {
    "billion-laughs": "schema: metaledger/1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + _LAUGHS,
    "alias-as-key": "schema: metaledger/1\nk: &k [a, b]\n" + "".join(f"? *k\n: {i}\n" for i in range(3)),
    "merge-bomb": "schema: metaledger/1\nm0: &m0 {a: 1, b: 2}\n"
    + "".join(f"m{i}: &m{i} {{<<: [" + ", ".join([f"*m{i - 1}"] * 9) + "]}\n" for i in range(1, 10)),
    "merge-inline": "schema: metaledger/1\nx:\n  <<: {a: 1}\n",
    "recursive": "schema: metaledger/1\nr: &r [*r]\n",
    "flow-bomb": "schema: metaledger/1\na: &a [x,x,x,x,x,x,x,x]\nb: {k: [*a,*a,*a,*a,*a,*a,*a,*a]}\n",
}


@pytest.mark.parametrize("text", BOMBS.values(), ids=BOMBS.keys())
def test_expansion_bombs_are_refused_in_little_memory(text):
    tracemalloc.start()
    try:
        with pytest.raises(LedgerError, match=r"bomb.yaml: not a valid ledger: invalid YAML at line \d+: (YAML aliases|merge keys)"):
            parse_ledger(text, "bomb.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2_000_000  # expanded, the billion-laughs file alone would be ~10^9 strings


def test_the_billion_laughs_is_refused_at_its_first_alias():
    with pytest.raises(LedgerError, match="at line 3:"):
        parse_ledger(BOMBS["billion-laughs"], "bomb.yaml")


@pytest.mark.parametrize("depth", [MAX_DEPTH + 10, 200_000])
def test_deep_nesting_is_refused_without_recursion(depth):
    for text in (
        "schema: metaledger/1\ndeep: " + "[" * depth + "x" + "]" * depth + "\n",
        "schema: metaledger/1\ndeep: " + "{a: " * depth + "x" + "}" * depth + "\n",
        "schema: metaledger/1\ndeep:\n  " + "- " * depth + "x\n",
    ):
        with pytest.raises(LedgerError, match="nest"):
            parse_ledger(text, "deep.yaml")


def test_nesting_a_real_file_needs_is_fine():
    text = "a: " + "[" * 50 + "1" + "]" * 50
    value = load_yaml(text, "w", ValueError)["a"]
    for _ in range(50):
        value = value[0]
    assert value == 1


@pytest.mark.parametrize(
    "text, message",
    [
        ("a: !!python/object/apply:os.system ['true']", "tag !!python/object/apply:os.system is not allowed"),
        ("a: !!python/name:os.system ''", "tag !!python/name:os.system is not allowed"),
        ("a: !!binary aGVsbG8=", "tag !!binary is not allowed"),
        ("a: !!set {x: null}", "tag !!set is not allowed"),
        ("a: !!omap [x: 1]", "tag !!omap is not allowed"),
        ("a: !!timestamp 2025-01-01", "tag !!timestamp is not allowed"),
        ("a: !custom x", "tag !custom is not allowed"),
        ("a: !!int twelve", "'twelve' is not a valid int"),
        ("a: !!bool maybe", "'maybe' is not a valid bool"),
        ("a: 1\na: 2", "duplicate key 'a'"),
        ("? [a, b]\n: 1", "a mapping key must be a plain value"),
        ("? {a: 1}\n: 1", "a mapping key must be a plain value"),
        ("a: 1\n---\nb: 2", "expected a single document"),
        ("x: <<", "merge keys"),
        ("a: [1, 2", "invalid YAML at line"),
        ("a: b: c", "invalid YAML at line 1"),
        ("\tkey: tab-indented", "invalid YAML"),
    ],
)
def test_the_strict_reader_refuses_with_a_line(text, message):
    with pytest.raises(ValueError) as caught:
        load_yaml(text, "where", ValueError)
    assert re.fullmatch(r"where: invalid YAML at line \d+: .+", str(caught.value)), caught.value
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "text, value",
    [
        ("a: 2025-12-11", {"a": "2025-12-11"}),  # dates stay text
        ("a: 2025-12-11T10:00:00", {"a": "2025-12-11T10:00:00"}),
        ("a: !!str 12", {"a": "12"}),
        ("a: ! 12", {"a": "12"}),
        ("a: '12'", {"a": "12"}),
        ("a: 0x1F", {"a": 31}),
        ("a: 1_000", {"a": 1000}),
        ("a: .inf", {"a": math.inf}),
        ("a: ~", {"a": None}),
        ("a:", {"a": None}),
        ("a: yes", {"a": True}),
        ("a: &anchor 1", {"a": 1}),  # an anchor alone is harmless; only aliases are refused
        ("= : v", {"=": "v"}),
        ("", None),
        ("# only a comment\n", None),
    ],
)
def test_the_strict_reader_reads_plain_yaml_as_pyyaml_does(text, value):
    assert load_yaml(text, "w", ValueError) == value


# Plain data as our files hold it: no dates (we keep those as text), no NaN (not equal to itself).
_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
    | st.sampled_from(["yes", "no", "on", "null", "~", "1e3", "0x10", "010", "1:30", ".nan", "<<", "=", "- x", "a: b", "#", "'", '"', "", " ", "2025-12-11"])
)
_data = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8) | st.integers(), children, max_size=4),
    max_leaves=25,
)


class _SafeWithoutDates(yaml.SafeLoader):
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _emit(data) -> str:
    import io

    buffer = io.StringIO()
    emit_yaml(document_events(data_events(data)), buffer)
    return buffer.getvalue()


@given(st.dictionaries(st.text(max_size=8), _data, max_size=5) | st.lists(_data, max_size=5))
def test_writer_matches_safe_dump_and_reader_matches_safe_load(data):
    written = _emit(data)
    options = {"sort_keys": False, "allow_unicode": True, "default_flow_style": False, "width": 2**31 - 1, "indent": 2}
    # The same emitter as ours (libyaml's when present: it and PyYAML's differ on corner cases such as empty keys).
    assert written == yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), **options)
    assert load_yaml(written, "w", ValueError) == yaml.load(written, Loader=_SafeWithoutDates) == data


def test_dates_written_by_others_are_read_as_text():
    written = yaml.safe_dump({"d": dt.date(2025, 12, 11)})
    assert load_yaml(written, "w", ValueError) == {"d": "2025-12-11"}


def test_streamed_ledger_writer_reads_back_as_plain_safe_load(seed_ledger):
    text = dump_ledger(seed_ledger)
    assert yaml.safe_load(text) == ledger_data(seed_ledger)
    assert text.startswith("schema: metaledger/1\narticles:\n- id: meta-avocado\n")


def test_line_of_finds_values_by_path():
    text = "schema: x\nclaims:\n- id: a\n  value: 1\n- id: b\n  value: [1,\n    2]\n  note: n\n"
    assert line_of(text, ("claims",)) == 3
    assert line_of(text, ("claims", 1)) == 5
    assert line_of(text, ("claims", 1, "value")) == 6
    assert line_of(text, ("claims", 1, "value", 1)) == 7
    assert line_of(text, ("claims", 1, "note")) == 8
    assert line_of(text, ("claims", 2)) is None
    assert line_of("a: [", ("a",)) == 1 or line_of("a: [", ("a",)) is None  # broken YAML never raises


def test_every_claim_field_error_names_record_id_field_and_line(seed_ledger):
    text = dump_ledger(seed_ledger)
    claim = seed_ledger.claims[5]
    block = rf"(- id: \"?{re.escape(claim.id)}\"?\n(?:  .*\n)*?)  sentence: \d+\n"  # an id with CJK is quoted
    broken = re.sub(block, r"\1  sentence: -4\n", text, count=1)
    line = broken.splitlines().index("  sentence: -4") + 1
    with pytest.raises(LedgerError) as caught:
        parse_ledger(broken, "claims.yaml")
    assert str(caught.value) == (
        f"claims.yaml: invalid ledger: claims[5] (id {claim.id}) field sentence: "
        f"Input should be greater than or equal to 0 (line {line})"
    )


def test_a_sentence_error_points_into_the_article(seed_ledger):
    text = dump_ledger(seed_ledger)
    broken = text.replace("  - index: 3\n", "  - index: 3\n    colour: red\n", 1)
    with pytest.raises(LedgerError, match=r"articles\[0\] \(id meta-avocado\) field sentences\.3\.colour: unknown field .*\(line \d+\)"):
        parse_ledger(broken, "claims.yaml")


def test_a_duplicate_id_points_at_its_second_copy(seed_ledger):
    text = dump_ledger(seed_ledger)
    first, second = seed_ledger.claims[0].id, seed_ledger.claims[1].id
    broken = text.replace(f"- id: {second}\n", f"- id: {first}\n", 1)
    line = broken.splitlines().index(f"- id: {first}", broken.splitlines().index(f"- id: {first}") + 1) + 1
    with pytest.raises(LedgerError, match=rf"claims\[1\]: duplicate claim id '{first}' \(line {line}\)$"):
        parse_ledger(broken, "claims.yaml")


def test_ledger_file_edge_cases(tmp_path, seed_ledger):
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + dump_ledger(seed_ledger).encode("utf-8"))
    assert load_ledger(bom) == seed_ledger  # a byte-order mark from an editor is fine
    crlf = tmp_path / "crlf.yaml"
    crlf.write_bytes(dump_ledger(seed_ledger).replace("\n", "\r\n").encode("utf-8"))
    assert load_ledger(crlf) == seed_ledger  # so are Windows line ends
    json_ledger = tmp_path / "claims.json"
    import json

    json_ledger.write_text(json.dumps(ledger_data(seed_ledger), ensure_ascii=False), encoding="utf-8")
    assert load_ledger(json_ledger) == seed_ledger


def test_skipped_articles_are_never_stored(seed_ledger):
    text = dump_ledger(seed_ledger)
    assert parse_ledger(text, skip_articles=["meta-avocado"]).articles == []
    kept = load_yaml(text, "w", ValueError, keep=lambda section, record: False)
    assert all(repr(item) == "SKIPPED" for item in kept["claims"])
