"""What a community is: the typed records of the format, declared once with their field kinds."""
