#!/usr/bin/env bash
# Mutation testing of the guard functions (see docs/TESTING.md): cargo-mutants mutates
# only the functions that guard data and money, and each mutant runs only the tests that
# exercise them (SQLite variants; unit tests for pure functions). Run it before touching a
# guard; it is not part of .ci/run.
#
#   scripts/mutants.sh                 every group (about an hour on 2 cores)
#   scripts/mutants.sh outbox digest   only these groups
#   scripts/mutants.sh --list          count the mutants per group, run nothing
#
# Groups: hmac shaping scoping outbox digest retention registry money date
# Needs `cargo install cargo-mutants`. By default cargo-mutants copies the tree to a
# scratch folder (the build there starts cold); MUTANTS_IN_PLACE=1 mutates this tree
# instead (faster, warm target/; do not edit files while it runs). Results go to
# target/mutants/<group>/mutants.out (caught.txt, missed.txt, timeout.txt, unviable.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

all=(hmac shaping scoping outbox digest retention registry money date)
list=()
groups=()
for arg in "$@"; do
    case "$arg" in
        --list) list=(--list) ;;
        *) groups+=("$arg") ;;
    esac
done
[ ${#groups[@]} -eq 0 ] && groups=("${all[@]}")

common=(--no-shuffle --timeout 300)
[ "${MUTANTS_IN_PLACE:-0}" = 1 ] && common+=(--in-place)

# run GROUP MUTANTS-ARGS... -- CARGO-TEST-ARGS...
run() {
    local group=$1
    shift
    echo "== $group"
    if [ ${#list[@]} -gt 0 ]; then
        local args=()
        while [ $# -gt 0 ] && [ "$1" != -- ]; do args+=("$1"); shift; done
        cargo mutants --list "${args[@]}" | wc -l
    else
        mkdir -p "target/mutants/$group"
        cargo mutants "${common[@]}" -o "target/mutants/$group" "$@" || true
    fi
}

# A function-name filter: body replacements ("replace f -> …") and operator mutants
# inside it ("… in f").
fns() { echo "(replace|in) ($1)( ->|$)"; }

for group in "${groups[@]}"; do
    case "$group" in
        hmac)
            run hmac -f src/channel/whatsapp/signature.rs -F "$(fns 'is_valid|sign')" \
                -- --lib -- channel::whatsapp::signature ;;
        shaping)
            run shaping -f src/channel/telegram/sender.rs -F "$(fns 'Shaping::check_chat')" \
                -- --lib -- channel::telegram::sender::tests ;;
        scoping)
            run scoping -f src/store/records.rs -f src/store/record_deletion.rs \
                -f src/handlers/delete.rs -f src/store/inbound.rs \
                -F "$(fns 'by_handle|by_id|page|one|delete|ask|pressed|claim')" \
                -- --test it -- teams::sqlite:: crm_records::sqlite:: delete_records::sqlite:: \
                storage::sqlite::files_go_with_their_record \
                whatsapp::sqlite::the_same_message_twice_has_one_effect ;;
        outbox)
            run outbox -f src/store/outbox.rs \
                -F "$(fns 'enqueue_for_user|drop_row|deactivate_identity|file_of|mark_sent|mark_failed')" \
                -- --test it -- link::sqlite:: export_document::sqlite::dropped \
                reminders::sqlite:: ;;
        digest)
            run digest -f src/jobs/reminders.rs -F "$(fns 'send_digests')" \
                -- --test it -- reminders::sqlite:: ;;
        retention)
            run retention -f src/jobs/retention.rs -f src/store/files.rs \
                -F "$(fns 'purge|remove_stale_exports|purge_orphans|delete_for_record')" \
                -- --test it -- retention::sqlite:: storage::sqlite::files_go_with_their_record ;;
        registry)
            run registry -f src/privacy/registry.rs \
                -F "$(fns 'disposition|exported|personal')" \
                -- --lib -- privacy::registry ;;
        money)
            run money -f src/crm/money.rs \
                -F "$(fns 'Money::parse|split_currency|parse_currency|parse_number|normalize_separators')" \
                -- --lib -- crm::money ;;
        date)
            run date -f src/crm/when.rs \
                -F "$(fns 'parse_when|settle|take_time|twelve_hour|dotted_time')" \
                -- --lib -- crm::when ;;
        *)
            echo "unknown group $group (groups: ${all[*]})" >&2
            exit 2 ;;
    esac
done

if [ ${#list[@]} -eq 0 ]; then
    echo "== summary (caught / missed / timeout / unviable)"
    for group in "${groups[@]}"; do
        out="target/mutants/$group/mutants.out"
        n() { [ -f "$out/$1.txt" ] && wc -l < "$out/$1.txt" || echo 0; }
        echo "$group: $(n caught) / $(n missed) / $(n timeout) / $(n unviable)"
        [ -s "$out/missed.txt" ] && sed 's/^/  missed: /' "$out/missed.txt"
    done
fi
