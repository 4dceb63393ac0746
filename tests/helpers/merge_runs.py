"""A real merge in another process, paused part-way: to kill it as a power cut would, or to
keep it running while the test starts another run into the same folder."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.core.merge.staging import PREFIX
from tests.helpers.recipient_lists import generated_list

REPO = Path(__file__).resolve().parents[2]

MERGE_THEN_PAUSE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop import paths
    from desktop.core import places

    places.use(paths.places())
    from desktop.core.draft_file import load_draft
    from desktop.core.merge import MergeRequest, OutputKind, run_merge
    from desktop.core.recipients import read_recipients
    from desktop.core.templates import TemplateCatalogue

    kind, output, recipients, pause_after = sys.argv[1:5]

    def progress(done, _total):
        if done == int(pause_after):
            print("paused", flush=True)
            sys.stdin.readline()  # until the test says go on, or kills this process

    request = MergeRequest(
        load_draft(paths.examples_dir() / "renewal-email.amends"),
        TemplateCatalogue(paths.builtin_templates_dir()),
        read_recipients(Path(recipients)),
        OutputKind(kind),
        Path(output),
    )
    print("done", run_merge(request, progress=progress).written, flush=True)
    """
)


class PausedMerge:
    """A merge of `rows` letters into `output`, stopped after `pause_after` of them."""

    def __init__(self, kind: str, output: Path, recipients: Path, pause_after: int):
        self.process = subprocess.Popen(
            [sys.executable, "-c", MERGE_THEN_PAUSE, kind, str(output), str(recipients), str(pause_after)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        line = self.process.stdout.readline().strip()
        if line != "paused":
            self.kill()
            raise AssertionError(f"the merge did not get under way: {line!r}")

    def resume(self) -> str:
        """Let it finish; its last line ("done <letters>")."""
        out, _ = self.process.communicate("\n", timeout=120)
        return out.strip()

    def kill(self) -> None:
        """As a power cut or Task Manager would: no cleanup code runs."""
        self.process.kill()
        self.process.wait(timeout=30)
        for stream in (self.process.stdin, self.process.stdout):
            if stream and not stream.closed:
                stream.close()


def killed_merge(kind: str, output: Path, recipients: Path, pause_after: int) -> None:
    """What a merge killed part-way leaves behind, made by a real merge."""
    PausedMerge(kind, output, recipients, pause_after).kill()


def killed_run_debris(work: Path, output: Path) -> Path:
    """The one staging folder a letters-per-recipient run into `output`, killed after 100 of
    300 letters, leaves there; `work` holds its list."""
    killed_merge("docx-each", output, generated_list(work / "big.csv", 300), pause_after=100)
    (debris,) = output.glob(f"{PREFIX}*")
    return debris


def disk_full(folder: Path):
    """A stand-in for the run's writing that fails as a full disk does."""

    def write(*_args, **_kwargs):
        raise OSError(28, "No space left on device", str(folder))

    return write
