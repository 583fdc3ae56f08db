"""Vietnam's administrative units before and after 1 July 2025, and matching printed places against them."""
