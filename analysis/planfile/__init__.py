"""A plan file to a Plan: bytes decoded, rows read (CSV or workbook), every cell checked, dated
events read from the comments; and the plan written back in its own CSV."""
