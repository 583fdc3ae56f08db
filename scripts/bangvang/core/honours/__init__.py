"""Honour rolls: decisions, their lists, and the rules they must keep."""
