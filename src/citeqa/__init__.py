"""citeqa: answers questions about a folder of documents with verbatim, cited passages."""
from .assistant import Answer, Assistant, IndexStatus, Passage
from .build import RefreshReport
from .errors import CiteqaError, IndexCorrupt, ModelUnavailable, SeedsError
from .settings import Settings

__all__ = ["Answer", "Assistant", "CiteqaError", "IndexCorrupt", "IndexStatus", "ModelUnavailable",
           "Passage", "RefreshReport", "SeedsError", "Settings"]
__version__ = "0.1.0"
