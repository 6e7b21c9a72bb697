"""citeqa: answers questions about a folder of documents with verbatim, cited passages."""
from .answering.compose import Answer, Passage
from .assistant import Assistant
from .index.build import RefreshReport
from .index.store import IndexStatus
from .errors import CiteqaError, IndexCorrupt, ModelUnavailable, SeedsError
from .settings import Settings

__all__ = ["Answer", "Assistant", "CiteqaError", "IndexCorrupt", "IndexStatus", "ModelUnavailable",
           "Passage", "RefreshReport", "SeedsError", "Settings"]
__version__ = "0.1.0"
