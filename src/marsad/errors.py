"""The one exception tree of Marsad.

Every error raised on purpose by the package derives from :class:`MarsadError`. Messages name the
file, record, component or setting at fault so that a user can act on them without a traceback.
"""

from __future__ import annotations


class MarsadError(Exception):
    """Root of every error Marsad raises on purpose."""


# --- configuration -------------------------------------------------------------------------------


class ConfigError(MarsadError):
    """A setting is missing, unknown or has an invalid value."""


class ResourceError(MarsadError):
    """A packaged resource (data file, trained model) is missing or unreadable."""


# --- documents and text --------------------------------------------------------------------------


class DocumentError(MarsadError):
    """A document or one of its spans is malformed (bad offsets, unknown schema, wrong type)."""


# --- input ---------------------------------------------------------------------------------------


class InputError(MarsadError):
    """An input could not be turned into a document.

    ``source`` names the file (and line or record where relevant); ``reason`` is a short machine
    readable code (``empty``, ``binary``, ``undecodable``, ``malformed``, ``too_large``,
    ``not_arabic``, ``unsupported``) and ``detail`` a sentence for a person.
    """

    def __init__(self, source: str, reason: str, detail: str) -> None:
        self.source = source
        self.reason = reason
        self.detail = detail
        super().__init__(f"{source}: {detail} ({reason})")


class IngestError(MarsadError):
    """An ingest run as a whole failed (unreadable directory, unsupported source)."""


# --- pipeline ------------------------------------------------------------------------------------


class PipelineError(MarsadError):
    """The pipeline could not be built or a component failed."""


class UnknownComponentError(PipelineError):
    """A pipeline names a component that is not registered."""


class MissingRequirementError(PipelineError):
    """A component needs an attribute that no earlier component assigns."""


class ComponentError(PipelineError):
    """A component raised while processing a document (raised under the ``raise`` policy)."""

    def __init__(self, component: str, doc_id: str, cause: BaseException) -> None:
        self.component = component
        self.doc_id = doc_id
        self.cause = cause
        super().__init__(f"component '{component}' failed on document '{doc_id}': {cause!r}")


# --- store ---------------------------------------------------------------------------------------


class StoreError(MarsadError):
    """The database could not be opened, migrated, written or queried."""


class QueryError(StoreError):
    """A search query or filter is malformed; the message says what to change."""


class NotFoundError(StoreError):
    """A requested article, entity or story does not exist."""


# --- evaluation and training ---------------------------------------------------------------------


class EvaluationError(MarsadError):
    """A gold file for ``marsad eval`` is malformed."""


class TrainingError(MarsadError):
    """Training data is missing or malformed."""
