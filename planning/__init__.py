"""The plan's domain: models, validation, targets, spatial analysis and storage.

Imports neither streamlit nor folium (a test enforces it). Entry point for
callers: :func:`planning.plan.load_plan`.
"""
