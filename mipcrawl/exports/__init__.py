"""The read side: what the database holds, written out — tables (jsonl, csv), iCalendar,
schema.org JSON-LD, a Frictionless data package and the HTML report — atomically."""
