"""Validation of the curated registries (``ontology/registry/*.csv``) before RDF is generated.

Every problem becomes an :class:`Issue` naming file, line and column, so a curator can fix a
registry without reading the generator. ``build_vocabulary`` refuses to write anything while a
single issue remains: a wrong link or a dangling reference is worse than a missing one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rdflib.namespace import DefinedNamespace

from borderkg.ontology.namespaces import ACTORTYPE, LEGALTYPE, PARTICIPATION

#: Allowed values of the ``*_check`` columns (empty = no identifier looked up).
CHECK_VALUES = ("verified", "rechecked", "single-source", "conflict", "unverified")
#: Only these become ``skos:exactMatch``.
EMIT_CHECKS = frozenset({"verified", "rechecked"})

PLACE_TYPES = frozenset(
    {
        "Country",
        "AdministrativeArea",
        "Settlement",
        "River",
        "Landform",
        "BorderCrossing",
        "Facility",
        "EconomicZone",
    }
)
ACTOR_TYPES = frozenset({"Organization", "CollectiveActor", "PublicFigure"})
LEGAL_TYPES = frozenset({"LegalInstrument", "Provision"})
#: Types a place's ``admin_parent`` may point to.
PARENT_TYPES = frozenset({"Country", "AdministrativeArea", "Settlement"})

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LEGAL_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:-|_{1,2})[a-z0-9]+)*)*")
_QID = re.compile(r"Q[1-9][0-9]*")
_GEONAMES = re.compile(r"[1-9][0-9]{0,9}")
_ISO3166_1 = re.compile(r"[A-Z]{2}")
_ISO3166_2 = re.compile(r"([A-Z]{2})-[A-Z0-9]{1,3}")
_FIPS = re.compile(r"[A-Z]{2}[A-Z0-9]{2}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Issue:
    """One problem in a registry file."""

    file: str
    line: int
    column: str | None
    message: str

    def __str__(self) -> str:
        column = f" column '{self.column}':" if self.column else ""
        return f"{self.file}:{self.line}:{column} {self.message}"


class RegistryError(ValueError):
    """The registries are not valid; ``issues`` lists every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__(
            f"{len(issues)} problem(s) in the registries:\n" + "\n".join(map(str, issues))
        )


@dataclass(frozen=True)
class Row:
    """One registry row: file, line number (of its last physical line) and stripped cells."""

    file: str
    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    def many(self, column: str) -> list[str]:
        """The ``|``-separated values of a multi-valued cell, without blanks or repeats."""
        values = (part.strip() for part in self[column].split("|"))
        return list(dict.fromkeys(v for v in values if v))


class _Checker:
    """Collects issues while checking the rows of all registries together."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.external_ids: dict[str, Row] = {}

    def error(self, row: Row, column: str | None, message: str) -> None:
        self.issues.append(Issue(row.file, row.line, column, message))

    def ids(
        self, rows: Iterable[Row], pattern: re.Pattern[str], types: frozenset[str]
    ) -> dict[str, Row]:
        """Index rows by ``local_id``, checking id form, uniqueness, type and labels."""
        index: dict[str, Row] = {}
        for row in rows:
            local_id = row["local_id"]
            if not pattern.fullmatch(local_id):
                self.error(row, "local_id", f"malformed local_id '{local_id}'")
            elif local_id in index:
                first = index[local_id]
                self.error(
                    row, "local_id", f"duplicate local_id '{local_id}' (first at line {first.line})"
                )
            else:
                index[local_id] = row
            if row["type"] not in types:
                allowed = ", ".join(sorted(types))
                self.error(row, "type", f"unknown type '{row['type']}' (expected one of {allowed})")
            self.labels(row)
            self.external(row, "wikidata", _QID, "a QID like Q148")
            if "geonames" in row.cells:
                self.external(row, "geonames", _GEONAMES, "a GeoNames number like 1814991")
            self.date(row, "checked_on")
        return index

    def labels(self, row: Row) -> None:
        if not row["label_en"]:
            self.error(row, "label_en", "an English label is required")
        for alt in row.many("alt_labels"):
            if alt == row["label_en"]:
                self.error(row, "alt_labels", f"alt label '{alt}' repeats label_en")

    def external(self, row: Row, column: str, pattern: re.Pattern[str], example: str) -> None:
        """An external identifier: well-formed, checked, and used by one entity only."""
        value, check = row[column], row[f"{column}_check"]
        if check and check not in CHECK_VALUES:
            allowed = ", ".join(CHECK_VALUES)
            self.error(row, f"{column}_check", f"unknown check '{check}' (expected {allowed})")
        if not value:
            if check in ("verified", "rechecked", "single-source"):
                self.error(row, f"{column}_check", f"'{check}' given but {column} is empty")
            return
        if not pattern.fullmatch(value):
            self.error(row, column, f"malformed {column} id '{value}' (expected {example})")
            return
        if not check:
            self.error(row, f"{column}_check", f"{column} '{value}' needs a check value")
        key = f"{column}:{value}"
        if key in self.external_ids:
            first = self.external_ids[key]
            self.error(
                row,
                column,
                f"{column} id '{value}' is already used by "
                f"{first.file}:{first.line} ('{first['local_id']}')",
            )
        else:
            self.external_ids[key] = row

    def date(self, row: Row, column: str) -> None:
        value = row[column]
        if not value:
            return
        try:
            if not _DATE.fullmatch(value):
                raise ValueError
            dt.date.fromisoformat(value)
        except ValueError:
            self.error(row, column, f"'{value}' is not a date (expected YYYY-MM-DD)")

    def concept(self, row: Row, column: str, scheme: type[DefinedNamespace]) -> None:
        value = row[column]
        if value and value not in scheme.__annotations__:
            self.error(row, column, f"unknown concept '{value}' in {scheme.__name__}")

    def refs(
        self,
        row: Row,
        column: str,
        index: dict[str, Row],
        what: str,
        types: Iterable[str] = (),
    ) -> list[Row]:
        """The rows a reference cell names; unknown ids and targets of other types are issues."""
        found = []
        for ref in row.many(column):
            target = index.get(ref)
            if target is None:
                self.error(row, column, f"unknown {what} '{ref}'")
            elif types and target["type"] not in types:
                expected = " or ".join(sorted(types))
                self.error(row, column, f"'{ref}' is a {target['type']}, expected {expected}")
            else:
                found.append(target)
        return found


def _countries_of(place: Row, places: dict[str, Row], seen: tuple[str, ...] = ()) -> frozenset[str]:
    """Countries an admin_parent chain reaches (raises ValueError on a cycle)."""
    if place["type"] == "Country":
        return frozenset({place["local_id"]})
    if place["local_id"] in seen:
        raise ValueError(" → ".join((*seen, place["local_id"])))
    reached: frozenset[str] = frozenset()
    for parent in place.many("admin_parent"):
        if parent in places:
            reached |= _countries_of(places[parent], places, (*seen, place["local_id"]))
    return reached


def _check_places(c: _Checker, places: dict[str, Row]) -> None:
    for row in places.values():
        kind = row["type"]
        level = row["admin_level"]
        if level and not (level.isdigit() and int(level) <= 3):
            c.error(row, "admin_level", f"'{level}' is not an admin level 0–3")
            level = ""
        if kind == "Country":
            for column in ("admin_parent", "country", "on_river", "faces_across", "connects"):
                if row[column]:
                    c.error(row, column, "a Country has no " + column)
            if level != "0":
                c.error(row, "admin_level", "a Country has admin_level 0")
        elif level == "0":
            c.error(row, "admin_level", "only a Country has admin_level 0")
        for parent in c.refs(row, "admin_parent", places, "place", PARENT_TYPES):
            above = parent["admin_level"]
            if level and above.isdigit() and int(above) >= int(level):
                c.error(
                    row,
                    "admin_level",
                    f"level {level} is not below its parent '{parent['local_id']}' (level {above})",
                )
        c.refs(row, "country", places, "place", {"Country"})
        c.refs(row, "on_river", places, "place", {"River"})
        linked = c.refs(row, "connects", places, "place")
        if row["connects"] and kind != "BorderCrossing":
            c.error(row, "connects", "only a BorderCrossing connects places")
        if kind == "BorderCrossing" and len({p for r in linked for p in r.many("country")}) < 2:
            c.error(row, "connects", "a BorderCrossing connects places in two countries")
        for other in c.refs(row, "faces_across", places, "place"):
            if other is row:
                c.error(row, "faces_across", "a place cannot face itself")
            elif set(row.many("country")) & set(other.many("country")):
                c.error(row, "faces_across", f"'{other['local_id']}' is in the same country")
        _check_coordinates(c, row)
        _check_codes(c, row, places)
        if kind != "Country":
            _check_chain(c, row, places)


def _check_coordinates(c: _Checker, row: Row) -> None:
    if bool(row["lat"]) != bool(row["long"]):
        c.error(row, "lat" if not row["lat"] else "long", "give both lat and long, or neither")
        return
    for column, limit in (("lat", 90), ("long", 180)):
        if not row[column]:
            continue
        try:
            value = Decimal(row[column])
        except InvalidOperation:
            c.error(row, column, f"'{row[column]}' is not a decimal number")
            continue
        if not value.is_finite() or abs(value) > limit:
            c.error(row, column, f"{row[column]} is out of range (±{limit})")


def _check_codes(c: _Checker, row: Row, places: dict[str, Row]) -> None:
    code = row["iso3166_2"]
    if code and row["type"] == "Country":
        if not _ISO3166_1.fullmatch(code):
            c.error(row, "iso3166_2", f"'{code}' is not an ISO 3166-1 alpha-2 code (a Country)")
    elif code:
        match = _ISO3166_2.fullmatch(code)
        countries = {places[p]["iso3166_2"] for p in row.many("country") if p in places}
        if not match:
            c.error(row, "iso3166_2", f"'{code}' is not an ISO 3166-2 code like CN-LN")
        elif match.group(1) not in countries:
            c.error(row, "iso3166_2", f"'{code}' does not start with its country's code")
    if row["fips_admin1"] and not _FIPS.fullmatch(row["fips_admin1"]):
        c.error(row, "fips_admin1", f"'{row['fips_admin1']}' is not a FIPS 10-4 code like CH19")


def _check_chain(c: _Checker, row: Row, places: dict[str, Row]) -> None:
    if not row["admin_parent"]:
        c.error(row, "admin_parent", "every place but a Country needs an admin_parent")
        return
    try:
        reached = _countries_of(row, places)
    except ValueError as cycle:
        c.error(row, "admin_parent", f"admin_parent chain has a cycle: {cycle}")
        return
    declared = set(row.many("country"))
    if not reached:
        c.error(row, "admin_parent", "admin_parent chain does not reach a Country")
    elif declared != reached:
        c.error(
            row,
            "country",
            f"country '{'|'.join(sorted(declared))}' differs from the "
            f"admin_parent chain ('{'|'.join(sorted(reached))}')",
        )


def _check_actors(c: _Checker, actors: dict[str, Row], places: dict[str, Row]) -> None:
    for row in actors.values():
        c.concept(row, "actor_type", ACTORTYPE)
        c.refs(row, "country", places, "place", {"Country"})
        c.refs(row, "parent_org", actors, "actor")
        if row["parent_org"] == row["local_id"]:
            c.error(row, "parent_org", "an actor cannot be its own parent")


def _check_legal(c: _Checker, legal: dict[str, Row], places: dict[str, Row]) -> None:
    for row in legal.values():
        c.concept(row, "legal_type", LEGALTYPE)
        c.date(row, "date")
        c.refs(row, "jurisdiction", places, "place")
        c.refs(row, "part_of", legal, "legal instrument")
        if row["type"] == "Provision":
            if not row["part_of"]:
                c.error(row, "part_of", "a Provision needs the instrument it is part of")
            elif not row["local_id"].startswith((row["part_of"] + "/", row["part_of"] + "__")):
                # Akoma Ntoso style: a subdivision of a provision extends its id with "__"
                # (art_33 -> art_33__para_1), one of an instrument with "/"
                c.error(
                    row,
                    "local_id",
                    f"a provision's id starts with '{row['part_of']}/' (or '{row['part_of']}__' "
                    "for a subdivision of a provision)",
                )
            if not row["number"]:
                c.error(row, "number", "a Provision needs its number")
        elif row["part_of"]:
            c.error(row, "part_of", "only a Provision is part of another instrument")


def _check_participations(
    c: _Checker, rows: list[Row], places: dict[str, Row], legal: dict[str, Row]
) -> None:
    seen: dict[tuple[str, str, str], Row] = {}
    for row in rows:
        c.refs(row, "state", places, "place", {"Country"})
        c.refs(row, "instrument", legal, "legal instrument", {"LegalInstrument"})
        for column in ("state", "instrument", "kind"):
            if not row[column]:
                c.error(row, column, f"{column} is required")
        c.concept(row, "kind", PARTICIPATION)
        c.date(row, "date")
        key = (row["state"], row["instrument"], row["kind"])
        if key in seen:
            c.error(row, None, f"duplicate participation (first at line {seen[key].line})")
        seen[key] = row


def check_registries(
    places: list[Row], actors: list[Row], legal: list[Row], participations: list[Row]
) -> list[Issue]:
    """Every problem in the four registries, checked together (references cross files)."""
    c = _Checker()
    place_index = c.ids(places, _SLUG, PLACE_TYPES)
    actor_index = c.ids(actors, _SLUG, ACTOR_TYPES)
    legal_index = c.ids(legal, _LEGAL_ID, LEGAL_TYPES)
    _check_places(c, place_index)
    _check_actors(c, actor_index, place_index)
    _check_legal(c, legal_index, place_index)
    _check_participations(c, participations, place_index, legal_index)
    return sorted(c.issues, key=lambda i: (i.file, i.line, i.column or "", i.message))
