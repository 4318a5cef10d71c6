welcome = ¡Bienvenido a ChatCRM, { $name }! Tus contactos viven en tu espacio de trabajo personal.
help-header = Esto es lo que puedo hacer:
cmd-start = empezar y ver esta introducción
cmd-help = ver los comandos
cmd-new-contact = añadir un contacto (de una vez o paso a paso)
cmd-contacts = ver o buscar tus contactos
cmd-contact = mostrar un contacto
cmd-edit = cambiar un campo: name, phone, email o position
cmd-delete = eliminar un contacto
cmd-cancel = detener lo que estamos haciendo

cancelled = Cancelado. No se guardó nada más.
nothing-to-cancel = No hay nada que cancelar.
nothing-to-skip = No hay nada que omitir.
unknown-command = No conozco el comando /{ $name }. Envía /help para ver lo que puedo hacer.
not-understood = No lo entendí. Envía /help para ver los comandos.
button-expired = Ese botón ya no es válido. Envía /help para empezar de nuevo.
error-internal = Algo salió mal de nuestro lado y no se guardó nada. Inténtalo de nuevo.

ask-name = ¿Cómo se llama el contacto?
ask-phone = ¿Teléfono, con el código de país (por ejemplo +49 151 12345678)?
ask-email = ¿Correo electrónico?
ask-position = ¿Cargo o puesto?
name-required = Un contacto necesita un nombre.
choice-skip = Omitir
choice-cancel = Cancelar
choice-yes-delete = Sí, eliminar
choice-no = No
choice-previous = ◀ Anterior
choice-next = Siguiente ▶

contact-created = Guardado { $handle }.
contacts-empty = Aún no tienes contactos. Añade uno con /new_contact.
contacts-none-match = Ningún contacto coincide con «{ $query }».
contacts-header = { $count ->
    [one] 1 contacto
   *[other] { $count } contactos
} (página { $page } de { $pages }):
contact-not-found = No hay ningún contacto { $handle } en este espacio de trabajo.
not-a-contact-handle = «{ $input }» no es un identificador de contacto como C1.
usage-contact = Uso: /contact C1
usage-edit = Uso: /edit C1 campo valor. Campos: name, phone, email, position.
usage-delete = Uso: /delete C1
edit-unknown-field = No puedo cambiar «{ $field }». Campos: name, phone, email, position.
contact-updated = { $handle }: { $field } ahora es { $value }.
contact-field-cleared = { $handle }: { $field } borrado.
delete-confirm = ¿Eliminar { $handle } · { $name }? No se puede deshacer.
contact-deleted = { $handle } eliminado.
delete-kept = Se conservó { $handle }.
delete-not-allowed = Solo los administradores y el propietario del espacio pueden eliminar registros.

field-name = nombre
field-phone = teléfono
field-email = correo
field-position = cargo
error-empty = El campo { $field } no puede estar vacío.
error-too-long = El campo { $field } es demasiado largo (como máximo { $max } caracteres).
error-invalid-phone = El campo { $field }: «{ $value }» no es un número de teléfono válido.
error-phone-needs-country = El campo { $field } necesita el código de país, por ejemplo +49 151 12345678.
error-invalid-email = El campo { $field }: «{ $value }» no es un correo electrónico válido.
error-repeated = El campo { $field } se indicó dos veces.
nothing-saved = No se guardó nada.
