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
  local IFS=$'\n'
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
