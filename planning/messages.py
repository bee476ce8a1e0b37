"""The message catalogue: every user-facing string, in gettext catalogues (Babel), Chinese and English.

``locale/zh_CN/LC_MESSAGES/messages.po`` and ``locale/en/LC_MESSAGES/messages.po``
hold one entry per message; the ``msgid`` is a stable key, ``NAMESPACE.KEY``
(the namespace groups a page's or a module's messages: ``kiosk.title``,
``comments.text_too_long``; the app's shared strings have none:
``page_map``). Placeholders use ``str.format`` syntax (``{n}``).

``make`` compiles the ``.po`` files to ``.mo`` (``make locale``, part of the
install step); when a ``.mo`` is missing or older than its ``.po`` the
catalogue is compiled in memory from the ``.po`` on first use, so a fresh
checkout works either way. Nothing is written at run time.

:func:`text` is the one lookup (``text("kiosk.title", "en")``);
:class:`Messages` is a read-only mapping ``key → (zh, en)`` over one
namespace, for code that lists a vocabulary (zone kinds, overlay kinds).
"""

from __future__ import annotations

import functools
import gettext
import io
from collections.abc import Iterator, Mapping
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
LOCALES = {"zh": "zh_CN", "en": "en"}


def po_name(lang: str) -> str:
    return f"{LOCALES[lang]}/LC_MESSAGES/{DOMAIN}.po"


@functools.cache
def _catalogue(lang: str) -> dict[str, str]:
    """``msgid → msgstr`` of ``lang``, from the compiled ``.mo`` when current, else compiled from the ``.po``."""
    from babel.messages.mofile import write_mo  # noqa: PLC0415 - Babel only when a catalogue is first needed
    from babel.messages.pofile import read_po  # noqa: PLC0415

    from planning.storage import FileStore  # noqa: PLC0415 - storage imports errors, which use this catalogue

    store = FileStore(LOCALE_DIR / LOCALES[lang] / "LC_MESSAGES")
    po, mo = f"{DOMAIN}.po", f"{DOMAIN}.mo"
    mtimes = {name: mtime for name, mtime, _ in store.signature()}
    if mo in mtimes and mtimes[mo] >= mtimes.get(po, 0):
        data = store.read_bytes(mo)
    else:
        catalog = read_po(io.BytesIO(store.read_bytes(po)), locale=LOCALES[lang])
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        data = buffer.getvalue()
    translations = gettext.GNUTranslations(io.BytesIO(data))
    return {k: v for k, v in translations._catalog.items() if isinstance(k, str) and k}  # noqa: SLF001


@functools.cache
def _order() -> tuple[str, ...]:
    """Every msgid in the order of the Chinese catalogue (the order the tables had)."""
    from babel.messages.pofile import read_po  # noqa: PLC0415

    from planning.storage import FileStore  # noqa: PLC0415

    store = FileStore(LOCALE_DIR / LOCALES["zh"] / "LC_MESSAGES")
    return tuple(m.id for m in read_po(io.BytesIO(store.read_bytes(f"{DOMAIN}.po"))) if m.id)


def text(key: str, lang: str, **fmt: object) -> str:
    """The message ``key`` in ``lang`` (``zh`` or ``en``), formatted with ``fmt``.

    An unknown key raises ``KeyError`` (a test checks every key the code uses).
    """
    message = _catalogue("en" if lang == "en" else "zh")[key]
    return message.format(**fmt) if fmt else message


def has(key: str) -> bool:
    return key in _catalogue("zh")


class Messages(Mapping[str, tuple[str, str]]):
    """The messages of one namespace as ``key → (zh, en)``, in catalogue order (read-only)."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        self._prefix = f"{namespace}." if namespace else ""

    def _keys(self) -> list[str]:
        n = len(self._prefix)
        return [m[n:] for m in _order() if m.startswith(self._prefix) and (self._prefix or "." not in m)]

    def __getitem__(self, key: str) -> tuple[str, str]:
        full = self._prefix + key
        zh, en = _catalogue("zh"), _catalogue("en")
        if full not in zh:
            raise KeyError(key)
        return zh[full], en[full]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (self._prefix + key) in _catalogue("zh")

    def text(self, key: str, lang: str, **fmt: object) -> str:
        return text(self._prefix + key, lang, **fmt)
