"""Importing honour lists as communes send them: spreadsheets, legacy fonts, Excel's CSV."""
