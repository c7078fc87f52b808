"""The ``plainpath`` command: MkDocs' build and serve with our defaults, plus ``check``.

It wraps MkDocs rather than replacing it: ``mkdocs build`` and ``mkdocs serve`` still work on the
same ``mkdocs.yml``; this command only adds strict builds by default and editor-friendly output.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

import click
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from plainpath.check import check_project
from plainpath.site_swap import staged_site

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

config_option = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True, help="The site's mkdocs.yml."
)


@click.group()
def main() -> None:
    """Publish plain-English, translated, accessible council guidance."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")


@main.command()
@config_option
@click.option("-d", "--site-dir", default=None, help="Where to write the site (default: site/).")
@click.option("--strict/--no-strict", default=True, show_default=True, help="Fail on warnings.")
def build(config_file: str, site_dir: str | None, strict: bool) -> None:
    """Build the whole site, every language, into site/ (kept as it was if the build fails)."""
    with failures_said_plainly():
        config = load_config(config_file, site_dir=site_dir, strict=strict)
        with staged_site(Path(config.site_dir)) as staging:
            config.site_dir = str(staging)
            mkdocs_build(config)


@contextlib.contextmanager
def failures_said_plainly():
    """An editor's or a setting's mistake is its message and exit 1; anything else one paragraph
    and exit 2: never a traceback for an editor."""
    try:
        yield
    except (PluginError, ConfigurationError, Abort) as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    except Exception as error:  # noqa: BLE001 - say what failed and how to report it
        click.echo(unexpected_failure(error), err=True)
        sys.exit(2)


def unexpected_failure(error: BaseException) -> str:
    """One paragraph for a failure that is not an editor's: the file it was reading, if known."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if "plainpath" in frame.filename] or frames
    where = f"{ours[-1].filename}:{ours[-1].lineno}" if ours else "unknown place"
    return (f"plainpath failed: {type(error).__name__}: {str(error)[:300]} (in {where}). The line "
            "above 'plainpath failed' names the page or file it was reading. This is a fault in "
            "plainpath, not in your files: please report it with this message.")


@main.command()
@config_option
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to listen on.")
def serve(config_file: str, dev_addr: str) -> None:
    """Preview the site while you edit: pages show your saves in a second, errors in the browser."""
    import tempfile
    import time

    from plainpath.preview.server import Preview
    from plainpath.preview.site_model import SiteModel

    host, _, port = dev_addr.rpartition(":")
    with tempfile.TemporaryDirectory(prefix="plainpath-preview-") as site_dir:
        model = SiteModel(Path(config_file).resolve(), Path(site_dir))
        preview = Preview(model, host or "127.0.0.1", int(port))
        click.echo("Reading the site (pages, flows, translations)...")
        preview.start()
        click.echo(f"Preview at {preview.url} (ready in {model.last_refresh_seconds:.1f} s). Save a page, "
                   "flow or PO file and the open page reloads. Press Ctrl+C to stop.")
        for problem in model.errors:
            click.echo(problem.text, err=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            preview.stop()


@main.command()
@config_option
@click.option("--strict/--no-strict", default=True, show_default=True, help="Fail on warnings.")
def check(config_file: str, strict: bool) -> None:
    """Check flows and pages for problems, without building; prints file:line:col lines."""
    with failures_said_plainly(), _warnings_listed_not_logged():
        report = check_project(load_config(config_file))
    for line in report.lines():
        click.echo(line)
    failed = bool(report.error_count) or (strict and bool(report.warning_count))
    click.echo(
        f"{report.error_count} error(s), {report.warning_count} warning(s)"
        + (f", {report.notice_count} notice(s)" if report.notice_count else "")
        + (f", {report.advice_count} piece(s) of advice." if report.advice_count else ".")
        + (" Fix the lines above, then run 'plainpath check' again." if failed else "")
    )
    sys.exit(1 if failed else 0)


@contextlib.contextmanager
def _warnings_listed_not_logged():
    """``check`` lists every warning and notice MkDocs and the plugins log, with its place, once:
    the same one also printed as a log line was noise (issue 29.6), and so are the build's
    information lines, since check builds nothing."""

    def listed(record: logging.LogRecord) -> bool:
        return not (record.name.startswith("mkdocs") and record.levelno <= logging.WARNING)

    handlers = logging.getLogger().handlers
    for handler in handlers:
        handler.addFilter(listed)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(listed)


@main.group()
def models() -> None:
    """Manage offline translation models (argos packages)."""


@models.command("install")
@click.argument("package", type=click.Path(dir_okay=False))
@click.option("--models-dir", default="translations/models", show_default=True)
def install(package: str, models_dir: str) -> None:
    """Install a local .argosmodel file for the argos engine (no network needed)."""
    from plainpath.translation.argos_engine import install_model
    from plainpath.translation.engine import EngineError

    try:
        metadata = install_model(Path(package), Path(models_dir))
    except EngineError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"Installed {metadata['from_code']} to {metadata['to_code']} in {models_dir}.")


@models.command("download")
@click.argument("language")
@click.option("--source", default="en", show_default=True)
@click.option("--models-dir", default="translations/models", show_default=True)
def download(language: str, source: str, models_dir: str) -> None:
    """Download and install the argos model for LANGUAGE (needs internet)."""
    from plainpath.translation.argos_engine import download_model
    from plainpath.translation.engine import EngineError

    click.echo(f"Downloading the {source} to {language} model from the argos package index...")
    try:
        metadata = download_model(source, language, Path(models_dir))
    except EngineError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    click.echo(f"Installed {metadata['from_code']} to {metadata['to_code']} in {models_dir}.")




@main.group()
def xliff() -> None:
    """Exchange a language's translations with an agency as XLIFF (review states kept)."""


def _memory_for(config_file: str, lang: str):
    """The language's translation memory, as the build reads it, and the lock builds take."""

    from filelock import FileLock

    from plainpath.settings_file import read_settings
    from plainpath.translation.memory import TranslationMemory

    root = Path(config_file).resolve().parent
    config = read_settings(Path(config_file))
    folder = "translations"
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "plainpath/i18n" in plugin:
            folder = (plugin["plainpath/i18n"] or {}).get("translations_dir", folder)
    display = f"{folder}/{lang}.po"
    if not (root / display).exists():
        click.echo(f"There is no {display}. Build the site once with '{lang}' in mkdocs.yml to create it.", err=True)
        sys.exit(1)
    return TranslationMemory(root / display, lang, display), FileLock(str(root / folder / ".plainpath.lock"), timeout=900)


@xliff.command("export")
@config_option
@click.argument("lang")
@click.argument("destination", type=click.Path(dir_okay=False))
def xliff_export(config_file: str, lang: str, destination: str) -> None:
    """Write translations/LANG.po as an XLIFF file for a translation agency."""
    from plainpath.translation.xliff_exchange import export_xliff

    with failures_said_plainly():
        memory, _lock = _memory_for(config_file, lang)
        count = export_xliff(memory, Path(destination))
    click.echo(f"Wrote {count} unit(s) of {memory.display_path} to {destination}.")


@xliff.command("import")
@config_option
@click.argument("lang")
@click.argument("source", type=click.Path(exists=True, dir_okay=False))
def xliff_import(config_file: str, lang: str, source: str) -> None:
    """Apply an agency's XLIFF file to translations/LANG.po (approved units become reviewed)."""
    from plainpath.translation.xliff_exchange import import_xliff

    with failures_said_plainly():
        memory, lock = _memory_for(config_file, lang)
    with lock:  # not while a build is writing the same file
        try:
            result = import_xliff(memory, Path(source))
        except Exception as error:  # a broken XLIFF file: say which, change nothing
            click.echo(f"Error in {source}: {error}. Nothing was changed in {memory.display_path}.", err=True)
            sys.exit(1)
        memory.save()
    click.echo(f"{memory.display_path}: {result.reviewed} reviewed, {result.drafts} draft(s), "
               f"{result.unchanged} unchanged.")
    for line in result.unknown + result.refused:
        click.echo(f"  {line}")
    for line in result.rejected:
        click.echo(f"Error in {line}", err=True)
    if result.rejected:
        click.echo(f"{len(result.rejected)} unit(s) were not imported: correct them in the XLIFF file "
                   "(or in the agency's tool) and import it again.", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
