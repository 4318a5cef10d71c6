## Onboarding and help
welcome = ¡Bienvenido a ChatCRM, { $name }! Tus registros viven en tu espacio de trabajo personal; invita a tu equipo con /invite.
help-header = Esto es lo que puedo hacer:
cmd-start = empezar y ver esta introducción
cmd-help = ver los comandos
cmd-new-contact = añadir un contacto (de una vez o paso a paso)
cmd-contacts = ver o buscar tus contactos
cmd-contact = mostrar un contacto
cmd-edit = cambiar un campo: nombre, teléfono, correo, cargo o empresa
cmd-delete = eliminar un registro: contacto, empresa, oportunidad, tarea o nota
cmd-new-company = añadir una empresa
cmd-companies = ver o buscar empresas
cmd-new-deal = añadir una oportunidad (de una vez o paso a paso)
cmd-deals = oportunidades abiertas, o las de una etapa
cmd-stage = pasar una oportunidad a otra etapa
cmd-pipeline = oportunidades e importes por etapa
cmd-note = añadir una nota a un contacto, empresa, oportunidad o tarea
cmd-task = añadir una tarea, si quieres sobre un registro y con fecha límite
cmd-tasks = tus tareas pendientes
cmd-done = marcar una tarea como completada
cmd-timeline = qué ha pasado con un registro
cmd-search = buscar contactos, empresas, oportunidades y notas
cmd-import = importar contactos de un archivo CSV o vCard
cmd-import-chat = importar contactos: envía un archivo CSV o vCard a este chat
cmd-workspace = tu espacio de trabajo; crea uno, cambia de espacio o elimínalo
cmd-invite = invitar a alguien a este espacio de trabajo
cmd-members = quién está en este espacio de trabajo
cmd-role = cambiar el rol de un miembro
cmd-timezone = ver o configurar tu zona horaria
cmd-language = elegir el idioma de las respuestas
cmd-cancel = detener lo que estamos haciendo

## General
cancelled = Cancelado. No se guardó nada más.
nothing-to-cancel = No hay nada que cancelar.
nothing-to-skip = No hay nada que omitir.
unknown-command = No conozco el comando /{ $name }. Envía /help para ver lo que puedo hacer.
unknown-command-suggest = No existe /{ $name }. ¿Quisiste decir { $command }? /help muestra todos los comandos.
unknown-command-suggest-two = No existe /{ $name }. ¿Quisiste decir { $first } o { $second }? /help muestra todos los comandos.
not-understood = No lo entendí. Envía /help para ver los comandos, o escribe un identificador como C1 para ver un registro.
button-expired = Ese botón ya no es válido. Envía /help para empezar de nuevo.
error-internal = Algo salió mal de nuestro lado y no se guardó nada. Inténtalo de nuevo.
delivery-dead-letter = Lo sentimos, este mensaje no se pudo procesar y no se guardó nada de él. Envíalo de nuevo con otras palabras o prueba /help.
file-download-failed = No pude descargar este archivo de WhatsApp. Envíalo de nuevo.
not-a-handle = «{ $input }» no es un identificador como C1, O1, D1, T1 o N1.
not-found = No existe { $handle } en este espacio de trabajo.
text-too-long = Ese texto es demasiado largo (como máximo { $max ->
        [one] { $max } carácter
       *[other] { $max } caracteres
    }). No se guardó nada.
bad-date = No pude entender «{ $value }» como fecha. Prueba «mañana 15:00», «viernes», «la semana que viene» o «2026-12-01 9am».
page-of = (página { $page } de { $pages })
more-matches = { $max ->
        [one] Hay más de { $max } coincidencia; solo se muestra la primera.
       *[other] Hay más de { $max } coincidencias; solo se muestran las primeras { $max }.
    } Añade una palabra para afinar la búsqueda.
overdue-since = vencida: { $when }
deleted-user = usuario eliminado
choice-skip = Omitir
choice-cancel = Cancelar
choice-yes-delete = Sí, eliminar
choice-no = No
answer-yes = sí, si, s
answer-no = no, n
choice-reminder = Responde a la pregunta de arriba: { $options }. O envía un comando para hacer otra cosa.
choice-previous = ◀ Anterior
choice-next = Siguiente ▶
choice-done = ✅ Listo
choice-import = Importar

## Contacts
ask-name = ¿Cómo se llama el contacto?
ask-phone = ¿Teléfono, con el código de país (por ejemplo +49 151 12345678)?
ask-email = ¿Correo electrónico?
ask-position = ¿Cargo o puesto?
name-required = Un contacto necesita un nombre.
contact-created = Se guardó { $handle }.
contacts-empty = Aún no tienes contactos. Añade uno con /new_contact.
contacts-none-match = Ningún contacto coincide con «{ $query }».
contacts-header = { $count ->
    [one] { $count } contacto
   *[other] { $count } contactos
    }
usage-contact = Uso: /contact C1
usage-edit = Uso: /edit C1 campo valor. Campos: name (nombre), phone (teléfono), email (correo), position (cargo), company (empresa).
usage-delete = Uso: /delete C1 (cualquier identificador: C1, O1, D1, T1, N1)
edit-unknown-field = No puedo cambiar «{ $field }». Campos: nombre, teléfono, correo, cargo, empresa.
contact-updated = { $handle }: el campo «{ $field }» ahora es { $value }.
contact-field-cleared = { $handle }: se borró el campo «{ $field }».
delete-confirm = ¿Eliminar { $handle } · { $name }? No se puede deshacer.
contact-deleted = { $handle } eliminado.
delete-kept = Se conservó { $handle }.
delete-not-allowed = Solo los administradores y el propietario del espacio pueden eliminar registros.
record-deleted = { $handle } eliminado.
delete-takes = Se eliminan junto con el registro: { $items }.
delete-keeps = Se conservan, solo pierden su vínculo con { $handle } (su historial se mantiene): { $items }.
count-notes = { $count ->
    [one] { $count } nota
   *[other] { $count } notas
    }
count-files = { $count ->
    [one] { $count } archivo
   *[other] { $count } archivos
    }
count-contacts = { $count ->
    [one] { $count } contacto
   *[other] { $count } contactos
    }
count-deals = { $count ->
    [one] { $count } oportunidad
   *[other] { $count } oportunidades
    }
count-tasks = { $count ->
    [one] { $count } tarea
   *[other] { $count } tareas
    }
field-name = nombre
field-phone = teléfono
field-email = correo
field-position = cargo
error-empty = El campo { $field } no puede estar vacío.
error-too-long = El campo { $field } es demasiado largo (como máximo { $max ->
        [one] { $max } carácter
       *[other] { $max } caracteres
    }).
error-invalid-phone = El { $field } «{ $value }» no es un número de teléfono válido.
error-phone-needs-country = El campo { $field } necesita el código de país, por ejemplo +49 151 12345678.
error-invalid-email = El { $field } «{ $value }» no es un correo electrónico válido.
error-repeated = El campo { $field } se indicó dos veces.
nothing-saved = No se guardó nada.

## Companies
ask-company-name = ¿Cómo se llama la empresa?
company-created = Se guardó { $handle }.
company-bad-name = Una empresa necesita un nombre de 200 caracteres como máximo.
company-bad-domain = «{ $value }» no es un dominio web como acme.com. No se guardó nada.
company-bad-phone = «{ $value }» no es un número de teléfono válido. No se guardó nada.
companies-empty = Aún no tienes empresas. Añade una con /new_company.
companies-none-match = Ninguna empresa coincide con «{ $query }».
companies-header = { $count ->
    [one] { $count } empresa
   *[other] { $count } empresas
    }

## Deals
ask-deal-title = ¿Cómo se llama la oportunidad?
ask-deal-amount = ¿Importe y moneda (por ejemplo 12.500 EUR)?
ask-deal-link = ¿Con qué contacto o empresa es (por ejemplo C1 u O2)?
ask-deal-close = ¿Fecha de cierre prevista (por ejemplo «2026-12-31» o «la semana que viene»)?
deal-bad-title = Una oportunidad necesita un título de 200 caracteres como máximo.
deal-bad-amount = «{ $value }» no es un importe con moneda, como 12.500 EUR.
deal-bad-part = No pude entender «{ $value }»: indica un importe (12.500 EUR), un identificador (C1, O1) o una fecha.
deal-created = Se guardó { $handle }.
deal-expected-close = Cierre previsto: { $date }
deals-empty = Aún no hay oportunidades. Añade una con /new_deal.
deals-none-in-stage = No hay oportunidades en la etapa «{ $stage }».
deals-header = { $count ->
    [one] { $count } oportunidad
   *[other] { $count } oportunidades
    }
deal-count = { $count ->
    [one] { $count } oportunidad
   *[other] { $count } oportunidades
    }
unknown-stage = «{ $value }» no es una etapa. Etapas: { $stages }.
usage-stage = Uso: /stage D1 won
ask-stage = ¿A qué etapa pasamos { $deal }?
deal-moved = { $handle } está ahora en la etapa «{ $stage }».
pipeline-header = Embudo de ventas:
stage-lead = prospecto
stage-qualified = calificada
stage-proposal = propuesta
stage-negotiation = negociación
stage-won = ganada
stage-lost = perdida

## Notes and tasks
usage-note = Uso: /note C1 texto (también O1, D1 o T1)
note-added = Nota { $note } añadida a { $record }.
usage-task = Uso: /task [C1] texto [cuándo], por ejemplo /task C1 volver a llamar mañana 15:00
task-created = Tarea guardada: { $line }
task-no-due-hint = Sin fecha límite: añádela al final, por ejemplo «mañana 15:00».
usage-tasks = Uso: /tasks [hoy|vencidas|semana|todas]
tasks-header = { $count ->
    [one] { $count } tarea pendiente
   *[other] { $count } tareas pendientes
    }
tasks-none-all = No tienes tareas pendientes.
tasks-none-today = No hay nada para hoy.
tasks-none-overdue = No hay nada vencido.
tasks-none-week = No hay nada para esta semana.
usage-done = Uso: /done T1
task-done = ✅ { $handle } completada: { $body }
task-already-done = { $handle } ya estaba completada.
reminder = ⏰ Recordatorio: { $handle } · { $body } · { $due }
digest-header = { $count ->
    [one] ☀️ ¡Buenos días! { $count } tarea vence hoy o ya está vencida:
   *[other] ☀️ ¡Buenos días! { $count } tareas vencen hoy o ya están vencidas:
    }

## Timeline and search
usage-timeline = Uso: /timeline C1 (también O1, D1 o T1)
timeline-header = Historial de { $record }:
event-created = creó el registro
event-updated = cambió el campo «{ $field }»
event-stage = lo pasó de «{ $from }» a «{ $to }»
event-note = nota { $note }: { $body }
event-task = añadió la tarea { $task }
event-done = la marcó como completada
event-deleted = eliminó el registro
usage-search = Uso: /search texto
search-none = Nada coincide con «{ $query }».
search-header = { $count ->
    [one] { $count } resultado para «{ $query }»
   *[other] { $count } resultados para «{ $query }»
    }

## Import
usage-import = Uso: /import RUTA (un archivo CSV o vCard)
import-send-file = Envía el propio archivo CSV o vCard para importar sus contactos.
import-cannot-read = No pude leer { $path }: { $error }.
import-preview = { $file }: { $rows ->
        [one] { $rows } contacto
       *[other] { $rows } contactos
    } para importar; con problemas: { $errors }.
import-more-rows = … y { $count } más.
import-problems = No se importarán:
import-more-problems = … y { $count ->
    [one] { $count } problema más.
   *[other] { $count } problemas más.
    }
import-nothing = No hay nada que importar.
import-too-large = El archivo es demasiado grande (como máximo { $mb } MB).
import-too-many = El archivo tiene demasiados contactos (como máximo { $max }).
import-unknown-format = No es un archivo CSV ni vCard.
import-no-name-column = No encontré ninguna columna de nombre en el archivo. Sus columnas: { $headers }.
import-empty = El archivo no tiene contactos.
import-missing-name = sin nombre
import-company-too-long = el nombre de la empresa es demasiado largo
import-row-problem = línea { $line }: { $problem }
import-waiting = Hay una importación en espera: pulsa «Importar» para continuar, o «Cancelar».
import-done = Importación terminada. Contactos creados: { $created }; actualizados: { $updated }. Empresas creadas: { $companies }.

## Teams
usage-workspace = Uso: /workspace, /workspace new NOMBRE, /workspace delete
ask-workspace-name = ¿Cómo se llamará el nuevo espacio de trabajo?
workspace-bad-name = Un espacio de trabajo necesita un nombre de { $max ->
        [one] { $max } carácter
       *[other] { $max } caracteres
    } como máximo.
workspace-created = Espacio de trabajo «{ $name }» creado: eres su propietario y ahora es tu espacio actual. Invita a otras personas con /invite.
workspace-current = Estás en «{ $name }» ({ $kind }) como { $role }; { $members ->
    [one] { $members } miembro.
   *[other] { $members } miembros.
    }
workspace-kind-personal = personal
workspace-kind-team = de equipo
workspace-switch-hint = Cambiar a otro espacio de trabajo:
workspace-hint = Crea un espacio de equipo con /workspace new NOMBRE.
workspace-switched = Ahora estás en «{ $name }».
workspace-delete-confirm = ¿Eliminar este espacio de trabajo y todos sus registros para todos sus miembros? No se puede deshacer.
workspace-delete-not-owner = Solo el propietario puede eliminar este espacio de trabajo.
workspace-deleted = Se eliminó el espacio de trabajo.
role-owner = propietario
role-admin = administrador
role-member = miembro
usage-invite = Uso: /invite [member|admin] [group]
invite-not-allowed = Solo los administradores y el propietario pueden invitar a otras personas.
invite-created = Invitación como { $role }, válida durante { $hours ->
    [one] { $hours } hora
   *[other] { $hours } horas
    } y de un solo uso. La persona debe enviar: { $command }
invite-invalid = Ese código de invitación no existe, ya se usó o caducó. Pide uno nuevo.
joined-workspace = Te uniste a «{ $name }» como { $role }. Ahora es tu espacio de trabajo actual.
members-header = { $count ->
    [one] { $count } miembro:
   *[other] { $count } miembros:
    }
usage-role = Uso: /role NOMBRE member|admin|owner
role-not-allowed = No puedes hacer ese cambio: los administradores gestionan a los miembros y solo el propietario puede ceder la propiedad.
member-not-found = Ningún miembro se llama «{ $name }». Consulta /members.
member-ambiguous = Más de un miembro coincide con «{ $name }»; escribe más del nombre.
role-changed = { $name } ahora es { $role }.

## Settings
timezone-current = Tu zona horaria es { $zone } (hora local: { $time }). Cámbiala con /timezone Europe/Berlin.
timezone-set = Zona horaria configurada: { $zone } (hora local: { $time }).
timezone-unknown = No conozco la zona horaria «{ $value }». Usa un nombre como Europe/Berlin o America/New_York, o un desfase como UTC+3.
language-choose = Elige tu idioma:
language-set = Responderé en español.
language-name = Español
language-unknown = Puedo responder en: { $languages }.

## Chat channels
unsupported-kind = No puedo procesar mensajes de tipo «{ $kind }». Envía texto, un comando (/help), una tarjeta de contacto o un archivo CSV o vCard.
forwarded-unknown = No hay ningún contacto llamado «{ $name }». ¿Lo añado como contacto y guardo este mensaje en su historial?
forwarded-logged = Guardado en el historial de { $handle } · { $name }.
forwarded-note = Mensaje reenviado: { $text }
choice-add-contact = Añadir contacto
cmd-link = usar esta cuenta también desde otra app de chat
link-code = Tu código de enlace es { $code }. { $minutes ->
        [one] En el próximo minuto
       *[other] En los próximos { $minutes } minutos
    }, envía «/link { $code }» desde tu otra app de chat (Telegram o WhatsApp): compartirá esta cuenta, sus espacios y registros.
link-invalid = Ese código de enlace no existe o ha caducado. Envía /link aquí para obtener uno nuevo.
link-same-user = Este chat ya pertenece a esa cuenta.
link-done = Enlazado: este chat usa ahora la misma cuenta, espacios y registros que tu otra app de chat.

## Privacy
cmd-privacy = qué datos tuyos guarda ChatCRM y tus derechos
cmd-consent = procesamiento con IA y mensajes de marketing: sí o no
cmd-export = un ZIP con todos tus datos (JSON y CSV)
export-ready = Tu exportación está lista: { $path } ({ $files ->
        [one] { $files } archivo
       *[other] { $files } archivos
    }, { $records ->
        [one] { $records } registro
       *[other] { $records } registros
    })
export-prepared = Tu exportación está preparada (archivos: { $files }, registros: { $records }), pero es demasiado grande para un mensaje del chat y este servidor no tiene una dirección pública para el enlace de descarga. Pide el archivo a tu administrador de ChatCRM.
export-attached = Tu exportación va adjunta (archivos: { $files }, registros: { $records }): un ZIP con archivos JSON y CSV. El archivo se borra de nuestro servidor una vez enviado.
export-undeliverable = No pude enviarte el archivo de tu exportación y se ha borrado de nuestro servidor. Envía /export de nuevo; este intento no cuenta para tu límite diario.
export-limit = Puedes exportar tus datos como máximo { $limit ->
        [one] { $limit } vez
       *[other] { $limit } veces
    } al día. Inténtalo de nuevo mañana.
export-private-only = Tu exportación contiene tus datos personales, así que solo la envío en nuestro chat privado. Escríbeme /export directamente.
terms-accepted = Al usar ChatCRM aceptas sus términos y su política de privacidad: { $url } (ver /privacy).
privacy-summary = Lo que ChatCRM guarda sobre ti: identidades de chat: { $identities }; espacios de trabajo: { $workspaces }; contactos creados por ti: { $contacts }; empresas: { $companies }; oportunidades: { $deals }; notas escritas: { $notes }; tareas asignadas: { $tasks }; entradas de historial tuyas: { $activities }; decisiones de consentimiento: { $consents }.
    Política: { $url }
    Tus opciones: /consent. Una copia de todos tus datos: /export. Eliminar tu cuenta: /delete_account.
consent-status = Procesamiento de tus mensajes con IA: { $ai }.
    Envío de mensajes de marketing: { $marketing }.
    La IA solo se usa para acciones que tú inicias; si la desactivas, ningún servicio de IA verá tu texto.
consent-on = activado
consent-off = desactivado
# Words /consent reads (comma-separated; the words of every language are accepted).
consent-words-ai = ia, ai
consent-words-marketing = marketing, publicidad
consent-words-on = activado, activar, activa, sí, si, 1
consent-words-off = desactivado, desactivar, desactiva, no, 0
# Words read in commands and written in dates (every language's words are read).
words-task-all = todas, todo
words-task-today = hoy
words-task-overdue = vencidas, atrasadas
words-task-week = semana
words-calendar-today = hoy
words-calendar-tomorrow = mañana
words-calendar-week = semana
words-mail-share = compartir
words-mail-private = privado, privados
words-company-link = empresa
words-region = región
# Dates: yesterday, today, tomorrow; the word before a clock time (at one o'clock, else);
# the days from Monday; the day and month (chrono's strftime).
when-days = ayer, hoy, mañana
when-at-one = a la
when-at = a las
when-weekdays = lun, mar, mié, jue, vie, sáb, dom
when-day-month = %d/%m
# Words the date parser reads, in any user's language (accents optional). Commas separate
# words or two-word phrases; `|` separates the groups of when-word-weekdays (Monday first),
# when-word-months (January first) and when-word-units (minute | hour | day | week |
# month); {""} is none. A word in two lists means the first: at, filler, then the rest.
# when-word-ambiguous: words that alone are more likely ordinary words than dates.
when-word-at = a las, a la
when-word-filler = el, la, las, de, del, para
when-word-today = hoy
when-word-tomorrow = mañana
when-word-day-after-tomorrow = pasado mañana
when-word-yesterday = ayer
when-word-tonight = esta noche
when-word-next = próximo, próxima
when-word-next-after = siguiente, que viene
when-word-this = este, esta
when-word-in = en
when-word-in-count-optional = {""}
when-word-one = un, una
when-word-noon = mediodía
when-word-weekdays = lunes, lun | martes | miércoles, mié | jueves, jue | viernes, vie | sábado, sáb | domingo, dom
when-word-months = enero | febrero | marzo | abril | mayo | junio | julio | agosto | septiembre, setiembre | octubre | noviembre | diciembre
when-word-units = minuto, minutos | hora, horas | día, días | semana, semanas | mes, meses
when-word-ambiguous = {""}
# How numbers are written (CLDR: the thousands separator, the decimal mark, the fewest
# digits before a group is used) and slashed dates read (month-first or day-first).
# words-field-*: the /edit field names (any language's are accepted).
number-group = {"."}
number-decimal = {","}
number-min-grouping = 2
date-order = day-first
words-field-name = nombre
words-field-phone = teléfono
words-field-email = correo
words-field-position = cargo, puesto
consent-usage = Escribe /consent para ver tus decisiones o, por ejemplo, /consent ai on, /consent ai off, /consent marketing on. No se cambió nada.
choice-ai-off = Desactivar IA
choice-ai-on = Activar IA
choice-marketing-off = Sin marketing
choice-marketing-on = Activar marketing

# WhatsApp: the words the channel adds to interactive messages.
whatsapp-list-button = Elegir
whatsapp-choose = Elige una opción:
cmd-delete-account = eliminar tu cuenta y tus datos personales
delete-account-explain = Eliminar tu cuenta borra tu perfil, tus identidades de chat, tus consentimientos y diálogos sin terminar, los mensajes pendientes de envío y todos los espacios de trabajo donde eres el único miembro, con todos sus registros. Los registros que creaste en espacios de equipo se quedan con el equipo, como de «usuario eliminado».
delete-account-google = Tu cuenta de Google { $email } está conectada: revocaré el acceso de ChatCRM en Google y borraré todo lo sincronizado desde ella.
delete-account-final = No se puede deshacer.
delete-account-owner = Eres propietario del espacio de equipo «{ $workspace }», que tiene otros miembros. Primero transfiérelo con /role NOMBRE owner o elimínalo con /workspace delete.
delete-account-done = Tu cuenta y tus datos personales se han eliminado. Si vuelves a escribir, empezarás una cuenta nueva.
delete-account-limit = Desde un chat se pueden eliminar como máximo { $limit ->
        [one] { $limit } cuenta
       *[other] { $limit } cuentas
    } por hora, y ahora no se eliminó nada. Inténtalo de nuevo en { $minutes } min.
choice-delete-account = Eliminar mi cuenta
export-link = Tu exportación está lista (archivos: { $files }, registros: { $records }). Descárgala una sola vez en { $hours } h: { $url }
file-needs-handle = Para adjuntar este archivo a un registro, envíalo de nuevo con el identificador del registro (como C12, O3 o D7) como pie de foto. Los archivos CSV y vCard sin él se importan.
photo-needs-handle = Para adjuntar esta foto a un registro, envíala de nuevo con el identificador del registro (como C12, O3 o D7) al principio del pie de foto, por ejemplo: C12 visita a la obra.
file-too-large = Ese archivo es demasiado grande (como máximo { $mb } MB).
file-attached = { $file } ({ $kb } KB) adjuntado a { $record }.
event-file = archivo { $file } adjuntado

# Botones vinculados a su usuario (pulsar el botón de otra persona).
button-not-yours = Este botón no es para ti.
## Access control: /link in private only, /unlink, group invites, /remove, /leave, /invites
channel-telegram = Telegram
channel-whatsapp = WhatsApp
channel-console = la consola
cmd-unlink = separar de esta cuenta una app de chat enlazada
cmd-remove = quitar a un miembro de este espacio de trabajo
cmd-leave = salir de este espacio de trabajo de equipo
cmd-invites = invitaciones abiertas de este espacio y su revocación
link-private-only = Los códigos de enlace dan acceso a tu cuenta, así que solo atiendo /link en nuestro chat privado. Escríbeme /link directamente.
link-code-warning = No compartas nunca este código: quien lo envíe entra en tu cuenta. Solo funciona desde otra app distinta de { $channel }.
link-same-channel = Ese código se creó en esta misma app de chat y solo funciona desde otra (Telegram, WhatsApp o la consola). Ya no es válido: envía /link en tu otra app para obtener uno nuevo.
link-throttled = Demasiados códigos de enlace incorrectos. Por seguridad, vuelve a intentarlo dentro de { $minutes ->
    [one] 1 minuto.
   *[other] { $minutes } minutos.
    }
identity-this-chat = (este chat)
unlink-private-only = Tus chats enlazados son datos personales, así que solo atiendo /unlink en nuestro chat privado.
unlink-only-one = Este es el único chat de tu cuenta; no hay nada que desenlazar.
unlink-list = Chats que comparten esta cuenta. Elige cuál desenlazar (o envía /unlink 2, /unlink whatsapp):
unlink-not-found = Ninguno de tus chats enlazados coincide. Envía /unlink para verlos.
unlink-ambiguous = Coincide más de un chat enlazado; envía /unlink y elige por número.
unlink-confirm = ¿Desenlazar { $identity }? Pasará a ser una cuenta aparte con un espacio personal vacío y ya no verá nada de esta cuenta.
choice-yes-unlink = Sí, desenlazar
unlink-done = { $identity } quedó desenlazado: ya no ve nada de esta cuenta.
unlink-done-this-chat = Este chat quedó desenlazado: ahora es una cuenta aparte con un espacio personal vacío.
privacy-identities = Chats que usan esta cuenta:
privacy-unlink-hint = Para deshacer un enlace: /unlink.
invite-not-posted = No publiqué una invitación aquí: cualquiera en este grupo podría usarla. Pídeme /invite en nuestro chat privado o envía /invite group para publicar una para este grupo a propósito.
invite-posted-in-group = Cualquiera en este grupo puede usar este código para unirse a tu espacio de trabajo, hasta que se use o se revoque (/invites).
choice-remove = Quitar a { $name }
usage-remove = Uso: /remove NOMBRE (ver /members)
remove-self = No puedes quitarte a ti mismo; para salir de este espacio de trabajo, envía /leave.
remove-not-allowed = Solo los administradores y el propietario pueden quitar miembros.
remove-owner = Un administrador no puede quitar al propietario.
remove-last-owner = No se puede quitar al último propietario.
remove-confirm = ¿Quitar a { $name } de «{ $workspace }»? Perderá el acceso a todos sus registros.
choice-yes-remove = Sí, quitar
member-removed = Se quitó a { $name }, que ya no ve nada de este espacio de trabajo.
leave-personal = Este es tu espacio personal; no puedes salir de él. Cambia a otro con /workspace.
leave-alone = Eres el único miembro. Para deshacerte de este espacio, elimínalo con /workspace delete.
leave-last-owner = Eres el propietario: primero cede la propiedad con /role NOMBRE owner y luego envía /leave.
leave-confirm = ¿Salir de «{ $name }»? Perderás el acceso a todos sus registros hasta que alguien te invite de nuevo.
choice-yes-leave = Sí, salir
workspace-left = Saliste de «{ $name }». Ahora estás en «{ $current }».
invites-not-allowed = Solo los administradores y el propietario pueden ver y revocar invitaciones.
invites-none = No hay invitaciones abiertas en este espacio de trabajo. Crea una con /invite.
invites-header = { $count ->
    [one] 1 invitación abierta:
   *[other] { $count } invitaciones abiertas:
    }
invites-line = { $number }. …{ $ending } · { $role } · hasta { $until } · de { $by }
choice-revoke = Revocar { $number }
invite-revoked = La invitación fue revocada; su código ya no funciona.
invite-already-gone = Esa invitación ya no está abierta (usada, caducada o revocada).
# Files: size limit and quota per workspace (security findings 4-6).
file-quota-full = No hay espacio para este archivo en este espacio de trabajo: sus archivos ya ocupan { $used } MB de los { $allowed } MB permitidos y este tiene { $size } MB. No se guardó nada.
# Snapshot replies: the company link of /edit, a Cancel or No button with nothing to cancel,
# and the timeline's entries (issue 10, item 6).
field-company = empresa
contact-company-created = Se creó la empresa «{ $name }» como { $company } y se asignó a { $handle }.
nothing-changed = De acuerdo, no se cambió nada.
event-updated-import = actualizado desde una importación
# /help: command usages with localized placeholders (keywords stay as typed).
help-usage-new-contact = /new_contact [nombre, teléfono, correo, cargo]
help-usage-contacts = /contacts [búsqueda]
help-usage-edit = /edit C1 campo valor
help-usage-new-company = /new_company [nombre, dominio, teléfono]
help-usage-companies = /companies [búsqueda]
help-usage-new-deal = /new_deal [título, importe, C1/O1, fecha de cierre]
help-usage-deals = /deals [etapa]
help-usage-stage = /stage D1 ganada
help-usage-note = /note C1 texto
help-usage-task = /task [C1] texto [cuándo]
help-usage-tasks = /tasks [hoy|vencidas|semana|todas]
help-usage-search = /search texto
help-usage-import = /import RUTA
help-usage-workspace = /workspace [new NOMBRE | delete]
help-usage-role = /role NOMBRE member|admin|owner
help-usage-remove = /remove NOMBRE
help-usage-link = /link [CÓDIGO]

## Security fixes: who may /unlink whom, the per-account attachment quota
unlink-not-allowed = { $identity } ya formaba parte de esta cuenta antes que este chat, así que solo se puede desenlazar desde: { $chats }. Puedes desenlazar este chat con /unlink { $own }.
unlink-list-limited = Los chats sin botón ya formaban parte de esta cuenta antes que este chat; solo un chat anterior puede desenlazarlos.
file-user-quota-full = No tienes espacio para este archivo: tus archivos ya ocupan { $used } MB de los { $allowed } MB que una cuenta puede guardar entre todos sus espacios de trabajo y este tiene { $size } MB. No se guardó nada.

# Deals: a part that could be an amount or a date is asked about.
deal-amount-or-date = «{ $value }» puede ser un importe o una fecha. Escríbelo con la moneda si es un importe (31.12 EUR) o con el año si es la fecha de cierre (31.12.2026).

# Ajustes del espacio de trabajo, región de teléfonos, posibles duplicados (issue 11, puntos 6 y 7).
cmd-settings = ver o cambiar los ajustes del espacio de trabajo (región de teléfonos)
settings-header = Ajustes de este espacio de trabajo:
settings-usage = Cambia la región de teléfonos con /settings region ES (un código de país de dos letras), o vuelve a la del servidor con /settings region -.
settings-not-allowed = Solo los administradores y propietarios de este espacio de trabajo pueden cambiar sus ajustes.
settings-region-unknown = «{ $value }» no es un código de país que conozca. Usa dos letras (ISO 3166), por ejemplo /settings region ES, MX, US o DE.
settings-region-set = Región de teléfonos: { $region }: los números escritos sin +país se leen ahora como números de { $region }.
settings-region-cleared = Este espacio de trabajo usa ahora la región de teléfonos por defecto del servidor.
settings-region-own = 📞 Región de teléfonos: { $region }: los números escritos sin +país se leen como números de { $region }.
settings-region-default = 📞 Región de teléfonos: { $region } (la del servidor): los números escritos sin +país se leen como números de { $region }.
settings-region-none = 📞 Región de teléfonos: ninguna: los números deben escribirse con +país (o 00 y el país).
phone-dropped-needs-country = El teléfono «{ $value }» no se guardó: no tiene código de país y este espacio de trabajo no tiene región de teléfonos. Añádelo con /edit y +país, o pide a un administrador que fije la región con /settings region ES.
phone-dropped-invalid = El teléfono «{ $value }» no se guardó: no es un número válido. Añádelo más tarde con /edit.
duplicate-contact = { $handle } { $name } ya tiene { $reason ->
    [phone] este teléfono
    [email] este correo
   *[name] este nombre
}. ¿Es la misma persona? No se guarda nada hasta que elijas.
choice-open = Abrir { $handle }
choice-save-anyway = Guardar de todos modos
import-phones-dropped = Se importan sin su teléfono (añádelo más tarde con /edit):
duplicate-company = { $handle } { $name } ya tiene { $reason ->
    [domain] este dominio
   *[name] este nombre
}. ¿Es la misma empresa? No se guarda nada hasta que elijas.
phone-step-needs-country = El teléfono «{ $value }» no tiene código de país y este espacio de trabajo no tiene región de teléfonos (un administrador puede fijarla con /settings region ES). Escríbelo con +país o 00país, o pulsa Omitir para guardar el contacto sin teléfono.

# Console (`chatcrm chat`).
console-greeting = Consola de ChatCRM. Escribe /help para ver los comandos; Ctrl-D para salir.
console-other-bot = Ese comando va dirigido a @{ $bot }, no a ChatCRM, así que no se hizo nada. Escríbelo sin «@{ $bot }».

# /ask, /summary, /draft (issue 13, items 3 and 7).
cmd-ask = pregunta por tus registros con tus propias palabras (IA)
cmd-summary = un resumen breve de un contacto, empresa u oportunidad (IA)
cmd-draft = borrador de un correo de seguimiento a un contacto (IA)
usage-ask = Uso: /ask pregunta, por ejemplo /ask oportunidades abiertas de más de 5000 EUR que cierran este mes
usage-summary = Uso: /summary C1 (también O1 o D1)
usage-draft = Uso: /draft C1 [de qué trata], por ejemplo /draft C1 la oferta que hablamos (también D1: el contacto de la oportunidad)
ask-too-long = { $max ->
    [one] Pregunta en { $max } carácter como máximo.
   *[other] Pregunta en { $max } caracteres como máximo.
}
ask-found = { $count ->
    [one] 1 registro coincide con tu pregunta:
   *[other] { $count } registros coinciden con tu pregunta:
}
ask-more = { $count ->
    [one] …y 1 registro más. Precisa la pregunta para acotar la búsqueda.
   *[other] …y { $count } registros más. Precisa la pregunta para acotar la búsqueda.
}
ask-no-match = Ningún registro coincide con tu pregunta.
ask-not-a-query = Solo respondo preguntas que listan tus contactos, empresas, oportunidades, tareas o notas, por ejemplo /ask oportunidades ganadas este mes. No se buscó nada.
ask-plan-unreadable = El servicio de IA respondió algo que no pude leer como una búsqueda, así que no se buscó nada. Reformula tu pregunta.
ask-plan-unknown-kind = El servicio de IA pidió «{ $kind }», que no son contactos, empresas, oportunidades, tareas ni notas, así que no se buscó nada. Reformula tu pregunta.
ask-plan-unknown-field = El servicio de IA pidió buscar por «{ $field }», por lo que no puedo buscar estos registros, así que no se buscó nada. Reformula tu pregunta.
ask-plan-unknown-op = El servicio de IA pidió comparar «{ $field }» con «{ $op }», lo que no sé hacer, así que no se buscó nada. Reformula tu pregunta.
ask-plan-bad-value = El servicio de IA pidió «{ $value }» en «{ $field }», que no es un valor que pueda buscar, así que no se buscó nada. Reformula tu pregunta.
ask-plan-needs-currency = Los importes necesitan una moneda (por ejemplo 5000 EUR) y este servidor no tiene una por defecto, así que no se buscó nada. Indica la moneda en tu pregunta.
ask-plan-unknown-sort = El servicio de IA pidió ordenar por «{ $field }», por lo que no puedo ordenar estos registros, así que no se buscó nada. Reformula tu pregunta.
ask-plan-too-many-filters = La búsqueda tenía más condiciones de las permitidas, así que no se buscó nada. Haz una pregunta más sencilla.
summary-kinds = /summary funciona con contactos, empresas y oportunidades (C1, O1, D1).
summary-header = 📝 Resumen de { $handle }, escrito por la IA a partir del registro y su historial:
draft-kinds = /draft funciona con contactos y oportunidades (C1, D1); para una oportunidad escribe a su contacto.
draft-no-contact = { $handle } no tiene un contacto al que escribir. Vincula uno a la oportunidad o escribe al contacto directamente (/draft C1).
draft-about-too-long = { $max ->
    [one] Di de qué trata el correo en { $max } carácter como máximo.
   *[other] Di de qué trata el correo en { $max } caracteres como máximo.
}
draft-header = ✉️ Borrador para { $name } ({ $handle }), escrito por la IA — léelo antes de enviarlo:
ai-link-removed = [enlace eliminado]
ai-answer-empty = El servicio de IA respondió sin nada que pueda mostrar. Inténtalo de nuevo.

# IA (captura de notas, la pregunta de consentimiento, fallos).
ai-not-configured = Las funciones de IA no están configuradas en este servidor.
ai-started = { $feature ->
    [capture] Leyendo tu nota…
   *[other] Trabajando en ello…
}
ai-consent-ask = Para leer tu nota, ChatCRM envía su texto, la fecha de hoy y tu idioma al servicio de IA configurado en este servidor. Solo se usa para lo que pides, nunca en segundo plano. ¿Permitir el procesamiento con IA?
ai-consent-yes = Permitir IA
ai-consent-no = Ahora no
ai-consent-granted = El procesamiento con IA está activado (desactívalo cuando quieras con /consent ai off).
ai-consent-refused = El procesamiento con IA sigue desactivado y tu nota no se envió a ningún sitio. Actívalo cuando quieras con /consent ai on.
ai-consent-off = El procesamiento con IA está desactivado, así que tu mensaje no se envió al servicio de IA. Actívalo con /consent ai on.
ai-budget-exhausted = Este espacio de trabajo ya usó su cupo de IA de hoy, así que tu mensaje no se envió al servicio de IA. Inténtalo mañana.
ai-too-many = Enviaste muchas solicitudes de IA en el último minuto, así que esta no se envió. Espera un momento y vuelve a enviarla.
ai-failed = { $kind ->
    [timeout] El servicio de IA no respondió a tiempo y no se guardó nada. Inténtalo de nuevo en un momento.
    [rate_limited] El servicio de IA está ocupado ahora y no se guardó nada. Inténtalo en unos minutos.
    [refused] El servicio de IA rechazó esta solicitud y no se guardó nada.
    [bad_answer] El servicio de IA respondió algo que no pude leer y no se guardó nada. Inténtalo de nuevo.
   *[other] El servicio de IA no está disponible ahora y no se guardó nada. Inténtalo más tarde.
}
capture-card-header = Esto es lo que leí en tu nota. No se guarda nada hasta que confirmes:
capture-new-contact = 👤 Contacto nuevo: { $line }
capture-update-contact = 👤 Actualizar { $handle } { $name }: { $changes }
capture-same-contact = 👤 { $handle } { $name } (ya guardado, sin cambios)
capture-new-company = 🏢 Empresa nueva: { $line }
capture-existing-company = 🏢 { $handle } { $name } (ya guardada)
capture-new-deal = 💼 Oportunidad nueva: { $line }
capture-new-task = ☑ Tarea nueva: { $line }
capture-note = 📝 Nota: { $body }
capture-no-due = sin fecha límite
capture-warning-phone = ⚠ «{ $value }» no es un número de teléfono válido; se omitió.
capture-warning-email = ⚠ «{ $value }» no es un correo electrónico válido; se omitió.
capture-warning-amount = ⚠ «{ $value }» no es un importe que pueda leer; la oportunidad queda sin importe.
capture-warning-due = ⚠ «{ $value }» no es una fecha que pueda leer; la tarea queda sin fecha límite.
capture-warning-domain = ⚠ Se omitió una dirección web que no está en tu nota.
capture-warning-unnamed = ⚠ { $kind ->
    [contact] Se omitió un contacto
    [company] Se omitió una empresa
    [deal] Se omitió una oportunidad
   *[task] Se omitió una tarea
} sin nombre.
capture-warning-links = ⚠ Se quitaron los enlaces de la respuesta de la IA.
capture-warning-note-alone = ⚠ La nota no tiene contacto, empresa ni oportunidad a la que ir; se omitió.
capture-nothing = No encontré nada que guardar en tu nota. Puedes añadir registros con /new_contact, /new_deal o /task.
capture-confirm = Confirmar
capture-edit = Editar
capture-cancel = Cancelar
capture-saved = Guardado desde tu nota:
    { $handles }
capture-cancelled = Cancelado; no se guardó nada.
capture-edit-prompt = No se guardó nada. Vuelve a enviar tu nota con los cambios y la leeré de nuevo. Tu nota era:
capture-expired = Esta tarjeta caducó y no se guardó nada; vuelve a enviar tu nota.
capture-settled = Esta tarjeta ya fue respondida.
capture-other-workspace = Esta tarjeta pertenece a otro espacio de trabajo; cámbiate primero con /workspace.
event-created-ai = creado a partir de tu mensaje con IA
event-updated-ai = actualizado a partir de tu mensaje con IA
help-usage-ask = /ask pregunta
help-usage-draft = /draft C1 [de qué trata]
help-usage-calendar = /calendar [hoy|mañana|semana]
help-usage-meet = /meet C1 viernes 15:00 [45m] [título]
help-usage-mail = /mail C1 [compartir|privado]

# Google (/connect_google, /google, /disconnect_google, the OAuth callback page, the worker).
cmd-connect-google = conectar tu Google Calendar y Gmail
cmd-google = tu conexión con Google: cuenta, funciones, última sincronización
cmd-disconnect-google = desconectar Google y borrar lo sincronizado
google-private-only = Tu conexión con Google es personal, así que solo la gestiono en nuestro chat privado. Escríbeme directamente.
google-not-configured = Google no está configurado en este servidor de ChatCRM, así que no se puede conectar. Pide al administrador que configure [google] (ver README, «Connecting Google»).
google-connect-link = Abre el enlace para conectar tu cuenta de Google. Google te preguntará qué acceso permitir (Calendar, Gmail solo lectura); puedes permitir solo una parte. El enlace funciona una vez, durante 10 minutos.
choice-google-connect = Conectar Google
google-already-connected = Google ya está conectado con { $email }. Para usar otra cuenta, desconecta primero con /disconnect_google.
google-disconnecting = Tu conexión con Google se está desconectando. Espera un momento y, si quieres, vuelve a conectar con /connect_google.
google-connected = Google conectado: { $email }. Funciones: { $features }. Mira el estado con /google; desconecta cuando quieras con /disconnect_google.
google-connect-failed = No se pudo conectar Google: Google no aceptó la solicitud o no respondió. No se guardó nada. Vuelve a intentarlo con /connect_google.
google-connect-denied = No se permitió el acceso a Google, así que no se conectó nada. Vuelve a intentarlo con /connect_google.
google-feature-calendar = Calendar
google-feature-gmail = Gmail (solo lectura)
google-feature-none = ninguna (no se permitió acceso a Calendar ni a Gmail)
google-none = Google no está conectado. Conéctalo con /connect_google.
google-never = nunca
google-no-error = ninguno
google-error-reconnect = Google ya no acepta el acceso: vuelve a conectar con /connect_google
google-error-unauthorized = Google no aceptó el token de acceso
google-error-rate-limited = Google pidió ir más despacio (demasiadas solicitudes)
google-error-unavailable = Google no está disponible ({ $detail })
google-error-refresh = Renovar el acceso
google-error-other = Google respondió: { $words }
google-status-active = activa
google-status-reconnect = hay que volver a conectar (/connect_google)
google-status-disconnecting = desconectando
google-summary = Cuenta de Google: { $email }
    Funciones: { $features }
    Estado: { $status }
    Conectada: { $connected }
    Última sincronización correcta: { $synced }
    Último error: { $error }
google-disconnect-confirm = ¿Desconectar Google ({ $email })? Revocaré el acceso de ChatCRM en Google y borraré los tokens y todo lo sincronizado desde Google.
choice-google-disconnect = Desconectar Google
google-disconnect-started = Desconectando Google: revoco el acceso y borro los datos sincronizados. Te avisaré cuando termine.
google-disconnected = Google está desconectado: el acceso se revocó en Google y se borraron los tokens y todo lo sincronizado.
google-disconnected-revoke-failed = Google está desconectado aquí: se borraron los tokens y todo lo sincronizado. Google no confirmó la revocación, así que quita también el acceso de ChatCRM en tu cuenta de Google: https://myaccount.google.com/permissions
google-reconnect-needed = Google ya no acepta el acceso de ChatCRM (se revocó o caducó), así que la sincronización se detuvo. Vuelve a conectar con /connect_google.
google-page-title = ChatCRM y Google
google-page-connected = Conectado { $email }: ya puedes volver al chat.
google-page-denied = No se permitió el acceso, así que no se conectó nada. Puedes cerrar esta página y volver a intentarlo con /connect_google en el chat.
google-page-bad-state = Este enlace no es válido o ya se usó. No se conectó nada. Pide uno nuevo con /connect_google en el chat.
google-page-expired = Este enlace caducó (los enlaces funcionan 10 minutos). No se conectó nada. Pide uno nuevo con /connect_google en el chat.
google-page-failed = No se pudo conectar Google. No se guardó nada. Vuelve a intentarlo con /connect_google en el chat.
google-page-not-configured = Google no está configurado en este servidor de ChatCRM.

# Google Calendar (/calendar, /meet, la reunión que crea el proceso en segundo plano).
cmd-calendar = tu Google Calendar: hoy, mañana o la semana
cmd-meet = poner una reunión con un contacto, empresa u oportunidad en tu Google Calendar
usage-calendar = Uso: /calendar [hoy|mañana|semana] (hoy si no indicas nada)
usage-meet = Uso: /meet C1 viernes 15:00 [45m] [título] — un contacto (C), empresa (O) u oportunidad (D), un día y una hora, luego la duración (30 minutos si no la indicas) y un título
calendar-not-connected = Tu Google Calendar no está conectado. Conéctalo con /connect_google.
calendar-not-granted = Google está conectado sin acceso a Calendar, así que no puedo ver ni añadir eventos. Conecta de nuevo con /connect_google y permite Calendar.
google-sync-stopped = La sincronización se ha detenido: Google ya no acepta el acceso de ChatCRM, así que esto puede no estar al día. Conecta de nuevo con /connect_google.
meet-reconnect = No puedo añadir la reunión hasta que vuelvas a conectar Google: ya no acepta el acceso de ChatCRM. Conecta de nuevo con /connect_google.
calendar-not-synced-yet = Tu calendario aún no se ha sincronizado; la primera sincronización se hace justo después de conectar. Inténtalo en un minuto.
calendar-header = { $period ->
    [tomorrow] Mañana
    [week] Los próximos 7 días
   *[today] Hoy
  }: { $count ->
    [one] 1 evento
   *[other] { $count } eventos
  } (sincronizado { $synced })
calendar-all-day = todo el día
calendar-untitled = (sin título)
meet-bad-time = No entendí «{ $input }» como día y hora. Prueba: /meet C1 viernes 15:00
meet-no-time = Indica también la hora de la reunión, p. ej. /meet C1 viernes 15:00
meet-in-past = Esa hora ya pasó. Elige un momento futuro.
meet-bad-duration = Una reunión dura de 1 minuto a 12 horas (p. ej. 45m, 1h, 1h30m).
meet-default-title = Reunión con { $name }
meet-requested = Añadiendo «{ $title }» ({ $when }, { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
  }) a tu Google Calendar, vinculada a { $handle }. Te aviso cuando esté.
meet-created = «{ $title }» ({ $when }) ya está en tu Google Calendar, vinculada a { $handle }.
meet-failed = Google Calendar no aceptó «{ $title }», así que no se añadió. Revisa la hora y prueba /meet otra vez.
meet-not-a-target = «{ $input }» no es un identificador de contacto, empresa u oportunidad como C1, O1 o D1.
event-meeting = reunión { $when } en Google Calendar
event-meeting-titled = reunión «{ $title }» { $when } en Google Calendar

## Gmail (/mail, hilos en el historial de un contacto)
cmd-mail = los últimos hilos de Gmail con un contacto; compartirlos con tu equipo o mantenerlos privados
usage-mail = Uso: /mail C1 — los últimos hilos de Gmail con el contacto C1; /mail C1 compartir deja que tu equipo vea tus hilos con C1, /mail C1 privado lo deja de compartir.
mail-private-chat = Tu Gmail es personal, así que solo lo muestro en nuestro chat privado. Escríbeme directamente.
mail-not-connected = Gmail no está conectado. Conecta tu cuenta de Google con /connect_google y permite Gmail (solo lectura).
mail-gmail-not-granted = Tu conexión con Google no incluye Gmail: solo se permitió Calendar. Conecta de nuevo con /connect_google y permite Gmail (solo lectura).
mail-none = Aún no hay hilos de Gmail con { $handle } en los últimos 90 días. Gmail se sincroniza cada pocos minutos.
mail-header = Hilos de Gmail con { $record }:
mail-thread = { $when } · ✉ { $subject } ({ $participants }) — { $snippet }
mail-thread-shared = { $thread } · compartido por { $owner }
mail-no-subject = (sin asunto)
mail-footer-private = Solo tú ves tus hilos. Para que tu equipo los vea en { $handle }, envía /mail { $handle } compartir.
mail-footer-shared = Tu equipo ve tus hilos con { $handle }. Para dejar de compartirlos, envía /mail { $handle } privado.
mail-shared = Ahora tu equipo ve tus hilos de Gmail con { $handle } en su historial y en /mail.
mail-private = Tus hilos de Gmail con { $handle } vuelven a ser privados: solo tú los ves.
timeline-mail-header = Gmail:
