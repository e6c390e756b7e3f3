"""A profile is data: hostile text, YAML bombs and dialect traps, tried as an attacker would.

Every string a person typed must arrive in the generated repository byte for byte and
never be evaluated; what cannot be a name is refused with a message that names the field.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES_DIR
from portal_env import manage

from govlearn.cli import cli
from govlearn.errors import GovlearnError
from govlearn.generate import generate
from govlearn.yamlfile import yaml12

ISLAND = EXAMPLES_DIR / "island-state.yaml"

HOSTILE = {
    "jinja expression": "Academy {{ 6*7 }}",
    "jinja statement": "Academy {% for x in range(3) %}{{ x }}{% endfor %}",
    "raw block": "Academy {% raw %} of {% endraw %} Learning",
    "cookiecutter variable": "{{ cookiecutter.project_slug }} Academy",
    "jinja comment": "Academy {# hidden #}",
    "script tag": "</script><script>alert('x')</script>",
    "quotes": "The \"People's\" Academy '' \"\"\" ''' `id`",
    "backslashes": "C:\\new\\table \\x41 \\u0041 \\",
    "yaml syntax": "key: value, - [item] {map} &anchor *alias # not a comment",
    "bidi controls": "Academy \u202etxt.exe\u202c \u2066isolated\u2069 \u200f",
    "emoji and scripts": "Académie 🎓 सूचना का अधिकार أكاديمية 学院",
}


def hostile_profile(folder: Path, text: str) -> Path:
    """The island example with ``text`` in every free-text field the template touches."""
    data = yaml12().read_yaml(ISLAND)
    data["portal"]["name"] = {"en": text, "fr": text}
    data["portal"]["tagline"] = text
    data["country"]["name"] = text
    data["regions"][0]["name"] = text
    data["organisations"]["levels"][0]["name"] = text
    data["organisations"]["seed"][0]["name"] = text
    path = folder / "hostile.yaml"  # JSON is YAML: the text is written exactly
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_generates_and_arrives_byte_for_byte(tmp_path, text):
    project = generate(hostile_profile(tmp_path, text), tmp_path / "out", git=False).path
    readme = (project / "README.md").read_text(encoding="utf-8")
    assert readme.splitlines()[0] == f"# {text}"
    assert f"The national learning portal of {text} for its civil servants" in readme
    country = yaml12().read_yaml(project / "country.yaml")
    assert country["portal"]["name"]["en"] == text
    assert country["country"]["name"] == text
    assert country["organisations"]["seed"][0]["name"] == text
    assert country["regions"][0]["name"] == text
    assert "Academy 42" not in readme and "Examplia" not in readme


def test_a_canary_command_in_a_name_is_never_executed(tmp_path):
    canary = tmp_path / "CANARY"
    payload = (
        "{{ cycler.__init__.__globals__.os.popen('touch "
        + str(canary)
        + "').read() }}{{ self._TemplateReference__context }}"
    )
    project = generate(hostile_profile(tmp_path, payload[:200]), tmp_path / "out").path
    assert not canary.exists()
    assert (project / "README.md").read_text(encoding="utf-8").splitlines()[
        0
    ] == f"# {payload[:200]}"
    # The first commit holds the same literal text: nothing ran at commit time either.
    shown = subprocess.run(
        ["git", "show", "HEAD:README.md"], cwd=project, capture_output=True, text=True, check=True
    )
    assert payload[:200] in shown.stdout


REFUSED = {
    "newline": ("Public\nService Academy", "no line breaks"),
    "tab": ("Public\tService", "no line breaks, tabs"),
    "10,000 characters": ("A" * 10_000, "is 10,000 characters long; at most 200"),
    "empty": ("", "must not be empty"),
}


@pytest.mark.parametrize(("text", "says"), REFUSED.values(), ids=REFUSED.keys())
def test_text_that_cannot_be_a_name_is_refused_clearly_and_nothing_is_written(tmp_path, text, says):
    profile = hostile_profile(tmp_path, text)
    result = CliRunner().invoke(cli, ["new", str(profile), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "portal.name.en:" in result.output and says in result.output
    assert "country.name:" in result.output
    assert "organisations.seed[0].name:" in result.output
    assert not (tmp_path / "out").exists()


def billion_laughs_profile(folder: Path) -> Path:
    lines = ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 9):
        lines.append(f"lol{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 9)}]")
    path = folder / "bomb.yaml"
    path.write_text(ISLAND.read_text(encoding="utf-8") + "\n".join(lines) + "\n", "utf-8")
    return path


def test_an_alias_bomb_is_refused_at_its_line_by_validate_and_new(tmp_path):
    bomb = billion_laughs_profile(tmp_path)
    bomb_line = ISLAND.read_text(encoding="utf-8").count("\n") + 7  # the lol6 line
    for command in (["validate", str(bomb)], ["new", str(bomb), "-o", str(tmp_path / "out")]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 1
        assert f"bomb.yaml:{bomb_line}: aliases expand the document by more than" in result.output
    assert not (tmp_path / "out").exists()


def test_ordinary_anchors_and_aliases_keep_working(tmp_path):
    text = ISLAND.read_text(encoding="utf-8")
    text = text.replace("  name:\n    en: Seychelles\n", "  name: &country\n    en: Seychelles\n")
    text = text.replace(
        "  - {code: SC-MAHE, name: Mahé}",
        "  - {code: SC-MAHE, name: Mahé}\n  - {code: SC-ALL, name: *country}",
    )
    profile = tmp_path / "anchors.yaml"
    profile.write_text(text, encoding="utf-8")
    project = generate(profile, tmp_path / "out", git=False).path
    regions = yaml12().read_yaml(project / "country.yaml")["regions"]
    assert regions[1] == {"code": "SC-ALL", "name": {"en": "Seychelles", "fr": "Seychelles"}}


def test_a_profile_over_the_size_bound_is_refused_before_it_is_read(tmp_path):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as file:
        file.truncate(60 * 1024 * 1024)
    result = CliRunner().invoke(cli, ["validate", str(huge)])
    assert result.exit_code == 1
    assert "huge.yaml: the file is 60.0 MB; YAML files may be at most 50 MB" in result.output


NORWAY = """\
profile_version: 1
country: {name: Norge, code: NO, time_zone: Europe/Oslo}
portal: {name: {no: Forvaltningsakademiet, en: 'yes'}, short_name: "on", domain: learn.no.example,
  admin_email: off@no.example, tagline: "12:30"}
languages: {default: no, enabled: [no, en]}
theme: civic
competency_framework: generic-public-service
regions: [{code: "n", name: "2026-12-01"}, {code: y, name: "~"}]
organisations:
  levels: [{code: "off", name: "NO"}, {code: "on", name: "y"}]
  seed:
    - {code: "yes", name: "0o10", level: "off", region: "n"}
    - {code: "08", name: "1e3", level: "on", parent: "yes"}
    - {code: "no", name: "null", level: "on", parent: "yes", region: y}
"""


def test_yaml_1_1_traps_are_read_as_written_by_kit_and_portal(tmp_path):
    profile = tmp_path / "norway.yaml"
    profile.write_text(NORWAY, encoding="utf-8")
    project = generate(profile, tmp_path / "out", git=False).path
    data = yaml12().read_yaml(project / "country.yaml")
    assert data["country"]["code"] == "NO"
    assert data["languages"] == {"default": "no", "enabled": ["no", "en"]}
    assert data["portal"]["short_name"] == "on" and data["portal"]["tagline"] == "12:30"
    assert [r["name"] for r in data["regions"]] == ["2026-12-01", "~"]
    seed = data["organisations"]["seed"]
    assert [(o["code"], o["name"]) for o in seed] == [
        ("yes", "0o10"),
        ("08", "1e3"),
        ("no", "null"),
    ]


def test_values_yaml_reads_as_numbers_or_nothing_are_refused_with_a_hint(tmp_path):
    profile = tmp_path / "unquoted.yaml"
    text = NORWAY.replace('code: "08"', "code: 08").replace('name: "~"', "name: ~")
    profile.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(profile)])
    assert result.exit_code == 1
    assert (
        "unquoted.yaml:13: organisations.seed[1].code: 8 is not of type string "
        "(YAML read the unquoted value as a number; put it in quotes to keep it as text)"
    ) in result.output
    assert "regions[1].name: None is not of type" in result.output
    assert "as empty; put it in quotes" in result.output


def test_validate_takes_several_profiles_and_reports_every_one(tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(ISLAND.read_text(encoding="utf-8").encode("latin-1"))
    result = CliRunner().invoke(
        cli,
        ["validate", str(ISLAND), str(latin), str(EXAMPLES_DIR / "rtl-country.yaml"), "gone.yaml"],
    )
    assert result.exit_code == 1
    assert "island-state.yaml: valid" in result.output
    assert "rtl-country.yaml: valid" in result.output
    lines = ISLAND.read_text(encoding="utf-8").splitlines()
    first_bad = next(number for number, line in enumerate(lines, 1) if not line.isascii())
    assert f"latin.yaml:{first_bad}: not UTF-8 text: byte 0xe9" in result.output
    assert "error: gone.yaml: file not found" in result.output
    assert "2 of 4 profiles are not valid" in result.output


def test_a_failing_git_commit_names_the_step(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_AUTHOR_DATE", "not a date at all")
    with pytest.raises(GovlearnError, match=r"git commit failed in the new repository: .*date"):
        generate(ISLAND, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_template_failure_leaves_no_output_folder(tmp_path):
    from govlearn.catalog import template_dir

    broken = tmp_path / "template"
    subprocess.run(["cp", "-r", str(template_dir()), str(broken)], check=True)
    (broken / "hooks" / "pre_gen_project.py").write_text("raise SystemExit(3)\n", "utf-8")
    with pytest.raises(GovlearnError, match="generation hook failed"):
        generate(ISLAND, tmp_path / "deep" / "out", template=broken)
    assert not (tmp_path / "deep").exists()


def test_new_explains_its_output_folder_and_how_to_sign_in(tmp_path):
    assert "Parent folder" in CliRunner().invoke(cli, ["new", "--help"]).output
    result = CliRunner().invoke(cli, ["new", str(ISLAND), "-o", str(tmp_path), "--no-git"])
    assert result.exit_code == 0, result.output
    command = next(line for line in result.output.splitlines() if "make dev" in line)
    password = command.split("GOVLEARN_DEMO_PASSWORD=")[1].split()[0]
    assert len(password) >= 12
    assert f"sign in as admin (or a demo learner such as amina) with the password {password}" in (
        result.output
    )


READ_BACK = """
import json
from home.models import HomePage
from organisations.models import Organisation, Region
from portal.country import get_country
from wagtail.models import Site
country = get_country()
print(json.dumps({
    "code": country.code,
    "languages": [language.code for language in country.languages],
    "organisations": sorted([o.code, o.name, o.level] for o in Organisation.objects.all()),
    "regions": sorted([r.code, r.name] for r in Region.objects.all()),
    "home_titles": sorted(HomePage.objects.values_list("title", flat=True)),
    "site_name": Site.objects.get(is_default_site=True).site_name,
}))
"""


@pytest.mark.slow
def test_the_generated_portal_boots_and_reads_traps_and_hostile_text_back_unchanged(tmp_path):
    """The portal, not only the kit, reads country.yaml as the kit validated it."""
    hostile = HOSTILE["jinja statement"] + " " + HOSTILE["quotes"]
    text = NORWAY.replace("Forvaltningsakademiet", json.dumps(hostile))
    text = text.replace('name: "0o10"', f"name: {json.dumps(HOSTILE['bidi controls'])}")
    profile = tmp_path / "norway.yaml"
    profile.write_text(text, encoding="utf-8")
    project = generate(profile, tmp_path / "out", git=False).path
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"

    def run(*arguments):
        result = manage(project, *arguments, DATABASE_URL=database)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return result.stdout

    run("check")
    run("migrate", "--noinput", "-v0")
    run("sync_country")
    read = json.loads(run("shell", "-c", READ_BACK).strip().splitlines()[-1])
    assert read["code"] == "NO"
    assert read["languages"] == ["no", "en"]
    assert read["organisations"] == [
        ["08", "1e3", "on"],
        ["no", "null", "on"],
        ["yes", HOSTILE["bidi controls"], "off"],
    ]
    assert read["regions"] == [["n", "2026-12-01"], ["y", "~"]]
    assert hostile in read["home_titles"] and read["site_name"] == hostile
