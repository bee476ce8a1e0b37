"""ASGI entry point: ``streamlit run server.py`` serves app.py plus the app's own routes (the login cookie).

Started without it (``streamlit run app.py``) everything works except that a
login lasts only as long as the browser tab, and Streamlit's ``/_stcore/metrics``
(session counts, cached function names) stays public: keep the reverse proxy's
rule for it then (README, "Behind a reverse proxy").
"""

import streamlit as st
from starlette.middleware import Middleware

from app_pages.asgi import HideMetrics
from app_pages.auth_routes import ROUTES

app = st.App("app.py", routes=ROUTES, middleware=[Middleware(HideMetrics)])
