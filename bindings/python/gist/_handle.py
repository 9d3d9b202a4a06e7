# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""What every object over a library handle shares: close(), closed and the context manager."""

__all__ = []


class _Handle:
    """A Python object over one library handle in ``_raw``; close() releases it.

    Subclasses name themselves in ``_what`` (for the error after close) and
    list in ``_caches`` the attributes built from the handle, which close()
    drops too."""

    __slots__ = ()
    _what = "object"
    _caches = ()

    def _live(self):
        raw = self._raw
        if raw is None:
            raise ValueError("the %s is closed" % self._what)
        return raw

    def close(self):
        """Release the handle. Calling it again does nothing; using the object afterwards raises ValueError."""
        self._raw = None
        for name in self._caches:
            setattr(self, name, None)

    @property
    def closed(self):
        """True once close() was called."""
        return self._raw is None

    def __enter__(self):
        self._live()
        return self

    def __exit__(self, *exc):
        self.close()
        return False
