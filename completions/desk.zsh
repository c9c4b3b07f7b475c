#compdef desk
# zsh completion for desk (desk completion zsh). The candidates come from desk itself.
_desk() {
  local -a candidates
  local out
  out=$("${words[1]}" __complete --shell zsh -- "${(@)words[1,CURRENT-1]}" "${words[CURRENT]}" 2>/dev/null)
  if [[ $out == __files__ ]]; then
    _files
    return
  fi
  candidates=("${(@f)out}")
  _describe -V desk candidates
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _desk "$@"; else compdef _desk desk; fi
