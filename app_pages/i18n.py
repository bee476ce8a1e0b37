"""The session's language and the one lookup of user-facing text, :func:`t` (catalogue: planning/messages.py).

Every string lives in the gettext catalogues ``locale/{zh_CN,en}/LC_MESSAGES/messages.po``:
shared strings under a plain key (``t("page_map")``), a page's own under its namespace
(``t("kiosk.title")``, or ``tr = scoped(TEXT)`` with ``TEXT = Messages("kiosk")``).
Add a string by adding the entry to both ``.po`` files.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from planning.messages import Messages, text
from planning.model import CATEGORIES, STATUSES, UNITS, ZONE_KINDS

TEXT = Messages("")


def lang() -> str:
    """The session's language (``zh`` or ``en``)."""
    return st.session_state.get("lang", "zh")


def t(key: str, **fmt: object) -> str:
    """The message ``key`` (``NAMESPACE.KEY`` or a shared key) in the session language."""
    return text(key, lang(), **fmt)


def translate(table: Messages, key: str, **fmt: object) -> str:
    """``key`` of one namespace's messages in the session language."""
    return table.text(key, lang(), **fmt)


def scoped(table: Messages) -> Callable[..., str]:
    """The lookup of one namespace: ``tr = scoped(Messages("kiosk"))``; ``tr("title")`` is ``t("kiosk.title")``."""

    def lookup(key: str, **fmt: object) -> str:
        return table.text(key, lang(), **fmt)

    return lookup


def colon() -> str:
    """The label separator: full-width in Chinese, ASCII in English."""
    return "：" if lang() == "zh" else ": "


def join_list(items: object) -> str:
    """A list in running text: 、 in Chinese, commas in English."""
    return ("、" if lang() == "zh" else ", ").join(str(i) for i in items)  # type: ignore[attr-defined]


def count(n: int) -> str:
    """A count in brackets after a label."""
    return f"（{n}）" if lang() == "zh" else f" ({n})"


def status_label(status: str) -> str:
    return status if lang() == "zh" else STATUSES.get(status, status)


def category_label(category: str) -> str:
    return category if lang() == "zh" else CATEGORIES.get(category, category)


def kind_label(kind: str) -> str:
    zh, en = ZONE_KINDS.get(kind, (kind, kind))
    return zh if lang() == "zh" else en


def unit_label(unit: str | None) -> str:
    if unit is None:  # the plan gives no unit
        return "—"
    return unit if lang() == "zh" else UNITS.get(unit, unit)


def name_of(row: object) -> str:
    """A feature's name in the session language (row: mapping with name_zh/name_en)."""
    get = row.get  # type: ignore[attr-defined]
    return str(get("name_en") or get("name_zh")) if lang() == "en" else str(get("name_zh"))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


def md(text: object) -> str:
    """Escape data text for st.markdown (no links, emphasis or HTML can be injected)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))
