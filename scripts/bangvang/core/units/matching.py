"""Match a place as a decision prints it against the units in force on the decision's signing date.

A decision signed before 1/7/2025 names a former commune, its district and
its former province; one signed since names a current commune and province.
Either way the match gives the current commune the row belongs to today, or
says in Vietnamese why it cannot: the name is unknown (with the nearest real
units), ambiguous, or a former commune that was split between several current
ones, where the editor chooses (``current_commune``), never the matcher.

Villages (thôn, xóm, ấp, bản, tổ dân phố) have no national list and are not
matched. Matches are cached per distinct printed place and signing date (a
message names the date), so a million rows naming a few thousand places cost
a few thousand matches.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property

from ..text import format_date
from .data import Unit, UnitList, load_units
from .names import alias_key, loose_key, unit_key, unit_keys

REFORM = dt.date(2025, 7, 1)
"""From this day the two-level units are in force."""

SUGGESTIONS = 3
"""Most units a message offers for a name it does not know."""


@dataclass(frozen=True)
class Located:
    """Where a printed place is today.

    ``commune`` is the current commune when the match settles it; ``province``
    the current province whenever the province was recognised. ``named`` is
    the unit the decision itself names (a former or a current commune).
    ``problem`` says, in Vietnamese, why the commune is not settled.
    ``choices`` lists the current communes a split former commune went to.
    """

    commune: Unit | None
    province: Unit | None
    named: Unit | None = None
    reason: str | None = None
    choices: tuple[Unit, ...] = ()
    nearest: Callable[[], list[Unit]] | None = field(default=None, compare=False, repr=False)
    """The units nearest an unknown name, found only when the message is read: a list of a million
    distinct misspelt places must not cost a million fuzzy searches where only the reported ones are shown."""

    @property
    def problem(self) -> str | None:
        """Why the commune is not settled, in Vietnamese, with the nearest real units; None when it is."""
        if self.reason is None:
            return None
        return self.reason + (_hint(self.nearest()) if self.nearest is not None else "")

    @property
    def former(self) -> bool:
        """Whether the decision names a unit that no longer exists as such."""
        return self.named is not None and self.named.level in ("former-commune", "district")


class _Scope:
    """The units of one level under one parent, found by name."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.units = list(units)
        self.by_key: dict[str, list[tuple[str | None, Unit]]] = defaultdict(list)
        self.by_alias: dict[str, list[Unit]] = defaultdict(list)
        for unit in self.units:
            self.add(unit.name, unit)
            for alias in unit.aliases:
                self.by_alias[alias].append(unit)

    def add(self, name: str, unit: Unit) -> None:
        kind, key = unit_key(name)
        self.by_key[key].append((kind, unit))

    def find(self, text: str, *, by_alias: bool = True) -> list[Unit]:
        """Return the units a printed name can be: by kind and name, else by name alone, else by former name.

        ``by_alias=False`` leaves out the source's diacritic-free keys of earlier names ("hn" for Hà Nội):
        a message saying a province no longer exists must not rest on such a guess.
        """
        for kind, key in unit_keys(text):
            found = [unit for unit_kind, unit in self.by_key.get(key, ()) if kind is None or unit_kind == kind]
            if found:
                return list(dict.fromkeys(found))
        return list(dict.fromkeys(self.by_alias.get(alias_key(text), ()))) if by_alias else []

    def nearest(self, text: str) -> list[Unit]:
        """Return the units whose names are nearest a name that matched none (same letters first)."""
        loose = loose_key(text)
        same = [unit for unit in self.units if loose_key(unit.name) == loose]
        if same:
            return same[:SUGGESTIONS]
        names = {loose_key(unit.name): unit for unit in reversed(self.units)}
        close = difflib.get_close_matches(loose, list(names), n=SUGGESTIONS, cutoff=0.75)
        return [names[name] for name in close]


LISTED = 6
"""Most units a message names in a row; the rest are counted ("Phường 1" of a city had a dozen namesakes)."""


def _quoted(units: Iterable[Unit]) -> str:
    names = [f"'{unit.written()}'" for unit in units]
    if len(names) > LISTED:
        return ", ".join(names[: LISTED - 1]) + f" và {len(names) - LISTED + 1} đơn vị khác"
    return ", ".join(names)


def _hint(units: list[Unit]) -> str:
    if not units:
        return ""
    if len(units) == 1:
        return f"; có phải '{units[0].written()}'?"
    return f"; có phải một trong: {_quoted(units)}?"


class Matcher:
    """Matches printed places against one unit list; build one per build and reuse it."""

    def __init__(self, units: UnitList | None = None) -> None:
        self.units = units or load_units()
        self._cache: dict[tuple[str, str | None, str, dt.date, str | None], Located] = {}

    @cached_property
    def _provinces(self) -> _Scope:
        return _Scope(self.units.provinces.values())

    @cached_property
    def _former_provinces(self) -> _Scope:
        scope = _Scope(self.units.former_provinces.values())
        for code, names in self.units.former_names.items():
            for name in names:
                scope.add(name, self.units.former_provinces[code])
        return scope

    def provinces_named(self, text: str) -> list[Unit]:
        """Return the current provinces a written name can be ("Hà Tĩnh", "Tỉnh Hà Tĩnh")."""
        return self._provinces.find(text)

    def former_provinces_named(self, text: str) -> list[Unit]:
        """Return the provinces of 30/6/2025 a written name can be, by their names (never by alias keys)."""
        return self._former_provinces.find(text, by_alias=False)

    @cached_property
    def _communes(self) -> dict[str, _Scope]:
        return self._group(self.units.communes.values(), lambda unit: unit.province.code)

    @cached_property
    def _districts(self) -> dict[str, _Scope]:
        return self._group(self.units.districts.values(), lambda unit: unit.province.code)

    @cached_property
    def _former_communes(self) -> dict[str, _Scope]:
        return self._group(self.units.former_communes.values(), lambda unit: unit.parent.code if unit.parent else "")

    @cached_property
    def _former_communes_of_province(self) -> dict[str, _Scope]:
        return self._group(self.units.former_communes.values(), lambda unit: unit.province.code)

    @cached_property
    def _former_communes_now_in(self) -> dict[str, _Scope]:
        """Former communes by the current province they went to: a post-reform row may print a former name."""
        return self._group(self.units.former_communes.values(), lambda unit: unit.province.successors[0].code)

    @staticmethod
    def _group(units: Iterable[Unit], parent: object) -> dict[str, _Scope]:
        groups: dict[str, list[Unit]] = defaultdict(list)
        for unit in units:
            groups[parent(unit)].append(unit)  # type: ignore[operator]
        return {code: _Scope(members) for code, members in groups.items()}

    def locate(
        self, province: str, district: str | None, commune: str, signed: dt.date, chosen: str | None = None
    ) -> Located:
        """Return where a row's printed place is today (see :class:`Located`)."""
        key = (province, district, commune, signed, chosen)
        found = self._cache.get(key)
        if found is None:
            if signed >= REFORM:
                found = self._locate_current(province, commune, signed, chosen)
            else:
                found = self._locate_former(province, district, commune, signed, chosen)
            self._cache[key] = found
        return found

    def _unknown_province(self, scope: _Scope, province: str, signed: dt.date) -> Located:
        era = "từ 1/7/2025" if signed >= REFORM else "trước 1/7/2025"
        message = (
            f"không có tỉnh, thành phố '{province}' trong danh mục đơn vị hành chính {era} "
            f"(quyết định ký ngày {format_date(signed)})"
        )
        return Located(None, None, reason=message, nearest=lambda: scope.nearest(province))

    def _ambiguous(self, what: str, found: list[Unit], now: Unit | None) -> Located:
        return Located(None, now, reason=f"'{what}' có thể là {_quoted(found)}; ghi rõ cấp (xã, phường, thị trấn…)")

    def _locate_current(self, province: str, commune: str, signed: dt.date, chosen: str | None) -> Located:
        provinces = self._provinces.find(province)
        if len(provinces) != 1:
            were = self.former_provinces_named(province)
            if len(were) == 1 and not provinces:
                # A former province printed after the reform: say which province it is part of now.
                message = (
                    f"từ 1/7/2025 không còn '{were[0].name}': nay thuộc '{were[0].successors[0].name}' "
                    f"(quyết định ký ngày {format_date(signed)}); ghi tên tỉnh, thành phố hiện nay"
                )
                return Located(None, None, reason=message)
            return self._unknown_province(self._provinces, province, signed)
        now = provinces[0]
        scope = self._communes[now.code]
        found = scope.find(commune)
        if len(found) == 1:
            return self._with_choice(Located(found[0], now, found[0]), chosen, now)
        if found:
            return self._ambiguous(commune, found, now)
        # A former name printed after the reform: say what it became.
        former = self._former_communes_now_in.get(now.code)
        were = former.find(commune) if former else []
        if were:
            after = list(dict.fromkeys(unit for unit in were for unit in unit.successors))
            message = (
                f"không có xã, phường '{commune}' trong {now.name} từ 1/7/2025 (quyết định ký ngày "
                f"{format_date(signed)}); {_quoted(were)} cũ nay là {_quoted(after)}: ghi tên đơn vị hiện nay"
            )
            return self._with_choice(Located(None, now, reason=message), chosen, now)
        message = (
            f"không có xã, phường '{commune}' trong danh mục của {now.name} từ 1/7/2025 "
            f"(quyết định ký ngày {format_date(signed)})"
        )

        def meant() -> list[Unit]:
            # Current communes with the same letters first; else a former one with them (a misspelt former name).
            near = scope.nearest(commune)
            letters = loose_key(commune)
            if former is None or any(loose_key(unit.name) == letters for unit in near):
                return near
            return [unit for unit in former.nearest(commune) if loose_key(unit.name) == letters] or near

        return self._with_choice(Located(None, now, reason=message, nearest=meant), chosen, now)

    def _locate_former(
        self, province: str, district: str | None, commune: str, signed: dt.date, chosen: str | None
    ) -> Located:
        provinces = self._former_provinces.find(province)
        if len(provinces) != 1:
            return self._unknown_province(self._former_provinces, province, signed)
        was = provinces[0]
        now = was.successors[0]
        where = was.name
        if district:
            districts = self._districts[was.code].find(district)
            if len(districts) > 1:
                return self._ambiguous(district, districts, now)
            if not districts:
                message = (
                    f"không có huyện, quận, thị xã, thành phố '{district}' trong {was.name} "
                    "(danh mục đơn vị hành chính trước 1/7/2025)"
                )

                def meant_district() -> list[Unit]:
                    # The commune may still tell which district was meant.
                    meant = self._former_communes_of_province[was.code].find(commune)
                    return meant or self._districts[was.code].nearest(district or "")

                return self._with_choice(Located(None, now, reason=message, nearest=meant_district), chosen, now)
            scope = self._former_communes.get(districts[0].code)
            where = f"{districts[0].name}, {was.name}"
            if scope is None:  # an island district without communes (Côn Đảo, Bạch Long Vĩ…)
                island = districts[0]
                return self._settle(Located(None, now, island), island, commune, chosen, now)
        else:
            scope = self._former_communes_of_province[was.code]
        found = scope.find(commune)
        if len(found) > 1:
            return self._ambiguous(commune, found, now)
        if not found:
            message = (
                f"không có xã, phường, thị trấn '{commune}' trong {where} (danh mục đơn vị hành chính trước 1/7/2025)"
            )
            in_district = scope

            def meant_commune() -> list[Unit]:
                meant = in_district.nearest(commune)
                if not meant and district:
                    meant = self._former_communes_of_province[was.code].nearest(commune)
                return meant

            return self._with_choice(Located(None, now, reason=message, nearest=meant_commune), chosen, now)
        return self._settle(Located(None, now, found[0]), found[0], found[0].written(), chosen, now)

    def _settle(self, located: Located, named: Unit, printed: str, chosen: str | None, now: Unit) -> Located:
        """Give a former unit its current commune: its only successor, or the one the editor chose."""
        after = named.successors
        if chosen is None:
            if len(after) == 1:
                return Located(after[0], now, named)
            message = (
                f"'{printed}' từ 1/7/2025 được chia cho {len(after)} xã, phường: {_quoted(after)}; "
                "ghi xã, phường hiện nay của dòng này vào cột 'current_commune' (xã hiện nay) để chọn"
            )
            return Located(None, now, named, message, after)
        picked = [unit for unit in after if unit in self._communes[now.code].find(chosen)]
        if picked:
            return Located(picked[0], now, named)
        message = (
            f"'current_commune' là '{chosen}' nhưng '{printed}' nay thuộc {_quoted(after)}; "
            "chọn một trong các đơn vị đó"
        )
        return Located(None, now, named, message, after)

    def _with_choice(self, located: Located, chosen: str | None, now: Unit) -> Located:
        """Take the editor's current commune for a place the list does not know, or check it against the match."""
        if chosen is None:
            return located
        scope = self._communes[now.code]
        found = scope.find(chosen)
        if len(found) != 1:
            message = f"'current_commune' là '{chosen}', không có trong danh mục xã, phường của {now.name} từ 1/7/2025"
            return Located(None, now, located.named, message, nearest=lambda: scope.nearest(chosen))
        if located.commune is not None and located.commune is not found[0]:
            message = f"'current_commune' là '{chosen}' nhưng nơi in trên quyết định là '{located.commune.name}'"
            return Located(None, now, located.named, message)
        return Located(found[0], now, located.named)


@cache
def shared_matcher() -> Matcher:
    """Return the process's matcher over the shipped list: the check and the build share its matches."""
    return Matcher()
