"""The PDF plumbing every app uses: rendering (`render`), the HTTP response (`response`), the
cache of built documents with its model `core.PdfDocument` (`cache`; `serve.respond` answers a
request from it), the Celery build tasks (`tasks`), long documents rendered in chunks of rows
and joined (`chunks`), their chunks rendered by all the PDF worker processes at once
(`spread`), builds queued when an event changes documents (`prebuild`) and the registry of
document kinds (`registry`), which each app fills with its own documents in its
`AppConfig.ready()`. Nothing here knows a call, an offer or a report: a document belongs to an
"owner" (any model instance, keyed "call-12") and is described by the `Source` its app's
registered function returns.
"""
