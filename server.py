"""ASGI entry point: ``streamlit run server.py`` serves app.py plus the app's own routes (the login cookie).

Started without it (``streamlit run app.py``) everything works except that a
login lasts only as long as the browser tab.
"""

import streamlit as st

from app_pages.auth_routes import ROUTES

app = st.App("app.py", routes=ROUTES)
