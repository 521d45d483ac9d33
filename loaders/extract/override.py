"""A value that a block can set for the code it calls (training and evaluation in one
process swap the trained model or heads this way); outside any block, a default."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")


class Override(Generic[T]):
    """A stack of values set by :meth:`using`; not for concurrent use."""

    def __init__(self) -> None:
        self._stack: list[T] = []

    def get(self, default: Callable[[], T]) -> T:
        """The innermost value set, else ``default()``."""
        return self._stack[-1] if self._stack else default()

    @contextmanager
    def using(self, value: T) -> Iterator[None]:
        """Inside the block, :meth:`get` gives ``value``."""
        self._stack.append(value)
        try:
            yield
        finally:
            self._stack.pop()
