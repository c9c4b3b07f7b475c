import ArgumentParser
import DeskCore
import Foundation

/// `desk completion bash|zsh|fish`: a small script that asks desk itself for the candidates
/// (`desk __complete`), so completion knows every command, flag and value without drifting.
struct CompletionCommand: ParsableCommand {
  enum ShellName: String, ArgumentChoice { case bash, zsh, fish }

  static let configuration = CommandConfiguration(
    commandName: "completion",
    abstract: "Print the completion script for bash, zsh or fish.",
    discussion: """
      The script asks desk for the candidates as you type: subcommands and flags from the command tree, and \
      values from the database (ticket ids with their subjects, tags, agents, customers, templates, SLA \
      policies, views, article slugs). make install puts the scripts where each shell looks; or:

        source <(desk completion bash)                          # ~/.bashrc
        desk completion zsh > "${fpath[1]}/_desk"               # zsh
        desk completion fish > ~/.config/fish/completions/desk.fish
      """)
  @Argument(help: "bash, zsh or fish.") var shell: ShellName

  func run() throws { Terminal.write(Self.script(shell)) }

  static func script(_ shell: ShellName) -> String {
    switch shell {
    case .bash:
      return """
        # bash completion for desk (desk completion bash). The candidates come from desk itself.
        # bash splits words at : and = (COMP_WORDBREAKS): the words are joined again, with
        # bash-completion's _init_completion -n := where it is installed, else here.
        _desk_words() {
          local i word previous=""
          words=()
          for ((i = 0; i <= COMP_CWORD; i++)); do
            word=${COMP_WORDS[i]}
            if ((i > 0)) && [[ ( -n $word && -z ${word//[:=]/} ) || ( -n $previous && -z ${previous//[:=]/} ) ]]; then
              words[${#words[@]} - 1]+=$word
            else
              words+=("$word")
            fi
            previous=$word
          done
          cword=$((${#words[@]} - 1))
          cur=${words[cword]}
        }
        _desk() {
          local cur prev words cword out head tail
          if declare -F _init_completion >/dev/null 2>&1; then
            _init_completion -n := || return
          else
            _desk_words
          fi
          local IFS=$'\\n'
          out=$("${words[0]}" __complete --shell bash -- "${words[@]:0:cword}" "$cur" 2>/dev/null)
          if [ "$out" = "__files__" ]; then
            COMPREPLY=($(compgen -f -- "${cur#--*=}"))
            return
          fi
          COMPREPLY=($out)
          # bash replaces only what follows the word's last : or = (when they break words).
          head=""
          [[ $COMP_WORDBREAKS == *:* && $cur == *:* ]] && head=${cur%"${cur##*:}"}
          tail=${cur%"${cur##*=}"}
          [[ $COMP_WORDBREAKS == *=* && ${#tail} -gt ${#head} ]] && head=$tail
          if [ -n "$head" ]; then
            local i
            for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]=${COMPREPLY[i]#"$head"}; done
          fi
        }
        complete -o nosort -F _desk desk 2>/dev/null || complete -F _desk desk

        """
    case .zsh:
      return """
        #compdef desk
        # zsh completion for desk (desk completion zsh). The candidates come from desk itself,
        # one a line as GROUP<TAB>VALUE:DESCRIPTION; each group (commands, options, tickets, tags…)
        # is listed under its own heading.
        _desk() {
          local -a lines groups candidates
          local out line group
          out=$("${words[1]}" __complete --shell zsh -- "${(@)words[1,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null)
          if [[ $out == __files__ ]]; then
            _files
            return
          fi
          lines=("${(@f)out}")
          for line in $lines; do
            group=${line%%$'\\t'*}
            (( ${groups[(Ie)$group]} )) || groups+=("$group")
          done
          for group in $groups; do
            candidates=()
            for line in $lines; do
              [[ ${line%%$'\\t'*} == $group ]] && candidates+=("${line#*$'\\t'}")
            done
            _describe -V -t "$group" "$group" candidates
          done
        }
        if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _desk "$@"; else compdef _desk desk; fi

        """
    case .fish:
      return """
        # fish completion for desk (desk completion fish). The candidates come from desk itself.
        function __desk_complete
            set -l words (commandline -opc)
            set -l out (desk __complete --shell fish -- $words (commandline -ct) 2>/dev/null)
            if test "$out" = __files__
                __fish_complete_path (commandline -ct)
            else
                printf '%s\\n' $out
            end
        end
        complete -c desk -f -a '(__desk_complete)'

        """
    }
  }
}

/// `desk __complete --shell SHELL -- WORDS…`: what the completion scripts call. WORDS are the
/// command line's words up to the cursor, the last being the one typed so far. Prints one
/// candidate a line (zsh `value:description`, fish `value<TAB>description`), or `__files__`
/// when the shell should complete a file name. The same completer as `desk shell`'s.
struct CompleteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "__complete", abstract: "Candidates for the shell completion scripts.", shouldDisplay: false)
  @Option var shell: CompletionCommand.ShellName
  @Argument(parsing: .captureForPassthrough) var words: [String] = []

  func run() throws {
    var words = self.words
    if words.first == "--" { words.removeFirst() }
    let current = words.popLast() ?? ""
    if !words.isEmpty { words.removeFirst() }  // the program's name
    var connection = try DeskOptions.parse([])
    for (i, word) in words.enumerated() where i + 1 < words.count {
      if word == "--db" { connection.db = words[i + 1] }
      if word == "--as" { connection.actAs = words[i + 1] }
    }
    let line = (words.map(Self.quoted) + [current]).joined(separator: " ")
    var desk: Desk?
    var completer = Completer(tree: .desk) { kind, prefix in
      if desk == nil { desk = try? connection.openDesk() }
      return desk?.completion.values(kind, prefix: prefix).map { Completer.Candidate(value: $0.value, description: $0.description) } ?? []
    }
    completer.inShell = false
    // Shells replace the whole word: `--as=r` completes as `--as=root` (bash's script trims it).
    let option = current.hasPrefix("--") ? current.firstIndex(of: "=").map { String(current[...$0]) } ?? "" : ""
    switch completer.offer(forLineBefore: line) {
    case .fileNames: Terminal.write("__files__\n")
    case .candidates(let candidates):
      for c in candidates {
        let value = option + c.value
        let description = c.description.map(VisibleText.line)
        switch shell {
        case .bash: Terminal.write(value + "\n")
        case .zsh:
          Terminal.write(
            (c.group ?? "values") + "\t" + value.replacingOccurrences(of: ":", with: "\\:") + (description.map { ":" + $0 } ?? "") + "\n")
        case .fish: Terminal.write(value + (description.map { "\t" + $0 } ?? "") + "\n")
        }
      }
    }
  }

  /// A word as the shell would need it typed, so that the completer reads the same words.
  static func quoted(_ word: String) -> String {
    let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { !" \t\n'\"\\$`".unicodeScalars.contains($0) }
    return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
