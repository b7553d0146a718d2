#!/usr/bin/env zsh
# Prints what zsh offers when Tab is pressed after a command line, one candidate per
# line as `word<TAB>description`.
#   zsh -f zsh-complete.zsh <dir> <line>          autoloads the completion functions in <dir>
#   zsh -f zsh-complete.zsh <dir> <line> source   sources <dir>/_rosi after compinit instead
#
# It runs an interactive zsh in a pseudo-terminal (zsh/zpty), with compinit and the
# completion functions from <dir>, types the line and a Tab, and records what
# the completion functions pass to compadd. Nothing is executed: Enter is unbound.
zmodload zsh/zpty || exit 2
local dir=$1 input=$2 mode=${3:-autoload} init=${TMPDIR:-/tmp}/zsh-complete.$$.zsh out chunk

cat > $init <<INIT
PROMPT='' RPROMPT='' PS2=''
stty columns 200 rows 50 2>/dev/null; COLUMNS=200 LINES=50
unset zle_bracketed_paste
if [[ $mode == source ]]; then
  autoload -Uz compinit && compinit -u -D
  source ${(q)dir}/_rosi
else
  fpath=(${(q)dir} \$fpath)
  autoload -Uz compinit && compinit -u -D
fi
bindkey '^M' undefined
bindkey '^J' undefined
bindkey '^I' complete-word
zstyle ':completion:*' insert-tab false
# One description per match, even where several matches share it (aliases).
zstyle ':completion:*' list-grouped false
__capture_mark() { print -r -- '<<CAPTURE>>' }
compprefuncs=(__capture_mark)
comppostfuncs=(__capture_mark exit)
compadd() {
  # Calls that only collect matches (-O, -A, -D) are the completion system's own.
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "\$@"
    return
  fi
  local -a __hits __dscr
  if (( \$@[(I)-d] )); then
    local __d=\${@[\$(( \${@[(i)-d]} + 1 ))]}
    if [[ \$__d == \(* ]]; then eval "__dscr=\$__d"; else __dscr=("\${(@P)__d}"); fi
  fi
  builtin compadd -A __hits -D __dscr "\$@"
  local -A apre hpre hsuf asuf
  zparseopts -E P:=apre p:=hpre S:=asuf s:=hsuf
  local i
  for (( i = 1; i <= \$#__hits; i++ )); do
    print -r -- "\$IPREFIX\$apre\$hpre\$__hits[i]\$hsuf\$asuf"\$'\t'"\${__dscr[i]-}"
  done
}
print -r -- '<<READY>>'
INIT

zpty rosi_zsh zsh -f -i
zpty -w rosi_zsh "source ${(q)init}"
while zpty -r rosi_zsh chunk; do
  out+=$chunk
  [[ $out == *'<<READY>>'* ]] && break
done
out=''
zpty -w -n rosi_zsh "$input"$'\t'
while zpty -r rosi_zsh chunk; do out+=$chunk; done
zpty -d rosi_zsh
rm -f $init
out=${out//$'\r'/}
local -a parts=("${(@s:<<CAPTURE>>:)out}")
(( $#parts >= 3 )) || { print -ru2 -- "no completion ran: $out"; exit 3 }
print -rn -- ${parts[2]#$'\n'}
