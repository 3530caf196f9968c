"""Names of the content tree that several layers share (kept import-light for the no-op path)."""

RESERVED_FOLDERS = {"memos"}  # content/ folders that are not dossiers
