"""``new_theme``: an integrator's first step, which must leave a valid pack or nothing."""

from __future__ import annotations

import pytest
from editable_theme import editable_theme

from govlearn.errors import GovlearnError, ValidationFailed
from govlearn.themes import load_theme, validate_theme_dir
from govlearn.themes.scaffold import new_theme


def test_a_new_theme_is_a_valid_renamed_copy(tmp_path):
    target = new_theme("ministry-green", "savanna", tmp_path)
    assert target == tmp_path / "ministry-green"
    assert validate_theme_dir(target) == []
    theme = load_theme(target)
    assert (theme.name, theme.label) == ("ministry-green", "Ministry Green")
    assert "savanna" in theme.description
    assert (target / "static/logo.svg").is_file()
    shipped = {p.relative_to(target).as_posix() for p in (target / "static/fonts").iterdir()}
    assert shipped == {font.file for font in theme.fonts} | {font.licence for font in theme.fonts}
    # The source's explanatory comments survive so the copy still documents itself.
    assert (target / "theme.yaml").read_text().startswith("# Savanna:")
    assert [p.name for p in tmp_path.iterdir()] == ["ministry-green"]


def test_a_new_theme_can_start_from_a_pack_folder(tmp_path):
    first = new_theme("first", "civic", tmp_path)
    second = new_theme("second", str(first), tmp_path)
    assert load_theme(second).tokens == load_theme(first).tokens


def test_an_existing_folder_is_never_overwritten(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    with pytest.raises(GovlearnError, match="already exists"):
        new_theme("taken", "civic", tmp_path)
    assert (tmp_path / "taken" / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("name", ["Civic", "x", "my theme", "../escape", "-dash"])
def test_a_bad_name_is_refused_before_anything_is_written(tmp_path, name):
    with pytest.raises(GovlearnError, match="is not valid"):
        new_theme(name, "civic", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_source_names_the_shipped_themes(tmp_path):
    with pytest.raises(GovlearnError, match=r"neither a shipped theme \(.*civic.*\)"):
        new_theme("mine", "no-such-theme", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_invalid_source_is_refused_with_its_problems(tmp_path):
    broken = editable_theme(tmp_path / "src", "lagoon")
    broken.replace('text: "#eef4f7"', 'text: "#334455"')
    out = tmp_path / "out"
    with pytest.raises(ValidationFailed, match="contrast"):
        new_theme("mine", str(broken.path), out)
    assert not out.exists()
