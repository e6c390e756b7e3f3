"""Every check a theme pack must pass before a portal is generated with it.

Three passes over one located ``theme.yaml``: the published JSON Schema (shape, token
syntax), the pack's files (present, inside the pack, of a kind the portal can serve,
SVGs free of script), and WCAG 2.1 AA contrast of every declared colour pair plus the
pairs the portal always draws. Problems are collected, never raised, so an integrator
sees the whole list at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from govlearn.catalog import themes_dir
from govlearn.errors import GovlearnError, Problem, display_path
from govlearn.schema_check import load_schema, schema_problems
from govlearn.themes.contrast import AA_MINIMUM, contrast_ratio, format_ratio, parse_hex
from govlearn.themes.model import REQUIRED_PAIRS, THEME_FILE
from govlearn.yamlfile import LocatedDocument, load_located

SCHEMA_FILE = "theme.schema.json"
FONT_SUFFIXES = (".woff2", ".woff")
IMAGE_SUFFIXES = {"logo": (".svg", ".png"), "favicon": (".svg", ".png", ".ico")}
_SIZE_WORDS = {"normal": "body text", "large": "large text", "ui": "UI component"}


def theme_schema() -> dict:
    return load_schema(themes_dir() / SCHEMA_FILE)


def validate_theme_dir(path: Path | str) -> list[Problem]:
    """Every problem with the theme pack at ``path``; empty when it is valid."""
    path = Path(path)
    theme_file = path / THEME_FILE
    if not theme_file.is_file():
        return [
            Problem(
                display_path(theme_file),
                None,
                "",
                "file not found (a theme pack is a folder holding theme.yaml)",
            )
        ]
    try:
        document = load_located(theme_file)
    except GovlearnError as exc:
        return [_problem_from_error(theme_file, exc)]
    return theme_document_problems(document)


def theme_document_problems(document: LocatedDocument) -> list[Problem]:
    data = document.data
    if not isinstance(data, dict):
        return [document.problem([], "a theme must be a YAML mapping (key: value lines)")]
    problems = schema_problems(document, theme_schema())
    broken = {problem.path.split(".")[0].split("[")[0] for problem in problems}
    pack = document.source.parent
    problems += _file_problems(document, data, pack, broken)
    colours = data.get("tokens", {}).get("color") if isinstance(data.get("tokens"), dict) else None
    if isinstance(colours, dict) and "contrast_pairs" not in broken:
        problems += _contrast_problems(document, data, colours)
    return document.report(problems)


def _problem_from_error(theme_file: Path, error: GovlearnError) -> Problem:
    """``file:12: invalid YAML: …`` from the loader, as a located Problem."""
    name = display_path(theme_file)
    text = str(error)
    match = re.match(rf"^{re.escape(name)}(?::(\d+))?: (.*)$", text, re.DOTALL)
    if match:
        line = int(match.group(1)) if match.group(1) else None
        return Problem(name, line, "", match.group(2))
    return Problem(name, None, "", text)


def _file_problems(
    document: LocatedDocument, data: dict, pack: Path, broken: set[str]
) -> Iterator[Problem]:
    for key in ("logo", "favicon"):
        if key in broken or key not in data:
            continue
        target = yield from _existing_file(document, [key], pack, data[key])
        if target is None:
            continue
        if target.suffix.lower() not in IMAGE_SUFFIXES[key]:
            allowed = ", ".join(IMAGE_SUFFIXES[key])
            yield document.problem([key], f"{data[key]!r} must be one of {allowed}")
        elif target.suffix.lower() == ".svg":
            yield from _svg_problems(document, [key], target)
    if "fonts" not in broken:
        for index, font in enumerate(data.get("fonts", [])):
            target = yield from _existing_file(
                document, ["fonts", index, "file"], pack, font["file"]
            )
            if target is not None and not target.name.endswith(FONT_SUFFIXES):
                yield document.problem(
                    ["fonts", index, "file"],
                    f"{font['file']!r} must be a .woff2 or .woff font file",
                )
            yield from _existing_file(document, ["fonts", index, "licence"], pack, font["licence"])
    if "templates" not in broken and "templates" in data:
        folder = _inside(pack, data["templates"])
        if folder is None or not folder.is_dir():
            yield document.problem(
                ["templates"], f"{data['templates']!r} is not a folder inside the theme pack"
            )


def _existing_file(document, path: list, pack: Path, relative: str):
    """Yields a problem when missing; returns the file when it exists inside the pack."""
    target = _inside(pack, relative)
    if target is None:
        yield document.problem(path, f"{relative!r} points outside the theme pack")
        return None
    if not target.is_file():
        yield document.problem(path, f"{relative!r} does not exist in the theme pack")
        return None
    return target


def _inside(pack: Path, relative: str) -> Path | None:
    target = (pack / relative).resolve()
    try:
        target.relative_to(pack.resolve())
    except ValueError:
        return None
    return target


def _svg_problems(document: LocatedDocument, path: list, svg: Path) -> Iterator[Problem]:
    """An SVG is served from the portal's own origin, so it must not carry script."""
    try:
        root = ElementTree.parse(svg).getroot()
    except ElementTree.ParseError as exc:
        yield document.problem(path, f"{svg.name} is not well-formed SVG ({exc})")
        return
    if _local(root.tag) != "svg":
        yield document.problem(path, f"{svg.name} is not an SVG image (root is <{root.tag}>)")
        return
    for element in root.iter():
        tag = _local(element.tag)
        if tag in ("script", "foreignObject"):
            yield document.problem(path, f"{svg.name} contains <{tag}>; remove it")
        for attribute, value in element.attrib.items():
            name = _local(attribute)
            if name.lower().startswith("on"):
                yield document.problem(path, f"{svg.name} has an event handler {name}=; remove it")
            if name == "href" and not value.startswith("#"):
                yield document.problem(
                    path, f"{svg.name} refers to {value!r}; a logo must be self-contained"
                )


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _contrast_problems(document: LocatedDocument, data: dict, colours: dict) -> Iterator[Problem]:
    """Checks every pair whose colours parse; malformed colours are already reported."""
    declared = set()
    for index, pair in enumerate(data["contrast_pairs"]):
        foreground, background, size = pair["foreground"], pair["background"], pair["size"]
        declared.add((foreground, background, size))
        missing = [role for role in (foreground, background) if role not in colours]
        for role in missing:
            which = "foreground" if role == foreground else "background"
            yield document.problem(
                ["contrast_pairs", index, which], f"{role!r} is not a colour in tokens.color"
            )
        if missing or not (_is_colour(colours[foreground]) and _is_colour(colours[background])):
            continue
        ratio = contrast_ratio(colours[foreground], colours[background])
        if ratio < AA_MINIMUM[size]:
            yield document.problem(
                ["contrast_pairs", index],
                f"{foreground} {colours[foreground]} on {background} {colours[background]} "
                f"has contrast {format_ratio(ratio)}; WCAG 2.1 AA needs at least "
                f"{AA_MINIMUM[size]:g}:1 for {_SIZE_WORDS[size]}",
            )
    for foreground, background, size in REQUIRED_PAIRS:
        covered = any(
            (foreground, background, stricter) in declared
            for stricter in _as_strict_or_stricter(size)
        )
        if not covered:
            yield document.problem(
                ["contrast_pairs"],
                f"missing pair {{foreground: {foreground}, background: {background}, "
                f"size: {size}}}: the portal draws it on every page",
            )


def _is_colour(value) -> bool:
    try:
        parse_hex(value)
    except ValueError:
        return False
    return True


def _as_strict_or_stricter(size: str) -> tuple[str, ...]:
    """A pair checked at 4.5:1 also covers the same pair at 3:1."""
    return ("normal",) if size == "normal" else (size, "normal", "large", "ui")
