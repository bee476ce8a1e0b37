"""The app's own HTTP routes for the login cookie, served next to Streamlit by ``server.py`` (st.App).

``POST /auth/session`` (form field ``ticket``): redeems the one-time ticket a
successful login produced for a signed, HttpOnly session cookie.
``POST /auth/logout``: ends the cookie's session and clears the cookie.
Both answer ``204`` (the page calls them with ``fetch``) or ``403``.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from app_pages.login import auth_state
from planning.errors import DataSourceError
from planning.sessions import COOKIE_NAME


async def session(request: Request) -> Response:
    form = await request.form()
    ticket = str(form.get("ticket") or "")
    try:
        redeemed = await run_in_threadpool(auth_state().redeem, ticket) if ticket else None
    except DataSourceError:
        redeemed = None
    if redeemed is None:
        return Response("ticket not valid", status_code=403, media_type="text/plain")
    value, max_age = redeemed
    response = Response(status_code=204)
    response.set_cookie(COOKIE_NAME, value, max_age=max_age, path="/", httponly=True, samesite="lax",
                        secure=request.url.scheme == "https")
    return response


async def logout(request: Request) -> Response:
    state = auth_state()
    try:
        key = state.key_from_cookie(request.cookies.get(COOKIE_NAME))
        if key:
            await run_in_threadpool(lambda: state.revoke(key_prefix=key, by="browser", reason="logout"))
    except DataSourceError:
        pass  # the cookie is cleared anyway; the session then only expires
    response = Response(status_code=204)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="lax")
    return response


ROUTES = [
    Route("/auth/session", session, methods=["POST"]),
    Route("/auth/logout", logout, methods=["POST"]),
]
