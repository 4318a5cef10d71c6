//! What a new user hits first, on both backends: a mistyped command is answered with the
//! closest commands of the registry (names and aliases) in the user's language and changes
//! nothing; /help shows `/import PATH` only in the console, where a path on the server can be
//! read — chat channels are told to send the file itself (and so is Telegram's menu).

use crate::common;

use chatcrm::message::Channel;
use common::{Chat, TestDb, count};

both_backends!(
    a_typo_gets_the_closest_commands,
    import_path_is_offered_only_in_the_console
);

async fn a_typo_gets_the_closest_commands(db: TestDb) {
    let engine = db.engine().await;
    let mut ada = Chat::new(&engine, "ada");
    ada.send("/start").await;
    assert_eq!(
        ada.send("/sumary C1").await,
        "There is no /sumary. Did you mean /summary? /help lists every command."
    );
    assert_eq!(
        ada.send("/contactos").await,
        "There is no /contactos. Did you mean /contacts? /help lists every command."
    );
    assert_eq!(
        ada.send("/calender").await,
        "There is no /calender. Did you mean /calendar? /help lists every command."
    );
    // Two as close: both, the registry's order.
    assert_eq!(
        ada.send("/contacs").await,
        "There is no /contacs. Did you mean /contacts or /contact? /help lists every command."
    );
    // An alias counts, and the command it stands for is suggested.
    assert!(
        ada.send("/newcontac Anna")
            .await
            .contains("Did you mean /new_contact?")
    );
    // Nothing close: the plain answer.
    assert_eq!(
        ada.send("/frobnicate").await,
        "I don't know the command /frobnicate. Send /help to see what I can do."
    );
    // Nothing was created by any of it.
    assert_eq!(
        count(engine.store(), "SELECT COUNT(*) FROM contacts").await,
        0
    );

    let mut eva = Chat::new(&engine, "eva").language("es");
    eva.send("/start").await;
    assert_eq!(
        eva.send("/sumary").await,
        "No existe /sumary. ¿Quisiste decir /summary? /help muestra todos los comandos."
    );
    let mut ivan = Chat::new(&engine, "ivan").language("ru");
    ivan.send("/start").await;
    assert_eq!(
        ivan.send("/contacs").await,
        "Команды /contacs нет. Может быть, /contacts или /contact? Все команды — в /help."
    );
}

async fn import_path_is_offered_only_in_the_console(db: TestDb) {
    let engine = db.engine().await;
    for channel in [Channel::Telegram, Channel::WhatsApp] {
        let mut ada = Chat::new(&engine, "ada");
        ada.channel = channel;
        let help = ada.send("/help").await;
        assert!(!help.contains("/import PATH"), "{channel:?}: {help}");
        assert!(
            help.contains("\n/import — import contacts: send a CSV or vCard file to this chat"),
            "{channel:?}: {help}"
        );
    }
    let mut ivan = Chat::new(&engine, "ivan").language("ru");
    let help = ivan.send("/help").await;
    assert!(!help.contains("/import ПУТЬ"), "{help}");
    assert!(
        help.contains("\n/import — импорт контактов: отправьте файл CSV или vCard в этот чат"),
        "{help}"
    );
    let mut console = Chat::new(&engine, "root");
    console.channel = Channel::Console;
    let help = console.send("/help").await;
    assert!(
        help.contains("\n/import PATH — import contacts from a CSV or vCard file"),
        "{help}"
    );
}
