"""Services that change data. Placeholder API until issue 4 lands; the signatures are the contract.

- meeting_apply_extraction(meeting=..., extracted=...): write an ExtractedMeeting onto a Meeting
  (new or existing), refreshing only what editors do not own (Meeting.editor_fields,
  editor-owned attendances/directives, Meeting.editor_deleted), then update the search index.
  Used by ingest and by the admin's re-extract action.
"""
