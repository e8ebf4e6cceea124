"""Presentation shared by every face: languages and locale formats (Babel).

The engines produce typed values (numbers, dates, explanation steps); this package turns them into
text in English, Kazakh or Russian. The CLI, the API and the web pages all render through it, so
a number or a date reads the same on every face.
"""

from kazpolity.presentation.language import Language, parse_language
from kazpolity.presentation.numbers import format_date, format_int, format_number, format_percent

__all__ = ["Language", "format_date", "format_int", "format_number", "format_percent",
           "parse_language"]
