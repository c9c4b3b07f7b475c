# fish completion for desk (desk completion fish). The candidates come from desk itself.
function __desk_complete
    set -l words (commandline -opc)
    set -l out (desk __complete --shell fish -- $words (commandline -ct) 2>/dev/null)
    if test "$out" = __files__
        __fish_complete_path (commandline -ct)
    else
        printf '%s\n' $out
    end
end
complete -c desk -f -a '(__desk_complete)'
