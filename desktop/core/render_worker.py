"""Rendering shared templates in a process of their own, which can be stopped.

A template can keep the interpreter inside one C call (a huge number, a huge string) where
no thread can interrupt it, and Python holds the GIL there, so a thread would not even keep
the window alive. A separate process can be killed at any moment: every template that did
not ship with Amends renders in one, kept warm and reused (starting one takes about 0.1 s),
killed when a letter takes longer than TIME_LIMIT_S and started again for the next one.
On Linux its memory is capped too, so a template that asks for gigabytes gets a
MemoryError (a TemplateError here) instead of the machine's swap.

The worker gets the template's folders, the draft and the date, and answers with the
Document or the TemplateError: it reads nothing else (no settings, no shared folders, no
network). Its answers are remembered for the last few identical requests, so a window that
rendered a letter off its own thread gets the same answer at once on it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import pickle
import threading
from collections import OrderedDict
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core import template_sandbox
from desktop.core.channels import Channel
from desktop.core.template_errors import TemplateError, TemplateLimitError

if TYPE_CHECKING:
    from desktop.core.document import Document
    from desktop.core.model import Draft
    from desktop.core.templates import LetterTemplate

TIME_LIMIT_S = 3.0
"""A letter renders in milliseconds; three seconds is a template that will not finish."""
MEMORY_HEADROOM_BYTES = 512 * 2**20
"""Beyond what the worker uses once started (about 60 MB): room for any real letter."""
BOOT_LIMIT_S = 60.0
"""Starting the process is not the template's time: a busy machine may take seconds."""
_REMEMBERED = 8


@dataclass(frozen=True)
class RenderRequest:
    search_path: tuple[Path, ...]
    """The template's own folder first, then the built-in one (for its shared parts)."""
    template: LetterTemplate
    draft: Draft
    today: dt.date | None
    channel: Channel = Channel.PRINT


class RenderWorker:
    """One process rendering one letter at a time for any thread that asks."""

    def __init__(self, time_limit: float = TIME_LIMIT_S, memory_headroom: int | None = MEMORY_HEADROOM_BYTES):
        self.time_limit = time_limit
        self.memory_headroom = memory_headroom
        self.starts = 0
        """Processes started so far: one, unless templates had to be stopped."""
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None
        self._answers: OrderedDict[bytes, bytes] = OrderedDict()

    def render(self, request: RenderRequest) -> Document:
        """The Document, or the TemplateError the worker (or its time limit) ended in."""
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        key = payload + repr(_folder_state(request.search_path[0])).encode()
        with self._lock:
            answer = self._answers.get(key)
            if answer is None:
                answer = self._ask(payload, request.template.path)
                self._answers[key] = answer
                while len(self._answers) > _REMEMBERED:
                    self._answers.popitem(last=False)
            else:
                self._answers.move_to_end(key)
        status, value = pickle.loads(answer)
        if status == "error":
            raise value
        document: Document = value  # the worker answers ("ok", a Document) or ("error", a TemplateError)
        return document

    def warm_up(self) -> None:
        """Start the process now (about 0.4 s with its imports), not at the first letter."""
        with self._lock, contextlib.suppress(TemplateError):  # the first render says so
            self._connection()

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _ask(self, payload: bytes, path: Path) -> bytes:
        conn = self._connection()
        try:
            conn.send_bytes(payload)
            if conn.poll(self.time_limit):
                return conn.recv_bytes()
        except (EOFError, OSError):
            self._stop()
            return _error(
                TemplateLimitError(
                    "stopped the template renderer (it may have needed more memory than a letter may use)",
                    path,
                )
            )
        self._stop()
        limit = f"took longer than {self.time_limit:g} s to render and was stopped (the limit for one letter)"
        return _error(TemplateLimitError(limit, path))

    def _connection(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        self._stop()
        context = multiprocessing.get_context("spawn")  # never fork a process that may run Qt
        ours, theirs = context.Pipe()
        process = context.Process(
            target=serve, args=(theirs, self.memory_headroom), name="amends-template-renderer", daemon=True
        )
        try:
            process.start()
        except OSError as exc:
            ours.close()
            theirs.close()
            raise TemplateError(
                f"the template renderer could not start ({exc}), so a shared template cannot be used"
            ) from None
        theirs.close()
        self._process, self._conn = process, ours
        self.starts += 1
        try:
            if ours.poll(BOOT_LIMIT_S) and pickle.loads(ours.recv_bytes()) == "ready":
                return ours
        except (EOFError, OSError):
            pass
        self._stop()
        raise TemplateError("the template renderer could not start, so a shared template cannot be used")

    def _stop(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(5)


_shared: RenderWorker | None = None
_shared_lock = threading.Lock()


def shared() -> RenderWorker:
    """The process every catalogue uses unless given its own, started at the first shared
    template rendered (the command line's `templates` never starts it)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = RenderWorker()
        return _shared


def _error(exc: TemplateError) -> bytes:
    return pickle.dumps(("error", exc), protocol=pickle.HIGHEST_PROTOCOL)


def _folder_state(folder: Path) -> tuple[tuple[str, int, int, int], ...]:
    """What a remembered answer depends on besides the request: the files it may read."""
    try:
        with os.scandir(folder) as entries:
            state = []
            for entry in entries:
                info = entry.stat(follow_symlinks=False)
                state.append((entry.name, info.st_mtime_ns, info.st_size, info.st_mode))
    except OSError:
        return ()
    return tuple(sorted(state))


# --- in the worker process ------------------------------------------------------------


def serve(conn: Connection, memory_headroom: int | None) -> None:
    """The worker's whole life: render what comes down the pipe until the pipe closes."""
    from desktop.core import templates

    _limit_memory(memory_headroom)
    environments: dict[tuple[Path, ...], Any] = {}
    conn.send_bytes(pickle.dumps("ready"))
    while True:
        try:
            payload = conn.recv_bytes()
        except (EOFError, OSError):
            return
        conn.send_bytes(_answer(payload, environments, templates))


def _answer(payload: bytes, environments: dict[tuple[Path, ...], Any], templates: Any) -> bytes:
    path = None
    try:
        request: RenderRequest = pickle.loads(payload)
        path = request.template.path
        env = environments.get(request.search_path)
        if env is None:
            env = environments[request.search_path] = templates.make_environment(list(request.search_path))
        document = templates.render_document(
            request.draft, request.template, env, request.today, request.channel
        )
        return pickle.dumps(("ok", document), protocol=pickle.HIGHEST_PROTOCOL)
    except TemplateError as exc:
        return _error(exc)
    except Exception as exc:  # the letter could not be sent back (too deep, out of memory)
        return _error(TemplateLimitError(f"its letter could not be passed back ({type(exc).__name__})", path))


def _limit_memory(headroom: int | None) -> None:
    """Cap the address space at what the worker uses now plus `headroom` (Linux; elsewhere
    the time and output limits still hold)."""
    if headroom is None:
        return
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            in_use = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError):
        return
    for which in (resource.RLIMIT_AS, resource.RLIMIT_DATA):
        try:
            _soft, hard = resource.getrlimit(which)
            limit = in_use + headroom if hard == resource.RLIM_INFINITY else min(in_use + headroom, hard)
            resource.setrlimit(which, (limit, hard))
        except (ValueError, OSError):
            continue
        template_sandbox.memory_limit_mb = headroom // 2**20
