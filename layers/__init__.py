"""Map layers: the registry, styles and folium builders. Imports no streamlit."""
