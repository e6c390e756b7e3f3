"""Every framework the kit ships is valid, sourced, licensed and complete."""

from __future__ import annotations

import pytest

from govlearn.catalog import shipped_frameworks
from govlearn.frameworks import load_framework, validate_framework_file

SHIPPED = sorted(shipped_frameworks())


def test_at_least_six_frameworks_are_shipped():
    assert set(SHIPPED) >= {
        "generic-public-service",
        "uk-success-profiles-behaviours",
        "canada-key-leadership-competencies",
        "un-values-and-behaviours",
        "oecd-civil-service-skills",
        "aps-integrated-leadership-system",
    }


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_framework_validates_and_cites_its_source(name):
    path = shipped_frameworks()[name]
    assert validate_framework_file(path) == []
    framework = load_framework(path)
    meta = framework.metadata
    assert meta.code == name, "the file name is the framework's code"
    assert meta.source["title"] and meta.source["url"].startswith("https://")
    assert meta.licence["name"] and meta.licence["url"].startswith("https://")
    for node, _parent in framework.walk():
        assert node.name[meta.default_language]
    for competency in framework.competencies():
        assert competency.description, f"{name}: {competency.code} has no description"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("uk-success-profiles-behaviours", 9),
        ("canada-key-leadership-competencies", 6),
        ("un-values-and-behaviours", 9),
        ("oecd-civil-service-skills", 4),
        ("aps-integrated-leadership-system", 5),
    ],
)
def test_published_frameworks_keep_their_published_size(name, expected):
    assert len(load_framework(shipped_frameworks()[name]).competencies()) == expected


def test_un_framework_has_four_values_and_five_behaviours():
    framework = load_framework(shipped_frameworks()["un-values-and-behaviours"])
    sizes = {group.code: len(group.competencies) for group in framework.groups}
    assert sizes == {"VALUES": 4, "BEHAVIOURS": 5}


def test_generic_model_has_three_kinds_and_five_levels_in_english_and_french():
    framework = load_framework(shipped_frameworks()["generic-public-service"])
    assert [group.code for group in framework.groups] == ["BEH", "FUN", "DOM"]
    assert [level.name["en"] for level in framework.levels] == [
        "Beginner",
        "Developing",
        "Proficient",
        "Advanced",
        "Expert",
    ]
    assert framework.metadata.languages[:2] == ["en", "fr"]
    for node, _parent in framework.walk():
        assert node.name.get("fr"), f"{node.code} has no French name"
    assert len(framework.roles) >= 3


def test_uuids_are_unique_across_all_shipped_frameworks():
    """Portals may load more than one framework; UUIDs must never collide."""
    seen: dict[str, str] = {}
    for name in SHIPPED:
        framework = load_framework(shipped_frameworks()[name])
        things = [framework.metadata, *framework.levels, *framework.roles]
        things += [node for node, _ in framework.walk()]
        for thing in things:
            assert thing.uuid not in seen, f"{name} reuses a UUID of {seen.get(thing.uuid)}"
            seen[thing.uuid] = name
