## Onboarding and help
welcome = Добро пожаловать в ChatCRM, { $name }! Ваши записи хранятся в личном рабочем пространстве; пригласить коллег можно командой /invite.
help-header = Вот что я умею:
cmd-start = начать и увидеть это приветствие
cmd-help = список команд
cmd-new-contact = добавить контакт (одной строкой или по шагам)
cmd-contacts = список и поиск контактов
cmd-contact = показать контакт
cmd-edit = изменить поле: имя, телефон, почта, должность или компания
cmd-delete = удалить запись: контакт, компанию, сделку, задачу или заметку
cmd-new-company = добавить компанию
cmd-companies = список и поиск компаний
cmd-new-deal = добавить сделку (одной строкой или по шагам)
cmd-deals = открытые сделки или сделки на одном этапе
cmd-stage = перевести сделку на другой этап
cmd-pipeline = сделки и суммы по этапам
cmd-note = добавить заметку к контакту, компании, сделке или задаче
cmd-task = добавить задачу (при желании — к записи и со сроком)
cmd-tasks = ваши открытые задачи
cmd-done = отметить задачу выполненной
cmd-timeline = история записи
cmd-search = поиск по контактам, компаниям, сделкам и заметкам
cmd-import = импорт контактов из файла CSV или vCard
cmd-import-chat = импорт контактов: отправьте файл CSV или vCard в этот чат
cmd-workspace = ваше рабочее пространство: создать, переключить или удалить
cmd-invite = пригласить человека в это пространство
cmd-members = кто состоит в этом пространстве
cmd-role = изменить роль участника
cmd-timezone = показать или задать часовой пояс
cmd-language = выбрать язык ответов
cmd-cancel = прервать текущее действие

## General
cancelled = Отменено. Больше ничего не сохранено.
nothing-to-cancel = Нечего отменять.
nothing-to-skip = Нечего пропускать.
unknown-command = Я не знаю команду /{ $name }. Отправьте /help, чтобы увидеть список команд.
unknown-command-suggest = Команды /{ $name } нет. Может быть, { $command }? Все команды — в /help.
unknown-command-suggest-two = Команды /{ $name } нет. Может быть, { $first } или { $second }? Все команды — в /help.
not-understood = Я не понял. Отправьте /help, чтобы увидеть список команд, или введите обозначение вроде C1, чтобы открыть запись.
button-expired = Эта кнопка больше не действует. Отправьте /help, чтобы начать заново.
error-internal = У нас что-то пошло не так, ничего не сохранено. Попробуйте ещё раз.
delivery-dead-letter = К сожалению, это сообщение не удалось обработать, из него ничего не сохранено. Отправьте его ещё раз другими словами или попробуйте /help.
file-download-failed = Не удалось загрузить этот файл из WhatsApp. Отправьте его ещё раз.
not-a-handle = «{ $input }» — не обозначение вида C1, O1, D1, T1 или N1.
not-found = В этом рабочем пространстве нет { $handle }.
text-too-long = Текст слишком длинный (не больше { $max ->
        [one] { $max } символа
       *[other] { $max } символов
    }). Ничего не сохранено.
bad-date = Не удалось распознать дату «{ $value }». Попробуйте «завтра 15:00», «пт», «на следующей неделе» или «2026-12-01 9am».
page-of = (страница { $page } из { $pages })
more-matches = Совпадений больше { $max }; показаны только первые { $max }. Добавьте слово, чтобы сузить поиск.
overdue-since = просрочено: { $when }
deleted-user = удалённый пользователь
choice-skip = Пропустить
choice-cancel = Отмена
choice-yes-delete = Да, удалить
choice-no = Нет
answer-yes = да, д
answer-no = нет, н
choice-reminder = Пожалуйста, ответьте на вопрос выше: { $options }. Или отправьте команду, чтобы заняться другим.
choice-previous = ◀ Назад
choice-next = Далее ▶
choice-done = ✅ Готово
choice-import = Импорт

## Contacts
ask-name = Как зовут контакт?
ask-phone = Номер телефона с кодом страны (например, +49 151 12345678)?
ask-email = Адрес электронной почты?
ask-position = Должность?
name-required = У контакта должно быть имя.
contact-created = Сохранено: { $handle }.
contacts-empty = Контактов пока нет. Добавьте первый командой /new_contact.
contacts-none-match = Нет контактов по запросу «{ $query }».
contacts-header = { $count ->
    [one] { $count } контакт
    [few] { $count } контакта
    [many] { $count } контактов
   *[other] { $count } контакта
    }
usage-contact = Использование: /contact C1
usage-edit = Использование: /edit C1 поле значение. Поля: name (имя), phone (телефон), email (почта), position (должность), company (компания).
usage-delete = Использование: /delete C1 (любое обозначение: C1, O1, D1, T1, N1)
edit-unknown-field = Поле «{ $field }» нельзя изменить. Поля: имя, телефон, почта, должность, компания.
contact-updated = { $handle }: новое значение поля «{ $field }» — { $value }.
contact-field-cleared = { $handle }: поле «{ $field }» очищено.
delete-confirm = Удалить { $handle } · { $name }? Это нельзя отменить.
contact-deleted = { $handle } удалён.
delete-kept = { $handle } оставлен.
delete-not-allowed = Удалять записи могут только администраторы и владелец пространства.
record-deleted = Запись { $handle } удалена.
delete-takes = Вместе с записью удаляются: { $items }.
delete-keeps = Остаются, теряется только их связь с { $handle } (их история сохраняется): { $items }.
count-notes = { $count ->
    [one] { $count } заметка
    [few] { $count } заметки
    [many] { $count } заметок
   *[other] { $count } заметки
    }
count-files = { $count ->
    [one] { $count } файл
    [few] { $count } файла
    [many] { $count } файлов
   *[other] { $count } файла
    }
count-contacts = { $count ->
    [one] { $count } контакт
    [few] { $count } контакта
    [many] { $count } контактов
   *[other] { $count } контакта
    }
count-deals = { $count ->
    [one] { $count } сделка
    [few] { $count } сделки
    [many] { $count } сделок
   *[other] { $count } сделки
    }
count-tasks = { $count ->
    [one] { $count } задача
    [few] { $count } задачи
    [many] { $count } задач
   *[other] { $count } задачи
    }
field-name = имя
field-phone = телефон
field-email = почта
field-position = должность
error-empty = Поле «{ $field }» не может быть пустым.
error-too-long = Поле «{ $field }» слишком длинное (не больше { $max ->
        [one] { $max } символа
       *[other] { $max } символов
    }).
error-invalid-phone = Поле «{ $field }»: «{ $value }» — неверный номер телефона.
error-phone-needs-country = Поле «{ $field }»: укажите код страны, например +49 151 12345678.
error-invalid-email = Поле «{ $field }»: «{ $value }» — неверный адрес почты.
error-repeated = Поле «{ $field }» указано дважды.
nothing-saved = Ничего не сохранено.

## Companies
ask-company-name = Как называется компания?
company-created = Сохранено: { $handle }.
company-bad-name = У компании должно быть название не длиннее 200 символов.
company-bad-domain = «{ $value }» — не веб-домен вида acme.com. Ничего не сохранено.
company-bad-phone = «{ $value }» — неверный номер телефона. Ничего не сохранено.
companies-empty = Компаний пока нет. Добавьте первую командой /new_company.
companies-none-match = Нет компаний по запросу «{ $query }».
companies-header = { $count ->
    [one] { $count } компания
    [few] { $count } компании
    [many] { $count } компаний
   *[other] { $count } компании
    }

## Deals
ask-deal-title = Как называется сделка?
ask-deal-amount = Сумма и валюта (например, 12 500 EUR)?
ask-deal-link = С каким контактом или компанией эта сделка (например, C1 или O2)?
ask-deal-close = Ожидаемая дата закрытия (например, «2026-12-31» или «на следующей неделе»)?
deal-bad-title = У сделки должно быть название не длиннее 200 символов.
deal-bad-amount = «{ $value }» — не сумма с валютой вроде 12 500 EUR.
deal-bad-part = Не удалось разобрать «{ $value }»: укажите сумму (12 500 EUR), обозначение (C1, O1) или дату.
deal-created = Сохранено: { $handle }.
deal-expected-close = Ожидаемое закрытие: { $date }
deals-empty = Сделок пока нет. Добавьте первую командой /new_deal.
deals-none-in-stage = На этапе «{ $stage }» сделок нет.
deals-header = { $count ->
    [one] { $count } сделка
    [few] { $count } сделки
    [many] { $count } сделок
   *[other] { $count } сделки
    }
deal-count = { $count ->
    [one] { $count } сделка
    [few] { $count } сделки
    [many] { $count } сделок
   *[other] { $count } сделки
    }
unknown-stage = Этапа «{ $value }» нет. Этапы: { $stages }.
usage-stage = Использование: /stage D1 won
ask-stage = На какой этап перевести { $deal }?
deal-moved = { $handle } теперь на этапе «{ $stage }».
pipeline-header = Воронка:
stage-lead = лид
stage-qualified = квалифицирована
stage-proposal = предложение
stage-negotiation = переговоры
stage-won = выиграна
stage-lost = проиграна

## Notes and tasks
usage-note = Использование: /note C1 текст (также O1, D1 или T1)
note-added = Заметка { $note } добавлена к { $record }.
usage-task = Использование: /task [C1] текст [когда], например /task C1 перезвонить завтра 15:00
task-created = Задача сохранена: { $line }
task-no-due-hint = Срок не указан: добавьте его в конце, например «завтра 15:00».
usage-tasks = Использование: /tasks [сегодня|просроченные|неделя|все]
tasks-header = { $count ->
    [one] { $count } открытая задача
    [few] { $count } открытые задачи
    [many] { $count } открытых задач
   *[other] { $count } открытой задачи
    }
tasks-none-all = У вас нет открытых задач.
tasks-none-today = На сегодня задач нет.
tasks-none-overdue = Просроченных задач нет.
tasks-none-week = На этой неделе задач нет.
usage-done = Использование: /done T1
task-done = ✅ { $handle } выполнена: { $body }
task-already-done = { $handle } уже выполнена.
reminder = ⏰ Напоминание: { $handle } · { $body } · { $due }
digest-header = { $count ->
    [one] ☀️ Доброе утро! На сегодня запланирована или уже просрочена { $count } задача:
    [few] ☀️ Доброе утро! На сегодня запланированы или уже просрочены { $count } задачи:
    [many] ☀️ Доброе утро! На сегодня запланировано или уже просрочено { $count } задач:
   *[other] ☀️ Доброе утро! На сегодня запланировано или уже просрочено { $count } задачи:
    }

## Timeline and search
usage-timeline = Использование: /timeline C1 (также O1, D1 или T1)
timeline-header = История записи { $record }:
event-created = создание записи
event-updated = изменение поля «{ $field }»
event-stage = перевод с этапа «{ $from }» на «{ $to }»
event-note = заметка { $note }: { $body }
event-task = добавлена задача { $task }
event-done = отмечено выполненным
event-deleted = удаление записи
usage-search = Использование: /search текст
search-none = По запросу «{ $query }» ничего не найдено.
search-header = { $count ->
    [one] { $count } результат по запросу «{ $query }»
    [few] { $count } результата по запросу «{ $query }»
    [many] { $count } результатов по запросу «{ $query }»
   *[other] { $count } результата по запросу «{ $query }»
    }

## Import
usage-import = Использование: /import ПУТЬ (файл CSV или vCard)
import-send-file = Отправьте сам файл CSV или vCard, чтобы импортировать из него контакты.
import-cannot-read = Не удалось прочитать { $path }: { $error }.
import-preview = { $file }: к импорту { $rows ->
        [one] { $rows } контакт
        [few] { $rows } контакта
       *[many] { $rows } контактов
    }, с ошибками — { $errors }.
import-more-rows = … и ещё { $count }.
import-problems = Не будут импортированы:
import-more-problems = … и ещё { $count ->
    [one] { $count } проблема.
    [few] { $count } проблемы.
    [many] { $count } проблем.
   *[other] { $count } проблемы.
    }
import-nothing = Импортировать нечего.
import-too-large = Файл слишком большой (не больше { $mb } МБ).
import-too-many = В файле слишком много контактов (не больше { $max }).
import-unknown-format = Это не файл CSV и не vCard.
import-no-name-column = В файле нет столбца с именем. Его столбцы: { $headers }.
import-empty = В файле нет контактов.
import-missing-name = нет имени
import-company-too-long = слишком длинное название компании
import-row-problem = строка { $line }: { $problem }
import-waiting = Импорт ждёт подтверждения: нажмите «Импорт», чтобы продолжить, или «Отмена».
import-done = Импорт завершён: создано контактов — { $created }, обновлено — { $updated }, создано компаний — { $companies }.

## Teams
usage-workspace = Использование: /workspace, /workspace new НАЗВАНИЕ, /workspace delete
ask-workspace-name = Как назвать новое рабочее пространство?
workspace-bad-name = У рабочего пространства должно быть название не длиннее { $max ->
        [one] { $max } символа
       *[other] { $max } символов
    }.
workspace-created = Рабочее пространство «{ $name }» создано: вы его владелец, и теперь это ваше текущее пространство. Приглашайте коллег командой /invite.
workspace-current = Вы в пространстве «{ $name }» ({ $kind }), ваша роль — { $role }; { $members ->
    [one] { $members } участник.
    [few] { $members } участника.
    [many] { $members } участников.
   *[other] { $members } участника.
    }
workspace-kind-personal = личное
workspace-kind-team = командное
workspace-switch-hint = Перейти в другое пространство:
workspace-hint = Создайте командное пространство командой /workspace new НАЗВАНИЕ.
workspace-switched = Теперь вы в пространстве «{ $name }».
workspace-delete-confirm = Удалить это пространство и все записи в нём для всех его участников? Это нельзя отменить.
workspace-delete-not-owner = Удалить это пространство может только владелец.
workspace-deleted = Рабочее пространство удалено.
role-owner = владелец
role-admin = администратор
role-member = участник
usage-invite = Использование: /invite [member|admin] [group]
invite-not-allowed = Приглашать людей могут только администраторы и владелец.
invite-created = Приглашение с ролью «{ $role }»: одноразовое, действует { $hours ->
    [one] { $hours } час
    [few] { $hours } часа
    [many] { $hours } часов
   *[other] { $hours } часа
    }. Приглашённый должен отправить: { $command }
invite-invalid = Этот код приглашения неизвестен, уже использован или истёк. Попросите новый.
joined-workspace = Вы присоединились к пространству «{ $name }», ваша роль — { $role }. Теперь это ваше текущее пространство.
members-header = { $count ->
    [one] { $count } участник:
    [few] { $count } участника:
    [many] { $count } участников:
   *[other] { $count } участника:
    }
usage-role = Использование: /role ИМЯ member|admin|owner
role-not-allowed = Вы не можете сделать это изменение: участниками управляют администраторы, а передать права владельца может только сам владелец.
member-not-found = Участника с именем «{ $name }» нет. См. /members.
member-ambiguous = Под «{ $name }» подходит несколько участников; введите имя подробнее.
role-changed = { $name }: новая роль — { $role }.

## Settings
timezone-current = Ваш часовой пояс — { $zone } (сейчас там { $time }). Изменить его можно командой /timezone Europe/Berlin.
timezone-set = Часовой пояс установлен: { $zone } (сейчас там { $time }).
timezone-unknown = Я не знаю часового пояса «{ $value }». Укажите название, например Europe/Berlin или America/New_York, или смещение, например UTC+3.
language-choose = Выберите язык:
language-set = Буду отвечать по-русски.
language-name = Русский
language-unknown = Я могу отвечать на языках: { $languages }.

## Chat channels
unsupported-kind = Я не умею обрабатывать сообщения типа «{ $kind }». Отправьте текст, команду (/help), контакт или файл CSV либо vCard.
forwarded-unknown = Контакта с именем «{ $name }» нет. Добавить его и сохранить это сообщение в его хронологии?
forwarded-logged = Сохранено в хронологии { $handle } · { $name }.
forwarded-note = Пересланное сообщение: { $text }
choice-add-contact = Добавить контакт
cmd-link = пользоваться этим аккаунтом и из другого мессенджера
link-code = Ваш код привязки: { $code }. В течение { $minutes ->
        [one] { $minutes } минуты
       *[other] { $minutes } минут
    } отправьте «/link { $code }» из другого мессенджера (Telegram или WhatsApp): он получит доступ к этому аккаунту, его пространствам и записям.
link-invalid = Этот код привязки неизвестен или устарел. Отправьте /link здесь, чтобы получить новый.
link-same-user = Этот чат уже привязан к этому аккаунту.
link-done = Готово: этот чат теперь использует тот же аккаунт, пространства и записи, что и другой мессенджер.

## Privacy
cmd-privacy = какие ваши данные хранит ChatCRM и ваши права
cmd-consent = обработка ИИ и рекламные сообщения: вкл. или выкл.
cmd-export = ZIP-архив со всеми вашими данными (JSON и CSV)
export-ready = Выгрузка готова: { $path } (файлов: { $files }, записей: { $records })
export-prepared = Выгрузка подготовлена (файлов: { $files }, записей: { $records }), но она слишком велика для сообщения в чате, а у сервера нет публичного адреса для ссылки на скачивание. Попросите файл у администратора ChatCRM.
export-attached = Выгрузка во вложении (файлов: { $files }, записей: { $records }): ZIP с файлами JSON и CSV. После отправки файл удаляется с нашего сервера.
export-undeliverable = Не удалось отправить вам файл выгрузки, и он удалён с нашего сервера. Отправьте /export ещё раз — эта попытка не входит в дневной лимит.
export-limit = Выгружать данные можно не больше { $limit ->
        [one] { $limit } раза
       *[other] { $limit } раз
    } в день. Попробуйте завтра.
export-private-only = В выгрузке ваши личные данные, поэтому я отправляю её только в личном чате. Напишите мне /export напрямую.
terms-accepted = Пользуясь ChatCRM, вы принимаете условия и политику конфиденциальности: { $url } (см. /privacy).
privacy-summary = Что ChatCRM хранит о вас: идентификаторов в мессенджерах — { $identities }, рабочих пространств — { $workspaces }, созданных вами контактов — { $contacts }, компаний — { $companies }, сделок — { $deals }, ваших заметок — { $notes }, назначенных вам задач — { $tasks }, ваших записей в хронологии — { $activities }, сохранённых решений о согласии — { $consents }.
    Политика: { $url }
    Ваш выбор: /consent. Копия всех ваших данных: /export. Удалить аккаунт: /delete_account.
consent-status = Обработка ваших сообщений ИИ: { $ai }.
    Рассылка рекламных сообщений: { $marketing }.
    ИИ используется только для действий, которые запускаете вы; если отключить его, ни один ИИ-сервис не увидит ваш текст.
consent-on = включена
consent-off = выключена
# Words /consent reads (comma-separated; the words of every language are accepted).
consent-words-ai = ии, ai
consent-words-marketing = маркетинг, рассылка, marketing
consent-words-on = вкл, включить, включена, да, 1
consent-words-off = выкл, выключить, выключена, нет, 0
# Words read in commands and written in dates (every language's words are read).
words-task-all = все
words-task-today = сегодня
words-task-overdue = просрочено, просроченные
words-task-week = неделя
words-calendar-today = сегодня
words-calendar-tomorrow = завтра
words-calendar-week = неделя, неделю
words-mail-share = поделиться, показать
words-mail-private = скрыть, личное
words-company-link = компания
words-region = регион
# Dates: yesterday, today, tomorrow; the word before a clock time (at one o'clock, else);
# the days from Monday; the day and month (chrono's strftime).
when-days = вчера, сегодня, завтра
when-at-one = в
when-at = в
when-weekdays = пн, вт, ср, чт, пт, сб, вс
when-day-month = %d.%m
# Words the date parser reads, in any user's language (accents optional). Commas separate
# words or two-word phrases; `|` separates the groups of when-word-weekdays (Monday first),
# when-word-months (January first) and when-word-units (minute | hour | day | week |
# month); {""} is none. A word in two lists means the first: at, filler, then the rest.
# when-word-ambiguous: words that alone are more likely ordinary words than dates.
when-word-at = в, во
when-word-filler = на, до, к, ко
when-word-today = сегодня
when-word-tomorrow = завтра
when-word-day-after-tomorrow = послезавтра
when-word-yesterday = вчера
when-word-tonight = сегодня вечером
when-word-next = следующий, следующая, следующее, следующую, следующей, следующем, следующего
when-word-next-after = {""}
when-word-this = этот, эта, эту, этой, это
when-word-in = {""}
when-word-in-count-optional = через
when-word-one = один, одну
when-word-noon = полдень
when-word-weekdays = пн, понедельник, понедельника, понедельнику | вт, вторник, вторника, вторнику | ср, среда, среду, среды, среде | чт, четверг, четверга, четвергу | пт, пятница, пятницу, пятницы, пятнице | сб, суббота, субботу, субботы, субботе | вс, воскресенье, воскресенья, воскресенью
when-word-months = январь, января | февраль, февраля | март, марта | апрель, апреля | май, мая | июнь, июня | июль, июля | август, августа | сентябрь, сентября | октябрь, октября | ноябрь, ноября | декабрь, декабря
when-word-units = мин, минута, минуту, минуты, минут | ч, час, часа, часов | день, дня, дней | неделя, неделю, недели, неделе, недель | месяц, месяца, месяцев
when-word-ambiguous = {""}
# How numbers are written (CLDR: the thousands separator, the decimal mark, the fewest
# digits before a group is used) and slashed dates read (month-first or day-first).
# words-field-*: the /edit field names (any language's are accepted).
number-group = {"\u00A0"}
number-decimal = {","}
number-min-grouping = 1
date-order = day-first
words-field-name = имя
words-field-phone = телефон
words-field-email = почта
words-field-position = должность
consent-usage = Напишите /consent, чтобы увидеть ваши решения, или, например, /consent ai on, /consent ai off, /consent marketing on. Ничего не изменено.
choice-ai-off = Отключить ИИ
choice-ai-on = Включить ИИ
choice-marketing-off = Без рекламы
choice-marketing-on = Включить рекламу

# WhatsApp: the words the channel adds to interactive messages.
whatsapp-list-button = Выбрать
whatsapp-choose = Выберите вариант:
cmd-delete-account = удалить аккаунт и личные данные
delete-account-explain = Удаление аккаунта удалит ваш профиль, идентификаторы в мессенджерах, согласия и незавершённые диалоги, ещё не отправленные сообщения, а также все рабочие пространства, где вы единственный участник, со всеми записями. Записи, созданные вами в командных пространствах, останутся у команды с автором «удалённый пользователь».
delete-account-google = К аккаунту подключён Google { $email }: я отзову доступ ChatCRM в Google и удалю всё, что было синхронизировано оттуда.
delete-account-final = Это нельзя отменить.
delete-account-owner = Вы владелец командного пространства «{ $workspace }», в котором есть другие участники. Сначала передайте его командой /role ИМЯ owner или удалите командой /workspace delete.
delete-account-done = Ваш аккаунт и личные данные удалены. Если вы напишете снова, будет создан новый аккаунт.
delete-account-limit = Из одного чата можно удалить не больше { $limit ->
        [one] { $limit } аккаунта
       *[other] { $limit } аккаунтов
    } в час, сейчас ничего не удалено. Попробуйте через { $minutes } мин.
choice-delete-account = Удалить аккаунт
export-link = Выгрузка готова (файлов: { $files }, записей: { $records }). Скачайте её один раз в течение { $hours } ч: { $url }
file-needs-handle = Чтобы прикрепить файл к записи, отправьте его снова с обозначением записи (например, C12, O3 или D7) в подписи. Файлы CSV и vCard без подписи импортируются.
photo-needs-handle = Чтобы прикрепить это фото к записи, отправьте его ещё раз с меткой записи (например, C12, O3 или D7) в начале подписи, например: C12 осмотр объекта.
file-too-large = Файл слишком большой (не больше { $mb } МБ).
file-attached = Файл { $file } ({ $kb } КБ) прикреплён к { $record }.
event-file = прикреплён файл { $file }

# Кнопки, привязанные к своему пользователю (нажатие чужой кнопки).
button-not-yours = Эта кнопка не для вас.
## Access control: /link in private only, /unlink, group invites, /remove, /leave, /invites
channel-telegram = Telegram
channel-whatsapp = WhatsApp
channel-console = консоль
cmd-unlink = отвязать мессенджер от этого аккаунта
cmd-remove = исключить участника из этого пространства
cmd-leave = выйти из этого командного пространства
cmd-invites = открытые приглашения этого пространства и их отзыв
link-private-only = Код привязки открывает доступ к вашему аккаунту, поэтому /link работает только в личном чате со мной. Напишите /link мне напрямую.
link-code-warning = Никому не передавайте этот код: тот, кто его отправит, получит доступ к вашему аккаунту. Он действует только из другого приложения (не { $channel }).
link-same-channel = Этот код создан в этом же мессенджере, а действует только из другого (Telegram, WhatsApp или консоль). Код больше не действует: отправьте /link в другом приложении, чтобы получить новый.
link-throttled = Слишком много неверных кодов привязки. В целях безопасности попробуйте снова через { $minutes ->
    [one] { $minutes } минуту.
    [few] { $minutes } минуты.
    [many] { $minutes } минут.
   *[other] { $minutes } минуты.
    }
identity-this-chat = (этот чат)
unlink-private-only = Список привязанных чатов — личные данные, поэтому /unlink работает только в личном чате со мной.
unlink-only-one = Это единственный чат вашего аккаунта — отвязывать нечего.
unlink-list = Чаты, которые используют этот аккаунт. Выберите, какой отвязать (или отправьте /unlink 2, /unlink whatsapp):
unlink-not-found = Ни один из привязанных чатов не подходит. Отправьте /unlink, чтобы увидеть их.
unlink-ambiguous = Подходит больше одного привязанного чата; отправьте /unlink и выберите по номеру.
unlink-confirm = Отвязать { $identity }? Этот чат станет отдельным аккаунтом с пустым личным пространством и больше ничего не увидит в этом аккаунте.
choice-yes-unlink = Да, отвязать
unlink-done = { $identity } отвязан и больше ничего не видит в этом аккаунте.
unlink-done-this-chat = Этот чат отвязан: теперь это отдельный аккаунт с пустым личным пространством.
privacy-identities = Чаты, которые используют этот аккаунт:
privacy-unlink-hint = Отменить привязку: /unlink.
invite-not-posted = Я не стал публиковать приглашение здесь: им мог бы воспользоваться любой участник группы. Попросите /invite в личном чате со мной или отправьте /invite group, если хотите намеренно пригласить эту группу.
invite-posted-in-group = Любой участник этой группы может вступить в ваше пространство по этому коду, пока он не использован или не отозван (/invites).
choice-remove = Исключить: { $name }
usage-remove = Использование: /remove ИМЯ (см. /members)
remove-self = Себя исключить нельзя; чтобы выйти из пространства, отправьте /leave.
remove-not-allowed = Исключать участников могут только администраторы и владелец.
remove-owner = Администратор не может исключить владельца.
remove-last-owner = Последнего владельца исключить нельзя.
remove-confirm = Исключить { $name } из «{ $workspace }»? Участник потеряет доступ ко всем записям в нём.
choice-yes-remove = Да, исключить
member-removed = { $name } исключён(а) и больше ничего не видит в этом пространстве.
leave-personal = Это ваше личное пространство, из него нельзя выйти. Переключиться на другое: /workspace.
leave-alone = Вы единственный участник. Чтобы избавиться от пространства, удалите его: /workspace delete.
leave-last-owner = Вы владелец: сначала передайте владение командой /role ИМЯ owner, затем /leave.
leave-confirm = Выйти из «{ $name }»? Вы потеряете доступ ко всем записям в нём, пока вас снова не пригласят.
choice-yes-leave = Да, выйти
workspace-left = Вы вышли из «{ $name }». Теперь вы в «{ $current }».
invites-not-allowed = Смотреть и отзывать приглашения могут только администраторы и владелец.
invites-none = В этом пространстве нет открытых приглашений. Создать: /invite.
invites-header = { $count ->
    [one] { $count } открытое приглашение:
    [few] { $count } открытых приглашения:
    [many] { $count } открытых приглашений:
   *[other] { $count } открытого приглашения:
    }
invites-line = { $number }. …{ $ending } · { $role } · до { $until } · от { $by }
choice-revoke = Отозвать { $number }
invite-revoked = Приглашение отозвано, его код больше не действует.
invite-already-gone = Это приглашение уже не открыто (использовано, истекло или отозвано).
# Files: size limit and quota per workspace (security findings 4-6).
file-quota-full = В этом рабочем пространстве нет места для файла: файлы уже занимают { $used } МБ из разрешённых { $allowed } МБ, а этот файл — { $size } МБ. Ничего не сохранено.
# Snapshot replies: the company link of /edit, a Cancel or No button with nothing to cancel,
# and the timeline's entries (issue 10, item 6).
field-company = компания
contact-company-created = Создана компания «{ $name }» ({ $company }); теперь она указана у контакта { $handle }.
nothing-changed = Хорошо, ничего не изменилось.
event-updated-import = обновление из импорта
# /help: command usages with localized placeholders (keywords stay as typed).
help-usage-new-contact = /new_contact [имя, телефон, почта, должность]
help-usage-contacts = /contacts [запрос]
help-usage-edit = /edit C1 поле значение
help-usage-new-company = /new_company [название, домен, телефон]
help-usage-companies = /companies [запрос]
help-usage-new-deal = /new_deal [название, сумма, C1/O1, дата закрытия]
help-usage-deals = /deals [этап]
help-usage-stage = /stage D1 выиграна
help-usage-note = /note C1 текст
help-usage-task = /task [C1] текст [когда]
help-usage-tasks = /tasks [сегодня|просрочено|неделя|все]
help-usage-search = /search текст
help-usage-import = /import ПУТЬ
help-usage-workspace = /workspace [new НАЗВАНИЕ | delete]
help-usage-role = /role ИМЯ member|admin|owner
help-usage-remove = /remove ИМЯ
help-usage-link = /link [КОД]

## Security fixes: who may /unlink whom, the per-account attachment quota
unlink-not-allowed = { $identity } был в этом аккаунте раньше этого чата, поэтому отвязать его можно только из: { $chats }. Этот чат можно отвязать командой /unlink { $own }.
unlink-list-limited = Чаты без кнопки были в этом аккаунте раньше этого чата; отвязать их можно только из более раннего чата.
file-user-quota-full = Для этого файла нет места: ваши файлы уже занимают { $used } МБ из { $allowed } МБ, разрешённых одному аккаунту во всех его рабочих пространствах, а этот файл — { $size } МБ. Ничего не сохранено.

# Deals: a part that could be an amount or a date is asked about.
deal-amount-or-date = «{ $value }» может быть и суммой, и датой. Для суммы укажите валюту (31.12 EUR), для даты закрытия — год (31.12.2026).

# Настройки рабочего пространства, регион телефонов, возможные дубликаты (issue 11, пункты 6 и 7).
cmd-settings = показать или изменить настройки рабочего пространства (регион телефонов)
settings-header = Настройки этого рабочего пространства:
settings-usage = Изменить регион телефонов: /settings region DE (двухбуквенный код страны); вернуть значение сервера по умолчанию: /settings region -.
settings-not-allowed = Менять настройки рабочего пространства могут только его администраторы и владельцы.
settings-region-unknown = Я не знаю кода страны «{ $value }». Укажите две буквы (ISO 3166), например /settings region RU, DE, US или ES.
settings-region-set = Регион телефонов: { $region } — номера без +кода страны теперь читаются как номера { $region }.
settings-region-cleared = Теперь в этом рабочем пространстве действует регион телефонов сервера по умолчанию.
settings-region-own = 📞 Регион телефонов: { $region } — номера без +кода страны читаются как номера { $region }.
settings-region-default = 📞 Регион телефонов: { $region } (по умолчанию на сервере) — номера без +кода страны читаются как номера { $region }.
settings-region-none = 📞 Регион телефонов: не задан — номера нужно вводить с +кодом страны (или 00 и кодом).
phone-dropped-needs-country = Телефон «{ $value }» не сохранён: в нём нет кода страны, а регион телефонов для этого рабочего пространства не задан. Добавьте его через /edit с +кодом страны или попросите администратора задать регион: /settings region RU.
phone-dropped-invalid = Телефон «{ $value }» не сохранён: это неверный номер. Добавьте его позже через /edit.
duplicate-contact = У контакта { $handle } { $name } уже { $reason ->
    [phone] такой же телефон
    [email] такой же email
   *[name] такое же имя
}. Это тот же человек? Ничего не сохранено, пока вы не выберете.
choice-open = Открыть { $handle }
choice-save-anyway = Всё равно сохранить
import-phones-dropped = Будут импортированы без телефона (добавьте его позже через /edit):
duplicate-company = У компании { $handle } { $name } уже { $reason ->
    [domain] такой же домен
   *[name] такое же название
}. Это та же компания? Ничего не сохранено, пока вы не выберете.
phone-step-needs-country = В телефоне «{ $value }» нет кода страны, а регион телефонов для этого рабочего пространства не задан (администратор может задать его: /settings region RU). Введите номер с +кодом страны или 00 и кодом либо нажмите «Пропустить», чтобы сохранить контакт без телефона.

# Console (`chatcrm chat`).
console-greeting = Консоль ChatCRM. Список команд — /help; выход — Ctrl-D.
console-other-bot = Эта команда адресована @{ $bot }, а не ChatCRM, поэтому ничего не сделано. Наберите её без «@{ $bot }».

# /ask, /summary, /draft (issue 13, items 3 and 7).
cmd-ask = вопрос о ваших записях своими словами (ИИ)
cmd-summary = краткая сводка по контакту, компании или сделке (ИИ)
cmd-draft = черновик письма контакту по итогам общения (ИИ)
usage-ask = Использование: /ask вопрос, например /ask открытые сделки больше 5000 EUR, которые закрываются в этом месяце
usage-summary = Использование: /summary C1 (также O1 или D1)
usage-draft = Использование: /draft C1 [о чём письмо], например /draft C1 предложение, которое мы обсуждали (также D1: контакт сделки)
ask-too-long = { $max ->
    [one] Задайте вопрос не длиннее { $max } символа.
    [few] Задайте вопрос не длиннее { $max } символов.
    [many] Задайте вопрос не длиннее { $max } символов.
   *[other] Задайте вопрос не длиннее { $max } символа.
}
ask-found = { $count ->
    [one] По вашему вопросу найдена { $count } запись:
    [few] По вашему вопросу найдено { $count } записи:
    [many] По вашему вопросу найдено { $count } записей:
   *[other] По вашему вопросу найдено { $count } записи:
}
ask-more = { $count ->
    [one] …и ещё { $count } запись. Уточните вопрос, чтобы сузить поиск.
    [few] …и ещё { $count } записи. Уточните вопрос, чтобы сузить поиск.
    [many] …и ещё { $count } записей. Уточните вопрос, чтобы сузить поиск.
   *[other] …и ещё { $count } записи. Уточните вопрос, чтобы сузить поиск.
}
ask-no-match = По вашему вопросу ничего не найдено.
ask-not-a-query = Я отвечаю только на вопросы, которые перечисляют ваши контакты, компании, сделки, задачи или заметки, например /ask сделки, выигранные в этом месяце. Поиск не выполнялся.
ask-plan-unreadable = Сервис ИИ ответил так, что я не смог прочитать это как поиск, поэтому поиск не выполнялся. Переформулируйте вопрос.
ask-plan-unknown-kind = Сервис ИИ запросил «{ $kind }» — это не контакты, компании, сделки, задачи или заметки, поэтому поиск не выполнялся. Переформулируйте вопрос.
ask-plan-unknown-field = Сервис ИИ попросил искать по полю «{ $field }», по которому эти записи искать нельзя, поэтому поиск не выполнялся. Переформулируйте вопрос.
ask-plan-unknown-op = Сервис ИИ попросил сравнить «{ $field }» способом «{ $op }», которого я не знаю, поэтому поиск не выполнялся. Переформулируйте вопрос.
ask-plan-bad-value = Сервис ИИ запросил значение «{ $value }» для поля «{ $field }» — такое значение искать нельзя, поэтому поиск не выполнялся. Переформулируйте вопрос.
ask-plan-needs-currency = Для суммы нужна валюта (например, 5000 EUR), а валюты по умолчанию на этом сервере нет, поэтому поиск не выполнялся. Укажите валюту в вопросе.
ask-plan-unknown-sort = Сервис ИИ попросил отсортировать по «{ $field }», а эти записи так сортировать нельзя, поэтому поиск не выполнялся. Переформулируйте вопрос.
ask-plan-too-many-filters = В поиске больше условий, чем разрешено, поэтому поиск не выполнялся. Задайте вопрос попроще.
summary-kinds = /summary работает для контактов, компаний и сделок (C1, O1, D1).
summary-header = 📝 Сводка по { $handle }, составлена ИИ по записи и её истории:
draft-kinds = /draft работает для контактов и сделок (C1, D1); для сделки письмо пишется её контакту.
draft-no-contact = У { $handle } нет контакта, которому можно написать. Привяжите контакт к сделке или напишите самому контакту (/draft C1).
draft-about-too-long = { $max ->
    [one] Опишите, о чём письмо, не длиннее { $max } символа.
    [few] Опишите, о чём письмо, не длиннее { $max } символов.
    [many] Опишите, о чём письмо, не длиннее { $max } символов.
   *[other] Опишите, о чём письмо, не длиннее { $max } символа.
}
draft-header = ✉️ Черновик письма для { $name } ({ $handle }), написан ИИ — прочитайте перед отправкой:
ai-link-removed = [ссылка удалена]
ai-answer-empty = Сервис ИИ ответил пустым текстом. Попробуйте ещё раз.

# ИИ (разбор заметок, вопрос о согласии, сбои).
ai-not-configured = Функции ИИ на этом сервере не настроены.
ai-started = { $feature ->
    [capture] Читаю вашу заметку…
   *[other] Работаю над этим…
}
ai-consent-ask = Чтобы прочитать заметку, ChatCRM отправит её текст, сегодняшнюю дату и ваш язык в сервис ИИ, настроенный на этом сервере. Это делается только по вашей просьбе и никогда в фоне. Разрешить обработку ИИ?
ai-consent-yes = Разрешить ИИ
ai-consent-no = Не сейчас
ai-consent-granted = Обработка ИИ включена (выключить можно в любой момент: /consent ai off).
ai-consent-refused = Обработка ИИ остаётся выключенной, заметка никуда не отправлена. Включить можно в любой момент: /consent ai on.
ai-consent-off = Обработка ИИ выключена, поэтому сообщение не отправлено в сервис ИИ. Включите её командой /consent ai on.
ai-budget-exhausted = Рабочее пространство исчерпало дневной лимит ИИ, поэтому сообщение не отправлено в сервис ИИ. Попробуйте завтра.
ai-too-many = За последнюю минуту вы отправили много запросов к ИИ, поэтому этот не отправлен. Подождите немного и отправьте снова.
ai-failed = { $kind ->
    [timeout] Сервис ИИ не ответил вовремя, ничего не сохранено. Попробуйте ещё раз чуть позже.
    [rate_limited] Сервис ИИ сейчас перегружен, ничего не сохранено. Попробуйте через несколько минут.
    [refused] Сервис ИИ отклонил этот запрос, ничего не сохранено.
    [bad_answer] Сервис ИИ ответил так, что я не смог это прочитать, ничего не сохранено. Попробуйте ещё раз.
   *[other] Сервис ИИ сейчас недоступен, ничего не сохранено. Попробуйте позже.
}
capture-card-header = Вот что я прочитал в заметке. Ничего не сохранится, пока вы не подтвердите:
capture-new-contact = 👤 Новый контакт: { $line }
capture-update-contact = 👤 Обновить { $handle } { $name }: { $changes }
capture-same-contact = 👤 { $handle } { $name } (уже сохранён, без изменений)
capture-new-company = 🏢 Новая компания: { $line }
capture-existing-company = 🏢 { $handle } { $name } (уже сохранена)
capture-new-deal = 💼 Новая сделка: { $line }
capture-new-task = ☑ Новая задача: { $line }
capture-note = 📝 Заметка: { $body }
capture-no-due = без срока
capture-warning-phone = ⚠ «{ $value }» — неверный номер телефона; пропущен.
capture-warning-email = ⚠ «{ $value }» — неверный адрес эл. почты; пропущен.
capture-warning-amount = ⚠ «{ $value }» — не сумма, которую я могу прочитать; сделка без суммы.
capture-warning-due = ⚠ «{ $value }» — не дата, которую я могу прочитать; задача без срока.
capture-warning-domain = ⚠ Веб-адрес, которого нет в вашей заметке, пропущен.
capture-warning-unnamed = ⚠ { $kind ->
    [contact] Контакт
    [company] Компания
    [deal] Сделка
   *[task] Задача
} без названия пропущен(а).
capture-warning-links = ⚠ Ссылки из ответа ИИ удалены.
capture-warning-note-alone = ⚠ Заметку не к чему прикрепить (нет контакта, компании или сделки); пропущена.
capture-nothing = В заметке не нашлось ничего для сохранения. Записи можно добавить командами /new_contact, /new_deal или /task.
capture-confirm = Подтвердить
capture-edit = Изменить
capture-cancel = Отмена
capture-saved = Сохранено из заметки:
    { $handles }
capture-cancelled = Отменено, ничего не сохранено.
capture-edit-prompt = Ничего не сохранено. Отправьте заметку ещё раз с исправлениями, и я прочитаю её заново. Ваша заметка:
capture-expired = Срок этой карточки истёк, ничего не сохранено; отправьте заметку ещё раз.
capture-settled = На эту карточку уже ответили.
capture-other-workspace = Эта карточка из другого рабочего пространства; сначала переключитесь на него командой /workspace.
event-created-ai = создано из вашего сообщения с помощью ИИ
event-updated-ai = обновлено из вашего сообщения с помощью ИИ
help-usage-ask = /ask вопрос
help-usage-draft = /draft C1 [о чём письмо]
help-usage-calendar = /calendar [сегодня|завтра|неделя]
help-usage-meet = /meet C1 пятница 15:00 [45m] [название]
help-usage-mail = /mail C1 [поделиться|скрыть]

# Google (/connect_google, /google, /disconnect_google, the OAuth callback page, the worker).
cmd-connect-google = подключить Google Календарь и Gmail
cmd-google = подключение Google: аккаунт, функции, последняя синхронизация
cmd-disconnect-google = отключить Google и удалить синхронизированное
google-private-only = Подключение Google — личное, поэтому я работаю с ним только в личном чате. Напишите мне напрямую.
google-not-configured = На этом сервере ChatCRM Google не настроен, подключить его нельзя. Попросите администратора настроить [google] (см. README, «Connecting Google»).
google-connect-link = Откройте ссылку, чтобы подключить аккаунт Google. Google спросит, какой доступ разрешить (Календарь, Gmail только чтение); можно разрешить не всё. Ссылка работает один раз, 10 минут.
choice-google-connect = Подключить Google
google-already-connected = Google уже подключён: { $email }. Чтобы подключить другой аккаунт, сначала отключите этот командой /disconnect_google.
google-disconnecting = Подключение Google сейчас отключается. Подождите немного, потом при желании подключите снова командой /connect_google.
google-connected = Google подключён: { $email }. Функции: { $features }. Состояние — /google; отключить можно в любой момент командой /disconnect_google.
google-connect-failed = Подключить Google не получилось: Google не принял запрос или недоступен. Ничего не сохранено. Попробуйте снова: /connect_google.
google-connect-denied = Доступ к Google не разрешён, поэтому ничего не подключено. Попробуйте снова: /connect_google.
google-feature-calendar = Календарь
google-feature-gmail = Gmail (только чтение)
google-feature-none = нет (доступ к Календарю и Gmail не разрешён)
google-none = Google не подключён. Подключите его командой /connect_google.
google-never = никогда
google-no-error = нет
google-error-reconnect = Google больше не принимает доступ — подключите снова: /connect_google
google-error-unauthorized = Google не принял токен доступа
google-error-rate-limited = Google попросил делать запросы реже
google-error-unavailable = Google недоступен ({ $detail })
google-error-refresh = Обновление доступа
google-error-other = Ответ Google: { $words }
google-status-active = активно
google-status-reconnect = нужно подключить заново (/connect_google)
google-status-disconnecting = отключается
google-summary = Аккаунт Google: { $email }
    Функции: { $features }
    Состояние: { $status }
    Подключён: { $connected }
    Последняя успешная синхронизация: { $synced }
    Последняя ошибка: { $error }
google-disconnect-confirm = Отключить Google ({ $email })? Я отзову доступ ChatCRM в Google и удалю токены и всё, что синхронизировано из Google.
choice-google-disconnect = Отключить Google
google-disconnect-started = Отключаю Google: отзываю доступ и удаляю синхронизированные данные. Сообщу, когда закончу.
google-disconnected = Google отключён: доступ отозван в Google, токены и всё синхронизированное удалены.
google-disconnected-revoke-failed = Google здесь отключён: токены и всё синхронизированное удалены. Google не подтвердил отзыв доступа, поэтому удалите доступ ChatCRM и в своём аккаунте Google: https://myaccount.google.com/permissions
google-reconnect-needed = Google больше не принимает доступ ChatCRM (его отозвали или он истёк), поэтому синхронизация остановлена. Подключите снова командой /connect_google.
google-page-title = ChatCRM и Google
google-page-connected = Подключено: { $email } — можно вернуться в чат.
google-page-denied = Доступ не разрешён, поэтому ничего не подключено. Закройте страницу и попробуйте снова командой /connect_google в чате.
google-page-bad-state = Эта ссылка недействительна или уже использована. Ничего не подключено. Получите новую командой /connect_google в чате.
google-page-expired = Срок действия ссылки истёк (ссылки работают 10 минут). Ничего не подключено. Получите новую командой /connect_google в чате.
google-page-failed = Подключить Google не получилось. Ничего не сохранено. Попробуйте снова командой /connect_google в чате.
google-page-not-configured = На этом сервере ChatCRM Google не настроен.

# Google Календарь (/calendar, /meet, встреча, которую создаёт фоновый обработчик).
cmd-calendar = ваш Google Календарь: сегодня, завтра или неделя
cmd-meet = поставить встречу с контактом, компанией или сделкой в Google Календарь
usage-calendar = Формат: /calendar [сегодня|завтра|неделя] (без слова — сегодня)
usage-meet = Формат: /meet C1 пятница 15:00 [45m] [название] — контакт (C), компания (O) или сделка (D), день и время, затем длительность (30 минут, если не указана) и название
calendar-not-connected = Google Календарь не подключён. Подключите его командой /connect_google.
calendar-not-granted = Google подключён без доступа к Календарю, поэтому я не вижу и не добавляю события. Подключите заново через /connect_google и разрешите Календарь.
google-sync-stopped = Синхронизация остановлена: Google больше не принимает доступ ChatCRM, поэтому данные могут быть устаревшими. Подключитесь заново через /connect_google.
meet-reconnect = Не могу добавить встречу, пока вы заново не подключите Google: он больше не принимает доступ ChatCRM. Подключитесь заново через /connect_google.
calendar-not-synced-yet = Календарь ещё не синхронизирован; первая синхронизация идёт сразу после подключения. Попробуйте через минуту.
calendar-header = { $period ->
    [tomorrow] Завтра
    [week] Ближайшие 7 дней
   *[today] Сегодня
  }: { $count ->
    [one] { $count } событие
    [few] { $count } события
   *[other] { $count } событий
  } (синхронизировано { $synced })
calendar-all-day = весь день
calendar-untitled = (без названия)
meet-bad-time = Не понял «{ $input }» как день и время. Например: /meet C1 пятница 15:00
meet-no-time = Укажите и время встречи, например: /meet C1 пятница 15:00
meet-in-past = Это время уже прошло. Выберите момент в будущем.
meet-bad-duration = Встреча длится от 1 минуты до 12 часов (например, 45m, 1h, 1h30m).
meet-default-title = Встреча: { $name }
meet-requested = Добавляю «{ $title }» ({ $when }, { $minutes ->
    [one] { $minutes } минута
    [few] { $minutes } минуты
   *[other] { $minutes } минут
  }) в ваш Google Календарь, со ссылкой на { $handle }. Сообщу, когда событие появится.
meet-created = «{ $title }» ({ $when }) теперь в вашем Google Календаре, со ссылкой на { $handle }.
meet-failed = Google Календарь не принял «{ $title }», событие не добавлено. Проверьте время и попробуйте /meet ещё раз.
meet-not-a-target = «{ $input }» — не обозначение контакта, компании или сделки вида C1, O1 или D1.
event-meeting = встреча { $when } в Google Календаре
event-meeting-titled = встреча «{ $title }» { $when } в Google Календаре

## Gmail (/mail, переписка на истории контакта)
cmd-mail = последние цепочки писем Gmail с контактом; показать их команде или скрыть
usage-mail = Использование: /mail C1 — последние цепочки писем Gmail с контактом C1; /mail C1 поделиться показывает вашу переписку с C1 команде, /mail C1 скрыть снова скрывает её.
mail-private-chat = Ваша почта Gmail — личная, поэтому я показываю её только в нашем личном чате. Напишите мне напрямую.
mail-not-connected = Gmail не подключён. Подключите аккаунт Google командой /connect_google и разрешите доступ к Gmail (только чтение).
mail-gmail-not-granted = В вашем подключении Google нет Gmail: разрешён только Календарь. Подключитесь заново командой /connect_google и разрешите Gmail (только чтение).
mail-none = Писем Gmail с { $handle } за последние 90 дней пока нет. Gmail синхронизируется каждые несколько минут.
mail-header = Переписка Gmail с { $record }:
mail-thread = { $when } · ✉ { $subject } ({ $participants }) — { $snippet }
mail-thread-shared = { $thread } · доступ открыт: { $owner }
mail-no-subject = (без темы)
mail-footer-private = Вашу переписку видите только вы. Чтобы команда видела её у { $handle }, отправьте /mail { $handle } поделиться.
mail-footer-shared = Команда видит вашу переписку с { $handle }. Чтобы скрыть её, отправьте /mail { $handle } скрыть.
mail-shared = Теперь команда видит вашу переписку Gmail с { $handle } в истории записи и в /mail.
mail-private = Ваша переписка Gmail с { $handle } снова видна только вам.
timeline-mail-header = Gmail:
