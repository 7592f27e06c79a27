"""Read and validate a standard ACLED export CSV (classic or newer column set).

Only the columns the aggregates need are required; other columns are ignored,
so older exports (upper-case headers such as EVENT_ID_CNTY), the classic set
and the newer set (disorder_type, civilian_targeting, tags, ...) all load.
Every problem is raised as InputError naming file, line and column, because
users bring their own exports and must be able to find the bad cell.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from mali_regions import harmonize_admin1

REQUIRED = ("event_id_cnty", "event_date", "event_type", "admin1", "fatalities")
OPTIONAL = ("admin2", "year", "country", "timestamp")

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")],
        start=1)
    for name in names
}


class InputError(Exception):
    """Malformed input; str() is 'file:line: column N (name): message'."""

    def __init__(self, path, line, message, column=None, column_index=None):
        where = f"{path}:" if line is None else f"{path}:{line}:"
        if column is not None:
            where += f" column {column_index} ({column}):"
        super().__init__(f"{where} {message}")


@dataclass(frozen=True)
class Event:
    event_id: str
    date: datetime.date
    event_type: str
    admin1: str       # canonical pre-2016 region (mali_regions.CANONICAL_ADMIN1)
    admin2: str       # as exported, trimmed (Ménaka stays a cercle of Gao)
    fatalities: int
    timestamp: int    # ACLED's last-edit time; 0 when absent
    line: int         # first physical line of the record in the file


def parse_date(text):
    """Accept ACLED's two date styles: '2012-01-17' and '17 January 2012'.

    Month names are matched here rather than with strptime('%B'), which depends
    on the process locale.
    """
    text = text.strip()
    ymd = None
    parts = text.split("-")
    if len(parts) == 3 and len(parts[0]) == 4 and all(p.isascii() and p.isdigit() for p in parts):
        ymd = int(parts[0]), int(parts[1]), int(parts[2])
    parts = text.split()
    if (len(parts) == 3 and parts[0].isascii() and parts[0].isdigit()
            and parts[2].isascii() and parts[2].isdigit() and len(parts[2]) == 4
            and parts[1].lower() in _MONTHS):
        ymd = int(parts[2]), _MONTHS[parts[1].lower()], int(parts[0])
    if ymd is None:
        raise ValueError(f"unrecognized date {text!r}; expected YYYY-MM-DD or 'D Month YYYY'")
    try:
        return datetime.date(*ymd)
    except ValueError:
        raise ValueError(f"impossible date {text!r}") from None


def _decode(path, raw):
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        raise InputError(path, line, f"not valid UTF-8 (byte 0x{raw[err.start]:02x}); "
                         "re-save the export as UTF-8") from None


def _header(path, line, row):
    names = [name.strip().lower() for name in row]
    seen = set()
    for name in names:
        if name in seen:
            raise InputError(path, line, f"duplicate column {name!r} in header")
        seen.add(name)
    missing = [name for name in REQUIRED if name not in seen]
    if missing:
        raise InputError(path, line, "missing required column(s) " + ", ".join(missing)
                         + "; is this an ACLED export?")
    return {name: index for index, name in enumerate(names)}


def _cell(row, columns, name):
    """Trimmed value and (name, 1-based index) of a column, for error messages."""
    index = columns[name]
    return row[index].strip(), (name, index + 1)


def _event(path, line, row, columns):
    def fail(column, message):
        raise InputError(path, line, message, column=column[0], column_index=column[1])

    event_id, col = _cell(row, columns, "event_id_cnty")
    if not event_id:
        fail(col, "empty event id")

    text, col = _cell(row, columns, "event_date")
    try:
        date = parse_date(text)
    except ValueError as err:
        fail(col, str(err))

    if "year" in columns:
        year, col = _cell(row, columns, "year")
        if year and year != str(date.year):
            fail(col, f"year {year!r} disagrees with event_date {text!r}")

    event_type, col = _cell(row, columns, "event_type")
    if not event_type:
        fail(col, "empty event type")

    admin1, col = _cell(row, columns, "admin1")
    admin2 = row[columns["admin2"]] if "admin2" in columns else ""
    regions = harmonize_admin1(admin1, admin2)
    if regions is None:
        fail(col, f"unknown Mali region {admin1!r}")

    text, col = _cell(row, columns, "fatalities")
    if not (text.isascii() and text.isdigit()):
        fail(col, f"fatalities must be a whole number >= 0, found {text!r}")

    timestamp = 0
    if "timestamp" in columns:
        stamp, col = _cell(row, columns, "timestamp")
        if stamp:
            if not (stamp.isascii() and stamp.isdigit()):
                fail(col, f"timestamp must be a whole number, found {stamp!r}")
            timestamp = int(stamp)

    return Event(event_id, date, event_type, regions[0], regions[1], int(text), timestamp, line)


def read_events(path, skipped=None):
    """Return the Mali events of an ACLED export, in file order, validated.

    Rows whose optional `country` column names another country are left out
    (regional exports mix countries); their count is added to skipped['country'].
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as err:
        raise InputError(path, None, f"cannot read: {err.strerror}") from None
    reader = csv.reader(io.StringIO(_decode(path, raw), newline=""), strict=True)
    events = []
    columns = None
    end_of_previous = 0
    try:
        for row in reader:
            line = end_of_previous + 1  # a quoted field may span lines: report where the record starts
            end_of_previous = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if columns is None:
                columns = _header(path, line, row)
                continue
            if len(row) != len(columns):
                raise InputError(path, line, f"expected {len(columns)} fields, found {len(row)}")
            if "country" in columns and row[columns["country"]].strip().lower() not in ("", "mali"):
                if skipped is not None:
                    skipped["country"] = skipped.get("country", 0) + 1
                continue
            events.append(_event(path, line, row, columns))
    except csv.Error as err:
        # An unclosed quote is only noticed at end of file: point at the record's start.
        raise InputError(path, end_of_previous + 1, f"CSV syntax error in the record "
                         f"starting on this line: {err}") from None
    if columns is None:
        raise InputError(path, 1, "empty file: no header row")
    return events
