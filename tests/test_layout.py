"""The owner's layout: configuration in site/, apps that depend on each other one way."""

import ast
from pathlib import Path

import settings

ROOT = Path(__file__).resolve().parents[1]


def test_settings_are_imported_from_the_site_folder():
    """`settings` is the package in site/, not something else on the import path."""
    assert Path(settings.__file__).resolve().is_relative_to(ROOT / "site")
    assert not (ROOT / "site" / "__init__.py").exists()


def imported_top_level_names(app):
    names = set()
    for path in (ROOT / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_apps_never_import_the_configuration():
    for app in ("cms", "community", "directory"):
        assert not imported_top_level_names(app) & {"settings", "urls", "wsgi", "asgi"}, app


def test_directory_is_the_base_that_imports_no_other_app():
    assert not imported_top_level_names("directory") & {"cms", "community"}


def test_cms_and_community_do_not_import_each_other():
    assert "community" not in imported_top_level_names("cms")
    assert "cms" not in imported_top_level_names("community")


TRANSLATING = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext"}


def test_no_string_to_translate_hides_in_an_f_string():
    """makemessages (xgettext) does not read inside f-strings: a gettext there never
    reaches the catalogues, and the page shows it in English."""
    hidden = []
    for app in ("cms", "community", "directory"):
        for path in (ROOT / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if isinstance(node, ast.JoinedStr):
                    hidden += [
                        f"{path.relative_to(ROOT)}:{call.lineno}"
                        for call in ast.walk(node)
                        if isinstance(call, ast.Call)
                        and getattr(call.func, "id", getattr(call.func, "attr", None))
                        in TRANSLATING
                    ]
    assert not hidden


def test_no_file_keeps_a_merge_conflict():
    """A conflict left unresolved in a template renders its markers to people ("My events"
    showed both sides of one): no template, code, stylesheet or catalogue keeps one."""
    markers = ("<<<<<<< ", ">>>>>>> ")
    folders = ("cms", "community", "directory", "site", "templates", "static", "locale", "tests")
    kept = [
        str(path.relative_to(ROOT))
        for folder in folders
        for path in (ROOT / folder).rglob("*")
        if path.suffix in {".py", ".html", ".txt", ".css", ".js", ".po", ".svg"}
        and any(line.startswith(markers) for line in path.read_text(errors="ignore").splitlines())
    ]
    assert kept == []
