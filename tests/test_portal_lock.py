"""The portal's lock files pin every package it installs, each with hashes.

``requirements*.txt`` name what the portal asks for; ``requirements.lock`` and
``requirements-dev.lock`` (written by the portal's ``make lock``) are what its Makefile and
CI install with ``pip --require-hashes``, and that refuses a package the lock does not list.
So the lock must cover every package pip would pull in, here and on the servers' Python.
What pip would pull in is read from the metadata of the packages installed in this
virtualenv, which the kit's Makefile installs from the same ``requirements-dev.txt``.
No network: everything comes from the files and from installed metadata.
"""

from __future__ import annotations

import importlib.metadata
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import KIT_ROOT
from packaging.markers import Marker, default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PORTAL = KIT_ROOT / "template" / "{{cookiecutter.project_slug}}"
RUNTIME = (PORTAL / "requirements.txt", PORTAL / "requirements.lock")
DEV = (PORTAL / "requirements-dev.txt", PORTAL / "requirements-dev.lock")
HASH_OPTION = re.compile(r"--hash=sha256:([0-9a-f]{64})")

# The interpreters the lock must serve beside the one running this test: the servers run
# Debian's Python (Debian 12 ships 3.11.2, Debian 13 ships 3.13.5), and a dependency's
# marker can depend on the patch release (redis needs async-timeout only before 3.11.3).
SERVER_PYTHONS = {"debian-12": "3.11.2", "debian-13": "3.13.5"}


@dataclass(frozen=True)
class Locked:
    name: str
    version: str
    marker: Marker | None
    hashes: tuple[str, ...]

    def applies(self, environment: dict[str, str]) -> bool:
        return self.marker is None or self.marker.evaluate(environment)


def read_lock(path: Path) -> list[Locked]:
    """The lock's entries; a line that is not an exact pin with hashes fails the test."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        requirement_text, separator, options = line.partition(" --hash=")
        requirement_text = requirement_text.strip()
        requirement = Requirement(requirement_text)
        specifiers = list(requirement.specifier)
        assert len(specifiers) == 1 and specifiers[0].operator == "==", (
            f"{path.name}: {requirement_text} is not one exact pin"
        )
        assert separator, f"{path.name}: {requirement_text} has no --hash=sha256:"
        matches = [HASH_OPTION.fullmatch(option) for option in (separator + options).split()]
        assert all(matches), (
            f"{path.name}: {requirement_text} has an option that is not a sha256 hash"
        )
        hashes = tuple(match.group(1) for match in matches)
        entries.append(
            Locked(
                canonicalize_name(requirement.name),
                specifiers[0].version,
                requirement.marker,
                hashes,
            )
        )
    return entries


def read_requirements(path: Path) -> list[Requirement]:
    """A requirements file's requirements, following ``-r`` includes."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")):
            found += read_requirements(path.parent / line.split(maxsplit=1)[1])
            continue
        assert not line.startswith("-"), f"{path.name}: unexpected option {line!r}"
        found.append(Requirement(line))
    return found


def pulled_in(
    requirements: list[Requirement], environment: dict[str, str]
) -> tuple[set[str], set[str]]:
    """Every package ``pip install`` of ``requirements`` would install in ``environment``,
    walked through installed metadata; and those of them that are not installed here
    (their own dependencies cannot be walked)."""
    names: set[str] = set()
    not_installed: set[str] = set()
    queue = list(requirements)
    walked: set[tuple[str, frozenset[str]]] = set()
    while queue:
        requirement = queue.pop()
        name = canonicalize_name(requirement.name)
        extras = frozenset(canonicalize_name(extra) for extra in requirement.extras)
        if (name, extras) in walked:
            continue
        walked.add((name, extras))
        names.add(name)
        try:
            distribution = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            not_installed.add(name)
            continue
        for text in distribution.requires or []:
            dependency = Requirement(text)
            wanted = dependency.marker is None or any(
                dependency.marker.evaluate({**environment, "extra": extra})
                for extra in {"", *extras}
            )
            if wanted:
                queue.append(dependency)
    return names, not_installed


def environment_for(python_full_version: str | None = None) -> dict[str, str]:
    environment = default_environment()
    if python_full_version:
        environment.update(
            python_full_version=python_full_version,
            python_version=".".join(python_full_version.split(".")[:2]),
            implementation_name="cpython",
            platform_python_implementation="CPython",
            sys_platform="linux",
            platform_system="Linux",
        )
    return environment


def missing_from_lock(
    requirements: list[Requirement], lock: list[Locked], environment: dict[str, str]
) -> tuple[set[str], set[str]]:
    names, not_installed = pulled_in(requirements, environment)
    locked = {entry.name for entry in lock if entry.applies(environment)}
    return names - locked, not_installed


@pytest.mark.parametrize("files", [RUNTIME, DEV], ids=["runtime", "dev"])
def test_every_locked_package_is_an_exact_pin_with_hashes(files):
    _, lock_file = files
    entries = read_lock(lock_file)
    assert len(entries) > 50
    raw_lines = [
        line
        for line in lock_file.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith(("#", "--hash="))
    ]
    # Every requirement line (the line an entry starts on) is followed by its hashes.
    assert len(raw_lines) == len(entries)
    assert all(line.endswith("\\") for line in raw_lines)


@pytest.mark.parametrize("files", [RUNTIME, DEV], ids=["runtime", "dev"])
def test_every_direct_pin_is_locked_at_its_version(files):
    requirements_file, lock_file = files
    lock = read_lock(lock_file)
    for requirement in read_requirements(requirements_file):
        (pin,) = requirement.specifier
        assert pin.operator == "==", f"{requirement} is not pinned"
        name = canonicalize_name(requirement.name)
        versions = {entry.version for entry in lock if entry.name == name}
        assert versions == {pin.version}, (
            f"{requirements_file.name} pins {requirement}, "
            f"{lock_file.name} has {sorted(versions) or 'nothing'}: run `make lock`"
        )


@pytest.mark.parametrize("files", [RUNTIME, DEV], ids=["runtime", "dev"])
def test_the_lock_lists_every_package_pip_installs_here(files):
    requirements_file, lock_file = files
    requirements = read_requirements(requirements_file)
    for requirement in requirements:
        try:
            installed = importlib.metadata.version(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            pytest.fail(f"{requirement.name} is not installed here: run `make setup`")
        assert requirement.specifier.contains(installed, prereleases=True), (
            f"this virtualenv has {requirement.name} {installed}, not {requirement.specifier}; "
            "run `make setup`"
        )
    missing, not_installed = missing_from_lock(
        requirements, read_lock(lock_file), environment_for()
    )
    assert not_installed == set(), f"not installed here, run `make setup`: {not_installed}"
    assert missing == set(), f"{lock_file.name} lacks {sorted(missing)}: run `make lock`"


@pytest.mark.parametrize("python", SERVER_PYTHONS.values(), ids=SERVER_PYTHONS.keys())
def test_the_runtime_lock_serves_the_servers_python(python):
    requirements_file, lock_file = RUNTIME
    missing, _ = missing_from_lock(
        read_requirements(requirements_file), read_lock(lock_file), environment_for(python)
    )
    assert missing == set(), f"{lock_file.name} lacks {sorted(missing)} for Python {python}"


def test_redis_brings_async_timeout_only_before_python_3_11_3():
    """The check above would pass vacuously if markers were ignored: pin that down."""
    lock = read_lock(RUNTIME[1])
    (async_timeout,) = (entry for entry in lock if entry.name == "async-timeout")
    assert async_timeout.applies(environment_for("3.11.2"))
    assert not async_timeout.applies(environment_for("3.11.7"))


def test_development_installs_exactly_what_production_runs():
    dev = set(read_lock(DEV[1]))
    differ = sorted(entry.name for entry in read_lock(RUNTIME[1]) if entry not in dev)
    assert differ == [], f"requirements-dev.lock differs from requirements.lock on {differ}"


def test_the_check_notices_a_package_missing_from_the_lock():
    requirements_file, lock_file = RUNTIME
    requirements = read_requirements(requirements_file)
    lock = [entry for entry in read_lock(lock_file) if entry.name not in {"amqp", "sqlparse"}]
    missing, _ = missing_from_lock(requirements, lock, environment_for())
    assert missing == {"amqp", "sqlparse"}


def test_the_portal_installs_only_from_the_lock_and_checks_hashes():
    makefile = (PORTAL / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line]
    assert "$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock" in installs
    unchecked = [line for line in installs if "requirements" in line and "-hashes" not in line]
    assert unchecked == []
    assert "\nlock: " in makefile
