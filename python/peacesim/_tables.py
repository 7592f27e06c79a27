"""CSV files as pandas DataFrames when pandas is installed, else as plain columns (a dict of lists)."""

import csv

# pandas, imported when a table is first read (not by `import peacesim`, which stays quick); None
# when it is not installed.
_NOT_YET = object()
pandas = _NOT_YET


def _pandas():
    global pandas
    if pandas is _NOT_YET:
        try:
            import pandas as loaded
        except ImportError:  # pandas is optional: plain columns then
            loaded = None
        pandas = loaded
    return pandas

# Columns read as numbers (the others stay text): the run store's series and ACLED's event columns.
_INTEGER = {"member", "step", "year", "interaction"}
_REAL = {"value", "latitude", "longitude", "fatalities"}


def read_table(path):
    pd = _pandas()
    if pd is not None:
        return pd.read_csv(path, keep_default_na=False, na_values=[])
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    columns = {}
    for k, name in enumerate(header):
        values = [row[k] for row in body]
        if name in _INTEGER:
            values = [int(v) for v in values]
        elif name in _REAL:
            values = [float(v) for v in values]
        columns[name] = values
    return columns
