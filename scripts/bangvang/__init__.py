"""Bảng Vàng: news and honour rolls of Vietnam's associations for promoting learning."""
