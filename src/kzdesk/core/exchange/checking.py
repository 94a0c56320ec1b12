"""The checks of many bundles made in a second process while this one merges (a coordinator's import).

Checking a bundle (decryption, the archive, the strict parse, every revision re-hashed, the
signature) writes nothing and costs about what writing its records does, so on two cores the
checks of the bundles ahead run in a child process of this same program while the merge applies the
current one. Nothing is believed that this process did not check itself in any other way: the child
runs the very same `importing.verify` and hands back what it found, over a pipe.

- Only for imports of many small bundles: a child takes about half a second to start, and each
  bundle waiting in the pipe is held in memory. Until the child is ready, and for any bundle it has
  not started on, this process checks the bundle itself; so the child can only make an import
  quicker, never slower by its start.
- The coordinator's age identity (to decrypt) goes to the child over the pipe, never to a file; the
  child inherits the parent's disabled core dumps and exits with the import.
- Should the child fail in any way (it could not start, it died, an answer could not be read), the
  import checks the remaining bundles here, as if there had been no child.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

Verified = tuple[Any, Any, Any]  # importing.verify's (outcome, opened bundle or None, received or None)

# Fewer bundles than this are checked here: the child's start would cost more than it saves.
AT_LEAST = 16
# Bundles larger than this are checked here, each in turn: only small ones wait in memory.
LARGEST = 8 << 20
# The child checks up to so many bundles (and so many bytes of their files) ahead of the one being
# merged. Far enough to keep on while a group's records are written and committed, when no bundle
# is taken for a second or more: with 4 ahead, a merge of 1,000 small bundles waited 1.7 s for it.
AHEAD = 64
AHEAD_BYTES = 16 << 20


class Checks:
    """check(i) gives the result of checking paths[i] (in any order of asking, though an import
    asks in order): from the child when it has it or is at it, else checked here."""

    def __init__(self, paths: list[Path], secret: str | None, verify: Callable[[Path, str | None], Verified],
                 in_child: Callable[[Path, str | None], Verified], ready: Callable[[], bool]) -> None:
        """verify: the checks, here; in_child: the same for the child, module-level (the child finds
        it by name) and giving bytes for views; ready: module-level, true once the child has imported
        what the checks need."""
        self.paths, self.secret, self.verify, self.in_child = paths, secret, verify, in_child
        self.pool: ProcessPoolExecutor | None = None
        self.warm: Future[bool] | None = None
        self.futures: dict[int, Future[Verified]] = {}
        self.sizes: dict[int, int] = {}  # the file size of each bundle the child was given
        self.from_child = 0  # how many results came from the child (a test and a debugger look)
        if len(paths) >= AT_LEAST and (os.cpu_count() or 1) > 1:
            try:
                self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
                self.warm = self.pool.submit(ready)
            except Exception:  # no child: every bundle is checked here
                self.close()

    def _size(self, index: int) -> int:
        try:
            return self.paths[index].stat().st_size
        except OSError:
            return LARGEST + 1  # checked here, which says why it cannot be read

    def _ahead(self, index: int) -> None:
        """Give the child the bundles after index it does not have yet, as far as AHEAD and
        AHEAD_BYTES allow (a large one is left to be checked here)."""
        waiting = sum(self.sizes.values())
        for ahead in range(index + 1, min(index + 1 + AHEAD, len(self.paths))):
            if ahead in self.futures or self.pool is None:
                continue
            size = self._size(ahead)
            if size > LARGEST:
                continue
            if waiting + size > AHEAD_BYTES:
                break
            try:
                self.futures[ahead] = self.pool.submit(self.in_child, self.paths[ahead], self.secret)
            except Exception:
                self.close()
                break
            self.sizes[ahead] = size
            waiting += size

    def check(self, index: int) -> Verified:
        future = self.futures.pop(index, None)
        self.sizes.pop(index, None)
        if self.pool is not None and self.warm is not None and self.warm.done() and self.warm.exception() is None:
            self._ahead(index)
        if future is not None and not future.cancel():
            try:
                found = future.result()
            except Exception:  # the child failed: from here on, everything is checked here
                self.close()
            else:
                self.from_child += 1
                return found
        return self.verify(self.paths[index], self.secret)

    def close(self) -> None:
        pool, self.pool = self.pool, None
        self.futures.clear()
        self.sizes.clear()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Checks:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
