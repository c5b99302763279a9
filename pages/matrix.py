import streamlit as st

st.title("matrix")
