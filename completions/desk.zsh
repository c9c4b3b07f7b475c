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
    group=${line%%$'\t'*}
    (( ${groups[(Ie)$group]} )) || groups+=("$group")
  done
  for group in $groups; do
    candidates=()
    for line in $lines; do
      [[ ${line%%$'\t'*} == $group ]] && candidates+=("${line#*$'\t'}")
    done
    _describe -V -t "$group" "$group" candidates
  done
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _desk "$@"; else compdef _desk desk; fi
