"""The "Báo sai sót" link of an entry: a prefilled e-mail or form address.

Pages carry no link per row: bv-rows.js builds :meth:`CorrectionLinks.link`'s
address from the row a reader reaches (the same text, in JavaScript). Each page
of rows carries one :meth:`CorrectionLinks.page_link`, which works without scripts.
"""

from __future__ import annotations

from urllib.parse import quote

from .model import Decision, HonourEntry

# Characters a mailto: subject must not hold raw. Other text, accents included,
# stays as it is: an href is an IRI, and browsers encode it when following it.
_MAILTO_ESCAPES = (
    ("%", "%25"), (" ", "%20"), ('"', "%22"), ("#", "%23"), ("&", "%26"),
    ("<", "%3C"), (">", "%3E"), ("?", "%3F"), ("\n", "%0A"), ("\r", "%0D"),
)  # fmt: skip


def _mailto_text(text: str) -> str:
    for raw, encoded in _MAILTO_ESCAPES:
        if raw in text:
            text = text.replace(raw, encoded)
    return text


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
            prefix = f"{self.target}?subject=" + _mailto_text(f"Sai sót QĐ {decision.number} STT ")
            self._prefixes[decision.slug] = prefix
        return f"{prefix}{entry.stt}:%20{_mailto_text(entry.name)}"

    def page_link(self, number: str, page_address: str) -> str:
        """Return the link for a whole page of rows: prefilled with its decision (``number``, or "") and address."""
        if not self.target.startswith("mailto:"):
            return self.target.format(so=quote(number, safe=""), stt="", ten="", trang=quote(page_address, safe=""))
        return f"{self.target}?subject=" + _mailto_text(f"Sai sót QĐ {number}" if number else "Sai sót danh sách")
