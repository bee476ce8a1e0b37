"""Links into the app that travel outside it (QR codes on the kiosk and on printed fact sheets)."""

from __future__ import annotations

import urllib.parse

#: The phone page's path under the public address (``url_path`` in app.py).
PHONE_PATH = "m"


def phone_url(public_url: str, selection: str | None, lang: str) -> str:
    """The phone page under ``public_url`` with ``lang`` and (when given) ``sel`` (``zone:ID``/``project:ID``)."""
    parts = urllib.parse.urlsplit(public_url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    query.pop("sel", None)
    query["lang"] = lang
    if selection:
        query["sel"] = selection
    path = parts.path.rstrip("/") + "/" + PHONE_PATH
    return urllib.parse.urlunsplit(parts._replace(path=path, query=urllib.parse.urlencode(query, safe=":")))
