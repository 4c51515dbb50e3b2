"""What the log does with its data as a whole: export it (as CSV, or as stored when it cannot be
read), keep only what is readable, import a CSV file, delete everything."""

from __future__ import annotations

from ...framework.html import escape
from ...framework.numbers import plural
from ...framework.protocol import Reply
from .actions import Turn, handles
from .data import MAX_FILE_BYTES, ImportProblems, Log, from_csv, to_csv
from .views import damage_notice

ACTIONS: dict = {}  # action name -> (Request -> Reply): the actions on the data as a whole


@handles(ACTIONS, "export")
def _export(turn: Turn) -> Reply:
    req, log, damage, reply, tell = turn.req, turn.log, turn.damage, turn.reply, turn.tell
    readable = damage.readable if damage else log
    if not readable.entries:
        tell("warning", "There is nothing to export yet: the log has no days.")
        return reply
    reply.download = {"name": f"impact-log-{req.today.isoformat()}.csv", "type": "text/csv", "text": to_csv(readable)}
    count = len(readable.entries)
    reply.announce = f"Exported {count} {plural(count, 'day', 'days')} as CSV."
    return reply


@handles(ACTIONS, "export-raw")
def _export_raw(turn: Turn) -> Reply:
    req, stored, reply = turn.req, turn.stored, turn.reply
    reply.download = {
        "name": f"impact-log-stored-{req.today.isoformat()}.txt",
        "type": "text/plain",
        "text": stored or "",
    }
    reply.announce = "Downloaded the stored data exactly as it is."
    return reply


@handles(ACTIONS, "repair")
def _repair(turn: Turn) -> Reply:
    damage, reply, regions, save, tell = turn.damage, turn.reply, turn.regions, turn.save, turn.tell
    if not damage:
        tell("done", "The stored log is fine; nothing needed repairing.")
        return reply
    if damage.newer:
        regions["notice"] = damage_notice(damage, refused=True)
        reply.focus = "log-notice-title"
        return reply
    save(damage.readable, entry=True, settings=True)
    count = len(damage.readable.entries)
    tell("done", f"Kept the {count} readable {plural(count, 'entry', 'entries')}; the unreadable data is gone.")
    return reply


@handles(ACTIONS, "import", "import-confirmed")
def _import(turn: Turn) -> Reply:
    req, log, damage, reply, save, tell = turn.req, turn.log, turn.damage, turn.reply, turn.save, turn.tell
    file = req.file or {}
    size = file.get("size") if isinstance(file.get("size"), (int, float)) else len(file.get("text") or "")
    too_big = size > MAX_FILE_BYTES
    if not isinstance(file.get("text"), str) and not too_big:
        tell(
            "error",
            "The file could not be imported.",
            "<p>No file was read. Choose a CSV file exported from this page.</p>",
        )
        return reply
    if too_big or len(file["text"]) > MAX_FILE_BYTES:
        tell(
            "error",
            "The file could not be imported.",
            f"<p>It is larger than {MAX_FILE_BYTES // 1_000_000} MB, far more "
            "than any log. Your log was not changed.</p>",
        )
        return reply
    try:
        imported = from_csv(file["text"], req.today)
    except ImportProblems as failure:
        shown = failure.problems[:10]
        more = len(failure.problems) - len(shown)
        items = "".join(f"<li>{escape(p)}</li>" for p in shown)
        if more:
            items += f"<li>…and {more} more.</li>"
        tell(
            "error",
            f"The file {str(file.get('name') or '')[:80]} could not be imported. Your log was not changed.",
            f"<ul>{items}</ul><p>Fix the file (or export a fresh one from this page) and import it again.</p>",
        )
        reply.state = "invalid"
        return reply
    count = len(imported.entries)
    if req.action == "import" and (log.entries or damage):
        tell(
            "warning",
            f"Replace your log with the {count} {plural(count, 'day', 'days')} in this file?",
            f"<p>This browser holds {len(log.entries)} {plural(len(log.entries), 'day', 'days')}"
            f"{' and data that could not be read' if damage else ''}. Importing replaces all of it. Export "
            "first if you want to keep a copy.</p>",
            '<button type="button" class="md-button md-button--primary" data-calc-action="import-confirmed">'
            'Replace my log</button> <button type="button" class="md-button" data-calc-action="cancel">Keep my log</button>',
        )
        return reply
    save(imported, entry=True, settings=True)
    recoded = (
        "<p>The file was saved in Windows' own encoding (as Excel's “CSV (Comma delimited)” does), not "
        "UTF-8; it was read that way. Check any accented letters in your notes.</p>"
        if file.get("encoding") == "windows-1252"
        else ""
    )
    tell(
        "done",
        f"Imported {count} {plural(count, 'day', 'days')} from {str(file.get('name') or 'the file')[:80]}.",
        recoded,
    )
    return reply


@handles(ACTIONS, "delete-all")
def _delete_all(turn: Turn) -> Reply:
    log, reply, tell = turn.log, turn.reply, turn.tell
    count = len(log.entries)
    tell(
        "warning",
        f"Delete all {count} {plural(count, 'day', 'days')} and the settings from this browser?",
        "<p>This cannot be undone. Export the log first if you might want it back.</p>",
        '<button type="button" class="md-button sp-button--danger" data-calc-action="delete-all-confirmed">'
        'Delete everything</button> <button type="button" class="md-button" data-calc-action="cancel">Cancel</button>',
    )
    return reply


@handles(ACTIONS, "delete-all-confirmed")
def _delete_all_confirmed(turn: Turn) -> Reply:
    reply, save, tell = turn.reply, turn.save, turn.tell
    save(Log(), entry=True, settings=True)
    tell("done", "Deleted the whole log from this browser.")
    return reply


@handles(ACTIONS, "cancel")
def _cancel(turn: Turn) -> Reply:
    damage, reply, regions = turn.damage, turn.reply, turn.regions
    regions["notice"] = damage_notice(damage) if damage else ""
    reply.focus = "log-data-title"
    reply.announce = "Cancelled; nothing was changed."
    return reply
