"""The case store: who works where, which children and cases, and what happened on them.

Public API (everything else in the package is internal)::

    store = open_store()                      # CIN_DATABASE_URL or var/cin.sqlite3; migrates to head
    scope = store.scope_for("w1")             # UnknownWorkerError if no such worker
    store.open_cases_for_scope(scope)         # list[CaseRecord], each with child and full history
    store.find_children(scope, "amelia")      # list[ChildMatch]; out of scope == not found
    import_csv(store, Path("export/"))        # ImportReport, or CsvImportError and nothing changed

Modules: ``csv_format`` (exchange columns and vocabularies), ``models``
(tables), ``migrate`` + ``migrations/`` (Alembic, configured in code),
``store`` (scoped queries), ``importer`` / ``exporter`` (CSV).
"""

from assistant.casestore.exchange.csv_export import export_csv
from assistant.casestore.exchange.csv_format import COLUMNS, FILES, write_csv_file
from assistant.casestore.exchange.csv_import import (
    Counts,
    CsvImportError,
    ImportReport,
    Problem,
    import_csv,
)
from assistant.casestore.store import Store, open_store
from assistant.domain.codes import (
    CASE_CLOSED,
    CATEGORIES,
    EVENTS,
    MANAGER_ROLES,
    ROLES,
    SOURCES,
    STEP_DOWN_EVENTS,
    VISIT,
)
from assistant.domain.records import (
    CaseFacts,
    CaseRecord,
    CaseSummary,
    ChildMatch,
    ChildRecord,
    EventRecord,
    Scope,
    UnknownCaseError,
    UnknownWorkerError,
    WorkerRecord,
)

__all__ = [
    "CASE_CLOSED",
    "CATEGORIES",
    "COLUMNS",
    "EVENTS",
    "FILES",
    "MANAGER_ROLES",
    "ROLES",
    "SOURCES",
    "STEP_DOWN_EVENTS",
    "VISIT",
    "write_csv_file",
    "export_csv",
    "Counts",
    "CsvImportError",
    "ImportReport",
    "Problem",
    "import_csv",
    "CaseFacts",
    "CaseRecord",
    "CaseSummary",
    "ChildMatch",
    "ChildRecord",
    "EventRecord",
    "Scope",
    "UnknownCaseError",
    "UnknownWorkerError",
    "WorkerRecord",
    "Store",
    "open_store",
]
