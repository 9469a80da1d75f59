"""The typer application every command registers on, and the one place errors become exit codes.

Errors are converted in exactly one place (``_Group.main``): a MetaledgerError
or a usage error becomes one line on stderr and its exit code; anything else
is a bug and keeps its traceback. Heavy imports happen inside
commands so ``metaledger --help`` starts fast.
"""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import EXIT_INPUT, EXIT_USAGE, MetaledgerError

HELP = """Extract claims (entities, dates, figures, events) from Chinese news into a YAML ledger.

Example: metaledger extract data/articles/meta-avocado.txt
"""


# Typer vendors click in recent releases; reach its UsageError through a public class.
_UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def fail(message: str, code: int) -> None:
    """Print one error line to stderr and exit with code.

    One line whatever the message holds (a path with a newline in it, a YAML
    excerpt), and printable on any stderr encoding (a Chinese file name on a
    Latin-1 terminal comes out as escapes rather than a second traceback).
    """
    line = " ".join(message.split("\n")).replace("\r", " ")
    encoding = getattr(sys.stderr, "encoding", None) or "utf-8"
    line = line.encode(encoding, "backslashreplace").decode(encoding, "replace")
    sys.stderr.write(f"metaledger: error: {line}\n")
    sys.stderr.flush()
    sys.exit(code)


def _unprintable_output(error: UnicodeEncodeError) -> str | None:
    """The message for output the terminal's encoding cannot show, or None if it is not that."""
    import codecs

    encoding = getattr(sys.stdout, "encoding", None)
    try:
        if not encoding or codecs.lookup(error.encoding).name != codecs.lookup(encoding).name:
            return None
    except LookupError:
        return None
    return (
        f"standard output uses {encoding}, which cannot show {error.object[error.start:error.end]!r}; "
        "set PYTHONIOENCODING=utf-8 (or a UTF-8 locale) or write to a file with -o"
    )


class _Group(TyperGroup):
    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except MetaledgerError as error:
            fail(str(error), error.exit_code)
        except _UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx else ""
            fail(error.format_message() + hint, EXIT_USAGE)
        except typer.Abort:
            fail("aborted", 130)
        except typer.Exit as done:
            sys.exit(done.exit_code)
        except BrokenPipeError:
            sys.exit(0)
        except OSError as error:
            if error.errno == 32:  # EPIPE under some terminals
                sys.exit(0)
            if error.filename is None:
                raise
            # The file system refused a path the user gave (a name too long for it…) before any check
            # of ours could word it: still that path and the system's reason, on one line.
            fail(f"{error.filename}: {error.strerror or error}", EXIT_INPUT)
        except UnicodeEncodeError as error:
            message = _unprintable_output(error)
            if message is None:
                raise
            fail(message, EXIT_USAGE)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=_Group,
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"metaledger {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Extract claims (entities, dates, figures, events) from Chinese news into a YAML ledger."""
