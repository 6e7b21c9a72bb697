"""The few exceptions citeqa raises on purpose; anything else is a bug."""


class CiteqaError(Exception):
    """Base class: the CLI prints these as one line and exits non-zero."""


class SeedsError(CiteqaError):
    """The seeds folder is missing, empty of documents, or unreadable."""


class IndexCorrupt(CiteqaError):
    """A stored index is damaged or does not match the settings; it gets rebuilt."""


class ModelUnavailable(CiteqaError):
    """The embedding model cannot be loaded (not installed, bad path)."""


class Unreadable(CiteqaError):
    """A seed file that cannot be indexed (binary, encrypted, a scan, damaged); the
    message is the reason shown to the user. The other documents are still indexed."""
