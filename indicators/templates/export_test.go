package templates

// EmptyNote is the note of a template without rows.
const EmptyNote = emptyTemplate
