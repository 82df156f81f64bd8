"""Importing producers and their offers from the spreadsheet the network already keeps.

The file has one row per offer; a producer's columns repeat on each of its rows, and a
row without a product only creates or updates the producer. French and English headers
are both understood, and so are the files French spreadsheets save (semicolons,
Windows-1252, decimal commas).

`plan_import` reads and checks the whole file without writing anything: that is the dry
run, and the preview editors confirm. `apply` writes a plan in one transaction, and only
a plan without a single error: a half-imported spreadsheet is worse than none. An empty
cell means "no information": it never erases what the directory already holds, so
importing the same file twice changes nothing the second time."""

from .cells import CellError, choice_lookup, parse_boolean, parse_choice, parse_months
from .columns import COLUMNS, Column, map_header
from .planning import plan_import
from .plans import ImportPlan
from .reading import ImportFileError, decode, read_table
from .report import Change, ImportResult, RowError
from .words import DISTANCE_WORDS
from .writing import apply, run_import

__all__ = [
    "COLUMNS",
    "CellError",
    "Change",
    "Column",
    "DISTANCE_WORDS",
    "ImportFileError",
    "ImportPlan",
    "ImportResult",
    "RowError",
    "apply",
    "choice_lookup",
    "decode",
    "map_header",
    "parse_boolean",
    "parse_choice",
    "parse_months",
    "plan_import",
    "read_table",
    "run_import",
]
