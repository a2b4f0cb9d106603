"""Imported by the worker pool's fork server (workers._context): the knowledge and spaCy model of the
default settings are loaded there once, and every worker forked from it starts with them (instead of
each worker loading them again, some 3 s of CPU apiece, while the main process is ingesting)."""
from .workers import preload_default

preload_default()
