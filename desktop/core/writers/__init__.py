"""Writers that turn a `Document` into HTML, plain text and DOCX."""
