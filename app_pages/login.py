"""Sidebar login: editing needs a planner account; without one the app is read-only."""

from __future__ import annotations

import time

import streamlit as st

from app_pages import data
from app_pages.i18n import t
from planning.auth import authenticate, load_accounts
from planning.errors import DataSourceError

MAX_FAILURES = 5
LOCK_SECONDS = 60


def current_user() -> dict[str, str] | None:
    """The logged-in planner (``{"username", "name"}``) or ``None``."""
    return st.session_state.get("user")


def _attempt(username: str, password: str) -> None:
    if time.time() < st.session_state.get("login_locked_until", 0):
        st.session_state["login_message"] = t("login_locked", s=LOCK_SECONDS)
        return
    try:
        accounts = load_accounts(data.settings().accounts_file)
    except DataSourceError as exc:
        st.session_state["login_message"] = str(exc)
        return
    account = authenticate(accounts, username, password) if accounts else None
    if account is None:
        failures = st.session_state.get("login_failures", 0) + 1
        st.session_state["login_failures"] = failures
        if failures >= MAX_FAILURES:
            st.session_state["login_locked_until"] = time.time() + LOCK_SECONDS
            st.session_state["login_failures"] = 0
        st.session_state["login_message"] = t("login_failed") if accounts else t("login_no_accounts")
        return
    st.session_state["user"] = {"username": account.username, "name": account.name}
    st.session_state["login_failures"] = 0
    st.session_state["login_message"] = None


def _logout() -> None:
    st.session_state["user"] = None


def render_login() -> None:
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
        if submitted:
            _attempt(username, password)
            if current_user():
                st.rerun()
        if st.session_state.get("login_message"):
            st.error(st.session_state["login_message"])
        st.caption(t("read_only_note"))
