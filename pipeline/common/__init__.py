"""Shared odds and ends every stage may use: settings (configuration resolved once), the strict YAML reader,
fault-injection points for crash tests, and the shipped layouts two stages share (the DDAS schema and its
enumerations, the werkvoorraad workbook layout). Imports nothing else of the pipeline."""
