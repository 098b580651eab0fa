"""The `verantwoord` command: a thin layer over the library.

Each command makes one library call and turns the library's errors into messages and exit codes,
here and nowhere else. Output goes through rich; problems go to stderr.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import signal
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

import click
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from verantwoord import __version__, cli_dutch
from verantwoord.errors import BuildFailed, InvalidProject, Problem, Severity, VerantwoordError

if TYPE_CHECKING:
    from collections.abc import Callable

    from verantwoord.build.scratch import LockHolder
    from verantwoord.diff import ExportDiff
    from verantwoord.publish import BuildResult
    from verantwoord.serve import Rebuild

# Each command imports what it needs when it runs: `measure` needs DuckDB, not the site builder (Jinja,
# WeasyPrint, Babel), and that saves a third of a second on every run.

_CONTROL_PICTURES = str.maketrans(
    {
        **{code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t"},  # ESC as ␛, CR as ␍
        0x7F: 0x2421,
        **dict.fromkeys(range(0x80, 0xA0), 0xFFFD),  # C1: 0x9B is an escape sequence's start in some terminals
    }
)
"""Each control character of a text as a sign that shows it, one for one: a series name, a file name or a value from
the export is printed, and its escape sequences would clear the screen or colour what follows (a carriage return
let the rest of a line hide its start). One character for one keeps the places of a rich Text's styles."""


def visible(text: str) -> str:
    """`text` with its control characters shown, not obeyed by the terminal (but for line breaks and tabs)."""
    return text.translate(_CONTROL_PICTURES)


_C1 = re.compile("[\x80-\x9f]")


def _json_text(data: object) -> str:
    """`data` as JSON for stdout, its letters as they are but for the C1 control characters (0x9B starts an escape
    sequence in some terminals), escaped as JSON escapes those below 0x20: the same data."""
    return _C1.sub(lambda found: f"\\u{ord(found[0]):04x}", json.dumps(data, ensure_ascii=False, indent=2))


class _Console(Console):
    """A console that shows the control characters of what it prints (`visible`): messages quote the input."""

    def print(self, *objects: object, **options: object) -> None:
        shown = []
        for item in objects:
            if isinstance(item, str):
                item = visible(item)
            elif isinstance(item, Text):
                item = item.copy()
                item.plain = visible(item.plain)
            shown.append(item)
        super().print(*shown, **options)


# In a terminal rich wraps at the window's width; into a file or a pipe a message stays one line, so that grep and a
# CI log find a problem whole (rich wrapped it at 80 columns there).
# Without emoji codes: a message quoting ':smile:' from the export showed an emoji, a value the export does not have.
out = _Console(soft_wrap=not sys.stdout.isatty(), emoji=False)
err = _Console(stderr=True, soft_wrap=not sys.stderr.isatty(), emoji=False)
cli_dutch.install()

PROJECT = click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))
STRICT = click.option("--strict", is_flag=True, help="Stop ook bij waarschuwingen, zoals een indicator zonder bron.")


class _Range(click.IntRange):
    """A range of whole numbers that help and errors name in words: "van 1904 tot en met 2200", not Click's
    "1904<=x<=2200", a formula a P&C advisor does not read in a Dutch sentence."""

    def _describe_range(self) -> str:
        return f"van {self.min} tot en met {self.max}"


class _Command(click.Command):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)


_DUTCH_COMMANDS = {
    "bouw": "build",
    "bouwen": "build",
    "controleer": "check",
    "controleren": "check",
    "controle": "check",
    "nieuw": "new",
    "maak": "new",
    "toon": "serve",
    "bekijk": "serve",
    "meet": "measure",
    "meten": "measure",
    "vergelijk": "diff",
    "vergelijken": "diff",
}
"""A command typed in Dutch, as a Dutch P&C advisor may: Click suggests only a command spelt nearly alike."""


class _Group(click.Group):
    """Commands whose usage line reads "verantwoord build [OPTIES] [PROJECT]", as the rest of the help in Dutch."""

    command_class = _Command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as error:
            meant = _DUTCH_COMMANDS.get(args[0].strip().lower()) if args else None
            if meant is None or error.possibilities:
                raise
            ask = cli_dutch.dutch_plural("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)
            suggestion = ask.format(possibility=repr(meant))
            raise click.UsageError(f"{error.message} {suggestion}", ctx) from None

    def invoke(self, ctx: click.Context) -> object:
        """A fault in verantwoord itself: its traceback for a report, and exit code 3, not the 1 of input errors.
        Ctrl+C: 130, as a signal's 128 + its number (Click's 1 read as input with errors)."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            err.print(f"\n{_INTERRUPTED}", highlight=False)
            raise click.exceptions.Exit(128 + signal.SIGINT) from None
        except click.ClickException as error:  # Click's own, as a path that does not exist: it may name the input
            error.message = visible(error.message)
            raise
        except Exception as error:
            failure = _failure(error)
            if failure is None:
                raise
            failure.message = visible(failure.message)
            raise failure from None


_INTERRUPTED = "Afgebroken."


def _interrupted(error: BaseException) -> int | None:
    """The exit code of a command stopped by Ctrl+C or a signal (`_stop_on_signals`); None when it was not."""
    if isinstance(error, KeyboardInterrupt):
        return 128 + signal.SIGINT
    if isinstance(error, SystemExit) and _SIGNALLED and error.code == 128 + _SIGNALLED[-1]:
        return error.code
    return None


def _failure(error: BaseException, writes: bool = True) -> click.ClickException | None:
    """What a command that ended with `error` says, and its exit code; None for what Click handles itself (or a signal).

    `writes`: whether the command would have written something, which a failure then says it did not (check writes
    nothing either way)."""
    if not isinstance(error, Exception) or isinstance(
        error, click.ClickException | click.exceptions.Exit | click.Abort
    ):
        return None
    if isinstance(error, OSError) and error.errno == errno.EPIPE:  # the reader of the output went away (`| head`)
        return None
    if isinstance(error, InvalidProject):
        _report(error.problems)
        return click.ClickException(str(error) if writes else error.verdict)
    if isinstance(error, BuildFailed):
        # A PDF that failed on a theme's template is an error in the input, which its message tells: not told twice.
        _report([problem for problem in error.problems if problem.severity is Severity.WARNING])
        if any(problem.severity is Severity.ERROR for problem in error.problems):
            return click.ClickException(str(error))
        return _Failed(str(error))
    if isinstance(error, VerantwoordError):
        return click.ClickException(str(error))
    err.print(Text("".join(traceback.format_exception(error)).rstrip()), highlight=False)
    return _Failed(
        f"onverwachte fout in verantwoord ({type(error).__name__}: {error}). De invoer is misschien wel in orde. "
        "Meld dit, met de uitvoer hierboven en de versie (verantwoord --version)."
    )


class _Failed(click.ClickException):
    """The input may be in order, but the site or PDF could not be made or written, or verantwoord failed: exit code 3,
    so that a CI pipeline does not ask the municipality to mend its input."""

    exit_code = 3


@click.group(
    cls=_Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[OPTIES]",
    subcommand_metavar="OPDRACHT [ARGUMENTEN]...",
)
@click.version_option(
    __version__,
    "--version",
    "-V",
    prog_name="verantwoord",
    help="Toon de versie en stop.",
    message="%(prog)s, versie %(version)s",
)
def main() -> None:
    """Maak de website van een begroting of jaarverslag uit de export van indicatoren en teksten."""
    _stop_on_signals()
    sys.stdout, sys.stderr = _Unread.wrap(sys.stdout), _Unread.wrap(sys.stderr)


class _Unread:
    """A standard stream whose reader may go away ('build --json | head -c 2000', a log collector that stopped): what
    follows goes nowhere, and the command ends as it would have. Click ended it with exit code 1 (input with errors),
    the site built or not, and a pipeline asked the municipality to mend input that was in order."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    @classmethod
    def wrap(cls, stream: TextIO) -> TextIO:
        return stream if isinstance(stream, cls) else cast("TextIO", cls(stream))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._gone()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            self._gone()

    def _gone(self) -> None:
        """Point the stream's file at /dev/null: what is buffered, and what follows, is written there, also at exit."""
        nowhere = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(nowhere, self._stream.fileno())
        finally:
            os.close(nowhere)


_SIGNALLED: list[int] = []
"""The signals that ended the command. `serve` hears of them as a Ctrl+C (watchfiles, which waits for changes,
takes the SystemExit for one) and then exits with the signal's code."""


def _stop_on_signals() -> None:
    """End on SIGTERM or SIGHUP (the terminal closed) as on Ctrl+C: the command's clean-up runs, so a build leaves
    no half-made folder beside the site and stops the PDF's processes. Without this, Python ends at once."""

    def stop(number: int, frame: object) -> None:
        _SIGNALLED.append(number)
        raise SystemExit(128 + number)

    for name in ("SIGTERM", "SIGHUP"):
        # Windows has no SIGHUP; a signal ignored when the command started (`nohup`) stays ignored.
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) is signal.SIG_DFL:
            signal.signal(getattr(signal, name), stop)


@main.command()
@click.argument("directory", metavar="MAP", type=click.Path(file_okay=False, path_type=Path))
# From 1904: the example figures start four years before the document's year, and a period lies in 1900-2200.
@click.option(
    "--jaar", metavar="JAAR", type=_Range(1904, 2200), help="Het jaar van het document (standaard: vorig jaar)."
)
def new(directory: Path, jaar: int | None) -> None:
    """Maak een nieuw project in MAP, met een voorbeeld en een werkmap-sjabloon."""
    from verantwoord.scaffold import create_project

    with _errors():
        root = create_project(directory, jaar)
    out.print(f"Project gemaakt in [bold]{escape(str(root))}[/]. Vul indicatoren.xlsx en de teksten in tekst/, dan:")
    out.print(f"  verantwoord check {escape(_argument(str(root)))}\n  verantwoord build {escape(_argument(str(root)))}")


JSON = click.option(
    "--json", "as_json", is_flag=True, help="Geef de meldingen en de uitkomst (ook) als JSON op de gewone uitvoer."
)


@main.command()
@PROJECT
@STRICT
@JSON
def check(project: Path, strict: bool, as_json: bool) -> None:
    """Controleer het project en meld alle problemen tegelijk."""
    report = _JsonReport("check", project) if as_json else None
    status = err.status("Export en teksten lezen en controleren…") if _animated() else contextlib.nullcontext()
    with _errors(writes=False, report=report), status:  # stopped while importing too: the JSON says so
        from verantwoord.project import load_project

        loaded = load_project(project, strict=strict, raw_data=True, output_folder=True)
    _report(loaded.problems)
    if loaded.config.theme_folder is not None:
        from verantwoord.publish import try_theme  # the site builder (Jinja) only for a theme to try

        # A template's failure: the JSON keeps the warnings the log showed above it.
        told = (
            None
            if report is None
            else lambda code, outcome, problems, built: report(code, outcome, [*loaded.problems, *problems], built)
        )
        with _errors(writes=False, report=told):
            try_theme(loaded)
    documents = loaded.documents
    counts = [
        _count(sum(len(d.sections()) for d in documents), "paragraaf", "paragrafen"),
        _count(len({i.id for d in documents for i in d.indicators()}), "indicator", "indicatoren"),
    ]
    if len(documents) > 1:
        counts.insert(0, _count(len(documents), "document", "documenten"))
    if loaded.problems:
        counts.append(_count(len(loaded.problems), "waarschuwing", "waarschuwingen"))
    # With --json, stdout is the JSON's alone, and the log keeps its last line on stderr.
    (err if as_json else out).print(f"[green]In orde:[/] {', '.join(counts)}.")
    if report is not None:
        report(0, f"In orde: {', '.join(counts)}.", loaded.problems)


@main.command()
@PROJECT
@click.option(
    "--out",
    "output",
    type=click.Path(file_okay=False, path_type=Path),
    help="De map voor de website (standaard: 'uitvoer' uit verantwoord.yaml, meestal site/).",
)
@click.option(
    "--pdf/--geen-pdf",
    default=None,
    help="Maak ook het hele document als één PDF (zoals 'pdf: ja'), of juist niet (ook bij 'pdf: ja').",
)
@STRICT
@JSON
def build(project: Path, output: Path | None, pdf: bool | None, strict: bool, as_json: bool) -> None:
    """Bouw de website; bij fouten blijft de vorige versie staan."""
    report = _JsonReport("build", project) if as_json else None
    shown = err if as_json else out  # with --json, stdout is the JSON's alone
    with _errors(report=report, built=lambda result: _tell_built(result, shown)):
        # Stopped while importing the site builder (half a second) too: the JSON says so.
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        from verantwoord.publish import build_project

        _check_epoch(report)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
            disable=not _animated(),  # into a file it left an empty line above the first message
        ) as progress:
            task = progress.add_task("Export lezen en controleren", total=None)
            result = build_project(
                project,
                output,
                strict=strict,
                pdf=pdf,
                progress=lambda done, total: progress.update(
                    task, description="Pagina's schrijven", completed=done, total=total
                ),
                pdf_progress=lambda done, total: progress.update(
                    task, description="PDF maken, in delen", completed=done, total=total
                ),
                waiting=lambda folder, holder: err.print(Text(_waiting_for(folder, holder))),
            )
    _report(result.project.problems)
    built = _tell_built(result, shown)
    if output is None:
        shown.print(f"Bekijk de website met: verantwoord serve {escape(_argument(str(project)))}")
    else:  # serve builds into the project's own output folder, not this one
        # Its pages link to folders (4-bestuur/), which a browser opening files from disk shows as folder lists.
        served = escape(_argument(str(result.output)))
        shown.print(f"Bekijk de website met een webserver, zoals: python -m http.server --directory {served}")
    if report is not None:
        report(0, built, result.project.problems, result)


def _waiting_for(folder: Path, holder: LockHolder | None, serving: bool = False) -> str:
    """What a build, or `serve` (`serving`), waits for: a build, or a `serve` updating the site in its folder (and
    its process, to find one that hangs). The lock file says so, which anyone may write: its words are ours, only its
    number is taken."""
    process = f" (proces {holder.pid})" if holder is not None and holder.pid is not None else ""
    if holder is not None and holder.command == "serve":
        then = "de website wordt daarna bijgewerkt" if serving else "deze build bouwt daarna"
        other = "een andere verantwoord serve" if serving else "verantwoord serve"
        return f"Wacht tot {other}{process} klaar is met bijwerken van {folder}; {then}."
    if serving:
        return f"Wacht op een build naar {folder}{process}; de website wordt bijgewerkt zodra die klaar is."
    return f"Wacht op een andere build naar {folder}{process}; deze bouwt zodra die klaar is."


def _tell_built(result: BuildResult, shown: Console) -> str:
    """Say where the site is and which PDFs were made, also when a PDF failed beside it; returns the first line."""
    pages = _count(len(result.pages), "pagina", "pagina’s")
    built = f"{pages} in {result.output} ({_decimal(result.site_seconds)} s){_warning_count(result.project.problems)}"
    shown.print(f"[green]Gebouwd:[/] {escape(built)}")
    for made in result.pdfs:
        shown.print(f"[green]PDF:[/] {made.path.name} ({_decimal(made.seconds)} s, in een eigen proces)")
    return f"Gebouwd: {built}"


@main.command()
@PROJECT
@click.option(
    "--geheugen",
    "memory_limit",
    metavar="GROOTTE",
    callback=lambda context, parameter, value: _memory_size(value),
    help="Hoeveel geheugen DuckDB mag gebruiken, zoals 4GB of 4,5GB; daarboven gebruikt het de schijf.",
)
@JSON
def measure(project: Path, memory_limit: str | None, as_json: bool) -> None:
    """Meet de indicatoren uit metingen.yaml in de ruwe gegevens en schrijf metingen/uitkomsten.csv."""
    report = _JsonReport("measure", project) if as_json else None
    with _errors(report=report):  # stopped while importing DuckDB too: the JSON says so
        from verantwoord.measure.run import measure_project

        _check_epoch(report)
        result = measure_project(project, memory_limit=memory_limit)
    _report(result.problems)
    indicators = len({outcome.indicator for outcome in result.outcomes})
    figures = sum(outcome.n is not None and outcome.interval is not None for outcome in result.outcomes)
    measured = (
        f"Gemeten: {_count(indicators, 'indicator', 'indicatoren')}, {_count(figures, 'cijfer', 'cijfers')} in "
        f"{result.path}{_warning_count(result.problems)}"
    )
    (err if as_json else out).print(f"[green]Gemeten:[/]{escape(measured.removeprefix('Gemeten:'))}")
    if report is not None:
        report(0, measured, result.problems, output=result.path)


def _animated() -> bool:
    """Whether a progress bar or spinner may redraw its line: in a terminal only. FORCE_COLOR, which many CI pipelines
    set for coloured logs, made rich draw them into the log, each redraw a line of cursor codes; TTY_INTERACTIVE=1
    still asks for them."""
    return err.is_interactive and (err.file.isatty() or os.environ.get("TTY_INTERACTIVE") == "1")


def _check_epoch(report: _JsonReport | None = None) -> None:
    """A SOURCE_DATE_EPOCH the build cannot use is the command's setting, like a mistyped option: exit code 2 (without
    the usage line, which it has nothing to do with). Unlike an option, a pipeline's environment sets it: `--json`
    still tells the pipeline why."""
    from verantwoord.build.format import epoch_problem

    problem = epoch_problem()
    if problem is not None:
        error = click.ClickException(problem)
        error.exit_code = 2
        if report is not None:
            report(error.exit_code, problem, [])
        raise error


def _argument(text: str) -> str:
    """A path as it is typed after a command: between double quotes when it has spaces (cmd, PowerShell and sh)."""
    return f'"{text}"' if any(c.isspace() for c in text) else text


@main.command()
@PROJECT
@click.option(
    "--port",
    metavar="POORT",
    default=8000,
    type=_Range(0, 65535),
    help="De poort op 127.0.0.1 (standaard: 8000).",
)
def serve(project: Path, port: int) -> None:
    """Bouw de website, toon hem op http://127.0.0.1:POORT en werk hem bij na elke wijziging.

    Alleen de pagina's die veranderen worden opnieuw gemaakt, en de browser laadt ze vanzelf opnieuw.
    Een PDF maakt serve niet; gebruik daarvoor build --pdf.
    """
    from verantwoord.serve import output_folder, serve_project

    _check_epoch()
    _SIGNALLED.clear()
    reported: set[Problem] = set()  # a rebuild prints the warnings the last build did not have, and counts them all
    shown = [(output_folder(project.resolve()) / "index.html").is_file()]  # a site to show: of an earlier build

    def on_event(kind: str, payload: object) -> None:
        if kind == "serving":
            out.print(f"De website staat op [bold]{payload}[/] (stop met Ctrl+C)")
        elif kind == "built":
            shown[0] = True
            _report([problem for problem in payload.problems if problem not in reported])
            reported.clear()  # one mended and made again is new again
            reported.update(payload.problems)
            done = "Gebouwd" if payload.full else "Bijgewerkt"
            out.print(
                f"[green]{done}:[/] {_pages_made(payload)} in {_seconds(payload)}{_warning_count(payload.problems)}"
            )
        elif kind == "changed":
            out.print(f"Gewijzigd: {escape(', '.join(payload))}")
        elif kind == "unfinished":
            names = escape(", ".join(payload))
            out.print(f"Nog niet helemaal opgeslagen: {names}. verantwoord leest het opnieuw zodra het klaar is.")
        elif kind == "failed":
            # What stops the rebuild, and the warnings not told before: the old ones among them read as the cause.
            # Another error's problems are its message (a template's), told below.
            problems = payload.problems if isinstance(payload, InvalidProject | BuildFailed) else []
            _report([problem for problem in problems if problem.severity is Severity.ERROR or problem not in reported])
            reported.update(problem for problem in problems if problem.severity is Severity.WARNING)
            # Input problems leave the site as it was; an error while writing may have changed part of it.
            kept = ""
            if isinstance(payload, InvalidProject):
                kept = " De vorige versie blijft zichtbaar." if shown[0] else " Er is nog geen website om te tonen."
            err.print(f"[red]{escape(str(payload))}[/]{kept}")
        elif kind == "followup_failed":
            err.print(f"[yellow]{escape(str(payload))}[/]")
        elif kind == "waiting":
            out.print(Text(_waiting_for(*payload, serving=True)))

    with _errors(), contextlib.suppress(KeyboardInterrupt):
        serve_project(project, port, on_event)
    if _SIGNALLED:
        raise SystemExit(128 + _SIGNALLED[0])


def _memory_size(value: str | None) -> str | None:
    """A size as DuckDB reads it ("4.5GB") from what a user types ("4,5 GB", "512mb"); at least 100 MB, since
    DuckDB cannot read the files in less."""
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*([kmgt]i?b)\s*", value, re.IGNORECASE)
    factors = {"k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12}
    if match is None or float(match[1].replace(",", ".")) * factors[match[2][0].lower()] < 100e6:
        raise click.BadParameter(f"'{value}' is geen grootte van minstens 100MB; schrijf bijvoorbeeld 4GB of 4,5GB.")
    return f"{match[1].replace(',', '.')}{match[2].upper().replace('IB', 'iB')}"


@main.command()
@click.argument("old", metavar="OUD", type=click.Path(path_type=Path))
@click.argument("new", metavar="NIEUW", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Geef de verschillen als JSON, voor een script.")
def diff(old: Path, new: Path, as_json: bool) -> None:
    """Vergelijk twee exports (of projecten) en meld welke cijfers en indicatoren veranderd zijn.

    Exitcode 0: geen verschillen; 1: wel verschillen; 4: OUD of NIEUW is niet te lezen.
    """
    from verantwoord.diff import compare, read_contents

    report = _DiffReport(old, new) if as_json else None
    with _errors(writes=False, report=None if report is None else report.failed):
        contents = []
        failed = []
        for label, path in (("oud", old), ("nieuw", new)):
            try:
                contents.append(read_contents(path))
            except VerantwoordError as error:
                problems = getattr(error, "problems", [])
                err.print(Text(f"{label} ({path}):", style="bold"))
                _report(problems)
                if report is not None:
                    report.unreadable(label, problems)
                errors = sum(problem.severity is Severity.ERROR for problem in problems)
                failed.append(f"{label} ({path}), {_count(errors, 'fout', 'fouten') if errors else error}")
            else:
                if report is not None:
                    report.read(label, contents[-1].digest)
        if failed:
            unreadable = _Unreadable(f"Niet te lezen: {'; '.join(failed)}. Er is niets vergeleken.")
            if report is not None:
                report(unreadable.exit_code, unreadable.message)
            raise unreadable
        result = compare(*contents)
    code = 1 if result.changed else 0
    if report is not None:
        report(code, _diff_outcome(result), result)
    else:
        _print_diff(result)
    if code:
        raise click.exceptions.Exit(code)


class _Unreadable(click.ClickException):
    """An input of `diff` cannot be read: exit code 4, as 1 means 'there are differences' and 2 a mistyped command
    (Click's), which a pipeline must tell apart: the one is the municipality's to mend, the other the provider's."""

    exit_code = 4


def _diff_outcome(result: ExportDiff) -> str:
    """The line that sums up a diff: "Geen verschillen tussen …" or "Verschillen tussen …: 5 wijzigingen."."""
    from verantwoord.model import FINGERPRINT_LENGTH

    def named(source: Path, digest: str | None) -> str:
        """The input with the fingerprint the footer of a site built from it shows."""
        return f"{source}, vingerafdruk {digest[:FINGERPRINT_LENGTH]}" if digest else str(source)

    inputs = f"oud ({named(result.old, result.old_digest)}) en nieuw ({named(result.new, result.new_digest)})"
    if not result.changed:
        indicators = _count(result.indicators, "indicator", "indicatoren")
        figures = _count(result.figures, "cijfer", "cijfers")
        return f"Geen verschillen tussen {inputs}: {indicators}, {figures}."
    return f"Verschillen tussen {inputs}: {_count(len(result.changes), 'wijziging', 'wijzigingen')}."


def _print_diff(result: ExportDiff) -> None:
    from verantwoord.diff import GROUP_TITLES, describe

    outcome = _diff_outcome(result)
    if not result.changed:
        same = "Geen verschillen"
        out.print(Text.assemble((same, "green"), outcome.removeprefix(same)), soft_wrap=True)
        return
    out.print(outcome, markup=False, highlight=False, soft_wrap=True)
    for kind, changes in result.groups():
        out.print()
        out.print(Text.assemble((GROUP_TITLES[kind], "bold"), f" ({len(changes)})"))
        for change in changes:
            where = f"nieuw: {change.location}" if change.location else f"oud: {change.old_location}"
            out.print(Text.assemble("  ", describe(change), (f"  ({where})", "dim")), soft_wrap=True)


class _errors:
    """Turn the library's errors into messages and exit codes (`_failure`), and tell `report` of them (`--json`).

    `built` tells of the site a build wrote before its PDF failed."""

    def __init__(
        self,
        writes: bool = True,
        report: Callable[[int, str, list[Problem], BuildResult | None], object] | None = None,
        built: Callable[[BuildResult], object] | None = None,
    ) -> None:
        self.writes = writes
        self.report = report
        self.built = built

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:
        if error is None:
            return False
        failure = _failure(error, self.writes)
        built = getattr(error, "built", None) if failure is not None else None
        if built is not None and self.built is not None:
            self.built(built)
        if self.report is not None:
            if failure is not None:
                self.report(failure.exit_code, failure.message, getattr(error, "problems", []), built)
            elif (code := _interrupted(error)) is not None:  # a script reads how it ended, stopped too
                name = signal.Signals(code - 128).name
                said = _INTERRUPTED if name == "SIGINT" else f"Gestopt door het signaal {name}."
                self.report(code, said, [], None)
        if failure is None:
            return False
        raise failure


class _JsonReport:
    """What `check --json`, `build --json` and `measure --json` write on stdout, however they end (short of a usage
    error); the keys are documented in docs/opdrachten.md and stay as they are."""

    def __init__(self, command: str, project: Path) -> None:
        self.command = command
        self.project = project

    def __call__(
        self,
        code: int,
        outcome: str,
        problems: list[Problem],
        built: BuildResult | None = None,
        output: Path | None = None,
    ) -> None:
        """`built`: the site a build wrote, also when its PDF failed; `output`: what another command wrote."""
        from verantwoord.errors import problem_data

        errors = sum(problem.severity is Severity.ERROR for problem in problems)
        output = output if built is None else built.output
        pdfs = [] if built is None else [made.path.relative_to(output.resolve()).as_posix() for made in built.pdfs]
        data = {
            "opdracht": self.command,
            "project": str(self.project),
            "gelukt": code == 0,
            "exitcode": code,
            "uitkomst": outcome,
            "aantal_fouten": errors,
            "aantal_waarschuwingen": len(problems) - errors,
            "meldingen": [problem_data(problem) for problem in problems],
            "uitvoer": None if output is None else str(output),
            "aantal_paginas": None if built is None else len(built.pages),
            "pdf": pdfs,
        }
        click.echo(_json_text(data))


class _DiffReport:
    """What `diff --json` writes on stdout, however it ends (short of a usage error): the differences, or why there
    are none, with the problems of an input it cannot read. The keys are documented in docs/opdrachten.md."""

    def __init__(self, old: Path, new: Path) -> None:
        self.inputs = {"oud": old, "nieuw": new}
        self.digests: dict[str, str | None] = {}
        self.problems: list[tuple[str | None, Problem]] = []

    def read(self, label: str, digest: str | None) -> None:
        self.digests[label] = digest

    def unreadable(self, label: str, problems: list[Problem]) -> None:
        self.problems.extend((label, problem) for problem in problems)

    def failed(self, code: int, outcome: str, problems: list[Problem], built: BuildResult | None) -> None:
        """As `_errors` tells of a failure (a diff builds nothing)."""
        self.problems.extend((None, problem) for problem in problems)
        self(code, outcome)

    def __call__(self, code: int, outcome: str, result: ExportDiff | None = None) -> None:
        from verantwoord.diff import diff_data
        from verantwoord.errors import problem_data

        data = (
            diff_data(result)
            if result is not None
            else {
                "oud": str(self.inputs["oud"]),
                "nieuw": str(self.inputs["nieuw"]),
                "oud_sha256": self.digests.get("oud"),
                "nieuw_sha256": self.digests.get("nieuw"),
                "gewijzigd": None,
                "aantal": None,
                "wijzigingen": [],
            }
        )
        data["exitcode"] = code
        data["uitkomst"] = outcome
        data["meldingen"] = [{**problem_data(problem), "invoer": label} for label, problem in self.problems]
        click.echo(_json_text(data))


def _pages_made(rebuild: Rebuild) -> str:
    """The pages made again, and those that only got a new footer: a workbook saved again after a failed edit
    counted every page, as if they had been made again, where their text was as before the error."""
    made = len(rebuild.pages) - rebuild.footers
    pages = _count(made, "pagina", "pagina’s") if made else "geen pagina’s"
    if not rebuild.footers:
        return pages
    footers = _count(rebuild.footers, "pagina", "pagina’s")
    if not made:
        return f"alleen de regel over de export onder {footers},"
    return f"{pages}, en de regel over de export onder nog {rebuild.footers},"


def _seconds(rebuild: Rebuild) -> str:
    """Such as "1,2 s (lezen 1,0 s, schrijven 0,20 s)"."""
    read, write = rebuild.read_seconds, rebuild.write_seconds
    return f"{_decimal(read + write)} s (lezen {_decimal(read)} s, schrijven {_decimal(write, 2)} s)"


def _decimal(number: float, places: int = 1) -> str:
    return f"{number:.{places}f}".replace(".", ",")


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _warning_count(problems: list[Problem]) -> str:
    """ ", 2 waarschuwingen" after a build's line, which the warnings above it may have scrolled out of sight."""
    return f", {_count(len(problems), 'waarschuwing', 'waarschuwingen')}" if problems else ""


def _report(problems: list[Problem]) -> None:
    for problem in problems:
        colour = "red" if problem.severity is Severity.ERROR else "yellow"
        # The message is text, not markup: "Verwacht: [laatste meting, reeks Nederland]" lost its brackets.
        err.print(f"[{colour}]{problem.severity.value}:[/] {escape(str(problem))}", markup=True, highlight=False)
