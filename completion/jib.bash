# bash completion for jib: commands, options, kinds, statuses, regions and
# authority names. The candidates come from `jib --complete`, which reads the
# same tables as `jib --help` and the database read-only.
_jib() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local out rc line
    out=$(command "${JIB_COMPLETE_BIN:-jib}" --complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
    rc=$?
    COMPREPLY=()
    if [ "$rc" -eq 3 ]; then
        compopt -o filenames 2>/dev/null
        while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen -f -- "$cur")
        return 0
    fi
    while IFS= read -r line; do
        [ -n "$line" ] && COMPREPLY+=("$(printf '%q' "$line")")
    done <<<"$out"
    return 0
}
complete -F _jib jib
