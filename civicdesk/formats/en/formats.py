"""The English interface is used in Vietnam too: dates are typed day first, as in Vietnamese."""

from civicdesk.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

__all__ = ["DATETIME_INPUT_FORMATS", "DATE_INPUT_FORMATS"]
