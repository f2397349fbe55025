"""Worker processes for the slow parts of a build (PDF pieces, annotated copies), and their end.

Workers fork from a forkserver that imported WeasyPrint once (``spawn`` where the system has no
forkserver, as on Windows). Nothing may outlive a build: a worker whose build process is gone
(killed, Ctrl-C, SIGTERM) exits by itself within a second, and ``stop()`` ends the forkserver and
the resource tracker a build started, which would otherwise wait for their parent process to end.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

PRELOAD = ("weasyprint", "ukmreport.render.html")
WATCH_SECONDS = 0.5


def pool(
    workers: int, *, start: str = "forkserver", preload: Iterable[str] = PRELOAD, one_task_each: bool = False
) -> ProcessPoolExecutor:
    """A process pool whose workers end with the process that made it.

    start is "forkserver" (spawn where the system has none) or "spawn"; one_task_each gives every
    task a fresh worker, so a PDF piece's memory is returned at once.
    """
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context(start, preload),
        max_tasks_per_child=1 if one_task_each else None,
        initializer=watch_parent,
        initargs=(os.getpid(),),
    )


@contextmanager
def running(workers: int, *, start: str = "forkserver", one_task_each: bool = False) -> Iterator[ProcessPoolExecutor]:
    """A pool for the with-block, shut down at its end; on an error or interrupt, ended at once."""
    executor = pool(workers, start=start, one_task_each=one_task_each)
    try:
        yield executor
    except BaseException:
        end(executor, abort=True)
        raise
    end(executor)


def end(executor: ProcessPoolExecutor, *, abort: bool = False) -> None:
    """Shut the pool down: wait for its work, or (abort) stop its workers now instead of awaiting them.

    A piece of a long PDF takes tens of seconds: Ctrl-C or SIGTERM must not wait for it.
    """
    if abort:
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            process.terminate()
    executor.shutdown(wait=not abort, cancel_futures=True)


def context(start: str = "forkserver", preload: Iterable[str] = PRELOAD) -> multiprocessing.context.BaseContext:
    """The forkserver context with these modules imported once; spawn where there is none, or when asked."""
    if start == "forkserver" and "forkserver" in multiprocessing.get_all_start_methods():
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload(list(preload))
        return forkserver
    return multiprocessing.get_context("spawn")


def watch_parent(parent: int) -> None:
    """In a worker: leave Ctrl-C to the build, and exit as soon as the build process is gone.

    A pool's worker waits for its next task on a pipe it holds both ends of, so it would wait for
    ever once the build is killed; with it waits the forkserver, which holds the build's "alive"
    pipe until every worker it forked has ended.
    """

    # Ctrl-C reaches every process of the terminal's group: the build answers it and ends the
    # workers; a worker that answered it too would print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            if not _alive(parent):
                os._exit(1)

    threading.Thread(target=watch, name="ukmreport-watch-parent", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user took the number: ours is gone
        return False
    return True


def stop() -> None:
    """End the forkserver this process started, if any.

    In a one-shot command it ends with the process; in a long-lived one (a test run, a service
    calling the library) it would stay, with the weasyprint it preloaded. It is multiprocessing's
    own singleton, stopped through the method its test suite uses: there is no public call for it.
    The resource tracker is left to end with this process: stopping it would unlink semaphores that
    objects still alive here own.
    """
    from multiprocessing import forkserver

    gc.collect()  # pools shut down but not yet collected still hold the forkserver's pipes
    stop_server = getattr(getattr(forkserver, "_forkserver", None), "_stop", None)
    if stop_server is not None:
        with contextlib.suppress(OSError, ChildProcessError):  # already gone
            stop_server()
