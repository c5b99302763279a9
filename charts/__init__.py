"""Pure figure builders: frames in, plotly Figures out. No Streamlit here, so the app, the
briefing pack and the tests draw the very same charts."""
