"""The record reference in the package: field tables, problem codes and docs/records.md."""
