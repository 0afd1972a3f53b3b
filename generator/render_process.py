"""One output planned and rendered in a process of its own, while the pipeline plans the others.

On a large spec the fixtures are the longest output to plan (Stripe: 1.1 s of 3.3 s, drawing
and judging 10,750 examples), and no other output depends on them. Forked once the schemas and
operations are built, the process starts with the API in memory and sends back the rendered
texts, which the pipeline takes in the fixtures' place: the files, their order and everything
after them are the same as when they are planned in line.

Only where fork is safe (as for the validator: POSIX but macOS, no other thread running), and
only for a spec of ``FORK_FROM_BYTES`` or more. When the process fails or sends nothing (the
output's planning raised, or it was killed), the output is planned in line, so that what goes
wrong is raised here as it would be without this process.
"""

from __future__ import annotations

import multiprocessing
import pickle
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path, PurePosixPath

from generator.ir import Api
from generator.output.render import render_files
from generator.plan import plan_output
from generator.spec.validation_process import choose_start_method, stop_process

# Below this size of spec the output plans in less time than a fork and the texts' way back
# cost (a fork copies the page tables of a process of 100-200 MB).
FORK_FROM_BYTES = 500_000


class RenderedBeside:
    """The texts of ``output`` (a name of ``plan.OUTPUTS``) for ``api``'s package, rendered
    from ``templates`` in a forked process; ``start`` gives None where that is not worth it
    or not safe."""

    def __init__(self, api: Api, package: str, output: str, templates: Path | None) -> None:
        self._api, self._package, self._output, self._templates = api, package, output, templates
        context = multiprocessing.get_context("fork")
        receiving, sending = context.Pipe(duplex=False)
        self._process: BaseProcess | None = context.Process(
            target=self._render_and_send, args=(sending,), daemon=True
        )
        self._process.start()
        sending.close()
        self._answer: Connection | None = receiving

    @classmethod
    def start(
        cls, api: Api, package: str, output: str, templates: Path | None, spec_bytes: int
    ) -> RenderedBeside | None:
        if spec_bytes < FORK_FROM_BYTES or choose_start_method(spec_bytes) != "fork":
            return None
        return cls(api, package, output, templates)

    def texts(self) -> dict[PurePosixPath, str]:
        """The output's texts by path, in the order planned (waiting for the process)."""
        texts: dict[PurePosixPath, str] | None = None
        if self._answer is not None:
            try:
                texts = pickle.loads(self._answer.recv_bytes())
            except (EOFError, OSError):
                texts = None  # it failed or was killed: planned here instead
        self.close()
        if texts is None:
            texts = self._render()
        return texts

    def close(self) -> None:
        """Stop the process if it is still running (a run given up)."""
        stop_process(self._process, self._answer)
        self._process = self._answer = None

    def _render(self) -> dict[PurePosixPath, str]:
        planned = plan_output(self._api, self._package, self._output)
        return render_files(planned, self._templates)

    def _render_and_send(self, sending: Connection) -> None:
        """The child: the texts, pickled back; nothing on any failure (the parent then does
        the work again and raises what fails)."""
        try:
            sending.send_bytes(pickle.dumps(self._render(), pickle.HIGHEST_PROTOCOL))
        except BaseException:  # noqa: BLE001, S110 - the parent plans it in line and reports it
            pass
        finally:
            sending.close()
