## Onboarding and help
welcome = Welcome to ChatCRM, { $name }! Your records live in your personal workspace; invite your team with /invite.
help-header = Here is what I can do:
cmd-start = start and see this introduction
cmd-help = list the commands
cmd-new-contact = add a contact (all at once, or step by step)
cmd-contacts = list or search your contacts
cmd-contact = show one contact
cmd-edit = change a field: name, phone, email, position or company
cmd-delete = delete a record: contact, company, deal, task or note
cmd-new-company = add a company
cmd-companies = list or search companies
cmd-new-deal = add a deal (all at once, or step by step)
cmd-deals = open deals, or the deals in one stage
cmd-stage = move a deal to another stage
cmd-pipeline = deals and amounts per stage
cmd-note = add a note to a contact, company, deal or task
cmd-task = add a task, optionally about a record and with a due time
cmd-tasks = your open tasks
cmd-done = mark a task done
cmd-timeline = what happened to a record
cmd-search = search contacts, companies, deals and notes
cmd-import = import contacts from a CSV or vCard file
cmd-import-chat = import contacts: send a CSV or vCard file to this chat
cmd-workspace = your workspace; create, switch or delete one
cmd-invite = invite someone to this workspace
cmd-members = who is in this workspace
cmd-role = change a member's role
cmd-timezone = show or set your time zone
cmd-language = choose the reply language
cmd-cancel = stop what we are doing

## General
cancelled = Cancelled. Nothing more was saved.
nothing-to-cancel = There is nothing to cancel.
nothing-to-skip = There is nothing to skip.
unknown-command = I don't know the command /{ $name }. Send /help to see what I can do.
unknown-command-suggest = There is no /{ $name }. Did you mean { $command }? /help lists every command.
unknown-command-suggest-two = There is no /{ $name }. Did you mean { $first } or { $second }? /help lists every command.
not-understood = I didn't understand that. Send /help to see the commands, or type a handle such as C1 to see a record.
button-expired = That button is no longer valid. Send /help to start again.
error-internal = Something went wrong on our side and nothing was saved. Please try again.
delivery-dead-letter = Sorry, this message could not be processed, and nothing from it was saved. Please send it again in other words, or try /help.
file-download-failed = I couldn't download this file from WhatsApp. Please send it again.
not-a-handle = “{ $input }” is not a handle such as C1, O1, D1, T1 or N1.
not-found = There is no { $handle } in this workspace.
text-too-long = That text is too long (at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }). Nothing was saved.
bad-date = I couldn't read “{ $value }” as a date. Try “tomorrow 15:00”, “fri”, “next week” or “2026-12-01 9am”.
page-of = (page { $page } of { $pages })
more-matches = { $max ->
        [one] More than { $max } record matches; only the first is listed.
       *[other] More than { $max } records match; only the first { $max } are listed.
    } Add a word to narrow the search.
overdue-since = overdue since { $when }
deleted-user = deleted user
choice-skip = Skip
choice-cancel = Cancel
choice-yes-delete = Yes, delete
choice-no = No
answer-yes = yes, y
answer-no = no, n
choice-reminder = Please answer the question above: { $options }. Or send a command to do something else.
choice-previous = ◀ Previous
choice-next = Next ▶
choice-done = ✅ Done
choice-import = Import

## Contacts
ask-name = What is the contact's name?
ask-phone = Phone number, with the country code (for example +49 151 12345678)?
ask-email = Email address?
ask-position = Position or job title?
name-required = A contact needs a name.
contact-created = Saved { $handle }.
contacts-empty = You have no contacts yet. Add one with /new_contact.
contacts-none-match = No contacts match “{ $query }”.
contacts-header = { $count ->
    [one] 1 contact
   *[other] { $count } contacts
    }
usage-contact = Usage: /contact C1
usage-edit = Usage: /edit C1 field value. Fields: name, phone, email, position, company.
usage-delete = Usage: /delete C1 (any handle: C1, O1, D1, T1, N1)
edit-unknown-field = I can't edit “{ $field }”. Fields: name, phone, email, position, company.
contact-updated = { $handle }: { $field } is now { $value }.
contact-field-cleared = { $handle }: { $field } cleared.
delete-confirm = Delete { $handle } · { $name }? This cannot be undone.
contact-deleted = { $handle } deleted.
delete-kept = { $handle } was kept.
delete-not-allowed = Only admins and owners of this workspace can delete records.
record-deleted = { $handle } deleted.
delete-takes = Deleted with it: { $items }.
delete-keeps = Kept, only their link to { $handle } is cleared (their own history stays): { $items }.
count-notes = { $count ->
    [one] { $count } note
   *[other] { $count } notes
    }
count-files = { $count ->
    [one] { $count } file
   *[other] { $count } files
    }
count-contacts = { $count ->
    [one] { $count } contact
   *[other] { $count } contacts
    }
count-deals = { $count ->
    [one] { $count } deal
   *[other] { $count } deals
    }
count-tasks = { $count ->
    [one] { $count } task
   *[other] { $count } tasks
    }
field-name = name
field-phone = phone
field-email = email
field-position = position
error-empty = The { $field } cannot be empty.
error-too-long = The { $field } is too long (at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }).
error-invalid-phone = The { $field } “{ $value }” is not a valid phone number.
error-phone-needs-country = The { $field } needs its country code, for example +49 151 12345678.
error-invalid-email = The { $field } “{ $value }” is not a valid email address.
error-repeated = The { $field } was given twice.
nothing-saved = Nothing was saved.

## Companies
ask-company-name = What is the company's name?
company-created = Saved { $handle }.
company-bad-name = A company needs a name of at most 200 characters.
company-bad-domain = “{ $value }” is not a web domain such as acme.com. Nothing was saved.
company-bad-phone = “{ $value }” is not a valid phone number. Nothing was saved.
companies-empty = You have no companies yet. Add one with /new_company.
companies-none-match = No companies match “{ $query }”.
companies-header = { $count ->
    [one] 1 company
   *[other] { $count } companies
    }

## Deals
ask-deal-title = What is the deal called?
ask-deal-amount = Amount and currency (for example 12,500 EUR)?
ask-deal-link = Which contact or company is it with (for example C1 or O2)?
ask-deal-close = Expected close date (for example “2026-12-31” or “next week”)?
deal-bad-title = A deal needs a title of at most 200 characters.
deal-bad-amount = “{ $value }” is not an amount with a currency, such as 12,500 EUR.
deal-bad-part = I couldn't read “{ $value }”: give an amount (12,500 EUR), a handle (C1, O1) or a date.
deal-created = Saved { $handle }.
deal-expected-close = Expected to close on { $date }
deals-empty = There are no deals yet. Add one with /new_deal.
deals-none-in-stage = There are no deals in { $stage }.
deals-header = { $count ->
    [one] 1 deal
   *[other] { $count } deals
    }
deal-count = { $count ->
    [one] 1 deal
   *[other] { $count } deals
    }
unknown-stage = “{ $value }” is not a stage. Stages: { $stages }.
usage-stage = Usage: /stage D1 won
ask-stage = Move { $deal } to which stage?
deal-moved = { $handle } is now in the “{ $stage }” stage.
pipeline-header = Pipeline:
stage-lead = lead
stage-qualified = qualified
stage-proposal = proposal
stage-negotiation = negotiation
stage-won = won
stage-lost = lost

## Notes and tasks
usage-note = Usage: /note C1 text (also O1, D1 or T1)
note-added = Note { $note } added to { $record }.
usage-task = Usage: /task [C1] text [when], for example /task C1 call back tomorrow 15:00
task-created = Task saved: { $line }
task-no-due-hint = No due time: add one at the end, for example “tomorrow 15:00”.
usage-tasks = Usage: /tasks [today|overdue|week|all]
tasks-header = { $count ->
    [one] 1 open task
   *[other] { $count } open tasks
    }
tasks-none-all = You have no open tasks.
tasks-none-today = Nothing is due today.
tasks-none-overdue = Nothing is overdue.
tasks-none-week = Nothing is due this week.
usage-done = Usage: /done T1
task-done = ✅ { $handle } done: { $body }
task-already-done = { $handle } was already done.
reminder = ⏰ Reminder: { $handle } · { $body } · { $due }
digest-header = { $count ->
    [one] ☀️ Good morning! 1 task is due today or overdue:
   *[other] ☀️ Good morning! { $count } tasks are due today or overdue:
    }

## Timeline and search
usage-timeline = Usage: /timeline C1 (also O1, D1 or T1)
timeline-header = Timeline of { $record }:
event-created = created
event-updated = changed { $field }
event-stage = moved from { $from } to { $to }
event-note = note { $note }: { $body }
event-task = task { $task } added
event-done = marked done
event-deleted = deleted
usage-search = Usage: /search text
search-none = Nothing matches “{ $query }”.
search-header = { $count ->
    [one] 1 result for “{ $query }”
   *[other] { $count } results for “{ $query }”
    }

## Import
usage-import = Usage: /import PATH (a CSV or vCard file)
import-send-file = Send the CSV or vCard file itself to import its contacts.
import-cannot-read = I couldn't read { $path }: { $error }.
import-preview = { $file }: { $rows ->
        [one] { $rows } contact
       *[other] { $rows } contacts
    } to import, { $errors ->
        [one] { $errors } with a problem
       *[other] { $errors } with problems
    }.
import-more-rows = … and { $count } more.
import-problems = Not imported:
import-more-problems = { $count ->
    [one] … and 1 more problem.
   *[other] … and { $count } more problems.
    }
import-nothing = There is nothing to import.
import-too-large = The file is too large (at most { $mb } MB).
import-too-many = The file has too many contacts (at most { $max }).
import-unknown-format = That is neither a CSV nor a vCard file.
import-no-name-column = I found no name column in the file. Its columns: { $headers }.
import-empty = The file has no contacts.
import-missing-name = no name
import-company-too-long = the company name is too long
import-row-problem = line { $line }: { $problem }
import-waiting = An import is waiting: press Import to go ahead, or Cancel.
import-done = Import finished. Contacts created: { $created }, updated: { $updated }. Companies created: { $companies }.

## Teams
usage-workspace = Usage: /workspace, /workspace new NAME, /workspace delete
ask-workspace-name = What should the new workspace be called?
workspace-bad-name = A workspace needs a name of at most { $max ->
        [one] { $max } character
       *[other] { $max } characters
    }.
workspace-created = Workspace “{ $name }” created; you are its owner and it is now your current workspace. Invite people with /invite.
workspace-current = You are in “{ $name }” ({ $kind }), as { $role }; { $members ->
    [one] 1 member.
   *[other] { $members } members.
    }
workspace-kind-personal = personal
workspace-kind-team = team
workspace-switch-hint = Switch to another workspace:
workspace-hint = Create a team workspace with /workspace new NAME.
workspace-switched = You are now in “{ $name }”.
workspace-delete-confirm = Delete this workspace and every record in it for all its members? This cannot be undone.
workspace-delete-not-owner = Only the owner can delete this workspace.
workspace-deleted = The workspace was deleted.
role-owner = owner
role-admin = admin
role-member = member
usage-invite = Usage: /invite [member|admin] [group]
invite-not-allowed = Only admins and owners can invite people.
invite-created = Invite as { $role }, valid for { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    } and usable once. The person sends: { $command }
invite-invalid = That invite code is unknown, used or expired. Ask for a new one.
joined-workspace = You joined “{ $name }” as { $role }. It is now your current workspace.
members-header = { $count ->
    [one] 1 member:
   *[other] { $count } members:
    }
usage-role = Usage: /role NAME member|admin|owner
role-not-allowed = You can't make that change: admins manage members, and only the owner hands over ownership.
member-not-found = No member is called “{ $name }”. See /members.
member-ambiguous = More than one member matches “{ $name }”; type more of the name.
role-changed = { $name } is now { $role }.

## Settings
timezone-current = Your time zone is { $zone } (it is { $time } there). Change it with /timezone Europe/Berlin.
timezone-set = Time zone set to { $zone } (it is { $time } there).
timezone-unknown = I don't know the time zone “{ $value }”. Use a name such as Europe/Berlin or America/New_York, or an offset such as UTC+3.
language-choose = Choose your language:
language-set = I will reply in English.
language-name = English
language-unknown = I can reply in: { $languages }.

## Chat channels
unsupported-kind = I can't handle { $kind } messages. Send text, a command (/help), a contact card or a CSV or vCard file.
forwarded-unknown = No contact is called “{ $name }”. Add them as a contact and keep this message on their timeline?
forwarded-logged = Logged on the timeline of { $handle } · { $name }.
forwarded-note = Forwarded message: { $text }
choice-add-contact = Add as contact
cmd-link = use this account from another chat app too
link-code = Your link code is { $code }. Within { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }, send “/link { $code }” from your other chat app (Telegram or WhatsApp): it will share this account, its workspaces and records.
link-invalid = That link code is unknown or expired. Send /link here to get a new one.
link-same-user = This chat already belongs to that account.
link-done = Linked: this chat now uses the same account, workspaces and records as your other chat app.

## Privacy
cmd-privacy = what ChatCRM holds about you, and your rights
cmd-consent = AI processing and marketing messages: on or off
cmd-export = a ZIP of all your data (JSON and CSV)
export-ready = Your export is ready: { $path } ({ $files ->
        [one] { $files } file
       *[other] { $files } files
    }, { $records ->
        [one] { $records } record
       *[other] { $records } records
    })
export-prepared = Your export is prepared ({ $files ->
        [one] { $files } file
       *[other] { $files } files
    }, { $records ->
        [one] { $records } record
       *[other] { $records } records
    }), but it is too large for a chat message and this server has no public address for a download link. Ask your ChatCRM administrator for the file.
export-attached = Your export is attached ({ $files ->
        [one] { $files } file
       *[other] { $files } files
    }, { $records ->
        [one] { $records } record
       *[other] { $records } records
    }): a ZIP with JSON and CSV files. The file is deleted from our server once it is sent.
export-undeliverable = I could not send you your export file, and it was deleted from our server. Please send /export again; this attempt does not count against your daily limit.
export-limit = You can export your data at most { $limit ->
        [one] once
       *[other] { $limit } times
    } a day. Please try again tomorrow.
export-private-only = Your export holds your personal data, so I only send it in our private chat. Write /export to me directly.
terms-accepted = By using ChatCRM you accept its terms and privacy policy: { $url } (see /privacy).
privacy-summary = What ChatCRM holds about you:
    • chat identities: { $identities }; workspaces: { $workspaces }
    • created by you: { $contacts ->
        [one] { $contacts } contact
       *[other] { $contacts } contacts
    }, { $companies ->
        [one] { $companies } company
       *[other] { $companies } companies
    }, { $deals ->
        [one] { $deals } deal
       *[other] { $deals } deals
    }
    • notes you wrote: { $notes }; tasks assigned to you: { $tasks }; your timeline entries: { $activities }
    • recorded consent decisions: { $consents }
    Policy: { $url }
    Your choices: /consent. A copy of all your data: /export. Delete your account: /delete_account.
consent-status = AI processing of your messages: { $ai }.
    Marketing messages: { $marketing }.
    The AI is only used for actions you start; turning it off means no AI service ever sees your text.
consent-on = on
consent-off = off
# Words /consent reads (comma-separated; the words of every language are accepted).
consent-words-ai = ai
consent-words-marketing = marketing
consent-words-on = on, yes, 1
consent-words-off = off, no, 0
# Words read in commands and written in dates (every language's words are read).
words-task-all = all
words-task-today = today
words-task-overdue = overdue
words-task-week = week
words-calendar-today = today
words-calendar-tomorrow = tomorrow
words-calendar-week = week
words-mail-share = share
words-mail-private = private
words-company-link = company, org, organization
words-region = region, region_code
# Dates: yesterday, today, tomorrow; the word before a clock time (at one o'clock, else);
# the days from Monday; the day and month (chrono's strftime).
when-days = yesterday, today, tomorrow
when-at-one = at
when-at = at
when-weekdays = Mon, Tue, Wed, Thu, Fri, Sat, Sun
when-day-month = %-d %b
# Words the date parser reads, in any user's language (accents optional). Commas separate
# words or two-word phrases; `|` separates the groups of when-word-weekdays (Monday first),
# when-word-months (January first) and when-word-units (minute | hour | day | week |
# month); {""} is none. A word in two lists means the first: at, filler, then the rest.
# when-word-ambiguous: words that alone are more likely ordinary words than dates.
when-word-at = at
when-word-filler = on, by, due
when-word-today = today
when-word-tomorrow = tomorrow, tmrw
when-word-day-after-tomorrow = {""}
when-word-yesterday = yesterday
when-word-tonight = tonight
when-word-next = next
when-word-next-after = {""}
when-word-this = this
when-word-in = in
when-word-in-count-optional = {""}
when-word-one = a, an
when-word-noon = noon, midday
when-word-weekdays = mon, monday | tue, tues, tuesday | wed, wednesday | thu, thur, thurs, thursday | fri, friday | sat, saturday | sun, sunday
when-word-months = jan, january | feb, february | mar, march | apr, april | may | jun, june | jul, july | aug, august | sep, sept, september | oct, october | nov, november | dec, december
when-word-units = m, min, mins, minute, minutes | h, hr, hrs, hour, hours | d, day, days | w, wk, week, weeks | month, months
when-word-ambiguous = sat, sun, wed
# How numbers are written (CLDR: the thousands separator, the decimal mark, the fewest
# digits before a group is used) and slashed dates read (month-first or day-first).
# words-field-*: the /edit field names (any language's are accepted).
number-group = {","}
number-decimal = {"."}
number-min-grouping = 1
date-order = month-first
words-field-name = name
words-field-phone = phone, tel, mobile
words-field-email = email, e-mail, mail
words-field-position = position, title, role
consent-usage = Write /consent to see your choices, or for example /consent ai on, /consent ai off, /consent marketing on. Nothing was changed.
choice-ai-off = Turn AI off
choice-ai-on = Turn AI on
choice-marketing-off = No marketing
choice-marketing-on = Marketing on

# WhatsApp: the words the channel adds to interactive messages.
whatsapp-list-button = Choose
whatsapp-choose = Choose an option:
cmd-delete-account = delete your account and personal data
delete-account-explain = Deleting your account removes your profile, your chat identities, your consents and unfinished dialogues, messages still waiting to be sent, and every workspace where you are the only member with all its records. Records you created in team workspaces stay with the team, shown as by “deleted user”.
delete-account-google = Your Google account { $email } is connected: I will revoke ChatCRM's access at Google and delete everything synced from it.
delete-account-final = This cannot be undone.
delete-account-owner = You own the team workspace “{ $workspace }”, which has other members. First hand it over with /role NAME owner, or delete it with /workspace delete.
delete-account-done = Your account and personal data were deleted. If you write again, you start a new account.
delete-account-limit = One chat can delete at most { $limit ->
        [one] { $limit } account
       *[other] { $limit } accounts
    } an hour, and nothing was deleted now. Please try again in { $minutes } min.
choice-delete-account = Delete my account
export-link = Your export is ready ({ $files ->
        [one] { $files } file
       *[other] { $files } files
    }, { $records ->
        [one] { $records } record
       *[other] { $records } records
    }). Download it once within { $hours ->
        [one] { $hours } hour
       *[other] { $hours } hours
    }: { $url }
file-needs-handle = To attach this file to a record, send it again with the record's handle (like C12, O3 or D7) as the caption. CSV and vCard files sent without one are imported.
photo-needs-handle = To attach this photo to a record, send it again with the record's handle (like C12, O3 or D7) at the start of the caption, for example: C12 site visit.
file-too-large = That file is too large to keep (at most { $mb } MB).
file-attached = Attached { $file } ({ $kb } KB) to { $record }.
event-file = file { $file } attached

# Buttons bound to their user (a press of someone else's button).
button-not-yours = This button is not for you.
## Access control: /link in private only, /unlink, group invites, /remove, /leave, /invites
channel-telegram = Telegram
channel-whatsapp = WhatsApp
channel-console = console
cmd-unlink = separate a linked chat app from this account
cmd-remove = remove a member from this workspace
cmd-leave = leave this team workspace
cmd-invites = open invites of this workspace, and revoking them
link-private-only = Link codes join chats into your account, so I only handle /link in our private chat. Write /link to me directly.
link-code-warning = Never share this code: whoever sends it gets into your account. It only works from a chat app other than { $channel }.
link-same-channel = That code was made in this chat app; it only works from another one (Telegram, WhatsApp or the console). It is no longer valid: send /link in your other app to get a new one.
link-throttled = Too many wrong link codes. For your safety, try again in { $minutes ->
    [one] 1 minute.
   *[other] { $minutes } minutes.
    }
identity-this-chat = (this chat)
unlink-private-only = Your linked chats are personal, so I only handle /unlink in our private chat.
unlink-only-one = This is the only chat of your account; there is nothing to unlink.
unlink-list = Chats that share this account. Choose one to unlink it (or send /unlink 2, /unlink whatsapp):
unlink-not-found = None of your linked chats matches that. Send /unlink to see them.
unlink-ambiguous = More than one linked chat matches that; send /unlink and choose by number.
unlink-confirm = Unlink { $identity }? It becomes a separate account with an empty personal workspace and no longer sees anything of this account.
choice-yes-unlink = Yes, unlink
unlink-done = { $identity } is unlinked: it no longer sees anything of this account.
unlink-done-this-chat = This chat is unlinked: it is now a separate account with an empty personal workspace.
privacy-identities = Chats that use this account:
privacy-unlink-hint = Undo a link with /unlink.
invite-not-posted = I did not post an invite here: anyone in this group could use it. Ask me for /invite in our private chat, or send /invite group to post one for this group on purpose.
invite-posted-in-group = Anyone in this group can use this code to join your workspace, until it is used or revoked (/invites).
choice-remove = Remove { $name }
usage-remove = Usage: /remove NAME (see /members)
remove-self = You can't remove yourself; to leave this workspace, send /leave.
remove-not-allowed = Only admins and owners can remove members.
remove-owner = An admin can't remove the owner.
remove-last-owner = The last owner can't be removed.
remove-confirm = Remove { $name } from “{ $workspace }”? They lose access to every record in it.
choice-yes-remove = Yes, remove
member-removed = { $name } was removed and no longer sees anything in this workspace.
leave-personal = This is your personal workspace; you can't leave it. Switch to another one with /workspace.
leave-alone = You are the only member. To get rid of this workspace, delete it with /workspace delete.
leave-last-owner = You are the owner: hand ownership over first with /role NAME owner, then /leave.
leave-confirm = Leave “{ $name }”? You lose access to every record in it until someone invites you again.
choice-yes-leave = Yes, leave
workspace-left = You left “{ $name }”. You are now in “{ $current }”.
invites-not-allowed = Only admins and owners can see and revoke invites.
invites-none = There are no open invites in this workspace. Create one with /invite.
invites-header = { $count ->
    [one] 1 open invite:
   *[other] { $count } open invites:
    }
invites-line = { $number }. …{ $ending } · { $role } · until { $until } · by { $by }
choice-revoke = Revoke { $number }
invite-revoked = The invite was revoked; its code no longer works.
invite-already-gone = That invite is no longer open (used, expired or revoked).
# Files: size limit and quota per workspace (security findings 4-6).
file-quota-full = This workspace has no room for this file: its files already take { $used } MB of the { $allowed } MB allowed, and this one is { $size } MB. Nothing was saved.
# Snapshot replies: the company link of /edit, a Cancel or No button with nothing to cancel,
# and the timeline's entries (issue 10, item 6).
field-company = company
contact-company-created = { $name } was created as { $company } and set as { $handle }'s company.
nothing-changed = OK, nothing was changed.
event-updated-import = updated from an import
# /help: command usages with localized placeholders (keywords stay as typed).
help-usage-new-contact = /new_contact [name, phone, email, position]
help-usage-contacts = /contacts [query]
help-usage-edit = /edit C1 field value
help-usage-new-company = /new_company [name, domain, phone]
help-usage-companies = /companies [query]
help-usage-new-deal = /new_deal [title, amount, C1/O1, close date]
help-usage-deals = /deals [stage]
help-usage-stage = /stage D1 won
help-usage-note = /note C1 text
help-usage-task = /task [C1] text [when]
help-usage-tasks = /tasks [today|overdue|week|all]
help-usage-search = /search text
help-usage-import = /import PATH
help-usage-workspace = /workspace [new NAME | delete]
help-usage-role = /role NAME member|admin|owner
help-usage-remove = /remove NAME
help-usage-link = /link [CODE]

## Security fixes: who may /unlink whom, the per-account attachment quota
unlink-not-allowed = { $identity } was part of this account before this chat, so it can only be unlinked from: { $chats }. You can unlink this chat itself with /unlink { $own }.
unlink-list-limited = Chats without a button were part of this account before this chat; only an earlier chat can unlink them.
file-user-quota-full = You have no room for this file: your files already take { $used } MB of the { $allowed } MB one account may keep across all its workspaces, and this one is { $size } MB. Nothing was saved.

# Deals: a part that could be an amount or a date is asked about.
deal-amount-or-date = “{ $value }” could be an amount or a date. Write it with a currency for an amount (31.12 EUR) or with the year for the close date (31.12.2026).

# Workspace settings, phone region, likely duplicates (issue 11, items 6 and 7).
cmd-settings = show or change the workspace settings (phone region)
settings-header = Settings of this workspace:
settings-usage = Change the phone region with /settings region DE (a two-letter country code), or go back to the server default with /settings region -.
settings-not-allowed = Only admins and owners of this workspace can change its settings.
settings-region-unknown = “{ $value }” is not a country code I know. Use two letters (ISO 3166), for example /settings region DE, US, RU or ES.
settings-region-set = Phone region set to { $region }: numbers typed without +country are now read as { $region } numbers.
settings-region-cleared = This workspace now uses the server's default phone region.
settings-region-own = 📞 Phone region: { $region } — numbers typed without +country are read as { $region } numbers.
settings-region-default = 📞 Phone region: { $region } (the server default) — numbers typed without +country are read as { $region } numbers.
settings-region-none = 📞 Phone region: none — numbers must be typed with +country (or 00country).
phone-dropped-needs-country = The phone “{ $value }” was not saved: it has no country code and this workspace has no phone region. Add it with /edit and +country, or ask an admin to set the region with /settings region DE.
phone-dropped-invalid = The phone “{ $value }” was not saved: it is not a valid phone number. Add it later with /edit.
duplicate-contact = { $handle } { $name } already has { $reason ->
    [phone] this phone number
    [email] this email address
   *[name] this name
}. Is it the same person? Nothing is saved until you choose.
choice-open = Open { $handle }
choice-save-anyway = Save anyway
import-phones-dropped = Imported without their phone (add it later with /edit):
duplicate-company = { $handle } { $name } already has { $reason ->
    [domain] this domain
   *[name] this name
}. Is it the same company? Nothing is saved until you choose.
phone-step-needs-country = The phone “{ $value }” has no country code and this workspace has no phone region (an admin can set one with /settings region DE). Type it with +country or 00country, or press Skip to save the contact without a phone.

# Console (`chatcrm chat`).
console-greeting = ChatCRM console. Type /help for the commands; Ctrl-D quits.
console-other-bot = That command is addressed to @{ $bot }, not to ChatCRM, so nothing was done. Type it without “@{ $bot }”.

# /ask, /summary, /draft (issue 13, items 3 and 7).
cmd-ask = ask about your records in your own words (AI)
cmd-summary = a short summary of a contact, company or deal (AI)
cmd-draft = draft a follow-up email to a contact (AI)
usage-ask = Usage: /ask question, for example /ask open deals over 5000 EUR that close this month
usage-summary = Usage: /summary C1 (also O1 or D1)
usage-draft = Usage: /draft C1 [what it is about], for example /draft C1 the offer we discussed (also D1: the deal's contact)
ask-too-long = { $max ->
    [one] Please ask in at most { $max } character.
   *[other] Please ask in at most { $max } characters.
}
ask-found = { $count ->
    [one] 1 record matches your question:
   *[other] { $count } records match your question:
}
ask-more = { $count ->
    [one] …and 1 more record. Ask more precisely to narrow it down.
   *[other] …and { $count } more records. Ask more precisely to narrow it down.
}
ask-no-match = No records match your question.
ask-not-a-query = I can only answer questions that list your contacts, companies, deals, tasks or notes, for example /ask deals won this month. Nothing was searched.
ask-plan-unreadable = The AI service answered something I could not read as a search, so nothing was searched. Please rephrase your question.
ask-plan-unknown-kind = The AI service asked for “{ $kind }”, which is not contacts, companies, deals, tasks or notes, so nothing was searched. Please rephrase your question.
ask-plan-unknown-field = The AI service asked to search by “{ $field }”, which I cannot search these records by, so nothing was searched. Please rephrase your question.
ask-plan-unknown-op = The AI service asked to compare “{ $field }” with “{ $op }”, which I cannot do, so nothing was searched. Please rephrase your question.
ask-plan-bad-value = The AI service asked for “{ $value }” in “{ $field }”, which is not a value I can search for, so nothing was searched. Please rephrase your question.
ask-plan-needs-currency = Amounts need a currency (for example 5000 EUR), and this server has no default one, so nothing was searched. Please name the currency in your question.
ask-plan-unknown-sort = The AI service asked to sort by “{ $field }”, which I cannot sort these records by, so nothing was searched. Please rephrase your question.
ask-plan-too-many-filters = The search had more conditions than allowed, so nothing was searched. Please ask a simpler question.
summary-kinds = /summary works for contacts, companies and deals (C1, O1, D1).
summary-header = 📝 Summary of { $handle }, written by AI from the record and its timeline:
draft-kinds = /draft works for contacts and deals (C1, D1); for a deal it writes to the deal's contact.
draft-no-contact = { $handle } has no contact to write to. Link one with /new_deal or draft for the contact itself (/draft C1).
draft-about-too-long = { $max ->
    [one] Please say what the email is about in at most { $max } character.
   *[other] Please say what the email is about in at most { $max } characters.
}
draft-header = ✉️ Draft to { $name } ({ $handle }), written by AI — read it before sending:
ai-link-removed = [link removed]
ai-answer-empty = The AI service answered with nothing I can show. Please try again.

# AI features (capture, the consent question, failures).
ai-not-configured = AI features are not configured on this server.
ai-started = { $feature ->
    [capture] Reading your note…
   *[other] Working on it…
}
ai-consent-ask = To read your note, ChatCRM sends its text, today's date and your language to the AI service configured for this server. It is used only for what you ask, never for anything in the background. Allow AI processing?
ai-consent-yes = Allow AI
ai-consent-no = Not now
ai-consent-granted = AI processing is on (turn it off any time with /consent ai off).
ai-consent-refused = AI processing stays off, and your note was not sent anywhere. Turn it on any time with /consent ai on.
ai-consent-off = AI processing is off, so your message was not sent to the AI service. Turn it on with /consent ai on.
ai-budget-exhausted = This workspace has used its AI allowance for today, so your message was not sent to the AI service. Please try again tomorrow.
ai-too-many = You sent many AI requests in the last minute, so this one was not sent. Please wait a moment and send it again.
ai-failed = { $kind ->
    [timeout] The AI service did not answer in time, so nothing was saved. Please try again in a moment.
    [rate_limited] The AI service is busy right now, so nothing was saved. Please try again in a few minutes.
    [refused] The AI service refused this request, so nothing was saved.
    [bad_answer] The AI service answered something I could not read, so nothing was saved. Please try again.
   *[other] The AI service is not available right now, so nothing was saved. Please try again later.
}
capture-card-header = Here is what I read in your note. Nothing is saved until you confirm:
capture-new-contact = 👤 New contact: { $line }
capture-update-contact = 👤 Update { $handle } { $name }: { $changes }
capture-same-contact = 👤 { $handle } { $name } (already saved, no change)
capture-new-company = 🏢 New company: { $line }
capture-existing-company = 🏢 { $handle } { $name } (already saved)
capture-new-deal = 💼 New deal: { $line }
capture-new-task = ☑ New task: { $line }
capture-note = 📝 Note: { $body }
capture-no-due = no due time
capture-warning-phone = ⚠ “{ $value }” is not a valid phone number; left out.
capture-warning-email = ⚠ “{ $value }” is not a valid email address; left out.
capture-warning-amount = ⚠ “{ $value }” is not an amount I can read; the deal has no amount.
capture-warning-due = ⚠ “{ $value }” is not a date I can read; the task has no due time.
capture-warning-domain = ⚠ A web address that is not in your note was left out.
capture-warning-unnamed = ⚠ { $kind ->
    [contact] A contact
    [company] A company
    [deal] A deal
   *[task] A task
} without a name was left out.
capture-warning-links = ⚠ Links in the AI's answer were removed.
capture-warning-note-alone = ⚠ The note has no contact, company or deal to go on; left out.
capture-nothing = I found nothing to save in your note. You can add records with /new_contact, /new_deal or /task.
capture-confirm = Confirm
capture-edit = Edit
capture-cancel = Cancel
capture-saved = Saved from your note:
    { $handles }
capture-cancelled = Cancelled; nothing was saved.
capture-edit-prompt = Nothing was saved. Send your note again with your changes and I will read it anew. Your note was:
capture-expired = This card has expired and nothing was saved; send your note again.
capture-settled = This card was already answered.
capture-other-workspace = This card belongs to another workspace; switch to it with /workspace first.
event-created-ai = created from your message via AI
event-updated-ai = updated from your message via AI
help-usage-ask = /ask question
help-usage-draft = /draft C1 [what about]
help-usage-calendar = /calendar [today|tomorrow|week]
help-usage-meet = /meet C1 friday 15:00 [45m] [title]
help-usage-mail = /mail C1 [share|private]

# Google (/connect_google, /google, /disconnect_google, the OAuth callback page, the worker).
cmd-connect-google = connect your Google Calendar and Gmail
cmd-google = your Google connection: account, features, last sync
cmd-disconnect-google = disconnect Google and delete what was synced
google-private-only = Your Google connection is personal, so I only handle it in our private chat. Write to me directly.
google-not-configured = Google is not set up on this ChatCRM server, so it cannot be connected. Ask the administrator to configure [google] (see README, “Connecting Google”).
google-connect-link = Open the link to connect your Google account. Google will ask which access to allow (Calendar, Gmail read-only); you can allow only some. The link works once, for 10 minutes.
choice-google-connect = Connect Google
google-already-connected = Google is already connected with { $email }. To use another account, disconnect first with /disconnect_google.
google-disconnecting = Your Google connection is being disconnected. Wait a moment, then connect again with /connect_google if you like.
google-connected = Google connected: { $email }. Features: { $features }. See the status with /google; disconnect any time with /disconnect_google.
google-connect-failed = Connecting Google did not work: Google did not accept the request or could not be reached. Nothing was saved. Try again with /connect_google.
google-connect-denied = Google access was not allowed, so nothing was connected. Try again with /connect_google.
google-feature-calendar = Calendar
google-feature-gmail = Gmail (read-only)
google-feature-none = none (no Calendar or Gmail access was allowed)
google-none = Google is not connected. Connect it with /connect_google.
google-never = never
google-no-error = none
google-error-reconnect = Google no longer accepts the access — connect again: /connect_google
google-error-unauthorized = Google did not accept the access token
google-error-rate-limited = Google asked to slow down (too many requests)
google-error-unavailable = Google is unavailable ({ $detail })
google-error-refresh = Renewing the access
google-error-other = Google answered: { $words }
google-status-active = active
google-status-reconnect = reconnect needed (connect again with /connect_google)
google-status-disconnecting = disconnecting
google-summary = Google account: { $email }
    Features: { $features }
    Status: { $status }
    Connected: { $connected }
    Last successful sync: { $synced }
    Last error: { $error }
google-disconnect-confirm = Disconnect Google ({ $email })? I will revoke ChatCRM's access at Google and delete the tokens and everything synced from Google.
choice-google-disconnect = Disconnect Google
google-disconnect-started = Disconnecting Google: I am revoking the access and deleting the synced data. I will tell you when it is done.
google-disconnected = Google is disconnected: the access was revoked at Google, and the tokens and everything synced were deleted.
google-disconnected-revoke-failed = Google is disconnected here: the tokens and everything synced were deleted. Google did not confirm the revoke, so please also remove ChatCRM's access in your Google account: https://myaccount.google.com/permissions
google-reconnect-needed = Google no longer accepts ChatCRM's access (it was revoked or expired), so syncing has stopped. Connect again with /connect_google.
google-page-title = ChatCRM and Google
google-page-connected = Connected { $email } — you can go back to the chat.
google-page-denied = Access was not allowed, so nothing was connected. You can close this page and try again with /connect_google in the chat.
google-page-bad-state = This link is not valid or was already used. Nothing was connected. Ask for a new link with /connect_google in the chat.
google-page-expired = This link has expired (links work for 10 minutes). Nothing was connected. Ask for a new one with /connect_google in the chat.
google-page-failed = Connecting Google did not work. Nothing was saved. Try again with /connect_google in the chat.
google-page-not-configured = Google is not set up on this ChatCRM server.

# Google Calendar (/calendar, /meet, the meeting the worker creates).
cmd-calendar = your Google Calendar: today, tomorrow or the week
cmd-meet = put a meeting with a contact, company or deal on your Google Calendar
usage-calendar = Usage: /calendar [today|tomorrow|week] (today when nothing is given)
usage-meet = Usage: /meet C1 friday 15:00 [45m] [title] — a contact (C), company (O) or deal (D), a day and a time, then the length (30 minutes unless given) and a title
calendar-not-connected = Your Google Calendar is not connected. Connect it with /connect_google.
calendar-not-granted = Google is connected without Calendar access, so I cannot see or add events. Connect again with /connect_google and allow Calendar.
google-sync-stopped = Sync has stopped: Google no longer accepts ChatCRM's access, so this may be out of date. Connect again with /connect_google.
meet-reconnect = I cannot add the meeting until you connect Google again: it no longer accepts ChatCRM's access. Connect again with /connect_google.
calendar-not-synced-yet = Your calendar has not been synced yet; the first sync runs right after connecting. Try again in a minute.
calendar-header = { $period ->
    [tomorrow] Tomorrow
    [week] The next 7 days
   *[today] Today
  }: { $count ->
    [one] 1 event
   *[other] { $count } events
  } (synced { $synced })
calendar-all-day = all day
calendar-untitled = (no title)
meet-bad-time = I could not read “{ $input }” as a day and time. Try: /meet C1 friday 15:00
meet-no-time = Give a time for the meeting too, e.g. /meet C1 friday 15:00
meet-in-past = That time has already passed. Pick a moment ahead.
meet-bad-duration = A meeting lasts from 1 minute to 12 hours (e.g. 45m, 1h, 1h30m).
meet-default-title = Meeting with { $name }
meet-requested = Adding “{ $title }” ({ $when }, { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
  }) to your Google Calendar, linked to { $handle }. I will tell you when it is there.
meet-created = “{ $title }” ({ $when }) is on your Google Calendar, linked to { $handle }.
meet-failed = Google Calendar did not accept “{ $title }”, so it was not added. Check the time and try /meet again.
meet-not-a-target = “{ $input }” is not a contact, company or deal handle such as C1, O1 or D1.
event-meeting = Meeting { $when } on Google Calendar
event-meeting-titled = Meeting “{ $title }” { $when } on Google Calendar

## Gmail (/mail, threads on a contact's timeline)
cmd-mail = the last Gmail threads with a contact; share them with your team or keep them private
usage-mail = Usage: /mail C1 — the last Gmail threads with contact C1; /mail C1 share lets your team see your threads with C1, /mail C1 private stops it.
mail-private-chat = Your Gmail is personal, so I only show it in our private chat. Write to me directly.
mail-not-connected = Gmail is not connected. Connect your Google account with /connect_google and allow Gmail (read-only).
mail-gmail-not-granted = Your Google connection does not include Gmail: only Calendar was allowed. Connect again with /connect_google and allow Gmail (read-only).
mail-none = No Gmail threads with { $handle } in the last 90 days yet. Gmail is synced every few minutes.
mail-header = Gmail threads with { $record }:
mail-thread = { $when } · ✉ { $subject } ({ $participants }) — { $snippet }
mail-thread-shared = { $thread } · shared by { $owner }
mail-no-subject = (no subject)
mail-footer-private = Only you see your threads. To let your team see them on { $handle }, send /mail { $handle } share.
mail-footer-shared = Your team sees your threads with { $handle }. To stop it, send /mail { $handle } private.
mail-shared = Your team now sees your Gmail threads with { $handle } on its timeline and in /mail.
mail-private = Your Gmail threads with { $handle } are private again: only you see them.
timeline-mail-header = Gmail:
