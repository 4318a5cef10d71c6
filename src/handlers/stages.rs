//! Deal stages as people type and read them: a stage is accepted by its English name, its
//! name in any shipped language (accents optional), a unique prefix of either, or a unique
//! name one typo away (`ganado` for `ganada`), and the "not a stage" message lists the
//! names in the user's language.

use super::Ctx;
use super::render::shorten;
use crate::crm::Stage;
use crate::crm::search_key::search_key;
use crate::i18n::Locale;
use crate::tr;

/// The stage `text` names for a user of `locale`: an exact name in any language first,
/// then a unique prefix of a name in the user's language, then of an English name.
pub fn parse_stage(locale: Locale, text: &str) -> Option<Stage> {
    let typed = search_key([text]);
    if typed.is_empty() {
        return None;
    }
    let label = |locale: Locale, stage: Stage| search_key([locale.text(&key(stage)).as_str()]);
    let exact = Stage::ALL.into_iter().find(|&stage| {
        stage.as_str() == typed || Locale::all().iter().any(|&l| label(l, stage) == typed)
    });
    if exact.is_some() {
        return exact;
    }
    let prefixed: Vec<Stage> = Stage::ALL
        .into_iter()
        .filter(|&stage| label(locale, stage).starts_with(&typed))
        .collect();
    match prefixed.as_slice() {
        [stage] => Some(*stage),
        [] => Stage::parse(&typed).or_else(|| one_typo_away(&typed)),
        _ => None,
    }
}

/// The one stage whose name in some language is one edit (a wrong, missing, extra or
/// swapped letter) from `typed`; words shorter than four letters are not guessed.
fn one_typo_away(typed: &str) -> Option<Stage> {
    if typed.chars().count() < 4 {
        return None;
    }
    let near: Vec<Stage> = Stage::ALL
        .into_iter()
        .filter(|&stage| {
            let english = strsim::damerau_levenshtein(stage.as_str(), typed) <= 1;
            english
                || Locale::all().iter().any(|&l| {
                    let name = search_key([l.text(&key(stage)).as_str()]);
                    strsim::damerau_levenshtein(&name, typed) <= 1
                })
        })
        .collect();
    match near.as_slice() {
        [stage] => Some(*stage),
        _ => None,
    }
}

/// "“x” is not a stage. Stages: …", the stages named in the user's language.
pub fn unknown_stage(ctx: &Ctx<'_>, text: &str) -> String {
    unknown_stage_in(ctx.actor.locale, text)
}

/// [`unknown_stage`] for a user of `locale` (while a command's arguments are read).
pub fn unknown_stage_in(locale: Locale, text: &str) -> String {
    let stages: Vec<String> = Stage::ALL.iter().map(|&s| locale.text(&key(s))).collect();
    tr!(
        locale,
        "unknown-stage",
        value = shorten(text, 20),
        stages = stages.join(", ")
    )
}

fn key(stage: Stage) -> String {
    format!("stage-{}", stage.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_read_in_every_language() {
        let cases = [
            (Locale::EN, "won", Stage::Won),
            (Locale::EN, "NEG", Stage::Negotiation),
            (
                Locale::named("es").unwrap(),
                "negociación",
                Stage::Negotiation,
            ),
            (
                Locale::named("es").unwrap(),
                "negociacion",
                Stage::Negotiation,
            ),
            (Locale::named("es").unwrap(), "Ganada", Stage::Won),
            (Locale::named("es").unwrap(), "perd", Stage::Lost),
            (
                Locale::named("ru").unwrap(),
                "переговоры",
                Stage::Negotiation,
            ),
            (Locale::named("ru").unwrap(), "выигр", Stage::Won),
            (Locale::named("ru").unwrap(), "won", Stage::Won),
            // A name in another language than the user's is still read.
            (Locale::EN, "propuesta", Stage::Proposal),
        ];
        for (locale, typed, stage) in cases {
            assert_eq!(
                parse_stage(locale, typed),
                Some(stage),
                "{typed:?} in {locale:?}"
            );
        }
        // One typo from a single stage is read as it; short words are not guessed.
        for (typed, stage) in [
            ("ganado", Stage::Won),
            ("perdido", Stage::Lost),
            ("wonn", Stage::Won),
            ("negotiaton", Stage::Negotiation),
            ("проигранна", Stage::Lost),
        ] {
            assert_eq!(
                parse_stage(Locale::named("es").unwrap(), typed),
                Some(stage),
                "{typed:?}"
            );
        }
        assert_eq!(parse_stage(Locale::EN, "wn"), None);
        assert_eq!(parse_stage(Locale::EN, "zzzz"), None);
        // "pro" is prospecto or propuesta: not guessed.
        assert_eq!(parse_stage(Locale::named("es").unwrap(), "pro"), None);
        assert_eq!(parse_stage(Locale::EN, "l"), None);
        assert_eq!(parse_stage(Locale::named("es").unwrap(), "cerrada"), None);
        assert_eq!(parse_stage(Locale::named("ru").unwrap(), ""), None);
    }
}
