#!/bin/bash

__desk_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__desk_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__desk_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__desk_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_desk() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    ticket|tag|view|broadcast|rate|report|customer|agent|sla|template|rule|kb|autoreply|outbox|cron|config|db|shell|version|help)
        # Offer subcommand argument completions
        "_desk_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'ticket tag view broadcast rate report customer agent sla template rule kb autoreply outbox cron config db shell version help' -- "${cur}"))
        ;;
    esac
}

_desk_ticket() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    new|list|show|reply|note|ingest|assign|set|solve|close|reopen|merge|link|unlink|history|attach|attachment)
        # Offer subcommand argument completions
        "_desk_ticket_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'new list show reply note ingest assign set solve close reopen merge link unlink history attach attachment' -- "${cur}"))
        ;;
    esac
}

_desk_ticket_new() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--field --tag --link --attach)
    non_repeating_options=(--db --as --format --fields -m --body --body-file --customer --channel --type --priority --assign --assignee)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '-m'|'--body')
        return
        ;;
    '--body-file')
        return
        ;;
    '--customer')
        return
        ;;
    '--channel')
        return
        ;;
    '--type')
        return
        ;;
    '--priority')
        __desk_add_completions -W 'low'$'\n''normal'$'\n''high'$'\n''urgent'
        return
        ;;
    '--assign'|'--assignee')
        return
        ;;
    '--field')
        return
        ;;
    '--tag')
        return
        ;;
    '--link')
        return
        ;;
    '--attach')
        return
        ;;
    esac
}

_desk_ticket_list() {
    repeating_flags=()
    non_repeating_flags=(--json --all --breached --asc --desc --version -h --help)
    repeating_options=(--status --type --channel --priority --tag)
    non_repeating_options=(--db --as --format --fields --assignee --customer --text --created-since --created-before --updated-since --updated-before --due-within --view --sort -n --limit --offset)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--status')
        return
        ;;
    '--assignee')
        return
        ;;
    '--customer')
        return
        ;;
    '--type')
        return
        ;;
    '--channel')
        return
        ;;
    '--priority')
        return
        ;;
    '--tag')
        return
        ;;
    '--text')
        return
        ;;
    '--created-since')
        return
        ;;
    '--created-before')
        return
        ;;
    '--updated-since')
        return
        ;;
    '--updated-before')
        return
        ;;
    '--due-within')
        return
        ;;
    '--view')
        return
        ;;
    '--sort')
        __desk_add_completions -W 'id'$'\n''created'$'\n''updated'$'\n''priority'$'\n''status'$'\n''due'
        return
        ;;
    '-n'|'--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_desk_ticket_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --earlier)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--earlier')
        return
        ;;
    esac
}

_desk_ticket_reply() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--attach --kb)
    non_repeating_options=(--db --as --format --fields -m --body --body-file --status --template)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '-m'|'--body')
        return
        ;;
    '--body-file')
        return
        ;;
    '--status')
        __desk_add_completions -W 'new'$'\n''open'$'\n''pending'$'\n''on-hold'$'\n''solved'$'\n''closed'
        return
        ;;
    '--attach')
        return
        ;;
    '--template')
        return
        ;;
    '--kb')
        return
        ;;
    esac
}

_desk_ticket_note() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--attach)
    non_repeating_options=(--db --as --format --fields -m --body --body-file)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '-m'|'--body')
        return
        ;;
    '--body-file')
        return
        ;;
    '--attach')
        return
        ;;
    esac
}

_desk_ticket_ingest() {
    repeating_flags=()
    non_repeating_flags=(--json --stdin-json --automatic --version -h --help)
    repeating_options=(--header --attach)
    non_repeating_options=(--db --as --format --fields --customer --email --phone --handle --account --name --channel --subject --ticket -m --body --body-file)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--customer')
        return
        ;;
    '--email')
        return
        ;;
    '--phone')
        return
        ;;
    '--handle')
        return
        ;;
    '--account')
        return
        ;;
    '--name')
        return
        ;;
    '--channel')
        return
        ;;
    '--subject')
        return
        ;;
    '--ticket')
        return
        ;;
    '-m'|'--body')
        return
        ;;
    '--body-file')
        return
        ;;
    '--header')
        return
        ;;
    '--attach')
        return
        ;;
    esac
}

_desk_ticket_assign() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --to)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--to')
        return
        ;;
    esac
}

_desk_ticket_set() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--field --unset-field --tag --untag)
    non_repeating_options=(--db --as --format --fields --subject --status --priority --type --channel --customer --assignee)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--subject')
        return
        ;;
    '--status')
        __desk_add_completions -W 'new'$'\n''open'$'\n''pending'$'\n''on-hold'$'\n''solved'$'\n''closed'
        return
        ;;
    '--priority')
        __desk_add_completions -W 'low'$'\n''normal'$'\n''high'$'\n''urgent'
        return
        ;;
    '--type')
        return
        ;;
    '--channel')
        return
        ;;
    '--customer')
        return
        ;;
    '--assignee')
        return
        ;;
    '--field')
        return
        ;;
    '--unset-field')
        return
        ;;
    '--tag')
        return
        ;;
    '--untag')
        return
        ;;
    esac
}

_desk_ticket_solve() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields -m --body --body-file)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '-m'|'--body')
        return
        ;;
    '--body-file')
        return
        ;;
    esac
}

_desk_ticket_close() {
    repeating_flags=()
    non_repeating_flags=(--json --force --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_ticket_reopen() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_ticket_merge() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --into)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--into')
        return
        ;;
    esac
}

_desk_ticket_link() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_ticket_unlink() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_ticket_history() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_ticket_attach() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --name --type)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--name')
        return
        ;;
    '--type')
        return
        ;;
    esac
}

_desk_ticket_attachment() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    get|list)
        # Offer subcommand argument completions
        "_desk_ticket_attachment_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'get list' -- "${cur}"))
        ;;
    esac
}

_desk_ticket_attachment_get() {
    repeating_flags=()
    non_repeating_flags=(--json --force --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields -o --output)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    esac
}

_desk_ticket_attachment_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_tag() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|rm|list|rename|merge|stats)
        # Offer subcommand argument completions
        "_desk_tag_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add rm list rename merge stats' -- "${cur}"))
        ;;
    esac
}

_desk_tag_add() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--tag)
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--tag')
        return
        ;;
    esac
}

_desk_tag_rm() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--tag)
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--tag')
        return
        ;;
    esac
}

_desk_tag_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --since)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--since')
        return
        ;;
    esac
}

_desk_tag_rename() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_tag_merge() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --into)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--into')
        return
        ;;
    esac
}

_desk_tag_stats() {
    repeating_flags=()
    non_repeating_flags=(--json --weekly --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --since --until --view)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--view')
        return
        ;;
    esac
}

_desk_view() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    save|list|show|rm)
        # Offer subcommand argument completions
        "_desk_view_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'save list show rm' -- "${cur}"))
        ;;
    esac
}

_desk_view_save() {
    repeating_flags=()
    non_repeating_flags=(--json --all --breached --version -h --help)
    repeating_options=(--status --type --channel --priority --tag)
    non_repeating_options=(--db --as --format --fields --assignee --customer --text --created-since --created-before --updated-since --updated-before --due-within)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--status')
        return
        ;;
    '--assignee')
        return
        ;;
    '--customer')
        return
        ;;
    '--type')
        return
        ;;
    '--channel')
        return
        ;;
    '--priority')
        return
        ;;
    '--tag')
        return
        ;;
    '--text')
        return
        ;;
    '--created-since')
        return
        ;;
    '--created-before')
        return
        ;;
    '--updated-since')
        return
        ;;
    '--updated-before')
        return
        ;;
    '--due-within')
        return
        ;;
    esac
}

_desk_view_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_view_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_view_rm() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_broadcast() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    send|resume|list|show)
        # Offer subcommand argument completions
        "_desk_broadcast_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'send resume list show' -- "${cur}"))
        ;;
    esac
}

_desk_broadcast_send() {
    repeating_flags=()
    non_repeating_flags=(--json --solve --keep-tag --dry-run --yes --version -h --help)
    repeating_options=(--status)
    non_repeating_options=(--db --as --format --fields --tag --template)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--tag')
        return
        ;;
    '--template')
        return
        ;;
    '--status')
        return
        ;;
    esac
}

_desk_broadcast_resume() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_broadcast_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_broadcast_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_rate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    give|request|exclude|list|nps)
        # Offer subcommand argument completions
        "_desk_rate_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'give request exclude list nps' -- "${cur}"))
        ;;
    esac
}

_desk_rate_give() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --comment)
    __desk_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--comment')
        return
        ;;
    esac
}

_desk_rate_request() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_rate_exclude() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --reason)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--reason')
        return
        ;;
    esac
}

_desk_rate_list() {
    repeating_flags=()
    non_repeating_flags=(--json --negative --all --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --agent --since --until)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--agent')
        return
        ;;
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    esac
}

_desk_rate_nps() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --customer --comment)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--customer')
        return
        ;;
    '--comment')
        return
        ;;
    esac
}

_desk_report() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    summary|agents|tags)
        # Offer subcommand argument completions
        "_desk_report_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'summary agents tags' -- "${cur}"))
        ;;
    esac
}

_desk_report_summary() {
    repeating_flags=()
    non_repeating_flags=(--json --csv --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --week --month --from --to --by --html)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--week')
        return
        ;;
    '--month')
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--by')
        __desk_add_completions -W 'channel'$'\n''type'$'\n''agent'$'\n''tag'
        return
        ;;
    '--html')
        return
        ;;
    esac
}

_desk_report_agents() {
    repeating_flags=()
    non_repeating_flags=(--json --csv --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --week --month --from --to)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--week')
        return
        ;;
    '--month')
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    esac
}

_desk_report_tags() {
    repeating_flags=()
    non_repeating_flags=(--json --csv --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --week --month --from --to --tag)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--week')
        return
        ;;
    '--month')
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--tag')
        return
        ;;
    esac
}

_desk_customer() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|show|edit)
        # Offer subcommand argument completions
        "_desk_customer_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list show edit' -- "${cur}"))
        ;;
    esac
}

_desk_customer_add() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--handle --account)
    non_repeating_options=(--db --as --format --fields --email --phone --org --organization --manager --language)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--email')
        return
        ;;
    '--phone')
        return
        ;;
    '--org'|'--organization')
        return
        ;;
    '--manager')
        return
        ;;
    '--handle')
        return
        ;;
    '--account')
        return
        ;;
    '--language')
        return
        ;;
    esac
}

_desk_customer_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --org --organization --manager --text -n --limit)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--org'|'--organization')
        return
        ;;
    '--manager')
        return
        ;;
    '--text')
        return
        ;;
    '-n'|'--limit')
        return
        ;;
    esac
}

_desk_customer_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_customer_edit() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--handle --account --remove-handle --remove-account)
    non_repeating_options=(--db --as --format --fields --name --email --phone --org --organization --manager --language)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--name')
        return
        ;;
    '--email')
        return
        ;;
    '--phone')
        return
        ;;
    '--org'|'--organization')
        return
        ;;
    '--manager')
        return
        ;;
    '--handle')
        return
        ;;
    '--account')
        return
        ;;
    '--language')
        return
        ;;
    '--remove-handle')
        return
        ;;
    '--remove-account')
        return
        ;;
    esac
}

_desk_agent() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|show|edit|deactivate)
        # Offer subcommand argument completions
        "_desk_agent_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list show edit deactivate' -- "${cur}"))
        ;;
    esac
}

_desk_agent_add() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--skill)
    non_repeating_options=(--db --as --format --fields --name --email --role)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--name')
        return
        ;;
    '--email')
        return
        ;;
    '--role')
        __desk_add_completions -W 'admin'$'\n''lead'$'\n''agent'
        return
        ;;
    '--skill')
        return
        ;;
    esac
}

_desk_agent_list() {
    repeating_flags=()
    non_repeating_flags=(--json --all --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --role --skill)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--role')
        __desk_add_completions -W 'admin'$'\n''lead'$'\n''agent'
        return
        ;;
    '--skill')
        return
        ;;
    esac
}

_desk_agent_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_agent_edit() {
    repeating_flags=()
    non_repeating_flags=(--json --active --no-active --version -h --help)
    repeating_options=(--skill --remove-skill)
    non_repeating_options=(--db --as --format --fields --name --email --role)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--name')
        return
        ;;
    '--email')
        return
        ;;
    '--role')
        __desk_add_completions -W 'admin'$'\n''lead'$'\n''agent'
        return
        ;;
    '--skill')
        return
        ;;
    '--remove-skill')
        return
        ;;
    esac
}

_desk_agent_deactivate() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_sla() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    calendar|policy|status|set)
        # Offer subcommand argument completions
        "_desk_sla_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'calendar policy status set' -- "${cur}"))
        ;;
    esac
}

_desk_sla_calendar() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|show|edit|rm)
        # Offer subcommand argument completions
        "_desk_sla_calendar_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list show edit rm' -- "${cur}"))
        ;;
    esac
}

_desk_sla_calendar_add() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--hours --holiday)
    non_repeating_options=(--db --as --format --fields --tz --time-zone)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--tz'|'--time-zone')
        return
        ;;
    '--hours')
        return
        ;;
    '--holiday')
        return
        ;;
    esac
}

_desk_sla_calendar_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_sla_calendar_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_sla_calendar_edit() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--hours --holiday --remove-holiday)
    non_repeating_options=(--db --as --format --fields --rename --tz --time-zone)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--rename')
        return
        ;;
    '--tz'|'--time-zone')
        return
        ;;
    '--hours')
        return
        ;;
    '--holiday')
        return
        ;;
    '--remove-holiday')
        return
        ;;
    esac
}

_desk_sla_calendar_rm() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_sla_policy() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|show|edit|rm)
        # Offer subcommand argument completions
        "_desk_sla_policy_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list show edit rm' -- "${cur}"))
        ;;
    esac
}

_desk_sla_policy_add() {
    repeating_flags=()
    non_repeating_flags=(--json --default --version -h --help)
    repeating_options=(--type --priority --channel --org --tag)
    non_repeating_options=(--db --as --format --fields --calendar --first-response --next-response --resolution --warn --pause-on --position)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--calendar')
        return
        ;;
    '--first-response')
        return
        ;;
    '--next-response')
        return
        ;;
    '--resolution')
        return
        ;;
    '--warn')
        return
        ;;
    '--pause-on')
        return
        ;;
    '--type')
        return
        ;;
    '--priority')
        return
        ;;
    '--channel')
        return
        ;;
    '--org')
        return
        ;;
    '--tag')
        return
        ;;
    '--position')
        return
        ;;
    esac
}

_desk_sla_policy_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_sla_policy_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_sla_policy_edit() {
    repeating_flags=()
    non_repeating_flags=(--json --default --no-default --version -h --help)
    repeating_options=(--type --priority --channel --org --tag)
    non_repeating_options=(--db --as --format --fields --calendar --first-response --next-response --resolution --warn --pause-on --position)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--calendar')
        return
        ;;
    '--first-response')
        return
        ;;
    '--next-response')
        return
        ;;
    '--resolution')
        return
        ;;
    '--warn')
        return
        ;;
    '--pause-on')
        return
        ;;
    '--type')
        return
        ;;
    '--priority')
        return
        ;;
    '--channel')
        return
        ;;
    '--org')
        return
        ;;
    '--tag')
        return
        ;;
    '--position')
        return
        ;;
    esac
}

_desk_sla_policy_rm() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_sla_status() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_sla_set() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --reason)
    __desk_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--reason')
        return
        ;;
    esac
}

_desk_template() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|edit|list|show|render|rm)
        # Offer subcommand argument completions
        "_desk_template_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add edit list show render rm' -- "${cur}"))
        ;;
    esac
}

_desk_template_add() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language --subject -m --body --body-file)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    '--subject')
        return
        ;;
    '-m'|'--body')
        return
        ;;
    '--body-file')
        return
        ;;
    esac
}

_desk_template_edit() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language --subject -m --body --body-file)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    '--subject')
        return
        ;;
    '-m'|'--body')
        return
        ;;
    '--body-file')
        return
        ;;
    esac
}

_desk_template_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_template_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    esac
}

_desk_template_render() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language)
    __desk_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    esac
}

_desk_template_rm() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    esac
}

_desk_rule() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|edit|list|show|enable|disable|rm|test)
        # Offer subcommand argument completions
        "_desk_rule_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add edit list show enable disable rm test' -- "${cur}"))
        ;;
    esac
}

_desk_rule_add() {
    repeating_flags=()
    non_repeating_flags=(--json --stop --version -h --help)
    repeating_options=(--if-customer)
    non_repeating_options=(--db --as --format --fields --on --if-text --if-channel --if-type --if-priority --if-org --if-tag --if-hours --assign --set-type --set-priority --add-tag --reply-template --notify --position)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--on')
        return
        ;;
    '--if-text')
        return
        ;;
    '--if-channel')
        return
        ;;
    '--if-type')
        return
        ;;
    '--if-priority')
        return
        ;;
    '--if-customer')
        return
        ;;
    '--if-org')
        return
        ;;
    '--if-tag')
        return
        ;;
    '--if-hours')
        return
        ;;
    '--assign')
        return
        ;;
    '--set-type')
        return
        ;;
    '--set-priority')
        return
        ;;
    '--add-tag')
        return
        ;;
    '--reply-template')
        return
        ;;
    '--notify')
        return
        ;;
    '--position')
        return
        ;;
    esac
}

_desk_rule_edit() {
    repeating_flags=()
    non_repeating_flags=(--json --stop --no-stop --version -h --help)
    repeating_options=(--if-customer)
    non_repeating_options=(--db --as --format --fields --on --if-text --if-channel --if-type --if-priority --if-org --if-tag --if-hours --assign --set-type --set-priority --add-tag --reply-template --notify)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--on')
        return
        ;;
    '--if-text')
        return
        ;;
    '--if-channel')
        return
        ;;
    '--if-type')
        return
        ;;
    '--if-priority')
        return
        ;;
    '--if-customer')
        return
        ;;
    '--if-org')
        return
        ;;
    '--if-tag')
        return
        ;;
    '--if-hours')
        return
        ;;
    '--assign')
        return
        ;;
    '--set-type')
        return
        ;;
    '--set-priority')
        return
        ;;
    '--add-tag')
        return
        ;;
    '--reply-template')
        return
        ;;
    '--notify')
        return
        ;;
    esac
}

_desk_rule_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_rule_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_rule_enable() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_rule_disable() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_rule_rm() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_rule_test() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--tag)
    non_repeating_options=(--db --as --format --fields --text --on --channel --type --priority --customer --at)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--text')
        return
        ;;
    '--on')
        __desk_add_completions -W 'created'$'\n''customer_message'$'\n''status_change'
        return
        ;;
    '--channel')
        return
        ;;
    '--type')
        return
        ;;
    '--priority')
        __desk_add_completions -W 'low'$'\n''normal'$'\n''high'$'\n''urgent'
        return
        ;;
    '--customer')
        return
        ;;
    '--tag')
        return
        ;;
    '--at')
        return
        ;;
    esac
}

_desk_kb() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|edit|show|list|search|suggest|publish|unpublish|history|rm|export|import)
        # Offer subcommand argument completions
        "_desk_kb_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add edit show list search suggest publish unpublish history rm export import' -- "${cur}"))
        ;;
    esac
}

_desk_kb_add() {
    repeating_flags=()
    non_repeating_flags=(--json --publish --version -h --help)
    repeating_options=(--tag)
    non_repeating_options=(--db --as --format --fields --title --language --category --audience --translation-of -m --body --body-file)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--title')
        return
        ;;
    '--language')
        return
        ;;
    '--category')
        return
        ;;
    '--tag')
        return
        ;;
    '--audience')
        __desk_add_completions -W 'public'$'\n''internal'
        return
        ;;
    '--translation-of')
        return
        ;;
    '-m'|'--body')
        return
        ;;
    '--body-file')
        return
        ;;
    esac
}

_desk_kb_edit() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--tag)
    non_repeating_options=(--db --as --format --fields --language --title --category --audience -m --body --body-file)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    '--title')
        return
        ;;
    '--category')
        return
        ;;
    '--tag')
        return
        ;;
    '--audience')
        __desk_add_completions -W 'public'$'\n''internal'
        return
        ;;
    '-m'|'--body')
        return
        ;;
    '--body-file')
        return
        ;;
    esac
}

_desk_kb_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    esac
}

_desk_kb_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language --audience --category --state --tag)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    '--audience')
        __desk_add_completions -W 'public'$'\n''internal'
        return
        ;;
    '--category')
        return
        ;;
    '--state')
        __desk_add_completions -W 'draft'$'\n''published'
        return
        ;;
    '--tag')
        return
        ;;
    esac
}

_desk_kb_search() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language --audience --category --state --limit)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    '--audience')
        __desk_add_completions -W 'public'$'\n''internal'
        return
        ;;
    '--category')
        return
        ;;
    '--state')
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_desk_kb_suggest() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language --audience --category --state --limit)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    '--audience')
        __desk_add_completions -W 'public'$'\n''internal'
        return
        ;;
    '--category')
        return
        ;;
    '--state')
        return
        ;;
    '--limit')
        return
        ;;
    esac
}

_desk_kb_publish() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    esac
}

_desk_kb_unpublish() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    esac
}

_desk_kb_history() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    esac
}

_desk_kb_rm() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    esac
}

_desk_kb_export() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --html --format -o --output --css --title --language --audience --category --state --tag)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--html')
        return
        ;;
    '--format')
        __desk_add_completions -W 'html'$'\n''markdown'$'\n''json'$'\n''jsonl'
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--css')
        return
        ;;
    '--title')
        return
        ;;
    '--language')
        return
        ;;
    '--audience')
        __desk_add_completions -W 'public'$'\n''internal'
        return
        ;;
    '--category')
        return
        ;;
    '--state')
        __desk_add_completions -W 'draft'$'\n''published'
        return
        ;;
    '--tag')
        return
        ;;
    esac
}

_desk_kb_import() {
    repeating_flags=()
    non_repeating_flags=(--json --publish --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --language)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--language')
        return
        ;;
    esac
}

_desk_autoreply() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    set|list|rm)
        # Offer subcommand argument completions
        "_desk_autoreply_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'set list rm' -- "${cur}"))
        ;;
    esac
}

_desk_autoreply_set() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 3

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    2)
        __desk_add_completions -W 'any'$'\n''hours'$'\n''after-hours'$'\n''before-weekend'$'\n''weekend'$'\n''holiday'
        return
        ;;
    esac
}

_desk_autoreply_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_autoreply_rm() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    2)
        __desk_add_completions -W 'any'$'\n''hours'$'\n''after-hours'$'\n''before-weekend'$'\n''weekend'$'\n''holiday'
        return
        ;;
    esac
}

_desk_outbox() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|retry|drop|deliver|adapter)
        # Offer subcommand argument completions
        "_desk_outbox_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show retry drop deliver adapter' -- "${cur}"))
        ;;
    esac
}

_desk_outbox_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--state)
    non_repeating_options=(--db --as --format --fields --ticket --channel -n --limit)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--state')
        return
        ;;
    '--ticket')
        return
        ;;
    '--channel')
        return
        ;;
    '-n'|'--limit')
        return
        ;;
    esac
}

_desk_outbox_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_outbox_retry() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_outbox_drop() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_outbox_deliver() {
    repeating_flags=()
    non_repeating_flags=(--json --dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_outbox_adapter() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    set|list|rm)
        # Offer subcommand argument completions
        "_desk_outbox_adapter_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'set list rm' -- "${cur}"))
        ;;
    esac
}

_desk_outbox_adapter_set() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields --timeout --attempts)
    __desk_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    '--timeout')
        return
        ;;
    '--attempts')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    2)
        __desk_add_completions -W 'exec'$'\n''webhook'$'\n''sendmail'
        return
        ;;
    esac
}

_desk_outbox_adapter_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_outbox_adapter_rm() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_cron() {
    repeating_flags=()
    non_repeating_flags=(--json --dry-run --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|set|unset)
        # Offer subcommand argument completions
        "_desk_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get set unset' -- "${cur}"))
        ;;
    esac
}

_desk_config_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_config_get() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_config_set() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_config_unset() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_db() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    check|backup|info)
        # Offer subcommand argument completions
        "_desk_db_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'check backup info' -- "${cur}"))
        ;;
    esac
}

_desk_db_check() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_db_backup() {
    repeating_flags=()
    non_repeating_flags=(--json --force --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_db_info() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as --format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_shell() {
    repeating_flags=()
    non_repeating_flags=(--keep-going --version -h --help)
    repeating_options=()
    non_repeating_options=(--db --as)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--db')
        return
        ;;
    '--as')
        return
        ;;
    esac
}

_desk_version() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--format --fields)
    __desk_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format')
        __desk_add_completions -W 'table'$'\n''json'$'\n''jsonl'$'\n''csv'$'\n''tsv'$'\n''ids'
        return
        ;;
    '--fields')
        return
        ;;
    esac
}

_desk_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __desk_offer_flags_options -1
}

complete -o filenames -F _desk desk
