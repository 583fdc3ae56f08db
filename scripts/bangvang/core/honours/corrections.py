"""The "Báo sai sót" link of an entry: a prefilled e-mail or form address."""

from __future__ import annotations

from urllib.parse import quote

from .model import Decision, HonourEntry


def correction_link(target: str, decision: Decision, entry: HonourEntry, page_url: str) -> str:
    """Return the correction link for an entry.

    ``target`` is "mailto:address" (subject and body are prefilled) or a form
    address with {so}, {stt}, {ten} and {trang} placeholders, filled URL-encoded.
    """
    subject = f"Báo sai sót: Quyết định {decision.number}, STT {entry.stt}"
    body = (
        f"Quyết định: {decision.number}\nSTT: {entry.stt}\nTên: {entry.name}\nTrang: {page_url}\n\n"
        "Nội dung cần sửa hoặc yêu cầu gỡ bỏ:\n"
    )
    if target.startswith("mailto:"):
        return f"{target}?subject={quote(subject)}&body={quote(body)}"
    return target.format(
        so=quote(decision.number, safe=""),
        stt=entry.stt,
        ten=quote(entry.name, safe=""),
        trang=quote(page_url, safe=""),
    )
