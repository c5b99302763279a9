#!/bin/sh
# Makes docs/briefing-slide.png, the slide the README shows: the "Sectors and the General
# Secretariat" slide of the briefing pack for the Internet Governance pillar, as LibreOffice
# Impress draws it.
# Needs LibreOffice Impress and poppler-utils (not needed by the tests or CI).
# Run from the repository root:  sh scripts/briefing-picture.sh
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python -m briefing --out "$work/deck.pptx" --pillar "Internet Governance"
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf \
    --outdir "$work" "$work/deck.pptx" >/dev/null
pdftoppm -png -r 72 -f 2 -l 2 "$work/deck.pdf" "$work/slide"
cp "$work"/slide-*2.png docs/briefing-slide.png
echo "Wrote docs/briefing-slide.png"
