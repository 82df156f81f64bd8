"""What an import tells the editor: the problems, line by line, and what it changes."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

DELIMITER_NAMES = {
    ",": gettext_lazy("commas"),
    ";": gettext_lazy("semicolons"),
    "\t": gettext_lazy("tabs"),
}


@dataclass(frozen=True)
class RowError:
    """A problem on a line of the file, numbered as the spreadsheet shows it (the header
    is line 1); `column` is the header as written in the file, or "" for the whole line."""

    line: int
    column: str
    message: str


@dataclass(frozen=True)
class Change:
    """What the import will do to one entry or offer, for the preview."""

    line: int
    label: str
    created: bool
    is_offer: bool
    fields: tuple = ()


@dataclass
class ImportResult:
    producers_created: int = 0
    producers_updated: int = 0
    producers_unchanged: int = 0
    offers_created: int = 0
    offers_updated: int = 0
    offers_unchanged: int = 0
    rows: int = 0
    errors: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    ignored_columns: list = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ","
    dry_run: bool = True

    @property
    def has_changes(self):
        return bool(self.changes)

    @property
    def delimiter_name(self):
        return DELIMITER_NAMES.get(self.delimiter, self.delimiter)
