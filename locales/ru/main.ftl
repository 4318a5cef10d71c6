welcome = Добро пожаловать в ChatCRM, { $name }! Ваши контакты хранятся в личном рабочем пространстве.
help-header = Вот что я умею:
cmd-start = начать и увидеть это приветствие
cmd-help = список команд
cmd-new-contact = добавить контакт (одной строкой или по шагам)
cmd-contacts = список и поиск контактов
cmd-contact = показать контакт
cmd-edit = изменить поле: name, phone, email или position
cmd-delete = удалить контакт
cmd-cancel = прервать текущее действие

cancelled = Отменено. Больше ничего не сохранено.
nothing-to-cancel = Нечего отменять.
nothing-to-skip = Нечего пропускать.
unknown-command = Я не знаю команду /{ $name }. Отправьте /help, чтобы увидеть список команд.
not-understood = Я не понял. Отправьте /help, чтобы увидеть список команд.
button-expired = Эта кнопка больше не действует. Отправьте /help, чтобы начать заново.
error-internal = У нас что-то пошло не так, ничего не сохранено. Попробуйте ещё раз.

ask-name = Как зовут контакт?
ask-phone = Номер телефона с кодом страны (например, +49 151 12345678)?
ask-email = Адрес электронной почты?
ask-position = Должность?
name-required = У контакта должно быть имя.
choice-skip = Пропустить
choice-cancel = Отмена
choice-yes-delete = Да, удалить
choice-no = Нет
choice-previous = ◀ Назад
choice-next = Далее ▶

contact-created = Сохранено: { $handle }.
contacts-empty = Контактов пока нет. Добавьте первый командой /new_contact.
contacts-none-match = Нет контактов по запросу «{ $query }».
contacts-header = { $count ->
    [one] { $count } контакт
    [few] { $count } контакта
   *[many] { $count } контактов
} (страница { $page } из { $pages }):
contact-not-found = В этом рабочем пространстве нет контакта { $handle }.
not-a-contact-handle = «{ $input }» — не обозначение контакта вида C1.
usage-contact = Использование: /contact C1
usage-edit = Использование: /edit C1 поле значение. Поля: name, phone, email, position.
usage-delete = Использование: /delete C1
edit-unknown-field = Поле «{ $field }» нельзя изменить. Поля: name, phone, email, position.
contact-updated = { $handle }: { $field } — теперь { $value }.
contact-field-cleared = { $handle }: { $field } очищено.
delete-confirm = Удалить { $handle } · { $name }? Это нельзя отменить.
contact-deleted = { $handle } удалён.
delete-kept = { $handle } оставлен.
delete-not-allowed = Удалять записи могут только администраторы и владелец пространства.

field-name = имя
field-phone = телефон
field-email = почта
field-position = должность
error-empty = Поле «{ $field }» не может быть пустым.
error-too-long = Поле «{ $field }» слишком длинное (не больше { $max } символов).
error-invalid-phone = Поле «{ $field }»: «{ $value }» — неверный номер телефона.
error-phone-needs-country = Поле «{ $field }»: укажите код страны, например +49 151 12345678.
error-invalid-email = Поле «{ $field }»: «{ $value }» — неверный адрес почты.
error-repeated = Поле «{ $field }» указано дважды.
nothing-saved = Ничего не сохранено.
