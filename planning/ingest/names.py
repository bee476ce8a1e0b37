"""Comparing names as planners write them: brackets, quotes, spaces and suffixes aside; pinyin for Latin input."""

from __future__ import annotations

import re
from functools import lru_cache

_NOISE = re.compile(r"[\s“”\"'‘’（）()【】\[\]、，,。·•\-—–]")
_SUFFIX = re.compile(r"(项目|工程|建设)$")


def normalise(name: str) -> str:
    """"济南市齐鲁大道北延工程" -> "济南市齐鲁大道北延"; brackets and quotes dropped, Latin lower-cased."""
    return _SUFFIX.sub("", _NOISE.sub("", name or "")).lower()


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


def similarity(a: str, b: str) -> float:
    """0..1: 1 for the same normalised name; containment of a ≥4-character name counts 0.85; else bigram Dice.

    A name is also compared without its bracketed part ("树兰（济南）国际医院" ~ "树兰国际医院").
    """
    score = _similarity(a, b)
    if score < 1.0 and (_BRACKETED.search(a or "") or _BRACKETED.search(b or "")):
        score = max(score, _similarity(_BRACKETED.sub("", a or ""), _BRACKETED.sub("", b or "")))
    return score


def _similarity(a: str, b: str) -> float:
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    short, long_ = sorted((na, nb), key=len)
    if len(short) >= 4 and short in long_:
        return 0.85
    x, y = _bigrams(na), _bigrams(nb)
    return 2 * len(x & y) / (len(x) + len(y))


@lru_cache(maxsize=65536)
def pinyin(name: str) -> str:
    """Toneless pinyin without separators: "树兰（济南）国际医院" -> "shulanjinanguojiyiyuan"."""
    from pypinyin import lazy_pinyin  # noqa: PLC0415 (loads its dictionary on first use)

    return "".join(lazy_pinyin(normalise(name))).lower()
