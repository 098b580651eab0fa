"""Reading an export: workbook, CSV files or YAML, and the Markdown texts, into the model."""
