"""State files read defensively: bounded JSON parsing, bilingual "what is wrong, what to do" messages, one check.

The app keeps state beside the plan's layers: imported overlays
(``overlays/*.json`` + ``*.geojson``), guided tours (``tours/*.json``), the audit
log (``audit.jsonl``), the plan text (``plan_outline.txt``), the planner accounts
(``accounts.json``) and the comments database (``comments.sqlite3``). Any of them
can be truncated by a full disk, edited by hand or replaced by garbage. Readers
then raise :class:`CorruptStateError`, a :class:`~planning.errors.DataSourceError`
whose message names the file, what was found and what to do, in Chinese and
English; the page that needs the file shows it and the rest of the app keeps
working. :func:`check_state` collects every such problem (what ``python -m
planning validate`` prints and what the pages show).

JSON is bounded *before* it is parsed: at most :data:`MAX_JSON_BYTES` bytes and
:data:`MAX_JSON_DEPTH` levels of nesting (a 100,000-deep ``[[[[…`` is refused
with a message instead of a ``RecursionError``); ``NaN`` and ``Infinity`` are
refused (they are not JSON, and other readers of the file would fail on them).
"""

from __future__ import annotations

from planning.messages import Messages
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from planning.errors import DataSourceError

#: Largest JSON document read (256 MiB: a city's projects with polygons fit many times over).
MAX_JSON_BYTES = 256 * 1024 * 1024
#: Deepest nesting of arrays and objects accepted (GeoJSON needs 7; a GeometryCollection a few more).
MAX_JSON_DEPTH = 64
#: Largest text document (plan outline) read.
MAX_TEXT_BYTES = 64 * 1024 * 1024

#: Where a state file belongs: pages show the problems of the areas they read.
AREAS = ("plan", "overlays", "tours", "audit", "outline", "accounts", "comments")

MESSAGES = Messages("state_files")


#: A few words for what was found, to name inside another area's message.
SHORT = Messages("state_files_short")


class CorruptStateError(DataSourceError):
    """A state file is missing, unreadable or damaged; ``message(lang)`` says what and what to do."""

    def __init__(self, code: str, *, file: str, area: str, line: int | None = None, **fmt: Any) -> None:
        zh, en = MESSAGES[code]
        self.code, self.file, self.area, self.line, self.fmt = code, file, area, line, fmt
        # a (zh, en) pair fills each language with its own words; other values fill both
        self.zh = zh.format(file=file, line=line, **{k: v[0] if isinstance(v, tuple) else v for k, v in fmt.items()})
        self.en = en.format(file=file, line=line, **{k: v[1] if isinstance(v, tuple) else v for k, v in fmt.items()})
        super().__init__(self.en)

    def message(self, lang: str) -> str:
        """The message in ``lang`` (``zh`` or ``en``)."""
        return self.zh if lang == "zh" else self.en

    def with_area(self, area: str, code: str | None = None, **fmt: Any) -> CorruptStateError:
        """The same problem told in the words of another area (e.g. an overlay's JSON problem as an overlay problem)."""
        return CorruptStateError(code or self.code, file=self.file, area=area, line=self.line, **fmt)

    def short(self) -> tuple[str, str]:
        """What was found, in a few words (zh, en), to put inside another message."""
        return SHORT.get(self.code, (self.code, self.code))


# --------------------------------------------------------------------------- bounded JSON

_DEEP_RUN = re.compile(rb"(?:[\[{]\s*){%d}" % (MAX_JSON_DEPTH + 1))


def _refuse_constant(value: str) -> Any:
    raise ValueError(value)


def _is_position(value: Any) -> bool:
    return type(value) is list and bool(value) and type(value[0]) in (int, float) and type(value[-1]) in (int, float)


def _positions(value: list[Any]) -> bool:
    """A position ``[x, y]`` or a run of them ``[[x, y], …]``: GeoJSON's leaves, not walked (that would cost seconds
    on a city's polygons). Crafted nesting that hides behind them is still bounded by the parser's own limit."""
    return _is_position(value) or (_is_position(value[0]) and _is_position(value[-1]))


def json_depth(doc: Any, limit: int = MAX_JSON_DEPTH) -> int:
    """Nesting depth of ``doc`` (iterative; stops counting once past ``limit``; coordinate lists count as 2)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return depth
        if isinstance(value, dict):
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in value.values() if isinstance(v, dict | list))
        elif isinstance(value, list) and value:
            if _positions(value):
                deepest = max(deepest, depth + 1)
                continue
            deepest = max(deepest, depth)
            stack.extend((v, depth + 1) for v in value if isinstance(v, dict | list))
        elif isinstance(value, list):
            deepest = max(deepest, depth)
    return deepest


def parse_json_bytes(raw: bytes, file: str, *, area: str = "plan", max_bytes: int = MAX_JSON_BYTES) -> Any:
    """Parse ``raw`` as UTF-8 JSON within the size and depth bounds; :class:`CorruptStateError` otherwise."""
    text = decode_text(raw, file, area=area, max_bytes=max_bytes)
    if _DEEP_RUN.search(raw, 0, 1 << 16) or b"[" * (MAX_JSON_DEPTH + 1) in raw:
        raise CorruptStateError("too_deep", file=file, area=area, limit=MAX_JSON_DEPTH)
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        raise CorruptStateError("bad_json", file=file, area=area, detail=detail) from exc
    except RecursionError as exc:
        raise CorruptStateError("too_deep", file=file, area=area, limit=MAX_JSON_DEPTH) from exc
    except ValueError as exc:  # NaN, Infinity, -Infinity (from _refuse_constant)
        raise CorruptStateError("not_finite", file=file, area=area, value=str(exc)) from exc
    if json_depth(doc) > MAX_JSON_DEPTH:
        raise CorruptStateError("too_deep", file=file, area=area, limit=MAX_JSON_DEPTH)
    return doc


def decode_text(raw: bytes, file: str, *, area: str, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """``raw`` as UTF-8 text, or :class:`CorruptStateError` (too large, not UTF-8, or holding NUL bytes)."""
    if len(raw) > max_bytes:
        raise CorruptStateError("too_large", file=file, area=area, size=len(raw), limit=max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorruptStateError("outline_binary" if area == "outline" else "not_utf8", file=file, area=area,
                                offset=exc.start) from exc
    if "\x00" in text:
        raise CorruptStateError("outline_binary" if area == "outline" else "not_utf8", file=file, area=area,
                                offset=text.index("\x00"))
    return text


# --------------------------------------------------------------------------- field checks shared by readers

ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def real_date(value: Any) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a month or day that exists (``2024-13-45`` does not)."""
    match = ISO_DATE.match(value) if isinstance(value, str) else None
    if not match:
        return False
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def aware_timestamp(value: Any) -> bool:
    """An ISO 8601 date-time with a time zone (what the audit log writes), e.g. ``2026-11-27T08:00:00+00:00``."""
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}T", value):
        return False
    try:
        stamp = dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return stamp.tzinfo is not None


# --------------------------------------------------------------------------- the check of every state file


#: One check per state file: its area and a callable returning the problems found (empty when fine).
StateCheck = tuple[str, Callable[[], Iterable[CorruptStateError]]]


def check_state(checks: Iterable[StateCheck]) -> list[CorruptStateError]:
    """Every problem of every state file, in the given order; a check that itself fails is reported, not raised.

    The callers (``validate`` and the pages) build the checks from the stores they hold, so this module needs no paths.
    """
    problems: list[CorruptStateError] = []
    for area, check in checks:
        try:
            problems.extend(check())
        except CorruptStateError as exc:
            problems.append(exc)
        except DataSourceError as exc:
            problems.append(CorruptStateError("unreadable", file=area, area=area, detail=str(exc)))
    return problems
