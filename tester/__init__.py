"""ashyq: citizen-task, accessibility and low-vision audits of government websites."""

__version__ = "0.1.0"
