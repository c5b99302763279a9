"""The Secretary-General's note itself (text, Word or PDF) read into a plan: its table found and
split into headings and rows (containers), and each row's sentences turned into the plan's
columns by the rules of docs/counting-rules.md."""
