"""Move ``(zh, en)`` tables from the code into the gettext catalogues (locale/*/LC_MESSAGES/messages.po).

Usage::

    .venv/bin/python scripts/tables_to_po.py          # report what would move
    .venv/bin/python scripts/tables_to_po.py --write  # merge into the .po files and rewrite the modules

For each table in :data:`TABLES` still written as a literal ``{key: (zh, en)}``
in its module, every entry becomes the catalogue message ``NAMESPACE.KEY``
(``KEY`` for the app's shared table), and the literal is replaced by
``NAME = Messages("NAMESPACE")`` — a read-only mapping with the same
``key → (zh, en)`` interface, so the code that reads the table does not
change. A module's pasted ``tr()`` helper becomes ``tr = scoped(TEXT)``.
Entries already in the catalogue are updated to the table's text; entries of
tables already moved stay. Re-run it after a rebase when someone added a
table entry (or a whole table: add it to :data:`TABLES`).
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planning.messages import LOCALE_DIR, LOCALES, po_name  # noqa: E402

#: (module, table, namespace): every message table and label vocabulary of the code.
TABLES: tuple[tuple[str, str, str], ...] = (
    ("app_pages/i18n.py", "TEXT", ""),
    ("app_pages/analysis.py", "TEXT", "analysis"),
    ("app_pages/bulk_update.py", "TEXT", "bulk_page"),
    ("app_pages/comments_ui.py", "TEXT", "comments_ui"),
    ("app_pages/exports.py", "TEXT", "exports"),
    ("app_pages/import_page.py", "TEXT", "import"),
    ("app_pages/import_page.py", "MESSAGES", "import_report"),
    ("app_pages/kiosk.py", "TEXT", "kiosk"),
    ("app_pages/kiosk_list.py", "TEXT", "kiosk_list"),
    ("app_pages/moderation.py", "TEXT", "moderation"),
    ("app_pages/plain.py", "TEXT", "plain"),
    ("app_pages/presentation.py", "TEXT", "presentation"),
    ("app_pages/data.py", "TEXT", "data"),
    ("planning/state_files.py", "MESSAGES", "state_files"),
    ("planning/state_files.py", "SHORT", "state_files_short"),
    ("app_pages/ingest_review.py", "TEXT", "ingest_review"),
    ("app_pages/phone.py", "TEXT", "phone"),
    ("app_pages/plan_ingest.py", "TEXT", "plan_ingest"),
    ("app_pages/plans_ui.py", "TEXT", "plans_ui"),
    ("app_pages/public_map.py", "TEXT", "public_map"),
    ("layers/legend.py", "_TEXT", "legend"),
    ("layers/legend.py", "TREE_GROUPS", "tree_groups"),
    ("planning/errors.py", "DATABASE_UNAVAILABLE_TEXT", "db_unavailable"),
    ("layers/export.py", "TEXT", "export"),
    ("layers/factsheet.py", "_TEXT", "factsheet"),
    ("layers/print_map.py", "_TEXT", "print_map"),
    ("layers/registry.py", "GROUPS", "layer_groups"),
    ("planning/tours.py", "_TEXT", "tours"),
    ("planning/tours.py", "_KIND_NAMES", "tour_kinds"),
    ("planning/targets.py", "GREY_REASONS", "grey_reasons"),
    ("planning/targets.py", "_GRADE_WORDS", "grade_words"),
    ("planning/comments.py", "MESSAGES", "comments"),
    ("planning/comments.py", "STATUS_LABELS", "comment_status"),
    ("planning/imports_apply.py", "OVERLAY_KINDS", "overlay_kinds"),
    ("planning/imports.py", "KNOWN_CRS", "crs"),
    ("planning/imports.py", "DATUMS", "datums"),
    ("planning/model.py", "ZONE_KINDS", "zone_kinds"),
    ("planning/model.py", "INDUSTRIES", "industries"),
    ("planning/bulk.py", "REASONS", "bulk"),
    ("planning/bulk.py", "FIELD_LABELS", "bulk_fields"),
    ("planning/bulk.py", "MESSAGES", "bulk_errors"),
)
_HELPER = re.compile(
    r"^def (?P<name>\w+)\(key: str, \*\*fmt: object\) -> str:\n"
    r"(?:    \"\"\".*?\"\"\"\n)?"
    r"    return translate\((?P<table>\w+), key, \*\*fmt\)\n", re.MULTILINE | re.DOTALL)


def _find(tree: ast.AST, name: str) -> ast.AnnAssign | ast.Assign | None:
    for node in ast.walk(tree):
        target = node.target if isinstance(node, ast.AnnAssign) else (node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id == name and isinstance(node.value, ast.Dict):
            return node  # type: ignore[return-value]
    return None


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "literal"`` strings and numbers (an f-string in a table may use them)."""
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str | int | float):
                out[node.targets[0].id] = str(node.value.value)
    return out


def _inline_fstrings(node: ast.AST, constants: dict[str, str]) -> ast.AST:
    """Replace f-strings made of literals and module string constants by the string they make."""

    class Inline(ast.NodeTransformer):
        def visit_JoinedStr(self, joined: ast.JoinedStr) -> ast.AST:  # noqa: N802 - the ast visitor's name
            parts = []
            for value in joined.values:
                if isinstance(value, ast.Constant):
                    parts.append(value.value)
                elif isinstance(value, ast.FormattedValue) and isinstance(value.value, ast.Name) and value.value.id in constants:
                    parts.append(constants[value.value.id])
                else:
                    raise SystemExit(f"line {joined.lineno}: an f-string in a table may only use module string constants")
            return ast.copy_location(ast.Constant("".join(parts)), joined)

    return Inline().visit(node)


def _table(path: Path, name: str) -> tuple[dict[str, tuple[str, str]], ast.AST] | None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    node = _find(tree, name)
    if node is None:
        return None
    table = ast.literal_eval(_inline_fstrings(node.value, _constants(tree)))  # type: ignore[arg-type]
    for key, value in table.items():
        if not (isinstance(key, str) and isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) for v in value)):
            raise SystemExit(f"{path.relative_to(ROOT)}: {name}[{key!r}] is not a (zh, en) pair of strings")
    return table, node


def _read_catalogues() -> dict[str, Catalog]:
    out = {}
    for lang, locale in LOCALES.items():
        path = LOCALE_DIR / po_name(lang)
        if path.exists():
            out[lang] = read_po(io.BytesIO(path.read_bytes()), locale=locale)
        else:
            out[lang] = Catalog(locale=locale, domain="messages", project="Huaiyin Planning Map", fuzzy=False)
    return out


def _rewrite(path: Path, tables: list[tuple[str, str, ast.AST]]) -> None:
    """Replace the tables of one module (bottom-up, so line numbers hold), then its helpers and imports."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for name, namespace, node in sorted(tables, key=lambda t: -t[2].lineno):
        lines[node.lineno - 1:node.end_lineno] = [f'{" " * node.col_offset}{name} = Messages("{namespace}")\n']
    source = "".join(lines)
    needed = ["from planning.messages import Messages\n"]
    for name, _, _ in tables:
        helpers = [m for m in _HELPER.finditer(source) if m["table"] == name]
        for match in reversed(helpers):
            source = source[:match.start()] + f"{match['name']} = scoped({name})\n" + source[match.end():]
        if helpers and path.name != "i18n.py":
            needed.append("from app_pages.i18n import scoped\n")
    for line in needed:
        if line not in source:
            source = re.sub(r"^(from __future__ import annotations\n\n)", r"\g<1>" + line, source, count=1, flags=re.MULTILINE)
    path.write_text(source, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="merge into the .po files and rewrite the modules")
    args = parser.parse_args(argv)
    catalogues = _read_catalogues()
    found = []
    for module, name, namespace in TABLES:
        path = ROOT / module
        result = _table(path, name)
        if result is None:
            print(f"{module}: {name} already moved (or gone)")
            continue
        table, node = result
        found.append((path, name, namespace, node))
        for catalogue in catalogues.values():  # the table is the truth for its namespace: drop what it no longer has
            prefix = f"{namespace}." if namespace else ""
            wanted = {f"{prefix}{k}" for k in table}
            stale = [m.id for m in catalogue if m.id and m.id.startswith(prefix) and (namespace or "." not in m.id)
                     and m.id not in wanted]
            for msgid in stale:
                del catalogue[msgid]
        for key, (zh, en) in table.items():
            msgid = f"{namespace}.{key}" if namespace else key
            if not namespace and "." in key:
                raise SystemExit(f"{module}: shared key {key!r} must not contain '.'")
            for lang, value in (("zh", zh), ("en", en)):
                catalogues[lang].add(msgid, string=value, locations=[(module, node.lineno)])
        print(f"{module}: {name} → {len(table)} message(s) in namespace {namespace or '(shared)'}")
    if not args.write:
        return 0
    for lang, catalogue in catalogues.items():
        path = LOCALE_DIR / po_name(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        write_po(buffer, catalogue, width=0, omit_header=False, sort_output=False, include_lineno=False)
        path.write_bytes(buffer.getvalue())
    by_module: dict[Path, list[tuple[str, str, ast.AST]]] = {}
    for path, name, namespace, node in found:
        by_module.setdefault(path, []).append((name, namespace, node))
    for path, tables in by_module.items():
        _rewrite(path, tables)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
