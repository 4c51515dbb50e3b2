"""The scripts: the one library of emails, lines and answers to pushback, in the reader's words.

Every script and pushback answer on the site is defined here, once: the scripts page draws them
(as the build does, for readers without JavaScript, and again in the browser for the reader's
role and setting), and the meeting packet uses the same text. Parts in [brackets] are the reader's
to fill in; {placeholders} are the profile's words (see framework/profile.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..framework.about import ABOUT, about_form, keep_profile, reader, show_profile
from ..framework.component import Component
from ..framework.html import escape, status_line
from ..framework.profile import DEFAULT, KEY, Profile, fill_words
from ..framework.protocol import Reply, Request

SLUG = "scripts"
MEETING_MINUTES = 30  # one length, asked for everywhere (the packet's email too)


@dataclass(frozen=True)
class Script:
    """One script: its anchor, its title, what the reader may hear (pushbacks only) and the text.
    `by_role` replaces the text for a role, a setting or both ("nurse", "shifts", "nurse/shifts")."""

    id: str
    title: str
    text: str
    hear: str = ""
    by_role: dict[str, str] = field(default_factory=dict)

    def text_for(self, profile: Profile | None) -> str:
        """The text in a profile's words; with no profile (a page that does not know the reader),
        the words of every role left as blanks to choose from, like "[session or shift]"."""
        if profile is None:
            return fill_words(self.text, NEUTRAL)
        for key in (f"{profile.role}/{profile.setting}", profile.role, profile.setting):
            if key in self.by_role:
                return profile.fill(self.by_role[key])
        return profile.fill(self.text)


# fmt: off
REQUEST = Script(
    "meeting-request-email", "Email asking for a meeting",
    "Hi [name],\n\n"
    "[The new EHR module, device or process] started on [date]. Since then I spend far longer documenting, "
    "more of it after hours, and I see the same number of patients as before.\n\n"
    "I have kept a record of the difference. I would like to go over two things with you: which parts of the "
    "new workflow are mandatory and which we could change, and what changes to workload, staffing or the "
    "build, for now or for good, would make it work.\n\n"
    f"Do you have {MEETING_MINUTES} minutes in the next couple of weeks to look at options together?\n\n"
    "Thank you,\n[your name]",
    by_role={"nurse/shifts": "Hi [name],\n\n"
             "[The new EHR module, device or process] started on [date], and since then charting has been running "
             "past the end of my shifts: on [number] of my last [number] shifts I stayed [minutes] minutes after "
             "handover, and I have missed [number] meal breaks, with the same assignment as before.\n\n"
             "I have kept a record of it. I would like to go over two things with you: which parts of the new "
             "workflow are mandatory and which we could change, and what changes to the assignment, staffing or "
             "the build would let the work fit inside the shift.\n\n"
             f"Do you have {MEETING_MINUTES} minutes in the next couple of weeks to look at options together?\n\n"
             "Thank you,\n[your name]"},
)
GROUP_REQUEST = Script(
    "group-request-email", "Email from a group asking for a meeting",
    "Hi [name],\n\n"
    "We are [number] [clinicians] on [unit or clinic]: [names and roles]. Since [the change] went live on "
    "[date], each of us has been working longer to keep up, and we would rather raise it together than one "
    "by one.\n\n"
    f"Could we have {MEETING_MINUTES} minutes with you in the next two weeks? We will bring what we have "
    "noticed, what we think could change, and one or two proposals, and [name] will speak for the group.\n\n"
    "Thank you,\n[names]",
)
GROUP_LETTER = Script(
    "group-letter", "A letter to sign together, before anyone has numbers",
    "To [name and title],\n\n"
    "We, the undersigned [clinicians] on [unit or clinic], are writing together about [the change], which "
    "went live on [date]. Since then our work has taken longer than the schedule allows, and that time is "
    "coming from breaks, evenings and attention that belongs to patients.\n\n"
    "We are keeping a record for the next [two] weeks and will share the totals, not anyone's own figures. "
    "In the meantime we ask for a meeting by [date] to agree [the one change you want first, e.g. a review "
    "of the new template] and a date to review it.\n\n"
    "[names, roles, signatures]",
)
GROUP_OPENER = Script(
    "group-opener", "Opening the meeting as a group",
    "Thank you for seeing us together. We are not here to reverse the change, and none of us is speaking only "
    "for ourselves: each of us has watched the same extra work land on our {days}, and we agreed beforehand on "
    "what we are asking. [Name] will take you through it. Our first request is [the one change we agreed on]; "
    "if that cannot happen now, we would accept [the fallback we agreed on] with a review on [date]. We would "
    "like to leave today with a decision, or a date for one.",
)
OPENER = Script(
    "opener", "Opening the meeting",
    "New technology is not what I came to argue about. Since this change, clinicians carry a large amount of "
    "extra work that nobody sees, and as things stand it is not safe and we cannot keep it up. I have brought "
    "examples from my own days and some practical proposals on how much we take on, and how fast.",
)
PUSHBACKS = (
    Script(
        "everyone-else", "Answer: everyone else is managing",
        "The colleagues I have talked to are managing by working unpaid hours, which hides what this really "
        "costs. Let's count the extra work first, so that everyone can see it, and then set expectations that fit "
        "what we find.",
        hear="Everyone else is managing.",
        by_role={"nurse": "The colleagues I have talked to are managing by staying past handover, charting after "
                          "they clock out and skipping breaks. For anyone paid by the hour that time is work the "
                          "hospital has to pay for, and it also hides what this change really costs. I am asking "
                          "that we count that time first, and then set assignments that fit inside the shift."},
    ),
    Script(
        "more-training", "Answer: more training will fix it",
        "Training will make me faster in the tool, but it will not take out the extra steps built into the "
        "workflow. Making room for those steps still means agreeing what comes off my plate, or what changes.",
        hear="More training will fix it.",
    ),
    Script(
        "be-patient", "Answer: be patient, it is a transition",
        "I am being patient, and I have the records to show what it costs. Can we agree what we will measure "
        "and the date we will look at it again, so that the transition has an end?",
        hear="Be patient; it is a transition.",
    ),
    Script(
        "build-cannot-change", "Answer: the build cannot change",
        "Then let us look at the workload or the support while the build stays as it is. The added time has to "
        "come from somewhere: fewer patients per {block}, protected time, or someone to take the parts that "
        "need no {license}.",
        hear="The build cannot change.",
    ),
    Script(
        "no-staff", "Answer: there is no staff to help",
        "If there is nobody to take part of the work, then the expectations have to move instead: the number of "
        "patients per {block}, or the time protected for charting. Without staff or a lighter load, the extra "
        "time comes out of unpaid hours or out of patient care.",
        hear="There is no staff, so productivity has to stay where it is.",
        by_role={"nurse/shifts": "If there is nobody to take part of the work, then the assignment has to reflect "
                                 "it: a lighter assignment or a resource nurse while the change settles. I would "
                                 "like us to take the numbers to the staffing committee together."},
    ),
    Script(
        "billing-compliance", "Answer: it is required for billing or compliance",
        "Could you show me the exact rule, so that we build only what it asks for? Since 2021 the level of an "
        "office visit has been set by medical decision-making or total time rather than by history and exam "
        "(CMS, 2021 E/M changes), so some fields kept for billing may no longer be needed. If a field is "
        "required, let us find who can fill it.",
        hear="It is required for billing or compliance.",
        by_role={"shifts": "Could you show me the exact rule, so that we build only what it asks for? Often a "
                           "regulation asks for a fact to be recorded, not for the form we were given. If a "
                           "field is required, let us find who can fill it, and whether it can be filled once "
                           "instead of every shift."},
    ),
    Script(
        "vendor", "Answer: the vendor will not allow it",
        "Could we ask the vendor in writing which options exist? Most systems can be configured more than the "
        "first build shows, and other sites on the same system may already have changed this. If the vendor "
        "truly cannot, let us move the workload or the support instead.",
        hear="The vendor will not allow it.",
    ),
    Script(
        "revisit-later", "Answer: let us revisit it in six months",
        "Six months is a long time to carry the extra hours. Could we agree on a short trial now, with a review "
        "in [four] weeks on the numbers I am already keeping? If it is not working by then, we stop it.",
        hear="Let us revisit it in six months.",
    ),
    Script(
        "only-one", "Answer: you are the only one who has raised this",
        "I may be the first to put numbers on it. Others may be absorbing it after hours, where nobody sees it. I am happy to share how I "
        "logged it so colleagues can check their own, and we can look at the pooled numbers together.",
        hear="You are the only one who has raised this.",
    ),
    Script(
        "set-elsewhere", "Answer: the template or the assignment is not mine to change",
        "Then could you take it, with these numbers, to whoever sets it? I would like to know by [date] who "
        "that is and when they will look at it. Until then, can we agree an interim step, such as "
        "protected charting time?",
        hear="That is set elsewhere (the template, the staffing plan); I cannot change it.",
        by_role={"nurse/shifts": "Then could we take it to the staffing committee together, with these "
                                 "numbers? I would like it on the agenda of its next meeting. Until then, can we "
                                 "agree an interim step, such as a resource nurse on the heaviest shifts?"},
    ),
    Script(
        "no-budget", "Answer: there is no budget for support",
        "A time-limited trial costs less than replacing {one}. Can we try it for [four] weeks and decide on the "
        "numbers?",
        hear="There is no budget for support.",
        by_role={"app": "A time-limited trial costs less than a vacancy: recruiting, cover and the visits nobody can "
                        "book while a post is empty. Can we try it for [four] weeks and decide on the numbers?",
                 "nurse": "A time-limited trial costs less than losing {one}: an industry survey put the average cost "
                          "of replacing a bedside RN at about $61,000 in 2024 (NSI Nursing Solutions, 2025). Can we "
                          "try it for [four] weeks and decide on the numbers?"},
    ),
)
FOLLOW_UP = Script(
    "follow-up-email", "Follow-up email confirming what was agreed",
    "Hi [name],\n\n"
    "Thank you for meeting today. So that we have the same understanding, we agreed to:\n\n"
    "- trial [the change, e.g. two fewer patients per {block}] for [four] weeks, starting [date];\n"
    "- [any second change, e.g. an optional field taken out of the template];\n"
    "- look at the numbers together again on [review date].\n\n"
    "If I have missed or misread anything, please tell me.\n\n"
    "Best,\n[your name]",
    by_role={"nurse/shifts": "Hi [name],\n\n"
             "Thank you for meeting today. So that we have the same understanding, we agreed to:\n\n"
             "- trial [the change, e.g. assignments one patient lighter, or a resource nurse on day shifts] for "
             "[four] weeks, starting [date];\n"
             "- [any second change, e.g. an optional field taken out of the admission assessment];\n"
             "- look at the numbers together again on [review date].\n\n"
             "If I have missed or misread anything, please tell me.\n\n"
             "Best,\n[your name]"},
)
SECOND_EMAIL = Script(
    "second-email", "Second email: the review did not happen",
    "Hi [name],\n\n"
    "On [date] we agreed to look at the numbers together on [review date], and that date has passed. I have "
    "kept my records since, and the [trial] is still in place [or: has stopped without a decision]. Could we "
    f"find {MEETING_MINUTES} minutes in the next two weeks to decide what happens next?\n\n"
    "Thank you,\n[your name]",
)
ASKS = (
    Script(
        "ask-case-mix", "Proposal: balance the case mix",
        "I would like us to try a simple rule for the schedule: after each high-acuity case, a lighter "
        "follow-up or a short admin block, and no more than [two] high-acuity cases per clinician per "
        "{block}. I have [four] weeks of our cases tagged high, medium and low, and they show the "
        "heaviest ones landing on the same few people. Could we trial the rule for [six] weeks and compare "
        "the spread?",
    ),
    Script(
        "ask-care-quality", "Proposal: a fix framed as patient safety",
        "I want to raise a patient-safety risk rather than a complaint. Over [period], [the problem, e.g. "
        "overnight call followed by a full clinic] happened [number] times, and on those days [what it "
        "affected, e.g. notes closed late and two results were followed up late]. I am proposing [the fix] "
        "for [eight] weeks, with [the measure] reviewed at the end.",
    ),
    Script(
        "ask-four-plus-one", "Proposal: a 4+1 trial",
        "I would like to propose a [twelve]-week trial of four clinical days, each carrying the load of one of "
        "today's, plus one protected day for recovery and non-clinical work. We would measure after-hours "
        "charting, note completion time and patient access before and during the trial, and decide at the end "
        "on those numbers. If the weekly volume cannot change, I could trial the same volume over four days "
        "instead, with no clinical day longer than [10] hours.",
    ),
    Script(
        "ask-escalation", "Proposal: a written escalation path",
        "I am asking for a written escalation path for unsafe assignments: who is called first, second and "
        "third, how fast each should respond, an assignment-despite-objection form, and a written commitment "
        "that using the path will not count against anyone. I have drafted a first version for the "
        "[committee] to edit.",
    ),
    Script(
        "ask-staffing", "Proposal: staffing that matches the work",
        "Our unit's staffing plan assumes [one nurse to five patients], but since [the change] each patient "
        "needs about [minutes] more minutes of nursing time a shift. I am asking the staffing committee to "
        "review the plan against those numbers, with a resource nurse for [hours] hours a shift until it "
        "does.",
    ),
    Script(
        "ask-rest", "Proposal: a rest policy with audits",
        "I am proposing a written rest policy: shifts of at most [12] hours, a guaranteed meal break, at "
        "least [10] hours between shifts, and no mandatory overtime outside declared emergencies. It would "
        "follow the Joint Commission's 2011 alert on health care worker fatigue, and a quarterly audit "
        "would report breaches to [the committee].",
    ),
    Script(
        "ask-shift-bid", "Proposal: transparent shift bidding",
        "I would like us to move to a published shift-bidding process: everyone ranks their preferences by "
        "[date], shifts are awarded by written rules (seniority windows, then a cap on prime shifts per "
        "person), and the result is posted with the rule that decided each award. We could pilot it for "
        "one schedule period.",
    ),
    Script(
        "ask-protected-time", "Proposal: protected charting and debrief time",
        "I am asking for [30] minutes of protected charting time per {block}, and a ten-minute "
        "debrief after critical events, without either counting against productivity targets. Our "
        "after-hours charting is [hours] hours a week; I would like to trial this for [eight] weeks and "
        "compare.",
        by_role={
            "nurse/shifts": "I am asking for [30] minutes of protected charting time per shift, with a resource "
            "nurse or a paired colleague covering our patients while we use it, and a ten-minute debrief after "
            "critical events. Neither should be paid for with a heavier assignment. Charting past the end of the "
            "shift now takes [hours] hours a week; I would like to trial this for [eight] weeks and compare."
        },
    ),
)
INBOX = (
    Script(
        "inbox-change-email", "Email: an inbox change reaches you",
        "Hi [name],\n\n"
        "Since [the change, e.g. portal messages for all patients, or results routed to me before release] "
        "began on [date], my inbox has grown from about [number] to [number] messages a {day}, and I spend "
        "about [hours] hours a week on it outside the time kept for it.\n\n"
        "I would like to agree three things: which messages a nurse, pharmacist or front desk could handle "
        "by protocol, how much protected inbox time the rest needs, and a response time we can keep. Could "
        f"we find {MEETING_MINUTES} minutes in the next two weeks?\n\n"
        "Thank you,\n[your name]",
    ),
    Script(
        "inbox-just-a-few", "Answer: it is only a few more messages",
        "A few messages a {day} add up to [hours] hours a week once each is read, acted on and answered, and none "
        "of it is on the schedule. I am not refusing the work; I am asking that it either comes with time, or that "
        "the messages that need no {license} go to someone who can answer them.",
        hear="It is only a few more messages a day.",
    ),
    Script(
        "inbox-response-time", "Answer: patients expect a reply within a day",
        "A response target is reasonable if the time to meet it exists. Right now a reply within [one "
        "business day] means answering in the evening. Could we set the target together with protected "
        "inbox time and a triage protocol, and review both after [four] weeks?",
        hear="Patients expect an answer within one business day.",
    ),
    Script(
        "inbox-portal-open", "Answer: a wider portal is good for patients",
        "I agree it is good for patients, and I want it to work. Wider access brings more messages, and each "
        "needs someone to answer it safely. Can we count the messages for [four] weeks and staff the answers "
        "to match, instead of adding them to the end of every {block}?",
        hear="Opening the portal to everyone is good for patients.",
    ),
)
SAVED_TIME = (
    Script(
        "saved-minutes-agree", "Before a saving turns into more visits",
        "The new [tool, e.g. AI scribe] is saving me about [minutes] minutes a {visit}, as the usage report "
        "measures it. Before the schedule or my targets change, I would like us to agree where that time "
        "goes: [for example, half to shorter {days} and half to less charting at home]. Could we write that "
        "down and check it on the same report in [three] months?",
        by_role={"nurse/shifts": "The new [tool or change] is saving me about [minutes] minutes per patient a "
                 "shift. Before the assignment changes, I would like us to agree where that time goes: [for "
                 "example, breaks actually taken and charting finished before handover]. Could we write that "
                 "down and look at it again in [three] months?"},
    ),
)
# fmt: on

SECTIONS = (
    ("Before the meeting", (REQUEST,)),
    ("In the meeting", (OPENER,)),
    ("Acting as a group", (GROUP_REQUEST, GROUP_OPENER, GROUP_LETTER)),
    ("When you hear pushback", PUSHBACKS),
    ("When the inbox grows", INBOX),
    ("When a tool saves time", SAVED_TIME),
    ("After the meeting", (FOLLOW_UP, SECOND_EMAIL)),
    ("Proposals for better working conditions", ASKS),
)
_BLANK = re.compile(r"\[([^\]]+)\]")
NEUTRAL = {"block": "[session or shift]", "blocks": "[sessions or shifts]", "license": "[your] license",
           "day": "[day or shift]", "days": "[days or shifts]", "visit": "[visit or patient]",
           "one": "one [clinician]", "people": "[clinicians]", "person": "[clinician]"}  # fmt: skip


def named(script_id: str) -> Script:
    """One script of the library, by its id (the `script` macro uses it on other pages)."""
    return next(s for _, scripts in SECTIONS for s in scripts if s.id == script_id)


def pushback(script_id: str, profile: Profile) -> tuple[str, str]:
    """(what the reader may hear, the answer) for one pushback, in the reader's words."""
    script = next(s for s in PUSHBACKS + INBOX if s.id == script_id and s.hear)
    return script.hear, script.text_for(profile)


def _anchor(title: str) -> str:
    """A section's id, as Material would make it from the heading ("when-the-inbox-grows")."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _body(text: str) -> str:
    """Paragraphs and list items, escaped, with [blanks] marked."""
    parts = []
    for para in text.split("\n\n"):
        lines = para.split("\n")
        if all(line.startswith("- ") for line in lines):
            parts.append("<ul>" + "".join(f"<li>{_mark(line[2:])}</li>" for line in lines) + "</ul>")
        else:
            parts.append("<p>" + "<br>".join(_mark(line) for line in lines) + "</p>")
    return "".join(parts)


def _mark(text: str) -> str:
    return _BLANK.sub(lambda m: f"<mark>[{m.group(1)}]</mark>", escape(text))


def script_block(script: Script, profile: Profile | None) -> str:
    """One script as the page shows it: title, what you may hear, the text, a copy button."""
    sid = f"script-{script.id}"
    hear = f'<p class="sp-script__hear">You hear: “{escape(script.hear)}”</p>' if script.hear else ""
    return (
        f'<h3 id="{script.id}">{escape(script.title)}</h3>{hear}'
        f'<div class="admonition script" id="{sid}-block">'
        f'<p class="admonition-title" id="{sid}-title">{escape(script.title)}</p>'
        f'<div class="sp-script__body" id="{sid}">{_body(script.text_for(profile))}</div>'
        f'<p class="sp-script__actions"><button type="button" class="md-button sp-copy" '
        f'data-copy="{sid}" aria-describedby="{sid}-title">Copy script</button></p></div>'
    )


def library_html(profile: Profile = DEFAULT, sections=SECTIONS) -> str:
    """Every script, by section, for one profile."""
    return "".join(
        f'<h2 id="{_anchor(title)}">{escape(title)}</h2>' + "".join(script_block(s, profile) for s in scripts)
        for title, scripts in sections
    )


def _body_html(today: dt.date) -> str:
    return (
        about_form(SLUG, DEFAULT)
        + status_line("These scripts are worded for a physician in clinic. Turn on JavaScript to word them for you.")
        + f'<div data-calc-region="library">{library_html(DEFAULT)}</div>'
    )


def _draw(req: Request) -> Reply:
    """The library in the reader's words (load, a change of "About you", another tab's change)."""
    profile, chosen = reader(req)
    reply = Reply(regions={"library": library_html(profile)})
    reply.announce = f"The scripts are worded for {profile.describe()}."
    return keep_profile(reply, profile) if chosen else show_profile(reply, profile)


COMPONENT = Component(
    slug=SLUG,
    title="Scripts",
    actions=dict.fromkeys(("load", ABOUT, "refresh"), _draw),
    body=_body_html,
    keys=(KEY,),
    loading="Wording the scripts for you.",
)
