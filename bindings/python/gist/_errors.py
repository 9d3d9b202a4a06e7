# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""The exceptions: one class per status code of the C library.

The raw module raises them (its status typemap calls ``_from_c`` with the
calling thread's last error), so a failure anywhere in the C library arrives
as the class for its status, carrying the library's message and where the
problem is. Each class also derives from the standard exception a Python
caller would catch (ValueError, LookupError, OSError, MemoryError,
RuntimeError).
"""

from . import _core

__all__ = [
    "GistError", "InvalidArgumentError", "OutOfMemoryError", "NotFoundError", "AmbiguousNameError", "ParseError",
    "SchemaError", "RangeError", "ReadError", "LimitError", "PathwayError", "OrderError", "VersionError",
    "StateError",
]


class GistError(Exception):
    """Base class of every libgist error.

    Attributes: ``status`` (the negative gist_status code), ``code`` (its name,
    such as ``'GIST_ERANGE'``), ``message`` (what ``str(error)`` gives), and
    ``source``, ``field``, ``line`` and ``column``: where the error is, when it
    is about input (else None)."""

    status = _core.OK
    code = _core.status_name(_core.OK)
    source = field = line = column = None

    @property
    def message(self):
        """The library's message (what ``str(error)`` gives)."""
        return str(self.args[0]) if self.args else ""


# Class name, status, and the standard exception it also is: the names are
# the binding's; the code and its description come from the library.
_CLASSES = (
    ("InvalidArgumentError", _core.EINVAL, ValueError),
    ("OutOfMemoryError", _core.ENOMEM, MemoryError),
    ("NotFoundError", _core.ENOTFOUND, LookupError),
    ("AmbiguousNameError", _core.EAMBIGUOUS, LookupError),
    ("ParseError", _core.EPARSE, ValueError),
    ("SchemaError", _core.ESCHEMA, ValueError),
    ("RangeError", _core.ERANGE, ValueError),
    ("ReadError", _core.EIO, OSError),
    ("LimitError", _core.ELIMIT, ValueError),
    ("PathwayError", _core.EPATHWAY, ValueError),
    ("OrderError", _core.EORDER, ValueError),
    ("VersionError", _core.EVERSION, ValueError),
    ("StateError", _core.ESTATE, RuntimeError),
)

_BY_STATUS = {}
for _name, _status, _std in _CLASSES:
    _code = _core.status_name(_status)
    _cls = type(_name, (GistError, _std), {
        "__doc__": "%s (%s)." % (_core.strerror(_status), _code), "__module__": "gist",
        "status": _status, "code": _code})
    globals()[_name] = _BY_STATUS[_status] = _cls
    setattr(_core, _name, _cls)  # the raw module names them too
GistError.__module__ = "gist"
_core.GistError = GistError
del _name, _status, _std, _code, _cls


def _from_c(status, message, source, field, line, column):
    """The exception for a failed call (the raw module's status typemap calls this)."""
    error = _BY_STATUS.get(status, GistError)(message)
    if status not in _BY_STATUS:
        error.status, error.code = status, _core.status_name(status)
    error.source, error.field = source or None, field or None
    error.line, error.column = line or None, column or None
    return error
