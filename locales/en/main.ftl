welcome = Welcome to ChatCRM, { $name }! Your contacts live in your personal workspace.
help-header = Here is what I can do:
cmd-start = start and see this introduction
cmd-help = list the commands
cmd-new-contact = add a contact (all at once, or step by step)
cmd-contacts = list or search your contacts
cmd-contact = show one contact
cmd-edit = change a field: name, phone, email or position
cmd-delete = delete a contact
cmd-cancel = stop what we are doing

cancelled = Cancelled. Nothing more was saved.
nothing-to-cancel = There is nothing to cancel.
nothing-to-skip = There is nothing to skip.
unknown-command = I don't know the command /{ $name }. Send /help to see what I can do.
not-understood = I didn't understand that. Send /help to see the commands.
button-expired = That button is no longer valid. Send /help to start again.
error-internal = Something went wrong on our side and nothing was saved. Please try again.

ask-name = What is the contact's name?
ask-phone = Phone number, with the country code (for example +49 151 12345678)?
ask-email = Email address?
ask-position = Position or job title?
name-required = A contact needs a name.
choice-skip = Skip
choice-cancel = Cancel
choice-yes-delete = Yes, delete
choice-no = No
choice-previous = ◀ Previous
choice-next = Next ▶

contact-created = Saved { $handle }.
contacts-empty = You have no contacts yet. Add one with /new_contact.
contacts-none-match = No contacts match “{ $query }”.
contacts-header = { $count ->
    [one] 1 contact
   *[other] { $count } contacts
} (page { $page } of { $pages }):
contact-not-found = There is no contact { $handle } in this workspace.
not-a-contact-handle = “{ $input }” is not a contact handle such as C1.
usage-contact = Usage: /contact C1
usage-edit = Usage: /edit C1 field value. Fields: name, phone, email, position.
usage-delete = Usage: /delete C1
edit-unknown-field = I can't edit “{ $field }”. Fields: name, phone, email, position.
contact-updated = { $handle }: { $field } is now { $value }.
contact-field-cleared = { $handle }: { $field } cleared.
delete-confirm = Delete { $handle } · { $name }? This cannot be undone.
contact-deleted = { $handle } deleted.
delete-kept = { $handle } was kept.
delete-not-allowed = Only admins and owners of this workspace can delete records.

field-name = name
field-phone = phone
field-email = email
field-position = position
error-empty = The { $field } cannot be empty.
error-too-long = The { $field } is too long (at most { $max } characters).
error-invalid-phone = The { $field } “{ $value }” is not a valid phone number.
error-phone-needs-country = The { $field } needs its country code, for example +49 151 12345678.
error-invalid-email = The { $field } “{ $value }” is not a valid email address.
error-repeated = The { $field } was given twice.
nothing-saved = Nothing was saved.
