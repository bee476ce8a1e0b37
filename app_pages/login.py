"""Sidebar login: editing needs a planner account; without one the app is read-only.

A login opens a session in the auth store (planning/sessions.py); the browser
then redeems a one-time ticket at ``/auth/session`` for an HttpOnly cookie, so
the login survives reloads, new tabs and pasted links until it expires or the
planner logs out. Failed logins are throttled per account and per client, in
the store, so a reload does not reset the count.
"""

from __future__ import annotations

import json
import time

import streamlit as st

from app_pages import data
from app_pages.i18n import lang, t
from planning.auth import authenticate, load_accounts
from planning.errors import DataSourceError
from planning.state_files import CorruptStateError
from planning.sessions import COOKIE_NAME, RECHECK_SECONDS, AuthState, open_auth_state

USER_KEY = "user"
_CHECKED_KEY = "auth_checked_at"


@st.cache_resource(show_spinner=False)
def _auth_state(state_dir: str, database_url: str | None, secret: str | None, hours: int) -> AuthState:  # noqa: ARG001
    return open_auth_state(data.settings())


def auth_state() -> AuthState:
    """The process's auth store (sessions, throttles, auth audit log)."""
    s = data.settings()
    return _auth_state(str(s.state_dir), s.database_url, s.session_secret, s.session_hours)


def client_address() -> str:
    """The client's address as Streamlit sees it (``local`` when it has none, e.g. in AppTest)."""
    return data.client_address()  # X-Forwarded-For only from HUAIYIN_TRUSTED_PROXIES (planning/clients.py)


def _agent() -> str:
    agent = st.context.headers.get("User-Agent")
    return agent if isinstance(agent, str) else ""


def _from_cookie() -> dict[str, str] | None:
    state = auth_state()
    cookie = st.context.cookies.get(COOKIE_NAME)
    session = state.session(state.key_from_cookie(cookie if isinstance(cookie, str) else None))
    return {"username": session.username, "name": session.name, "session": session.key} if session else None


def current_user() -> dict[str, str] | None:
    """The logged-in planner (``{"username", "name", "session"}``) or ``None``.

    The session is re-checked against the store every few seconds, so a logout
    in another tab or an operator's revocation ends it here too.
    """
    user = st.session_state.get(USER_KEY)
    now = time.monotonic()
    if user and not user.get("session"):
        return user  # set directly for this browser session (AppTest)
    if user and now - st.session_state.get(_CHECKED_KEY, 0) < RECHECK_SECONDS:
        return user
    try:
        state = auth_state()
        user = _from_cookie() if not user else user
        if user and state.session(user["session"]) is None:
            user = None
    except DataSourceError:
        user = None
    st.session_state[USER_KEY] = user
    st.session_state[_CHECKED_KEY] = now
    return user


def _send(path: str, **fields: str) -> None:
    """POST ``fields`` to the app's own route ``path`` from the browser (its answer sets or clears the cookie)."""
    body = json.dumps(fields)
    st.html(
        f"<script>fetch({json.dumps(path)},{{method:'POST',credentials:'same-origin',"
        f"headers:{{'Content-Type':'application/x-www-form-urlencoded'}},body:new URLSearchParams({body})}});</script>",
        unsafe_allow_javascript=True,
    )


def _attempt(username: str, password: str) -> str | None:
    """Try a login; return the ticket for the cookie on success (the message for the user is in the session)."""
    state, client, username = auth_state(), client_address(), username.strip()
    try:
        wait = state.retry_after(username, client)
        if wait:
            state.log("login_refused", user=username[:64], client=client, seconds=wait)
            st.session_state["login_message"] = t("login_locked", s=wait)
            return None
        stores = data.stores()
        accounts = load_accounts(stores.accounts, stores.accounts_document)
        account = authenticate(accounts, username, password) if accounts else None
        if account is None:
            wait = state.record_failure(username, client)
            message = t("login_failed") if accounts else t("login_no_accounts")
            st.session_state["login_message"] = message + (" " + t("login_locked", s=wait) if wait else "")
            return None
        state.clear_failures(username, client)
        session, ticket = state.open_session(account.username, account.name, client, _agent())
    except CorruptStateError as exc:  # a damaged accounts file: what is wrong and what to do, in the user's language
        st.session_state["login_message"] = exc.message(lang())
        return None
    except DataSourceError as exc:
        st.session_state["login_message"] = t("login_store_error", detail=str(exc))
        return None
    st.session_state[USER_KEY] = {"username": account.username, "name": account.name, "session": session.key}
    st.session_state[_CHECKED_KEY] = time.monotonic()
    st.session_state["login_message"] = None
    return ticket


def _logout() -> None:
    user = st.session_state.get(USER_KEY) or {}
    if user.get("session"):
        try:
            auth_state().revoke(key_prefix=user["session"], by=user["username"], reason="logout")
        except DataSourceError:
            pass  # the cookie is cleared below; the session then only expires
    st.session_state[USER_KEY] = None
    st.session_state["auth_logged_out"] = bool(user.get("session"))


def render_login() -> None:
    if st.session_state.pop("auth_logged_out", False):
        _send("/auth/logout")
    if ticket := st.session_state.pop("auth_ticket", None):
        _send("/auth/session", ticket=ticket)
    user = current_user()
    if user:
        st.sidebar.caption(t("logged_in_as", name=user["name"]))
        st.sidebar.button(t("logout"), key="auth_logout", on_click=_logout)
        return
    with st.sidebar.expander(t("login"), expanded=False):
        with st.form("auth_form", clear_on_submit=True, border=False):
            username = st.text_input(t("username"), key="auth_username")
            password = st.text_input(t("password"), type="password", key="auth_password")
            submitted = st.form_submit_button(t("login_button"))
        if submitted and (ticket := _attempt(username, password)):
            st.session_state["auth_ticket"] = ticket
            st.rerun()
        if st.session_state.get("login_message"):
            st.error(st.session_state["login_message"])
        st.caption(t("read_only_note"))
