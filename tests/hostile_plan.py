"""A plan whose free text is the audit's hostile strings: Markdown links and
images to an outside host, HTML, Streamlit's colour directive, a spreadsheet formula and a
100 KB value, in titles (one a script and an element of its own), allocation text, comments,
cross-references, revisions and unit notes. Every page must show them as typed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLED_PLAN = REPO / "data" / "plan.csv"
# The host no request may go to: only plan text names it.
EVIL_HOST = "evil.example"
PAYLOADS: tuple[str, ...] = (
    f"[Your session expired - sign in again](https://{EVIL_HOST}/login)",
    f"![pixel](https://{EVIL_HOST}/pixel.png)",
    f'<img src="https://{EVIL_HOST}/img.png" onerror="alert(1)">',
    "<script>alert(1)</script>",
    f'<a href="https://{EVIL_HOST}/a">click</a>',
    "**bold**",
    ":red[colour]",
    "$x^2$",
    "=cmd|' /C calc'!A0",
)
HOSTILE_TEXT = " ".join(PAYLOADS)
# A whole title that would run a script and add an element if drawn as HTML: a browser sees both.
MARKUP_TITLE = '<script>window.__planScriptRan = true</script><b id="injected">bold</b>'
# A unit's note sits in brackets after its code, so it holds no brackets of its own.
HOSTILE_NOTE = f"**bold** :red[colour] <b>b</b> https://{EVIL_HOST}/note"
LONG_VALUE = "A long comment. " * 6_250  # 100 KB


def hostile_plan_csv() -> str:
    """The bundled plan with hostile text in the free-text cells of a few rows; dated
    sentences keep their dates, so the events (held, planned, unconfirmed) carry it too."""
    rows = list(csv.DictReader(io.StringIO(BUNDLED_PLAN.read_text(encoding="utf-8-sig"))))
    for number, row in enumerate(rows):
        if number % 4 == 0:
            row["title"] = f"{row['title']} {HOSTILE_TEXT}"
        if number % 4 == 1:
            row["allocation_text"] = f"{row['allocation_text']} {HOSTILE_TEXT}"
        if row["comments"]:
            row["comments"] = f"{row['comments']} {HOSTILE_TEXT}."
    rows[0]["lead"] = rows[0]["lead"].replace("CEC", f"CEC ({HOSTILE_NOTE})")
    rows[1]["title"] = MARKUP_TITLE  # A02
    rows[1]["cross_references"] = HOSTILE_TEXT
    rows[2]["revisions"] = f"2026-12-02: {HOSTILE_TEXT}"
    rows[3]["comments"] += f" {LONG_VALUE}"
    # Dated sentences of our own: one planned (upcoming), one passed without a report
    # (unconfirmed), each in Geneva, each with the hostile text.
    rows[4]["comments"] += f" A meeting will be held on 12 December 2006 in Geneva {HOSTILE_TEXT}."
    rows[5]["comments"] += f" A workshop will be held on 3 March 2006 in Geneva {HOSTILE_TEXT}."
    columns = list(rows[0])
    if "revisions" not in columns:
        columns.append("revisions")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_hostile_plan(folder: Path) -> Path:
    path = folder / "hostile-plan.csv"
    path.write_text(hostile_plan_csv(), encoding="utf-8")
    return path
