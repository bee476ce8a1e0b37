"""槐荫规划一张图 — entry point: page config, shared sidebar, router.

In kiosk mode (``HUAIYIN_KIOSK=1``, set by the operator, e.g. ``make kiosk``)
only the public kiosk pages exist: no sidebar, no login, no planner pages.
"""

from __future__ import annotations

import streamlit as st

from app_pages import data, kiosk, kiosk_list, moderation, phone, state
from app_pages.login import render_login
from app_pages.i18n import t
from planning.errors import PlanningError

try:
    settings = data.settings()
except PlanningError as exc:  # a bad environment variable: say which and what it expects, not a traceback
    st.error(t("settings_error", detail=str(exc)))
    st.stop()
st.set_page_config(page_title="槐荫规划一张图 Huaiyin Planning Map", layout="wide",
                   initial_sidebar_state="collapsed" if settings.kiosk else "auto")

state.load_from_url(settings)

if settings.kiosk:
    # Public kiosk: only these two pages, navigation hidden; no login, editing, uploads or downloads.
    pages = [
        st.Page("app_pages/kiosk.py", title=kiosk.page_title(), url_path="kiosk", default=True),
        st.Page("app_pages/kiosk_list.py", title=kiosk_list.page_title(), url_path="list"),
        st.Page("app_pages/phone.py", title=phone.page_title(), url_path=kiosk.PHONE_PATH),
    ]
    data.render_outage_banner()
    st.navigation(pages, position="hidden").run()
else:
    st.sidebar.radio(
        t("language"),
        ["zh", "en"],
        key="lang",
        format_func={"zh": "中文", "en": "English"}.get,
        horizontal=True,
    )
    render_login()

    pages = [
        st.Page("app_pages/plan_map.py", title=t("page_map"), url_path="map", default=True),
        st.Page("app_pages/dashboard.py", title=t("page_dashboard"), url_path="targets"),
        st.Page("app_pages/presentation.py", title=t("page_tour"), url_path="tour"),
        st.Page("app_pages/exports.py", title=t("page_exports"), url_path="exports"),
        st.Page("app_pages/analysis.py", title=t("page_analysis"), url_path="analysis"),
        st.Page("app_pages/import_page.py", title=t("page_import"), url_path="import"),
        st.Page("app_pages/bulk_update.py", title=t("page_bulk"), url_path="bulk"),
        st.Page("app_pages/plan_ingest.py", title=t("page_ingest"), url_path="ingest"),
        st.Page("app_pages/plan_text.py", title=t("page_plan"), url_path="plan"),
        st.Page("app_pages/kiosk_list.py", title=kiosk_list.page_title(), url_path="list"),
        st.Page("app_pages/data_sources.py", title=t("page_sources"), url_path="sources"),
        st.Page("app_pages/moderation.py", title=moderation.page_title(), url_path="moderation"),
        st.Page("app_pages/phone.py", title=phone.page_title(), url_path=kiosk.PHONE_PATH),
    ]
    data.render_outage_banner()
    st.navigation(pages, position="top").run()
