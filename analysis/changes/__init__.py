"""Two plans, or a plan and an edit of it: what-if edits, the changes between versions, and the
before/after figures."""
