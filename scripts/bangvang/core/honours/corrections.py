"""The "Báo sai sót" link of an entry: a prefilled e-mail or form address."""

from __future__ import annotations

from urllib.parse import quote

from .model import Decision, HonourEntry


class CorrectionLinks:
    """Makes correction links; the parts shared by a decision's rows are encoded once.

    ``target`` is "mailto:address" (the subject is prefilled with the decision,
    STT and name, which identify the row; a body with the row's address would
    double the size of pages holding thousands of rows) or a form address with
    {so}, {stt}, {ten} and {trang} placeholders, filled URL-encoded.
    """

    def __init__(self, target: str) -> None:
        self.target = target
        self._prefixes: dict[str, str] = {}

    def link(self, decision: Decision, entry: HonourEntry, row_address: str) -> str:
        """Return the correction link of one entry; ``row_address`` is the row's public address."""
        if not self.target.startswith("mailto:"):
            return self.target.format(
                so=quote(decision.number, safe=""),
                stt=entry.stt,
                ten=quote(entry.name, safe=""),
                trang=quote(row_address, safe=""),
            )
        prefix = self._prefixes.get(decision.slug)
        if prefix is None:
            prefix = f"{self.target}?subject={quote(f'Sai sót QĐ {decision.number} STT ')}"
            self._prefixes[decision.slug] = prefix
        return f"{prefix}{entry.stt}%3A%20{quote(entry.name)}"
