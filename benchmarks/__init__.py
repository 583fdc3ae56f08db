"""Bảng Vàng's benchmarks: developer tools, run from the repository and never installed with the product."""
