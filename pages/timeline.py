import streamlit as st

st.title("timeline")
