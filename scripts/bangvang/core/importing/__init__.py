"""Importing the spreadsheets communes send (xlsx, xls, ods, csv) into honour rolls."""
