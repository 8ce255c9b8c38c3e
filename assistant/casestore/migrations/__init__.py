"""Alembic migrations for the case store; run them with :func:`assistant.casestore.migrate.upgrade`."""
