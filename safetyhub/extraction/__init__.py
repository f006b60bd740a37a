"""Text -> ExtractedMeeting. Plain Python: no Django imports anywhere in this package."""

from .pipeline import extract
from .reference import Reference, default_reference
from .types import ExtractedDirective, ExtractedMeeting, ExtractedOfficial, ExtractedRegion, PartialDate

__all__ = [
    "ExtractedDirective",
    "ExtractedMeeting",
    "ExtractedOfficial",
    "ExtractedRegion",
    "PartialDate",
    "Reference",
    "default_reference",
    "extract",
]
