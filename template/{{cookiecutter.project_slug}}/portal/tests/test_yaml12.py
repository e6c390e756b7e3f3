"""The one YAML dialect the kit validates with and the portal reads with."""

import math

import pytest

from portal.yaml12 import (
    MAX_ALIAS_NODES,
    YAMLFileError,
    decode_utf8,
    lines_of,
    load_yaml,
    read_yaml,
)

# Values YAML 1.1 (PyYAML's own loaders) turns into something else, and what 1.2 reads.
CORE_SCHEMA = [
    ("NO", "NO"),
    ("no", "no"),
    ("No", "No"),
    ("on", "on"),
    ("off", "off"),
    ("yes", "yes"),
    ("y", "y"),
    ("n", "n"),
    ("2026-12-01", "2026-12-01"),
    ("12:30", "12:30"),
    ("1_000", "1_000"),
    ("0o10", 8),
    ("010", 10),
    ("08", 8),
    ("0x1F", 31),
    ("1e3", 1000.0),
    ("-1.5", -1.5),
    (".inf", math.inf),
    ("~", None),
    ("null", None),
    ("", None),
    ("true", True),
    ("False", False),
    ("'08'", "08"),
    ('"no"', "no"),
    ("!!str 08", "08"),
]


@pytest.mark.parametrize(("written", "read"), CORE_SCHEMA)
def test_values_follow_the_yaml_1_2_core_schema(written, read):
    assert load_yaml(f"value: {written}\n") == {"value": read}


def test_keys_are_always_the_text_written():
    assert load_yaml("no: Norwegian\n1: one\nnull: x\n") == {
        "no": "Norwegian",
        "1": "one",
        "null": "x",
    }


def test_ordinary_anchors_aliases_and_merge_keys_work():
    data = load_yaml(
        "base: &ministry {level: ministry, region: NORTH}\n"
        "seed:\n"
        "  - {<<: *ministry, code: MOF}\n"
        "  - {<<: *ministry, code: MOH, region: SOUTH}\n"
        "name: &n Finance\n"
        "again: *n\n"
    )
    assert data["seed"] == [
        {"code": "MOF", "level": "ministry", "region": "NORTH"},
        {"code": "MOH", "level": "ministry", "region": "SOUTH"},
    ]
    assert data["again"] == "Finance"
    first_wins = load_yaml("a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc: {<<: [*a, *b]}\n")
    assert first_wins["c"] == {"x": 1, "y": 2}


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        name, previous = chr(ord("a") + level), chr(ord("a") + level - 1)
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_the_alias_that_crosses_the_bound():
    with pytest.raises(YAMLFileError) as refused:
        load_yaml(billion_laughs())
    assert refused.value.line == 7  # level g: 9**7 nodes, past the bound
    assert f"more than {MAX_ALIAS_NODES:,} nodes" in refused.value.message
    assert "alias bomb" in refused.value.message


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("a: &x [1, *x]\n", 1, "refers to a collection that contains it"),
        ("a: 1\nb: 2\na: 3\n", 3, "the key 'a' appears twice"),
        ("a: *missing\n", 1, "names no anchor"),
        ("a: 1\n---\nb: 2\n", 2, "more than one YAML document"),
        ("a: !!python/object/apply:os.system [id]\n", 1, "is not supported"),
        ("a: !!binary aGk=\n", 1, "is not supported"),
        ("? [a, b]\n: 1\n", 1, "mapping key must be plain text"),
        ("a: [1, 2\n", 2, "invalid YAML"),
        ("<<: [1]\n", 1, "merges only mappings"),
        ("x: " + "[" * 70 + "]" * 70 + "\n", 1, "nests deeper than 64 levels"),
    ],
)
def test_hostile_or_broken_documents_are_refused_with_their_line(text, line, says):
    with pytest.raises(YAMLFileError) as refused:
        load_yaml(text)
    assert refused.value.line == line
    assert says in refused.value.message


def test_a_latin_1_file_names_the_line_of_the_first_bad_byte():
    data = "country:\n  name: Seychelles\n  capital: Victoria\nportal:\n  name: Académie\n"
    with pytest.raises(YAMLFileError) as refused:
        decode_utf8(data.encode("latin-1"))
    assert refused.value.line == 5
    assert "byte 0xe9" in refused.value.message and "UTF-8" in refused.value.message


def test_a_file_over_the_size_bound_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as file:
        file.truncate(51 * 1024 * 1024)  # sparse: costs no disk and is never read
    with pytest.raises(YAMLFileError, match="at most 50 MB"):
        read_yaml(huge)


def test_lines_are_found_for_paths_and_their_deepest_existing_ancestor():
    text = "country:\n  code: NO\nseed:\n  - {code: A}\n  - code: B\n    parent: A\n"
    lines = lines_of(text, [("seed", 1, "parent"), ("seed", 0, "code"), ("country", "gone")])
    assert lines == {("seed", 1, "parent"): 6, ("seed", 0, "code"): 4, ("country", "gone"): 1}
