import streamlit as st

st.title("plan")
