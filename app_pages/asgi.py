"""ASGI middleware of ``server.py``: Streamlit's metrics endpoint is not served to visitors.

``/_stcore/metrics`` lists session counts and the names of cached functions; Streamlit
has no setting to turn it off, so this middleware answers 404 for it (under any base
URL path). An operator who scrapes it sets ``HUAIYIN_METRICS=1`` and protects it at
the reverse proxy instead.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]

METRICS_PATH = "/_stcore/metrics"


class HideMetrics:
    """Answer 404 for ``…/_stcore/metrics`` unless ``HUAIYIN_METRICS=1``; pass everything else through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.enabled = os.environ.get("HUAIYIN_METRICS", "").strip() == "1"

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Any]], send: Callable[[Any], Awaitable[None]]) -> None:
        path = str(scope.get("path", "")).rstrip("/")
        if scope.get("type") == "http" and not self.enabled and path.endswith(METRICS_PATH):
            await send({"type": "http.response.start", "status": 404,
                        "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
            await send({"type": "http.response.body", "body": b"not found"})
            return
        await self.app(scope, receive, send)
