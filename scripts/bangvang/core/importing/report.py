"""The import report: every source row in exactly one group, located as ``file!sheet!row``, counts that add up."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..text import format_number
from .layout import LEFT_OUT_REASONS, column_letter
from .values import Converted

_ENCODINGS = {"tcvn3": "TCVN3 (.VnTime)", "vni": "VNI (VNI-Times)"}


@dataclass
class Imported:
    """A row imported: where it came from, its new STT, its name."""

    where: str
    stt: int
    name: str
    source_stt: int | None = None


@dataclass
class Report:
    """What an import did with every source row, and with every column."""

    target: str = ""
    imported: list[Imported] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    """(where, class): rows left out on purpose."""
    refused: list[tuple[str, str]] = field(default_factory=list)
    """(where or cell, reason)."""
    columns: list[str] = field(default_factory=list)
    """One line per sheet: which column fills which field."""
    private: list[str] = field(default_factory=list)
    converted: list[Converted] = field(default_factory=list)
    source_rows: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def adds_up(self) -> bool:
        """Tell whether the three groups hold every source row once."""
        return len(self.imported) + len(self.left_out) + len(self.refused) == self.source_rows

    def lines(self) -> list[str]:
        """Return the report as printed, in Vietnamese."""
        out = [f"Nhập vào {self.target}" if self.target else "Nhập thử (--thu): không ghi tệp nào"]
        out += self.columns
        for line in self.private:
            out.append(f"Cột không nhập (dữ liệu cá nhân, không bao giờ đăng): {line}")
        for item in self.converted:
            column = item.column
            out.append(
                f"Cột chuyển mã: {item.sheet}!{column_letter(column.index)} '{column.label}' từ "
                f"{_ENCODINGS.get(item.encoding, item.encoding)} sang Unicode: {format_number(item.cells)} ô; "
                "xem lại vài tên trong cột này"
            )
        out += self.notes
        out.append(f"Được nhập ({format_number(len(self.imported))} dòng):")
        for row in self.imported:
            was = f" (STT gốc {row.source_stt})" if row.source_stt is not None and row.source_stt != row.stt else ""
            out.append(f"  {row.where}: STT {row.stt}{was}: {row.name}")
        out.append(f"Bỏ qua có chủ ý ({format_number(len(self.left_out))} dòng):")
        out += [f"  {where}: {LEFT_OUT_REASONS[kind]}" for where, kind in self.left_out]
        out.append(f"Bị từ chối ({format_number(len(self.refused))} dòng):")
        out += [f"  {where}: {reason}" for where, reason in self.refused]
        out.append(
            f"Tổng: {format_number(self.source_rows)} dòng nguồn = {format_number(len(self.imported))} được nhập + "
            f"{format_number(len(self.left_out))} bỏ qua + {format_number(len(self.refused))} bị từ chối"
        )
        return out
