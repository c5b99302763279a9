"""The Streamlit glue shared by app.py and pages/: view context, URL state and rendering
helpers. Only app.py, pages/ and this package import streamlit."""
