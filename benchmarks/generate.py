"""A synthetic plan N times the bundled one, for benchmarks.

Copy 0 is the bundled plan unchanged; copy k (k >= 1) gets ids suffixed "-s<k>" (parents
follow), its units (within their group) and partner organisations permuted among the real codes of
data/units.csv and data/organisations.csv (the validator checks against those tables, so no
invented codes), and its comment dates moved k mod YEARS years on, so events spread over several
years. Sentences keep their shapes and "held"/"to be held"/"planned" markers, so the proportions
of sub-activities, rows without a lead, cross-references and planned events stay the bundled
plan's.

    python -m benchmarks.generate --scale 100 --out /tmp/plan-100x.csv [--seed 1] [--years 10]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import pandas as pd

from analysis.model import PLAN_COLUMNS, UNIT_GROUPS
from analysis.planfile.cells import parse_item, split_items
from analysis.planfile.csv_format import csv_bytes, csv_text
from analysis.planfile.dates import read_sentence, split_sentences
from analysis.planfile.load import BUNDLED_PLAN, read_reference

DEFAULT_YEARS = 10
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
# ITU is the facilitator in most partner cells: permuting it away would change the plan's shape.
FIXED_ORGANISATIONS = ("ITU",)


def read_bundled(path: Path = BUNDLED_PLAN) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def shift_dates(comments: str, years: int) -> str:
    """The comments with every date the parser reads moved `years` on; a date written without a
    year gets one, since the parser would otherwise read it as 2006."""
    if years == 0 or not comments:
        return comments
    pieces: list[str] = []
    cursor = 0
    for sentence in split_sentences(comments):
        start = comments.find(sentence, cursor)
        if start < 0:  # split_sentences strips: a sentence is always found, but stay safe
            continue
        mentions, _ = read_sentence(sentence)
        inner = 0
        rewritten: list[str] = []
        for mention in mentions:
            at = sentence.find(mention.date_text, inner)
            if at < 0:
                continue
            text = mention.date_text
            if _YEAR.search(text):
                moved = _YEAR.sub(lambda m: str(int(m.group(0)) + years), text)
            else:
                moved = f"{text} {mention.start.year + years}"
            rewritten.append(sentence[inner:at] + moved)
            inner = at + len(text)
        rewritten.append(sentence[inner:])
        pieces.append(comments[cursor:start] + "".join(rewritten))
        cursor = start + len(sentence)
    pieces.append(comments[cursor:])
    return "".join(pieces)


def _permutation(codes: list[str], rng: random.Random) -> dict[str, str]:
    shuffled = list(codes)
    rng.shuffle(shuffled)
    return dict(zip(codes, shuffled, strict=True))


def _unit_permutation(units: pd.DataFrame, rng: random.Random) -> dict[str, str]:
    """Units swap places within their group: the three Sector bureaux (the members of the
    'Sectors' group) among themselves, General Secretariat units among themselves. Swapping
    across would make, say, 'Lead: SPU; Assist: Sectors' into a bureau both leading and assisting
    through the group, a shape the bundled plan never has (and that the matrix page cannot
    pivot: reported separately), so the copies would no longer be like the original."""
    grouped = {code for codes in UNIT_GROUPS.values() for code in codes}
    mapping: dict[str, str] = {}
    for members in (
        [code for code in units["code"] if code in grouped],
        [code for code in units["code"] if code not in grouped and code not in UNIT_GROUPS],
    ):
        mapping |= _permutation(members, rng)
    return mapping


def _remap_cell(cell: str, mapping: dict[str, str]) -> str:
    """'BR (note); TSB' with each known name mapped; groups such as 'Sectors' stay."""
    items = []
    for text in split_items(cell):
        item = parse_item(text)
        if item is None or item.name not in mapping:
            items.append(text)
            continue
        name = mapping[item.name]
        items.append(f"{name} ({item.note})" if item.note else name)
    return "; ".join(items)


def _remap_words(text: str, mapping: dict[str, str]) -> str:
    """Codes named in free text follow the permutation, so a copy's text matches its cells."""
    moved = {old: new for old, new in mapping.items() if old != new}
    if not moved or not text:
        return text
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(code) for code in sorted(moved, key=len)[::-1])
        + r")(?![\w-])"
    )
    return pattern.sub(lambda m: moved[m.group(1)], text)


def generate(
    scale: int, seed: int = 0, years: int = DEFAULT_YEARS, base: pd.DataFrame | None = None
) -> pd.DataFrame:
    """`scale` copies of the bundled plan as one plan frame (the columns of data/plan.csv)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if years < 1:
        raise ValueError("years must be at least 1")
    plan = read_bundled() if base is None else base
    units, organisations = read_reference()
    organisation_codes = [c for c in organisations["code"] if c not in FIXED_ORGANISATIONS]
    rng = random.Random(seed)
    copies = [plan]
    for copy in range(1, scale):
        unit_map = _unit_permutation(units, rng)
        organisation_map = _permutation(organisation_codes, rng)
        suffix = f"-s{copy}"
        frame = plan.copy()
        frame["activity_id"] = frame["activity_id"] + suffix
        frame["parent_id"] = frame["parent_id"].map(lambda p, s=suffix: f"{p}{s}" if p else "")
        frame["title"] = frame["title"] + f" (set {copy + 1})"
        for role in ("lead", "assist"):
            frame[role] = frame[role].map(lambda c, m=unit_map: _remap_cell(c, m))
        frame["partners"] = frame["partners"].map(lambda c, m=organisation_map: _remap_cell(c, m))
        # An alias in the text ("UNDESA") follows its organisation's code ("UN-DESA").
        aliases = {
            alias: organisation_map[code]
            for code, cell in zip(organisations["code"], organisations["aliases"], strict=True)
            if code in organisation_map
            for alias in split_items(cell.replace(",", ";"))
        }
        both = unit_map | organisation_map | aliases
        frame["allocation_text"] = frame["allocation_text"].map(
            lambda t, m=both: _remap_words(t, m)
        )
        shift = copy % min(scale, years)
        frame["comments"] = frame["comments"].map(
            lambda t, m=both, y=shift: shift_dates(_remap_words(t, m), y)
        )
        copies.append(frame)
    return pd.concat(copies, ignore_index=True)[list(PLAN_COLUMNS)]


def to_csv_text(frame: pd.DataFrame) -> str:
    """The plan as data/plan.csv's text (the one CSV writer; the file itself adds a BOM)."""
    return csv_text(frame, for_people=False)


def write_plan(scale: int, out: str | Path, seed: int = 0, years: int = DEFAULT_YEARS) -> Path:
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(csv_bytes(generate(scale, seed, years), for_people=False))
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="copies of the bundled plan")
    parser.add_argument("--out", required=True, help="CSV file to write")
    parser.add_argument("--seed", type=int, default=0, help="seed of the permutations")
    parser.add_argument(
        "--years", type=int, default=DEFAULT_YEARS, help="years over which events spread"
    )
    args = parser.parse_args(argv)
    path = write_plan(args.scale, args.out, args.seed, args.years)
    print(f"wrote {path} ({args.scale}x the bundled plan)")


if __name__ == "__main__":
    main()
