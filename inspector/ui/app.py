"""The Textual application: sections (modes), global keys, workers' failures. Thin on
purpose: what the user sees lives in `screens/`, `widgets/` and `modals/`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from inspector.data.db import Database
from inspector.data.engine import OperationalError
from inspector.i18n import Problem, set_language, t
from inspector.ui import navigation, wrap
from inspector.ui.bindings import localise
from inspector.ui.commands import OutfallCommands, app_commands
from inspector.ui.context import UiContext
from inspector.ui.gnss import GnssLink, GnssUpdated
from inspector.ui.safe_output import DropControlCharacters

PRELOAD_AFTER_S = 1.5
"""Seconds after the first frame before the write path's modules are imported."""

RESTART = "restart"
"""What `run()` returns when the UI must start again (the language changed)."""


def _mode(entry: navigation.Section) -> Callable[[], Screen]:
    return lambda: entry.load()()


SHORT_SCREEN = 36
"""Rows below which dialogs keep their buttons on screen by shrinking their bodies."""


class InspectorApp(App[str]):
    # Only what every screen uses: each area's own styles load with its screens
    # (`CSS_PATH` there), so the first frame does not wait for them to be parsed.
    CSS_PATH: ClassVar = "styles/app.tcss"
    # The first section's screen is the app's default screen, made by
    # `get_default_screen`, rather than a mode's: Textual parses every stylesheet again
    # when a mode's first screen is made (the theme has moved its count of style changes
    # on), and the first frame waited 20 ms for that. Its mode keeps the section's name
    # and is added once the app is mounted, so switching back to it works as for others.
    MODES: ClassVar = {s.name: _mode(s) for s in navigation.SECTIONS if s.name != navigation.FIRST}
    DEFAULT_MODE: ClassVar[str] = navigation.FIRST
    COMMANDS: ClassVar = {*App.COMMANDS, OutfallCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "key.help"),
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True),
        Binding("n", "new_outfall", "key.new_outfall"),
        Binding("ctrl+q", "quit", "key.quit", priority=True),
    ]

    def get_line_filters(self) -> Sequence[LineFilter]:
        # Names are shown escaped; this makes sure nothing from the data that a screen
        # forgot to escape ever reaches the terminal (see `ui.safe_output`).
        filters = [*super().get_line_filters(), self._drop_controls]
        return [f for f in filters if f.enabled]

    def __init__(
        self,
        db: Database,
        *,
        today: Callable[[], dt.date] | None = None,
        now: Callable[[], dt.datetime] | None = None,
        tz: dt.tzinfo | None = None,
        welcome: bool | None = None,
        opening: bool = False,
    ) -> None:
        """`opening`: `db` is a PostgreSQL database only named (`named_database`); it is
        opened in a thread once the first frame is out, and until then only quitting
        and help answer. If it cannot be opened the app ends, `open_error` saying why."""
        super().__init__()
        wrap.install()
        self.ctx = UiContext(db)
        if today is not None:
            self.ctx.today = today
        if now is not None:
            self.ctx.now = now
        self.ctx.tz = tz
        self.ctx.opened = not opening
        self.open_error: BaseException | None = None
        self._welcome = welcome
        self._drop_controls = DropControlCharacters()
        self.open_forms: list[Any] = []
        """Forms open in any section (`inspector.ui.drafts`), oldest first."""
        self.gnss = GnssLink(self)
        """The receiver, if one is connected (the Map section connects it)."""
        self.title = t("app.title")
        for entry in navigation.SECTIONS:
            # Shown in the navigation bar with their keys, so not again in the footer.
            self.bind(
                entry.key, f"switch_section('{entry.name}')", description=entry.title, show=False
            )
        localise(self)

    # -- start -------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        # A short terminal (80x24) cannot hold a dialog's 24-line body and its buttons:
        # the body then gets what the buttons leave (`-short` in app.tcss).
        self.set_class(event.size.height < SHORT_SCREEN, "-short")

    def on_mount(self) -> None:
        first = navigation.section(navigation.FIRST)
        self.add_mode(first.name, _mode(first))
        if self.ctx.opened:
            self._welcome_if_new()

    def _welcome_if_new(self) -> None:
        if self._welcome is None:
            self._welcome = self._first_run()
        if self._welcome:
            from inspector.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())

    def on_ready(self) -> None:
        if not self.ctx.opened:
            self.run_worker(self._open, thread=True, group="open", exit_on_error=False)
            return
        self._started()

    def _open(self) -> None:
        from inspector.data.db import open_database

        url = self.ctx.db.url
        assert url is not None
        try:
            db = open_database(url)
        except BaseException as exc:  # handed to the command line, which says it in one sentence
            self.call_from_thread(self._not_opened, exc)
            return
        self.call_from_thread(self._opened, db)

    def _opened(self, db: Database) -> None:
        from inspector.ui.widgets.navbar import NavBar

        self.ctx.db = db
        self.ctx.opened = True
        for bar in self.screen.query(NavBar):
            bar.opened()
        self._welcome_if_new()
        self._started()

    def _not_opened(self, error: BaseException) -> None:
        self.open_error = error
        self.exit(return_code=2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Nothing to show or change before the database is open.
        ctx = getattr(self, "ctx", None)
        return ctx is None or ctx.opened or action in ("quit", "help")

    def _started(self) -> None:
        self.ctx.first_painted()
        # The write path imports SQLModel (half a second), so the first save would wait for
        # it: load it in a thread, but not yet. The import holds the interpreter's lock, and
        # the first frames (the dashboard filling in) must not wait for it either.
        self.set_timer(PRELOAD_AFTER_S, self._preload)

    def _preload(self) -> None:
        self.run_worker(_preload, thread=True, group="preload", exit_on_error=False)

    def _first_run(self) -> bool:
        """A database nobody has named and that holds no outfalls yet."""
        from inspector.data.outfalls import any_outfall
        from inspector.data.sync.identity import self_record

        with self.ctx.read() as conn:
            me = self_record(conn)
            empty = not any_outfall(conn)
        return empty and not (me and me.name)

    # -- navigation ----------------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return navigation.section(navigation.FIRST).load()()

    def action_switch_section(self, name: str) -> None:
        # Record screens stay where they were opened; the section's own screen shows. A
        # form with unsaved typing is left only after asking (save, keep, discard).
        self.leave_form(lambda: self.switch_mode(name))

    def leave_form(self, then: Callable[[], object]) -> None:
        """Run `then`, leaving the form on screen first if it holds unsaved typing (which
        is asked about); anything else stays where it is."""
        from inspector.ui.drafts import DraftedForm

        screen = self.screen
        if isinstance(screen, DraftedForm) and screen.unsaved():
            screen.leave(then, close=lambda: screen.dismiss(None))
        else:
            then()

    def run_in_section(self, name: str, action: str) -> None:
        """Run a section's action from anywhere (the command palette): go to the section,
        back to its own screen (leaving, with the question, any form open over it), and
        run it there."""

        async def arrived() -> None:
            from inspector.ui.drafts import DraftedForm

            section = navigation.section(name).load()
            screen = self.screen
            if not isinstance(screen, section):
                # A record or a form over the section: leave it first (asking if unsaved).
                if isinstance(screen, DraftedForm):
                    screen.leave(
                        lambda: self.call_later(arrived), close=lambda: screen.dismiss(None)
                    )
                else:
                    await self.pop_screen()
                    self.call_later(arrived)
                return
            await screen.run_action(action)

        def go() -> None:
            self.switch_mode(name)
            self.call_later(arrived)

        self.leave_form(go)

    def exit(self, *args: Any, **kwargs: Any) -> None:
        # However the app ends (quit, a restart in another language), what the open forms
        # hold is kept before their screens go.
        from textual.css.query import NoMatches

        from inspector.ui.drafts import open_forms

        for form in open_forms(self):
            try:
                form.keep_draft_now()
            except NoMatches:  # a form half torn down already: its last draft stands
                continue
        super().exit(*args, **kwargs)

    async def action_quit(self) -> None:
        """Quit; first every open form's typing is kept as a draft, and if any holds
        unsaved typing the person is asked (save, keep the drafts, discard)."""
        from inspector.ui.drafts import DISCARD, KEEP, SAVE, open_forms
        from inspector.ui.modals.leave import LeaveModal

        if isinstance(self.screen, LeaveModal) and self.screen.quitting:
            self.exit()  # asked, and ctrl+q again: the drafts are kept
            return
        forms = open_forms(self)
        for form in forms:
            form.keep_draft_now()
        unsaved = [f for f in forms if f.unsaved()]
        if not unsaved:
            self.exit()
            return
        screen: Any = self.screen
        current = screen if screen in unsaved and len(unsaved) == 1 else None

        def answered(choice: str | None) -> None:
            if choice == SAVE and current is not None:
                current.save_form(then=self.exit)
            elif choice == KEEP:
                self.exit()
            elif choice == DISCARD:
                for form in unsaved:
                    form.discard_draft_now()
                self.exit()

        self.push_screen(
            LeaveModal(
                forms=[f.form_title() for f in unsaved],
                quitting=True,
                can_save=current is not None,
            ),
            answered,
        )

    def action_help(self) -> None:
        from inspector.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_new_outfall(self) -> None:
        from inspector.ui.screens.new_outfall import NewOutfallScreen

        self.push_screen(NewOutfallScreen())

    def open_outfall(self, outfall_id: str, *, tab: str | None = None) -> None:
        from inspector.ui.screens.outfall import OutfallScreen

        self.push_screen(OutfallScreen(outfall_id, tab=tab))

    def open_inspection(self, outfall_id: str) -> None:
        from inspector.ui.screens.inspection import InspectionScreen

        self.push_screen(InspectionScreen(outfall_id))

    def change_language(self, lang: str) -> None:
        """Start the UI again in `lang` (every label is read when a screen is built)."""
        from inspector.ui import preferences

        preferences.save(language=lang)
        set_language(lang)
        self.exit(RESTART)

    def switch_database(self, db: Database) -> None:
        """Open another database (the demo, from the welcome screen)."""
        self.ctx = UiContext(db, today=self.ctx.today, now=self.ctx.now, tz=self.ctx.tz)
        self.exit(RESTART + ":" + (db.url or str(db.path)))

    def action_command_palette(self) -> None:
        """The palette, with its prompt in the user's language (Textual's is English)."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(
                CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette")
            )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from app_commands(self, screen)

    def on_gnss_updated(self, message: GnssUpdated) -> None:
        self.gnss.update(message.reading)

    def on_unmount(self) -> None:
        self.gnss.stop()

    # -- failures ------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, OperationalError) and "interrupted" in str(error):
            return  # a query made stale by the next keystroke, stopped on purpose
        self.notify(describe(error), severity="error", timeout=12)


def describe(error: BaseException | None) -> str:
    """One sentence for the user about what went wrong."""
    from inspector.models.spec import ValidationFailed

    if isinstance(error, ValidationFailed):
        return "\n".join(error.messages())
    if isinstance(error, Problem):
        return str(error)
    if isinstance(error, OperationalError):
        text = str(error)
        if "locked" in text or "busy" in text:
            return t("db.locked", path="")
        return t("ui.db_error", error=text)
    if isinstance(error, OSError):
        return t("ui.io_error", error=error.strerror or str(error))
    return t("ui.unexpected", error=f"{type(error).__name__}: {error}")


def _preload() -> None:
    import inspector.data.writer
    import inspector.services.register  # noqa: F401
