"""Read the portal's YAML files (country profile, theme, framework) as YAML 1.2 data.

One reader for one dialect, end to end: the govlearn kit validates a profile with *this
very module* (it loads it from the template), so the portal reads exactly what the kit
validated. PyYAML's own loaders speak YAML 1.1, where ``NO`` (Norway) and ``no``
(Norwegian) are ``False`` and ``12:30`` is 750; here they stay text.

The document is built straight from libyaml's event stream, which is several times
faster than PyYAML's composer and lets us bound what a hostile file can cost before it
costs it:

- a file over ``MAX_FILE_BYTES`` is refused before it is read;
- aliases may add at most ``MAX_ALIAS_NODES`` nodes to the document (a "billion laughs"
  file is refused at the alias that crosses the bound, in milliseconds, with flat memory);
- nesting deeper than ``MAX_DEPTH`` is refused;
- an alias to a collection that contains it, duplicate keys, several documents in one
  file and any explicit tag but ``!!str`` are refused.

Values follow the YAML 1.2 core schema: ``true``/``false``, ``null``/``~``/empty,
decimal, ``0o`` octal and ``0x`` hexadecimal integers, and floats; anything else,
including dates and times, is text. Mapping keys are always text, as written. The
``<<`` merge key of common YAML practice is honoured.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ALIAS_NODES = 1_000_000
MAX_DEPTH = 64

_STRING_TAGS = {"!", "tag:yaml.org,2002:str"}
_INT_DECIMAL = re.compile(r"[-+]?[0-9]+")
_INT_OCTAL = re.compile(r"0o[0-7]+")
_INT_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INFINITY = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")
_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLEANS = {"true": True, "True": True, "TRUE": True}
_BOOLEANS |= {"false": False, "False": False, "FALSE": False}
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YAMLFileError(ValueError):
    """A file that is not YAML we accept; ``line`` is 1-based where one is known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


def read_yaml(path: Path | str) -> Any:
    """The data in the YAML file at ``path``."""
    return load_yaml(read_text(path))


def read_text(path: Path | str) -> str:
    """The file's text, refusing files over the size bound and bytes that are not UTF-8."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise YAMLFileError(
            f"the file is {size / 1024 / 1024:.1f} MB; YAML files may be at most "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB"
        )
    return decode_utf8(path.read_bytes())


def decode_utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise YAMLFileError(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be read; save the file as "
            "UTF-8 (it may be in Latin-1 or a Windows code page)",
            line,
        ) from None


def load_yaml(text: str) -> Any:
    """The data in one YAML 1.2 document (``None`` for an empty file)."""
    try:
        return _build(events(text))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "invalid YAML"
        raise YAMLFileError(f"invalid YAML: {reason}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YAMLFileError(f"invalid YAML: {exc}") from None


def events(text: str):
    """libyaml's events for ``text``: what loading and locating both walk."""
    return yaml.parse(text, Loader=_PARSER)


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar's value under the YAML 1.2 core schema."""
    if value in _NULLS:
        return None
    if value in _BOOLEANS:
        return _BOOLEANS[value]
    first = value[0]
    if first.isdigit() or first in "+-.":
        if _INT_DECIMAL.fullmatch(value):
            return int(value, 10)
        if _INT_OCTAL.fullmatch(value):
            return int(value[2:], 8)
        if _INT_HEX.fullmatch(value):
            return int(value[2:], 16)
        if _FLOAT.fullmatch(value):
            return float(value)
        if _INFINITY.fullmatch(value):
            return -math.inf if value.startswith("-") else math.inf
        if _NAN.fullmatch(value):
            return math.nan
    return value


_NO_KEY = object()
_MERGE = object()
_PLAIN_SPECIAL_FIRST = frozenset("0123456789+-.~nNtTfF")


class _Open:
    """A collection being built; for a mapping, also the key waiting for its value."""

    __slots__ = ("anchor", "is_mapping", "key", "key_line", "merges", "start_count", "value")

    def __init__(self, value, anchor, start_count):
        self.value = value
        self.is_mapping = isinstance(value, dict)
        self.anchor = anchor
        self.start_count = start_count
        self.key = _NO_KEY
        self.key_line = None
        self.merges = None


def _line(event) -> int:
    return event.start_mark.line + 1


def _check_tag(event) -> None:
    tag = event.tag
    if tag in _STRING_TAGS:
        return
    if tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq") and not isinstance(
        event, yaml.ScalarEvent
    ):
        return
    raise YAMLFileError(
        f"the tag {tag!r} is not supported; write plain values (use quotes for text)",
        _line(event),
    )


def _build(events) -> Any:
    """Plain Python data from libyaml events, counting every node that aliases add.

    The loop is written flat, with the common case (a scalar inside a mapping) first,
    because it runs once per node of files with millions of them.
    """
    stack: list[_Open] = []
    top: _Open | None = None
    anchors: dict[str, tuple[Any, int]] = {}  # name -> (value, nodes it expands to)
    open_anchors: set[str] = set()
    nodes = added_by_aliases = documents = 0
    result = None
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent

    for event in events:
        kind = type(event)
        if kind is scalar_event:
            nodes += 1
            raw = event.value
            plain = event.implicit[0] and event.tag is None
            if event.tag is not None:
                _check_tag(event)
            if top is not None and top.is_mapping and top.key is _NO_KEY:
                if plain and raw == "<<":
                    top.key = _MERGE
                elif raw in top.value:
                    raise YAMLFileError(
                        f"invalid YAML: the key {raw!r} appears twice", _line(event)
                    )
                else:
                    top.key = raw
                top.key_line = event.start_mark.line + 1
                continue
            if plain and (not raw or raw[0] in _PLAIN_SPECIAL_FIRST):
                value = resolve_plain(raw)
            else:
                value = raw
            if event.anchor:
                anchors[event.anchor] = (value, 1)
        elif kind is mapping_start or kind is sequence_start:
            if event.tag is not None:
                _check_tag(event)
            if len(stack) >= MAX_DEPTH:
                raise YAMLFileError(
                    f"the document nests deeper than {MAX_DEPTH} levels", _line(event)
                )
            if top is not None and top.is_mapping and top.key is _NO_KEY:
                raise YAMLFileError(
                    "a mapping key must be plain text, not a list or mapping", _line(event)
                )
            nodes += 1
            value = {} if kind is mapping_start else []
            if event.anchor:
                open_anchors.add(event.anchor)
            opened = _Open(value, event.anchor, nodes)
            if top is not None:
                _place(top, value)
            stack.append(opened)
            top = opened
            continue
        elif kind is mapping_end or kind is sequence_end:
            closed = stack.pop()
            if closed.merges:
                _merge(closed)
            if closed.anchor:
                open_anchors.discard(closed.anchor)
                anchors[closed.anchor] = (closed.value, nodes - closed.start_count + 1)
            top = stack[-1] if stack else None
            if top is None:
                result = closed.value
            continue
        elif kind is alias_event:
            name = event.anchor
            if name in open_anchors:
                raise YAMLFileError(
                    f"the alias *{name} refers to a collection that contains it", _line(event)
                )
            if name not in anchors:
                raise YAMLFileError(
                    f"the alias *{name} names no anchor defined before", _line(event)
                )
            if top is not None and top.is_mapping and top.key is _NO_KEY:
                raise YAMLFileError("a mapping key must be plain text, not an alias", _line(event))
            value, size = anchors[name]
            nodes += size
            added_by_aliases += size
            if added_by_aliases > MAX_ALIAS_NODES:
                raise YAMLFileError(
                    f"aliases expand the document by more than {MAX_ALIAS_NODES:,} nodes "
                    f"(the alias *{name} here crosses the bound); this looks like an alias bomb",
                    _line(event),
                )
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YAMLFileError(
                    "the file holds more than one YAML document (a second '---')", _line(event)
                )
            continue
        else:
            continue
        if top is None:
            result = value
        else:
            _place(top, value)
    return result


def _merge(mapping: _Open) -> None:
    """Apply ``<<`` keys: merged mappings fill in the keys the mapping does not set."""
    for value, line in mapping.merges:
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(source, dict) for source in sources):
            raise YAMLFileError("'<<' merges only mappings (or a list of mappings)", line)
        for source in sources:  # earlier sources win, as YAML merge keys define
            for key, item in source.items():
                mapping.value.setdefault(key, item)


def _place(top: _Open, value) -> None:
    """Put a finished value into the collection being built."""
    if not top.is_mapping:
        top.value.append(value)
        return
    if top.key is _MERGE:  # checked when the mapping closes: a list may still be filling
        top.merges = [*(top.merges or []), (value, top.key_line)]
    else:
        top.value[top.key] = value
    top.key = _NO_KEY


def lines_of(text: str, paths) -> dict[tuple, int]:
    """The 1-based line of each wanted path, or of its deepest existing ancestor.

    A second pass over the events, made only when something must be reported, so that
    loading stays fast and small: positions are looked up for the problems found.
    Paths are tuples of mapping keys and list indexes, as in the loaded data.
    """
    wanted = {tuple(path) for path in paths}
    prefixes = {path[:depth] for path in wanted for depth in range(len(path) + 1)}
    found: dict[tuple, int] = {(): 1}
    stack: list[list] = []  # [path, is_mapping, pending key or next index]

    def visit(event) -> tuple | None:
        if not stack:
            return ()
        top = stack[-1]
        if top[1]:
            if top[2] is None:
                top[2] = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                path = (*top[0], top[2])
                if path in prefixes:
                    found[path] = event.start_mark.line + 1
                return None
            path = (*top[0], top[2])
            top[2] = None
            return path
        path = (*top[0], top[2])
        top[2] += 1
        if path in prefixes:
            found[path] = event.start_mark.line + 1
        return path

    try:
        for event in events(text):
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.AliasEvent:
                visit(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                path = visit(event)
                path = path if path is not None else (*stack[-1][0], "?")
                stack.append(
                    [
                        path,
                        kind is yaml.MappingStartEvent,
                        None if kind is yaml.MappingStartEvent else 0,
                    ]
                )
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
    except yaml.YAMLError:
        pass
    result = {}
    for path in wanted:
        depth = len(path)
        while path[:depth] not in found:
            depth -= 1
        result[path] = found[path[:depth]]
    return result
