"""``govlearn new``: one validated profile in, one country repository out.

Everything is built in a scratch folder beside the target and moved into place only when
complete, so a failure at any step leaves nothing behind and an existing repository is
replaced only with ``force`` and only after the new one is whole.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from cookiecutter.exceptions import CookiecutterException, FailedHookException
from cookiecutter.main import cookiecutter
from jinja2 import TemplateError

from govlearn.catalog import template_dir
from govlearn.errors import GovlearnError, display_path
from govlearn.profile import Profile, load_profile
from govlearn.provenance import record_provenance
from govlearn.yamlfile import yaml12

THEME_FOLDER = "theme"
FRAMEWORK_FILE = "framework/framework.yaml"


@dataclass(frozen=True)
class Generated:
    path: Path
    slug: str
    commit: str | None


# What cookiecutter may render: derived values and values the schema holds to these
# characters, none of which can open a Jinja tag. People's text never goes through it.
_RENDERABLE = re.compile(r"[A-Za-z0-9 ._/:@+,-]*")


def cookiecutter_context(profile: Profile) -> dict:
    """The variables ``cookiecutter.json`` declares, filled from the profile.

    Cookiecutter renders every public variable with Jinja, so text from a profile placed
    there would be executed as a template (``{{ cycler.__init__.__globals__.os… }}``).
    Only slugs and codes are public here; the names people typed travel in the private
    ``_profile_text`` variable, which cookiecutter copies without rendering, and the
    template prints them as plain values.
    """
    data = profile.data
    default = data["languages"]["default"]
    rendered = {
        "project_slug": profile.slug,
        "country_code": data["country"]["code"],
        "time_zone": data["country"]["time_zone"],
        "domain": data["portal"]["domain"],
        "default_language": default,
        "enabled_languages": ",".join(data["languages"]["enabled"]),
        "theme": THEME_FOLDER,
        "competency_framework": FRAMEWORK_FILE,
    }
    for name, value in rendered.items():
        if not _RENDERABLE.fullmatch(value):
            raise GovlearnError(f"{name} {value!r} holds characters the template cannot take")
    return {
        **rendered,
        "_kit_copies_assets": "yes",
        "_profile_text": {
            "portal_name": _in_language(data["portal"]["name"], default),
            "portal_short_name": data["portal"]["short_name"],
            "country_name": _in_language(data["country"]["name"], default),
            "admin_email": data["portal"]["admin_email"],
        },
    }


def _in_language(text, language: str) -> str:
    if isinstance(text, dict):
        lowered = {key.lower(): value for key, value in text.items()}
        return lowered.get(language.lower()) or next(iter(text.values()))
    return text


def generate(
    profile_path: Path | str,
    output_dir: Path | str = ".",
    *,
    force: bool = False,
    git: bool = True,
    template: Path | None = None,
) -> Generated:
    """Build the country repository for the profile at ``profile_path`` in ``output_dir``.

    ``template`` renders another template folder than the kit's own (an upgrade renders
    the template a repository was generated from).
    """
    profile = load_profile(profile_path)
    output_dir = Path(output_dir).resolve()
    target = output_dir / profile.slug
    if target.exists() and not force:
        raise GovlearnError(
            f"{display_path(target)} already exists; use --force to replace it "
            "(its contents will be lost)"
        )
    created = [folder for folder in (output_dir, *output_dir.parents) if not folder.exists()]
    output_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{profile.slug}-", dir=output_dir))
    try:
        try:
            built = _render(profile, scratch, Path(template) if template else template_dir())
            _install_theme(profile, built)
            _install_framework(profile, built)
            _write_country_yaml(profile, built)
            record_provenance(built, template=template)
            commit = _git_init(built) if git else None
            _move_into_place(built, target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    except BaseException:
        for folder in created:  # the folders this run made, deepest first, if still empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    return Generated(path=target, slug=profile.slug, commit=commit)


def _render(profile: Profile, scratch: Path, template: Path) -> Path:
    # Cookiecutter's replay and download folders go into the scratch folder, so that
    # generating writes nothing about the profile into the user's home directory.
    settings = {
        "cookiecutters_dir": str(scratch / ".cookiecutters"),
        "replay_dir": str(scratch / ".replay"),
    }
    try:
        rendered = cookiecutter(
            str(template),
            no_input=True,
            extra_context=cookiecutter_context(profile),
            output_dir=str(scratch / "out"),
            accept_hooks=True,
            default_config=settings,
        )
    except (FailedHookException, subprocess.CalledProcessError) as exc:  # a hook refused
        raise GovlearnError(f"the template's generation hook failed: {exc}") from exc
    except (CookiecutterException, TemplateError, OSError) as exc:
        raise GovlearnError(f"rendering the portal template failed: {exc}") from exc
    return Path(rendered)


def _install_theme(profile: Profile, project: Path) -> None:
    destination = project / THEME_FOLDER
    shutil.rmtree(destination, ignore_errors=True)
    shutil.copytree(
        profile.theme_path,
        destination,
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".DS_Store"),
    )


def _install_framework(profile: Profile, project: Path) -> None:
    destination = project / FRAMEWORK_FILE
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(profile.framework_path, destination)


def _write_country_yaml(profile: Profile, project: Path) -> None:
    """The agency's own file, byte for byte, with its references pointing inside the repo.

    Only three spans change: the values of ``theme`` and ``competency_framework``, and a
    ``slug`` line added to ``portal`` when the profile has none. Everything else, comments
    and layout included, stays as the agency wrote it. The portal's own reader then reads
    the result back, and it must find exactly the validated data, so no value can change
    meaning between the kit and the portal.
    """
    text = _point_inside_repository(profile.document.text, profile.slug)
    expected = {
        **profile.data,
        "theme": THEME_FOLDER,
        "competency_framework": FRAMEWORK_FILE,
        "portal": {"slug": profile.slug, **profile.data["portal"]},
    }
    if yaml12().load_yaml(text) != expected:
        raise GovlearnError(
            f"{display_path(profile.source)}: writing country.yaml would change what it means; "
            "please report this profile to the govlearn maintainers"
        )
    (project / "country.yaml").write_text(text, encoding="utf-8")


def _point_inside_repository(text: str, slug: str) -> str:
    """``text`` with the theme and framework values replaced and the slug added.

    Positions come from the parser's events; edits are applied from the end of the text
    backwards so that earlier positions stay valid.
    """
    replacements = {"theme": THEME_FOLDER, "competency_framework": FRAMEWORK_FILE}
    edits: list[tuple[int, int, str]] = []
    depth = 0
    key = None  # the last top-level key read, while its value is awaited
    portal_has_slug = False
    portal_insert: tuple[int, str] | None = None
    in_portal = False
    for event in yaml12().events(text):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth == 2 and key == "portal" and isinstance(event, yaml.MappingStartEvent):
                in_portal = True
                if event.flow_style:
                    portal_insert = (event.end_mark.index, f"slug: {slug}, ")
            key = None if depth == 2 else key
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
            if depth == 1:
                in_portal = False
        elif isinstance(event, yaml.ScalarEvent) and depth == 1:
            if key is None:
                key = event.value
                continue
            if key in replacements:
                value = json.dumps(replacements[key])
                edits.append((event.start_mark.index, event.end_mark.index, value))
            key = None
        elif isinstance(event, yaml.ScalarEvent) and depth == 2 and in_portal:
            if portal_insert is None:
                indent = " " * event.start_mark.column
                line_start = event.start_mark.index - event.start_mark.column
                portal_insert = (line_start, f"{indent}slug: {slug}\n")
            portal_has_slug = portal_has_slug or event.value == "slug"
    if not portal_has_slug and portal_insert is not None:
        edits.append((portal_insert[0], portal_insert[0], portal_insert[1]))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _git_init(project: Path) -> str:
    identity = ["-c", "user.name=govlearn", "-c", "user.email=govlearn@localhost"]
    commands = [
        ["git", "init", "--quiet", "--initial-branch=main"],
        ["git", "add", "--all"],
        [
            "git",
            *identity,
            "commit",
            "--quiet",
            "--no-verify",
            "--no-gpg-sign",
            "-m",
            "Generate portal with govlearn",
        ],
        ["git", "rev-parse", "HEAD"],
    ]
    result = None
    for command in commands:
        try:
            result = subprocess.run(
                command, cwd=project, check=True, capture_output=True, text=True
            )
        except FileNotFoundError:
            raise GovlearnError("git is not installed; install it or use --no-git") from None
        except subprocess.CalledProcessError as exc:
            subcommand = next(
                word for word in command[1:] if not word.startswith("-") and "=" not in word
            )
            step = f"git {subcommand}"
            reason = (exc.stderr or exc.stdout or "").strip() or f"exit status {exc.returncode}"
            raise GovlearnError(f"{step} failed in the new repository: {reason}") from None
    return result.stdout.strip()


def _move_into_place(built: Path, target: Path) -> None:
    if not target.exists():
        built.rename(target)
        return
    retired = target.with_name(f".{target.name}.replaced")
    shutil.rmtree(retired, ignore_errors=True)
    target.rename(retired)
    built.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
