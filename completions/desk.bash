# bash completion for desk (desk completion bash). The candidates come from desk itself.
_desk() {
  local IFS=$'\n' cur=${COMP_WORDS[COMP_CWORD]} out
  out=$("${COMP_WORDS[0]}" __complete --shell bash -- "${COMP_WORDS[@]:0:COMP_CWORD}" "$cur" 2>/dev/null)
  if [ "$out" = "__files__" ]; then
    COMPREPLY=($(compgen -f -- "$cur"))
  else
    COMPREPLY=($out)
  fi
}
complete -o nosort -F _desk desk 2>/dev/null || complete -F _desk desk
