"""Stored state: what a build writes for a later build to read back, as checked data.

Caches (``Config.cache_dir``), shard folders and artifacts can be written by someone else
(a restored CI cache, a shard collected from another machine), so nothing read back may
run code or be trusted as it is:

* records are JSON with a header naming their kind and format and the SHA-256 of the
  body; the body is decoded field by field against the dataclass it claims to be
  (``decode``), so a wrong type, a missing field or an unknown value is refused;
* a record that fails any check is a cache miss (``read`` returns None): the build makes
  it again, never stops on it and never uses any part of it;
* cache folders list their files by plain relative names, each a regular file reached
  without following a symlink (``files.listed_files``).

The digest catches damage (a cut-short file, a bit flip, an entry from another format);
it is not a signature: anyone who can write the cache can write a record that passes.
That is why what decides publishing (validation verdicts) is never read from stored
state, and why CI restores caches only from jobs of the same trust (README, "Security").
This module imports only the file-system layer (jixiao/files.py), so every stage can use it.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import functools
import hashlib
import json
import os
import stat
import types
import typing
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from jixiao import files

FORMAT = "jixiao-stored-1"


class StoredError(ValueError):
    """A stored file is not what this build would have written; callers treat it as a miss."""


# --------------------------------------------------------------------------- records


def dumps(kind: str, payload: object) -> bytes:
    """A record: one header line (format, kind, SHA-256 and length of the body), then the JSON body."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    header = {"format": FORMAT, "kind": kind, "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body)}
    return json.dumps(header, sort_keys=True).encode("ascii") + b"\n" + body


def loads(kind: str, data: bytes) -> object:
    """The body of a record of this kind; StoredError if anything about it is not as ``dumps`` writes it."""
    head, newline, body = data.partition(b"\n")
    try:
        header = json.loads(head.decode("ascii")) if newline and len(head) < 512 else None
    except (UnicodeDecodeError, ValueError):
        header = None
    expected = {"format": FORMAT, "kind": kind, "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body)}
    if header != expected:
        raise StoredError(f"not a {kind} record of this format, or damaged")
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise StoredError(f"{kind}: unreadable body") from error


def dumps_sections(kind: str, sections: dict[str, object]) -> bytes:
    """A record of named parts, each readable alone (``read_sections``).

    One header line names each part's offset, length, SHA-256 and form; the parts follow
    in name order.  A ``bytes`` part is stored as it is (big texts and gzip members need
    no JSON escaping or base64), anything else as JSON.
    """
    bodies: dict[str, tuple[bytes, str]] = {}
    for name in sorted(sections):
        value = sections[name]
        if isinstance(value, bytes):
            bodies[name] = (value, "bytes")
        else:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            bodies[name] = (text.encode("utf-8"), "json")
    index, offset = {}, 0
    for name, (body, form) in bodies.items():
        index[name] = [offset, len(body), hashlib.sha256(body).hexdigest(), form]
        offset += len(body)
    header = {"format": FORMAT, "kind": kind, "sections": index}
    return json.dumps(header, sort_keys=True).encode("ascii") + b"\n" + b"".join(body for body, _ in bodies.values())


def load_sections(kind: str, data: bytes) -> dict[str, object] | None:
    """Every part of a sectioned record, if each is whole (digests checked) and of its form, else None."""
    head, _, body = data.partition(b"\n")
    sections = _sections(kind, head)
    if sections is None or sum(entry[1] for entry in sections.values()) != len(body):
        return None
    parts = {}
    for name, (offset, length, digest, form) in sections.items():
        part = _part(body[offset : offset + length], digest, form)
        if part is None:
            return None
        parts[name] = part
    return parts


def read_sections(path: Path, kind: str, wanted: Callable[[str], bool]) -> dict[str, object] | None:
    """The parts of a sectioned record that ``wanted`` names, reading only the header and those parts.

    None (a miss) if the file is no regular file, any wanted part is damaged, or none is there.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    parts: dict[str, object] = {}
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        with os.fdopen(os.open(path, flags), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            head = handle.readline(1 << 20)
            sections = _sections(kind, head.rstrip(b"\n"))
            if sections is None:
                return None
            for name, (offset, length, digest, form) in sections.items():
                if not wanted(name):
                    continue
                handle.seek(len(head) + offset)
                part = _part(handle.read(length), digest, form)
                if part is None:
                    return None
                parts[name] = part
    except (OSError, ValueError):
        return None
    return parts or None


def _part(body: bytes, digest: str, form: str) -> object | None:
    if hashlib.sha256(body).hexdigest() != digest:
        return None
    if form == "bytes":
        return body
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _sections(kind: str, head: bytes) -> dict[str, tuple[int, int, str, str]] | None:
    try:
        header = json.loads(head.decode("ascii"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(header, dict) or set(header) != {"format", "kind", "sections"}:
        return None
    if header["format"] != FORMAT or header["kind"] != kind or not isinstance(header["sections"], dict):
        return None
    result, expected = {}, 0
    for name, entry in header["sections"].items():
        if not (isinstance(entry, list) and [type(v) for v in entry] == [int, int, str, str]):
            return None
        offset, length, digest, form = entry
        if offset != expected or length < 0 or form not in ("bytes", "json"):
            return None
        expected += length
        result[name] = (offset, length, digest, form)
    return result


def _refuse_constant(name: str) -> object:
    raise StoredError(f"{name} is not stored")


def write(path: Path, kind: str, payload: object) -> None:
    files.write_atomic(path, dumps(kind, payload))


def read(path: Path, kind: str) -> object | None:
    """A record's body, or None when missing, not a regular file, damaged or of another kind (a miss)."""
    data = files.read_regular(path)
    if data is None:
        return None
    try:
        return loads(kind, data)
    except StoredError:
        return None


# --------------------------------------------------------------------------- typed values


_PLAIN = frozenset({str, int, float, bool, type(None)})
"""Types that are JSON as they are (exact types: a StrEnum or a bool subclass is not plain)."""


def encode(value: object) -> object:
    """A value of the model (dataclasses, tuples, Decimals, paths, enums, bytes) as plain JSON data.

    Dataclasses become lists of their fields in order (``decode`` knows the names and types).
    """
    if value is None or isinstance(value, bool | int | str):
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init]
    if isinstance(value, list | tuple):
        if all(type(item) in _PLAIN for item in value):  # rows of cells: no call per cell
            return list(value)
        return [encode(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("only str keys are stored")
        return {key: encode(item) for key, item in value.items()}
    if isinstance(value, float):
        return value
    raise TypeError(f"{type(value).__name__} is not stored")


def decode(kind: object, data: object) -> typing.Any:
    """``data`` (from ``encode``) as a value of type ``kind``; StoredError on any mismatch."""
    try:
        return _decoder(kind)(data)
    except StoredError:
        raise
    except (TypeError, ValueError, KeyError, IndexError, InvalidOperation, RecursionError) as error:
        raise StoredError(f"does not decode as {kind}: {error}") from None


def _fail(message: str) -> typing.NoReturn:
    raise StoredError(message)


def _expect(check: Callable[[object], bool], what: str) -> Callable[[object], object]:
    return lambda data: data if check(data) else _fail(f"expected {what}")


_SCALARS: dict[object, Callable[[object], object]] = {
    bool: _expect(lambda data: isinstance(data, bool), "a boolean"),
    int: _expect(lambda data: type(data) is int, "an integer"),
    str: _expect(lambda data: isinstance(data, str), "a string"),
    float: lambda data: float(data) if type(data) in (int, float) else _fail("expected a number"),  # type: ignore[arg-type]
    type(None): _expect(lambda data: data is None, "null"),
    dict: _expect(lambda data: isinstance(data, dict), "an object"),
    list: _expect(lambda data: isinstance(data, list), "a list"),
    typing.Any: lambda data: data,
    object: lambda data: data,
}
"""Plain JSON values pass as they are (json.loads makes nothing else); ``dict`` and ``list`` are untyped JSON."""


@functools.cache
def _decoder(kind: object) -> Callable[[object], object]:
    if kind in _SCALARS:
        return _SCALARS[kind]
    if isinstance(kind, type):
        if issubclass(kind, enum.Enum):
            return kind
        if kind is Decimal:
            return _decimal
        if issubclass(kind, Path):
            return lambda data: Path(data) if isinstance(data, str) and "\0" not in data else _fail("expected a path")
        if kind is bytes:
            return lambda data: base64.b64decode(data, validate=True) if isinstance(data, str) else _fail("bytes")
        if dataclasses.is_dataclass(kind):
            return _dataclass_decoder(kind)
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        return _union_decoder(args)
    if origin is tuple:
        return _tuple_decoder(args)
    if origin is list:
        item = _decoder(args[0])
        return lambda data: list(map(item, data)) if isinstance(data, list) else _fail("expected a list")
    if origin is dict:
        key = _int_key if args[0] is int else _decoder(args[0])  # JSON keys are text: int keys as digits
        value = _decoder(args[1])
        return lambda data: (
            {key(k): value(v) for k, v in data.items()} if isinstance(data, dict) else _fail("expected an object")
        )
    raise TypeError(f"no stored form for {kind}")


def _union_decoder(args: tuple) -> Callable[[object], object]:
    if all(arg in _PLAIN for arg in args):  # str | int | None and the like: one type check, no tries
        allowed = frozenset(args)
        return lambda data: data if type(data) in allowed else _fail(f"expected one of {args}")
    rest = [_decoder(arg) for arg in args if arg is not type(None)]
    if type(None) in args and len(rest) == 1:
        only = rest[0]
        return lambda data: None if data is None else only(data)
    options = [_decoder(arg) for arg in args]

    def union(data: object) -> object:
        for option in options:
            try:
                return option(data)
            except StoredError:
                continue
        _fail(f"matches none of {args}")

    return union


def _tuple_decoder(args: tuple) -> Callable[[object], object]:
    if len(args) == 2 and args[1] is Ellipsis:
        plain = _plain_types(args[0])
        if plain is not None:  # a row of cells: checked in one pass

            def cells(data: object) -> tuple:
                if isinstance(data, list) and all(type(value) in plain for value in data):
                    return tuple(data)
                _fail(f"expected a list of {args[0]}")

            return cells
        item = _decoder(args[0])
        return lambda data: tuple(map(item, data)) if isinstance(data, list) else _fail("expected a list")
    items = [_decoder(arg) for arg in args]

    def fixed(data: object) -> tuple:
        if not isinstance(data, list) or len(data) != len(items):
            _fail("expected a list of fixed length")
        return tuple(decode_item(value) for decode_item, value in zip(items, data, strict=True))

    return fixed


def _plain_types(kind: object) -> frozenset | None:
    """The exact types a plain JSON type or a union of them allows; None for anything else."""
    args = typing.get_args(kind) if typing.get_origin(kind) in (typing.Union, types.UnionType) else (kind,)
    return frozenset(args) if all(arg in _PLAIN for arg in args) else None


def _int_key(text: object) -> int:
    if not isinstance(text, str) or not text.lstrip("-").isdigit() or len(text) > 20:
        _fail("expected an integer key")
    return int(text)


def _decimal(data: object) -> Decimal:
    if not isinstance(data, str) or len(data) > 100:
        _fail("expected a decimal")
    value = Decimal(data)
    return value if value.is_finite() else _fail("expected a finite decimal")


def _dataclass_decoder(kind: type) -> Callable[[object], object]:
    fields = [f for f in dataclasses.fields(kind) if f.init]
    hints = typing.get_type_hints(kind)
    decoders = [_decoder(hints[f.name]) for f in fields]
    names = [f.name for f in fields]

    count = len(decoders)
    # without keyword-only fields the values go in their __init__ order: no dict of names per value
    # (a record holds 10,000 of them)
    positional = not any(f.kw_only for f in fields)

    def build(data: object) -> object:
        if not isinstance(data, list) or len(data) != count:
            _fail(f"expected {kind.__name__} as a list of {count} fields")
        values = [item(value) for item, value in zip(decoders, data, strict=True)]
        return kind(*values) if positional else kind(**dict(zip(names, values, strict=True)))

    return build
