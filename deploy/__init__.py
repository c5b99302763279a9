"""Serving the dashboard: the production launcher and the nginx configuration."""
