"""The committee's ways in from other tools: a treasurer's spreadsheet into month files."""
