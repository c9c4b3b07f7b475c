#compdef desk

__desk_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__desk_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __desk_complete "${completions[@]:0:-1}"
    fi
}

__desk_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_desk() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'ticket:Open, route, discuss, solve and close tickets.'
            'tag:Tags on tickets: incidents, feature requests, and their statistics.'
            'view:Saved ticket list filters: desk ticket list --view NAME.'
            'broadcast:Tell every customer behind a tag, once each: the incident is fixed, the feature shipped.'
            'rate:Customer ratings: bad, normal, great; NPS; requests and alerts.'
            'report:The figures a lead reads on Monday: volume, backlog, response times, SLA, satisfaction.'
            'customer:The people the team helps: contacts, account IDs, organisation, account manager.'
            'agent:The support team: logins, roles (admin, lead, agent), skills.'
            'sla:Service levels: business calendars, policies, live timers, audited changes.'
            'template:Canned answers with placeholders, per language: replies, acknowledgements, reminders.'
            'rule:Routing and automation rules: on an event, if conditions hold, do actions.'
            'kb:The knowledge base: articles for customers (public) and agents (internal), search, suggestions, a static site.'
            'autoreply:The acknowledgement a new ticket gets, by channel and time on the support calendar.'
            'outbox:Everything desk sends: replies to customers, notifications to agents and the team.'
            'cron:Do every time-based duty once: SLA warnings and breaches, outbox delivery.'
            'config:Desk-wide settings: ticket types, channels, size limits.'
            'db:Look after the database: check, back up, describe.'
            'shell:An interactive shell for desk'\''s commands, with history and Tab completion; or run a script of them.'
            'version:Print desk'\''s version.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        ticket|tag|view|broadcast|rate|report|customer|agent|sla|template|rule|kb|autoreply|outbox|cron|config|db|shell|version|help)
            "_desk_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_ticket() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'new:Open a ticket.'
            'list:List tickets, streamed, newest activity first.'
            'show:Show a ticket'\''s card: fields, people, the conversation with internal notes, files, earlier tickets.'
            'reply:Answer the customer on one or more tickets (a public message).'
            'note:Add an internal note: agents see it, the customer never does.'
            'ingest:Take in a customer'\''s message from a gateway (mail, bot, widget).'
            'assign:Hand tickets to an agent, keeping their whole history.'
            'set:Change several fields of one or more tickets at once.'
            'solve:Mark tickets solved, optionally with a last public comment.'
            'close:Close solved tickets. A closed ticket is final.'
            'reopen:Open solved, pending or on-hold tickets again.'
            'merge:Merge a ticket into another: its conversation moves, it is closed with a link.'
            'link:Link a ticket to a task in another tracker, or to another ticket.'
            'unlink:Remove a link made with ticket link.'
            'history:Every change to a ticket: who, when, what changed from what to what.'
            'attach:Keep files with a ticket (screenshots, voice messages, logs).'
            'attachment:List a ticket'\''s files, or write one back out.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        new|list|show|reply|note|ingest|assign|set|solve|close|reopen|merge|link|unlink|history|attach|attachment)
            "_desk_ticket_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_ticket_new() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___priority=('low' 'normal' 'high' 'urgent')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':subject:'
        '(-m --body)'{-m,--body}'[The message text, or - to read it from stdin.]:text:'
        '--body-file[Read the message from a file (- for stdin).]:file:'
        '--customer[The customer\: id, email, +phone, KIND\:handle or account ID.]:customer:'
        '--channel[The channel it came from (email, telegram, phone, chat, widget, web, api).]:channel:'
        '--type[The type (topic)\: support, implementation, development, finance, or as configured.]:type:'
        '--priority[low, normal, high or urgent.]:priority:{__desk_complete "${___priority[@]}"}'
        '(--assign --assignee)'{--assign,--assignee}'[Assign to an agent (login or me).]:login:'
        '*--field[A custom field, KEY=VALUE (repeatable).]:key=value:'
        '*--tag[A tag (repeatable).]:tag:'
        '*--link[A link to a task in another tracker (repeatable).]:url:'
        '*--attach[Attach a file (repeatable).]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___sort=('id' 'created' 'updated' 'priority' 'status' 'due')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*--status[Statuses\: new, open, pending, on-hold, solved, closed.]:status,…:'
        '--all[Every status, solved and closed too.]'
        '--assignee[me, none, or an agent'\''s login.]:login:'
        '--customer[A customer\: id, email, +phone, KIND\:handle or account ID.]:customer:'
        '*--type[Types.]:type,…:'
        '*--channel[Channels.]:channel,…:'
        '*--priority[Priorities.]:priority,…:'
        '*--tag[A tag the ticket must carry (repeatable\: all must match).]:tag:'
        '--text[Words in the subject or a message (prefixes; case and accents ignored).]:words:'
        '--created-since[Created at or after.]:date:'
        '--created-before[Created before.]:date:'
        '--updated-since[Updated at or after.]:date:'
        '--updated-before[Updated before.]:date:'
        '--breached[Only tickets past an SLA deadline.]'
        '--due-within[Only tickets with an SLA deadline within this long (e.g. 1h; breached ones too).]:duration:'
        '--view[Use a saved view'\''s filter (desk view save); other filter options then refine it.]:name:'
        '--sort[Sort by id, created, updated, priority, status or due (SLA deadline).]:sort:{__desk_complete "${___sort[@]}"}'
        '--asc[Ascending order (default\: soonest first for due, newest first otherwise).]'
        '--desc[Descending order.]'
        '(-n --limit)'{-n,--limit}'[Print at most this many.]:limit:'
        '--offset[Skip this many first.]:offset:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_show() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:ids:'
        '--earlier[How many of the customer'\''s earlier tickets to show.]:earlier:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_reply() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___status=('new' 'open' 'pending' 'on-hold' 'solved' 'closed')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:ids:'
        '(-m --body)'{-m,--body}'[The message text, or - to read it from stdin.]:text:'
        '--body-file[Read the message from a file (- for stdin).]:file:'
        '--status[Set this status with the reply (open, pending, on-hold, solved).]:status:{__desk_complete "${___status[@]}"}'
        '*--attach[Attach a file (repeatable).]:file:'
        '--template[Send this template, filled in for each ticket, in its customer'\''s language.]:name:'
        '*--kb[Add a link to this published public article (repeatable), in the customer'\''s language where it has one; needs kb.url.]:slug:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_note() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:ids:'
        '(-m --body)'{-m,--body}'[The message text, or - to read it from stdin.]:text:'
        '--body-file[Read the message from a file (- for stdin).]:file:'
        '*--attach[Attach a file (repeatable).]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_ingest() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--stdin-json[Read the message as one JSON object from stdin.]'
        '--customer[The customer\: id, email, +phone, KIND\:handle or account ID.]:customer:'
        '--email[The customer'\''s email.]:email:'
        '--phone[The customer'\''s phone.]:phone:'
        '--handle[A messenger handle; KIND\: defaults to the channel.]:handle:'
        '--account[The customer'\''s account ID (cabinet).]:id:'
        '--name[The customer'\''s name, if the customer is new.]:name:'
        '--channel[The channel.]:channel:'
        '--subject[The subject (a new ticket'\''s; \[#N\] routes to ticket N).]:subject:'
        '--ticket[The ticket this message answers, when the gateway knows it.]:id:'
        '(-m --body)'{-m,--body}'[The message text, or - to read it from stdin.]:text:'
        '--body-file[Read the message from a file (- for stdin).]:file:'
        '--automatic[The message was sent automatically (no auto-reply to it).]'
        '*--header[A mail header, '\''Name\: value'\'' (repeatable).]:header:'
        '*--attach[Attach a file (repeatable).]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_assign() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:ids:'
        '--to[An agent'\''s login, me, or none to unassign.]:login:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_set() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___status=('new' 'open' 'pending' 'on-hold' 'solved' 'closed')
    local -ar ___priority=('low' 'normal' 'high' 'urgent')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:ids:'
        '--subject[A new subject.]:subject:'
        '--status[open, pending, on-hold, solved (closing\: desk ticket close).]:status:{__desk_complete "${___status[@]}"}'
        '--priority[low, normal, high or urgent.]:priority:{__desk_complete "${___priority[@]}"}'
        '--type[The type (topic).]:type:'
        '--channel[The channel.]:channel:'
        '--customer[The customer (or none).]:customer:'
        '--assignee[An agent'\''s login, me, or none.]:login:'
        '*--field[Set a custom field (repeatable).]:key=value:'
        '*--unset-field[Remove a custom field (repeatable).]:key:'
        '*--tag[Add a tag (repeatable).]:tag:'
        '*--untag[Remove a tag (repeatable).]:untag:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_solve() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:ids:'
        '(-m --body)'{-m,--body}'[The message text, or - to read it from stdin.]:text:'
        '--body-file[Read the message from a file (- for stdin).]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_close() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:ids:'
        '--force[Close even if not solved (leads and admins).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_reopen() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:ids:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_merge() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':source:'
        '--into[The ticket that receives the conversation.]:id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_link() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        ':target:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_unlink() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        ':target:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_history() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_attach() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        '*:files:'
        '--name[Store under this name (one file only).]:name:'
        '--type[The content type (default\: guessed from the name).]:type:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_attachment() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'get:Write an attachment to a file, or to stdout.'
            'list:List a ticket'\''s attachments.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        get|list)
            "_desk_ticket_attachment_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_ticket_attachment_get() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        '(-o --output)'{-o,--output}'[Write here; - for stdout (default\: its own name in this directory).]:file:'
        '--force[Replace an existing file.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_ticket_attachment_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':ticket:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_tag() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Tag tickets: TICKET… TAG (several tags: --tag). All or nothing, in one transaction.'
            'rm:Untag tickets: TICKET… TAG.'
            'list:Tags with their open and total ticket counts.'
            'rename:Rename a tag on every ticket.'
            'merge:Merge tags into one: desk tag merge wish-csv wish-excel --into wish-export.'
            'stats:Tickets and distinct customers per tag over a period, optionally per week, with a bar chart on a terminal.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|rm|list|rename|merge|stats)
            "_desk_tag_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_tag_add() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:words:'
        '*--tag[Another tag (repeatable).]:tag:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_tag_rm() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:words:'
        '*--tag[Another tag (repeatable).]:tag:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_tag_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':pattern:'
        '--since[Count only tickets created since.]:date:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_tag_rename() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':old:'
        ':new:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_tag_merge() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:sources:'
        '--into[The tag that remains.]:into:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_tag_stats() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':pattern:'
        '--since[Tickets created since.]:date:'
        '--until[Tickets created before.]:date:'
        '--weekly[One row per tag and week.]'
        '--view[Only the tickets of this saved view.]:view:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_view() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'save:Save (or replace) a view from ticket list'\''s filter options.'
            'list:List the views.'
            'show:Show a view.'
            'rm:Remove a view.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        save|list|show|rm)
            "_desk_view_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_view_save() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '*--status[Statuses\: new, open, pending, on-hold, solved, closed.]:status,…:'
        '--all[Every status, solved and closed too.]'
        '--assignee[me, none, or an agent'\''s login.]:login:'
        '--customer[A customer\: id, email, +phone, KIND\:handle or account ID.]:customer:'
        '*--type[Types.]:type,…:'
        '*--channel[Channels.]:channel,…:'
        '*--priority[Priorities.]:priority,…:'
        '*--tag[A tag the ticket must carry (repeatable\: all must match).]:tag:'
        '--text[Words in the subject or a message (prefixes; case and accents ignored).]:words:'
        '--created-since[Created at or after.]:date:'
        '--created-before[Created before.]:date:'
        '--updated-since[Updated at or after.]:date:'
        '--updated-before[Updated before.]:date:'
        '--breached[Only tickets past an SLA deadline.]'
        '--due-within[Only tickets with an SLA deadline within this long (e.g. 1h; breached ones too).]:duration:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_view_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_view_show() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_view_rm() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_broadcast() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'send:Send a template to every customer behind a tag.'
            'resume:Finish a broadcast that was interrupted.'
            'list:List broadcasts.'
            'show:Show a broadcast and its recipients.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        send|resume|list|show)
            "_desk_broadcast_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_broadcast_send() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--tag[The tag.]:tag:'
        '--template[The template.]:template:'
        '*--status[Which statuses count (default\: all but closed).]:status,…:'
        '--solve[Solve the tickets too.]'
        '--keep-tag[Keep the tag on the tickets (by default it is removed).]'
        '--dry-run[List exactly who would get what; send nothing.]'
        '--yes[Do not ask for confirmation (needed when stdin is not a terminal).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_broadcast_resume() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_broadcast_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_broadcast_show() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rate() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'give:Record a rating: desk rate ID LEVEL.'
            'request:Ask the customer for a rating (template rating-request; phone tickets by email).'
            'exclude:Leave a ticket'\''s rating out of the statistics (it stays in history).'
            'list:List ratings.'
            'nps:Record a customer'\''s Net Promoter Score answer (0–10).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        give|request|exclude|list|nps)
            "_desk_rate_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_rate_give() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        ':level:'
        '--comment[The customer'\''s comment.]:comment:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rate_request() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rate_exclude() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        '--reason[Why (required).]:reason:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rate_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--negative[Only bad and normal ones that count.]'
        '--agent[Only ratings credited to this agent.]:agent:'
        '--since[Given at or after.]:date:'
        '--until[Given before.]:date:'
        '--all[Replaced ratings too.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rate_nps() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--customer[The customer.]:customer:'
        ':score:'
        '--comment[The customer'\''s comment.]:comment:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_report() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'summary:Tickets, backlog, response and resolution times, SLA, CSAT and NPS for a period.'
            'agents:Per agent: tickets solved, median first response, SLA achievement, CSAT, bad ratings.'
            'tags:Tickets and customers per tag, and their trend per week.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        summary|agents|tags)
            "_desk_report_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_report_summary() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___by=('channel' 'type' 'agent' 'tag')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--week[An ISO week, e.g. 2026-W47 (Monday to Monday in the helpdesk'\''s zone).]:yyyy-Www:'
        '--month[A month, e.g. 2026-11.]:yyyy-mm:'
        '--from[From this moment…]:date:'
        '--to[…to this one (not included).]:date:'
        '--by[Break down by channel, type, agent or tag.]:by:{__desk_complete "${___by[@]}"}'
        '--csv[Shorthand for --format csv.]'
        '--html[Also write a self-contained HTML page with charts.]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_report_agents() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--week[An ISO week, e.g. 2026-W47 (Monday to Monday in the helpdesk'\''s zone).]:yyyy-Www:'
        '--month[A month, e.g. 2026-11.]:yyyy-mm:'
        '--from[From this moment…]:date:'
        '--to[…to this one (not included).]:date:'
        '--csv[Shorthand for --format csv.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_report_tags() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--week[An ISO week, e.g. 2026-W47 (Monday to Monday in the helpdesk'\''s zone).]:yyyy-Www:'
        '--month[A month, e.g. 2026-11.]:yyyy-mm:'
        '--from[From this moment…]:date:'
        '--to[…to this one (not included).]:date:'
        '--tag[A glob, e.g. '\''wish-*'\''.]:pattern:'
        '--csv[Shorthand for --format csv.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_customer() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Add a customer.'
            'list:List customers by name.'
            'show:Show a customer and their tickets.'
            'edit:Change a customer. Give none (or an empty value) to clear a field.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|list|show|edit)
            "_desk_customer_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_customer_add() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--email[Email address.]:email:'
        '--phone[Phone number, e.g. +79991234567.]:phone:'
        '(--org --organization)'{--org,--organization}'[Organisation.]:org:'
        '--manager[The account manager (an agent'\''s login, or none).]:login:'
        '*--handle[A messenger handle, KIND\:HANDLE (repeatable).]:kind\:handle:'
        '*--account[An external account ID (repeatable).]:id:'
        '--language[The language templates are sent in\: en, ru, uk, pt-br… (none to clear).]:code:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_customer_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '(--org --organization)'{--org,--organization}'[Only this organisation.]:org:'
        '--manager[Only customers of this account manager (or me).]:login:'
        '--text[Name or email starting with this, or this exact account ID or handle.]:text:'
        '(-n --limit)'{-n,--limit}'[Print at most this many.]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_customer_show() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':customer:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_customer_edit() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':customer:'
        '--name[A new name.]:name:'
        '--email[Email address.]:email:'
        '--phone[Phone number, e.g. +79991234567.]:phone:'
        '(--org --organization)'{--org,--organization}'[Organisation.]:org:'
        '--manager[The account manager (an agent'\''s login, or none).]:login:'
        '*--handle[A messenger handle, KIND\:HANDLE (repeatable).]:kind\:handle:'
        '*--account[An external account ID (repeatable).]:id:'
        '--language[The language templates are sent in\: en, ru, uk, pt-br… (none to clear).]:code:'
        '*--remove-handle[Remove a handle (repeatable).]:kind\:handle:'
        '*--remove-account[Remove an account ID (repeatable).]:id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_agent() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Add an agent (admins only).'
            'list:List the agents.'
            'show:Show an agent.'
            'edit:Change an agent (admins only).'
            'deactivate:Deactivate an agent: they can no longer act or take tickets; history stays.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|list|show|edit|deactivate)
            "_desk_agent_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_agent_add() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___role=('admin' 'lead' 'agent')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':login:'
        '--name[The full name (default\: the login).]:name:'
        '--email[Email address.]:email:'
        '--role[admin, lead or agent.]:role:{__desk_complete "${___role[@]}"}'
        '*--skill[A skill or group (repeatable).]:skill:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_agent_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___role=('admin' 'lead' 'agent')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--role[Only this role.]:role:{__desk_complete "${___role[@]}"}'
        '--skill[Only agents with this skill.]:skill:'
        '--all[Include deactivated agents.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_agent_show() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':login:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_agent_edit() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___role=('admin' 'lead' 'agent')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':login:'
        '--name[A new full name.]:name:'
        '--email[Email address (none to clear).]:email:'
        '--role[admin, lead or agent.]:role:{__desk_complete "${___role[@]}"}'
        '--active[Let the agent act and take tickets, or not.]'
        '--no-active[Let the agent act and take tickets, or not.]'
        '*--skill[Add a skill (repeatable).]:skill:'
        '*--remove-skill[Remove a skill (repeatable).]:remove-skill:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_agent_deactivate() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':login:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'calendar:Business calendars: a time zone, weekly working hours, holidays.'
            'policy:SLA policies: targets on a calendar, and the conditions that pick them.'
            'status:The SLA timers of tickets: policy, due, time left in working and wall time, state.'
            'set:Set a ticket'\''s SLA policy by hand, with a reason; the leads are told.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        calendar|policy|status|set)
            "_desk_sla_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_sla_calendar() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Add a calendar (admins and leads).'
            'list:List the calendars.'
            'show:Show a calendar.'
            'edit:Change a calendar; --hours replaces the whole week.'
            'rm:Remove a calendar no policy uses.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|list|show|edit|rm)
            "_desk_sla_calendar_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_sla_calendar_add() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '(--tz --time-zone)'{--tz,--time-zone}'[An IANA time zone, e.g. Europe/Moscow.]:tz:'
        '*--hours[Working hours (repeatable).]:days hh\:mm-hh\:mm:'
        '*--holiday[A day off (repeatable).]:yyyy-mm-dd\[=name\]:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla_calendar_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla_calendar_show() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla_calendar_edit() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--rename[A new name.]:rename:'
        '(--tz --time-zone)'{--tz,--time-zone}'[An IANA time zone.]:tz:'
        '*--hours[Working hours (repeatable; replaces the week).]:days hh\:mm-hh\:mm:'
        '*--holiday[Add a day off (repeatable).]:yyyy-mm-dd\[=name\]:'
        '*--remove-holiday[Remove a day off (repeatable).]:yyyy-mm-dd:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla_calendar_rm() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla_policy() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Add a policy (admins and leads).'
            'list:List the policies in order of precedence.'
            'show:Show a policy.'
            'edit:Change a policy; running timers follow at once.'
            'rm:Remove a policy; its tickets get another.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|list|show|edit|rm)
            "_desk_sla_policy_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_sla_policy_add() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--calendar[The business calendar (default 24x7).]:calendar:'
        '--first-response[Target\: DURATION, or KEY=DURATION,… by type or priority (none removes it).]:target:'
        '--next-response[Target for each next response.]:target:'
        '--resolution[Target for resolution.]:target:'
        '--warn[Warn the assignee this long before a deadline (default 15m).]:duration:'
        '--pause-on[Statuses that pause the timers (default pending,on-hold; none).]:statuses:'
        '*--type[Only tickets of these types (repeatable or comma-separated).]:type:'
        '*--priority[Only tickets of these priorities.]:priority:'
        '*--channel[Only tickets from these channels.]:channel:'
        '*--org[Only tickets of customers of these organisations.]:org:'
        '*--tag[Only tickets with one of these tags.]:tag:'
        '--position[Precedence\: 1 is tried first.]:position:'
        '--default[The policy for tickets no other policy picks.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla_policy_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla_policy_show() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla_policy_edit() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--calendar[The business calendar (default 24x7).]:calendar:'
        '--first-response[Target\: DURATION, or KEY=DURATION,… by type or priority (none removes it).]:target:'
        '--next-response[Target for each next response.]:target:'
        '--resolution[Target for resolution.]:target:'
        '--warn[Warn the assignee this long before a deadline (default 15m).]:duration:'
        '--pause-on[Statuses that pause the timers (default pending,on-hold; none).]:statuses:'
        '*--type[Only tickets of these types (repeatable or comma-separated).]:type:'
        '*--priority[Only tickets of these priorities.]:priority:'
        '*--channel[Only tickets from these channels.]:channel:'
        '*--org[Only tickets of customers of these organisations.]:org:'
        '*--tag[Only tickets with one of these tags.]:tag:'
        '--position[Precedence\: 1 is tried first.]:position:'
        '--default[Make it the default, or not.]'
        '--no-default[Make it the default, or not.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla_policy_rm() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla_status() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:ids:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_sla_set() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        ':policy:'
        '--reason[Why (required).]:reason:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_template() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Add a template (admins and leads).'
            'edit:Change a template'\''s subject or body.'
            'list:List the templates.'
            'show:Show a template (English unless --language).'
            'render:Preview a template filled in for a ticket (nothing is sent).'
            'rm:Remove a template (one language with --language).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|edit|list|show|render|rm)
            "_desk_template_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_template_add() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--language[Its language (default en).]:language:'
        '--subject[The subject line (for mail).]:subject:'
        '(-m --body)'{-m,--body}'[The message text, or - to read it from stdin.]:text:'
        '--body-file[Read the message from a file (- for stdin).]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_template_edit() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--language[Which language (default en).]:language:'
        '--subject[A new subject line.]:subject:'
        '(-m --body)'{-m,--body}'[The message text, or - to read it from stdin.]:text:'
        '--body-file[Read the message from a file (- for stdin).]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_template_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_template_show() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--language[Which language.]:language:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_template_render() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        ':ticket:'
        '--language[Render this language (default\: the customer'\''s).]:language:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_template_rm() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--language[Only this language.]:language:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rule() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Add a rule (admins and leads).'
            'edit:Change a rule: conditions given replace all its conditions, actions given all its actions.'
            'list:List the rules in order.'
            'show:Show a rule.'
            'enable:Turn a rule on.'
            'disable:Turn a rule off (it is kept).'
            'rm:Remove a rule.'
            'test:Show which rules would fire for a message, and what they would do; nothing changes.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|edit|list|show|enable|disable|rm|test)
            "_desk_rule_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_rule_add() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--on[Events\: created, customer_message, status_change (comma-separated).]:events:'
        '--if-text[Any of these words in the subject or message (comma-separated; case and accents ignored).]:words:'
        '--if-channel[Channels.]:channel,…:'
        '--if-type[Types.]:type,…:'
        '--if-priority[Priorities.]:priority,…:'
        '*--if-customer[A customer (repeatable).]:customer:'
        '--if-org[Organisations.]:org,…:'
        '--if-tag[Any of these tags.]:tag,…:'
        '--if-hours[in or out of working hours on support.calendar.]:in|out:'
        '--assign[Assign to a login, skill\:NAME (least loaded of the group) or account-manager.]:who:'
        '--set-type[Set the type.]:set-type:'
        '--set-priority[Set the priority.]:set-priority:'
        '--add-tag[Add tags.]:tag,…:'
        '--reply-template[Send this template to the customer.]:template:'
        '--notify[Notify team, leads or a login.]:who:'
        '--stop[Stop trying further rules when this one fires.]'
        '--position[Its position (default\: last).]:position:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rule_edit() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--on[Events\: created, customer_message, status_change (comma-separated).]:events:'
        '--if-text[Any of these words in the subject or message (comma-separated; case and accents ignored).]:words:'
        '--if-channel[Channels.]:channel,…:'
        '--if-type[Types.]:type,…:'
        '--if-priority[Priorities.]:priority,…:'
        '*--if-customer[A customer (repeatable).]:customer:'
        '--if-org[Organisations.]:org,…:'
        '--if-tag[Any of these tags.]:tag,…:'
        '--if-hours[in or out of working hours on support.calendar.]:in|out:'
        '--assign[Assign to a login, skill\:NAME (least loaded of the group) or account-manager.]:who:'
        '--set-type[Set the type.]:set-type:'
        '--set-priority[Set the priority.]:set-priority:'
        '--add-tag[Add tags.]:tag,…:'
        '--reply-template[Send this template to the customer.]:template:'
        '--notify[Notify team, leads or a login.]:who:'
        '--stop[Stop after this rule, or not.]'
        '--no-stop[Stop after this rule, or not.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rule_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rule_show() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rule_enable() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rule_disable() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rule_rm() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_rule_test() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___on=('created' 'customer_message' 'status_change')
    local -ar ___priority=('low' 'normal' 'high' 'urgent')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--text[The message text (subject and body).]:text:'
        '--on[The event (default created).]:on:{__desk_complete "${___on[@]}"}'
        '--channel[The channel (default email).]:channel:'
        '--type[The type (default\: ticket.default-type).]:type:'
        '--priority[The priority.]:priority:{__desk_complete "${___priority[@]}"}'
        '--customer[The customer.]:customer:'
        '*--tag[A tag the ticket has (repeatable).]:tag:'
        '--at[When the message arrives (default now).]:at:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'add:Write an article (a draft unless --publish).'
            'edit:Change an article'\''s title, body, category, tags or audience.'
            'show:Show an article: its fields and Markdown body.'
            'list:List articles by language, category and slug.'
            'search:Find articles: every word, as a prefix, in the title or body; case and accents do not matter.'
            'suggest:Rank published articles for a ticket, by its subject and what the customer wrote.'
            'publish:Publish an article: public ones go on the site and may be sent to customers.'
            'unpublish:Take an article back to draft.'
            'history:An article'\''s changes: who, when, what.'
            'rm:Remove an article in one language, with its history (leads and admins).'
            'export:Export the public site (HTML), a Markdown folder, or JSON.'
            'import:Import a folder of Markdown articles (adds new ones, updates those with the same slug and language).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        add|edit|show|list|search|suggest|publish|unpublish|history|rm|export|import)
            "_desk_kb_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_kb_add() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___audience=('public' 'internal')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':slug:'
        '--title[The title (default\: the body'\''s first '\''# '\'' heading).]:title:'
        '--language[Its language (default en).]:language:'
        '--category[Its category, e.g. Billing.]:category:'
        '*--tag[A tag (repeatable, or comma-separated).]:tag:'
        '--audience[public (customers) or internal (agents only).]:audience:{__desk_complete "${___audience[@]}"}'
        '--translation-of[The article (slug or id) this one translates.]:article:'
        '--publish[Publish it at once.]'
        '(-m --body)'{-m,--body}'[The message text, or - to read it from stdin.]:text:'
        '--body-file[Read the message from a file (- for stdin).]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb_edit() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___audience=('public' 'internal')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':article:'
        '--language[Which language of it.]:language:'
        '--title[A new title.]:title:'
        '--category[A new category (empty to clear it).]:category:'
        '*--tag[Replace the tags (repeatable, or comma-separated).]:tag:'
        '--audience[public or internal.]:audience:{__desk_complete "${___audience[@]}"}'
        '(-m --body)'{-m,--body}'[The message text, or - to read it from stdin.]:text:'
        '--body-file[Read the message from a file (- for stdin).]:file:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb_show() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':article:'
        '--language[Which language of it (its translation in that language).]:language:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___audience=('public' 'internal')
    local -ar ___state=('draft' 'published')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--language[Only this language.]:language:'
        '--audience[Only public or internal articles.]:audience:{__desk_complete "${___audience[@]}"}'
        '--category[Only this category.]:category:'
        '--state[Only drafts or published articles.]:state:{__desk_complete "${___state[@]}"}'
        '--tag[Only articles with this tag.]:tag:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb_search() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___audience=('public' 'internal')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':query:'
        '--language[Only this language.]:language:'
        '--audience[Only public or internal articles.]:audience:{__desk_complete "${___audience[@]}"}'
        '--category[Only this category.]:category:'
        '--state[published (default), draft or any.]:state:'
        '--limit[At most this many hits (default 20; 5 for suggest).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb_suggest() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar ___audience=('public' 'internal')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':ticket:'
        '--language[Only this language.]:language:'
        '--audience[Only public or internal articles.]:audience:{__desk_complete "${___audience[@]}"}'
        '--category[Only this category.]:category:'
        '--state[published (default), draft or any.]:state:'
        '--limit[At most this many hits (default 20; 5 for suggest).]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb_publish() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':article:'
        '--language[Which language of it.]:language:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb_unpublish() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':article:'
        '--language[Which language of it.]:language:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb_history() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':article:'
        '--language[Which language of it.]:language:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb_rm() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':article:'
        '--language[Which language of it.]:language:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb_export() {
    local -i ret=1
    local -ar ___format=('html' 'markdown' 'json' 'jsonl')
    local -ar ___audience=('public' 'internal')
    local -ar ___state=('draft' 'published')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--html[Write the public site to this folder (the same as --format html --output DIR).]:dir:'
        '--format[html, markdown, json or jsonl.]:format:{__desk_complete "${___format[@]}"}'
        '(-o --output)'{-o,--output}'[The folder (html, markdown) or file (json) to write.]:path:'
        '--css[The site'\''s stylesheet instead of desk'\''s own.]:file:'
        '--title[The site'\''s name (default\: "Help center" in each language).]:title:'
        '--language[Only this language.]:language:'
        '--audience[Only public or internal articles.]:audience:{__desk_complete "${___audience[@]}"}'
        '--category[Only this category.]:category:'
        '--state[Only drafts or published articles.]:state:{__desk_complete "${___state[@]}"}'
        '--tag[Only articles with this tag.]:tag:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_kb_import() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':directory:'
        '--language[The language of files that do not say (default en).]:language:'
        '--publish[Publish the articles whose front matter gives no state.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_autoreply() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'set:Choose the template for a channel and period (admins and leads).'
            'list:List the auto-replies.'
            'rm:Stop acknowledging for a channel and period.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        set|list|rm)
            "_desk_autoreply_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_autoreply_set() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar _period=('any' 'hours' 'after-hours' 'before-weekend' 'weekend' 'holiday')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':channel:'
        ':period:{__desk_complete "${_period[@]}"}'
        ':template:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_autoreply_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_autoreply_rm() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar _period=('any' 'hours' 'after-hours' 'before-weekend' 'weekend' 'holiday')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':channel:'
        ':period:{__desk_complete "${_period[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_outbox() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List the outbox, oldest first.'
            'show:Show one message with its body.'
            'retry:Queue failed or dropped messages again.'
            'drop:Give up on queued or failed messages (they stay listed).'
            'deliver:Deliver what is due now (desk cron does this every run).'
            'adapter:How each channel'\''s messages leave desk.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|retry|drop|deliver|adapter)
            "_desk_outbox_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_outbox_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*--state[Only these states\: queued, sending, sent, failed, dropped.]:state,…:'
        '--ticket[Only messages of this ticket.]:ticket:'
        '--channel[Only this channel (notify for notifications).]:channel:'
        '(-n --limit)'{-n,--limit}'[Print at most this many.]:limit:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_outbox_show() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':id:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_outbox_retry() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:ids:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_outbox_drop() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '*:ids:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_outbox_deliver() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--dry-run[Show what would be sent, send nothing.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_outbox_adapter() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'set:Set a channel'\''s adapter (admins and leads).'
            'list:List the adapters.'
            'rm:Remove a channel'\''s adapter.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        set|list|rm)
            "_desk_outbox_adapter_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_outbox_adapter_set() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar _kind=('exec' 'webhook' 'sendmail')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':channel:'
        ':kind:{__desk_complete "${_kind[@]}"}'
        '*:target:'
        '--timeout[How long one delivery may take (default 10s).]:timeout:'
        '--attempts[Attempts before a message fails (default 5).]:attempts:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_outbox_adapter_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_outbox_adapter_rm() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':channel:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_cron() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--dry-run[Show what would be done, change and send nothing.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_config() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:Every setting and its value.'
            'get:Print one setting'\''s value.'
            'set:Change a setting (leads and admins).'
            'unset:Return a setting to its default (leads and admins).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|set|unset)
            "_desk_config_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_config_list() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_config_get() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':key:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_config_set() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':key:'
        ':value:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_config_unset() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':key:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_db() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'check:Check the database'\''s integrity; exit 74 if it is damaged.'
            'backup:Copy the live database to FILE (online: other commands may run meanwhile).'
            'info:Where the database is, its schema, size and row counts.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        check|backup|info)
            "_desk_db_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_desk_db_check() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_db_backup() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        ':file:'
        '--force[Replace FILE if it exists.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_db_info() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_shell() {
    local -i ret=1
    local -ar arg_specs=(
        '--db[The database file (default\: $DESK_DB, else $XDG_DATA_HOME/desk/desk.db).]:path:'
        '--as[Act as this agent (default\: $DESK_AGENT, else your login name).]:login:'
        '--keep-going[In a script, run every line even after one fails; exit with the last failure'\''s status.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_version() {
    local -i ret=1
    local -ar ___format=('table' 'json' 'jsonl' 'csv' 'tsv' 'ids')
    local -ar arg_specs=(
        '--format[Output format\: table, json, jsonl, csv, tsv or ids (default\: table on a terminal, tsv otherwise).]:format:{__desk_complete "${___format[@]}"}'
        '--json[Shorthand for --format json.]'
        '--fields[Comma-separated fields to print, in order.]:a,b,…:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_desk_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _desk ]]; then
    _desk "${@}"
else
    compdef _desk desk
fi
