# Shared by the bench scripts: run CMD… prints the median of 11 runs, in milliseconds.
run() {
  local times=()
  for _ in $(seq 11); do
    local s=$(date +%s%N); "$@" > /dev/null; times+=($(( ($(date +%s%N) - s) / 1000000 )))
  done
  printf '%6s ms  %s\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n 6p)" "$*"
}
