"""Dates as Vietnamese people type them: 30/04/2027 (day first), also 30-04-2027, 30.04.2027 and
ISO 2027-04-30 (what <input type="date"> sends). Django's own Vietnamese formats set no input
formats, so its default — month first, 04/30/2027 — refused 30/04/2027. The first format is also
the one the admin's date picker writes."""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 30/04/2027
    "%d/%m/%y",  # 30/04/27
    "%d-%m-%Y",  # 30-04-2027
    "%d.%m.%Y",  # 30.04.2027
    "%Y-%m-%d",  # 2027-04-30
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
