# bash completion for crampguide                           -*- shell-script -*-
#
# Installed by `make install` as bash-completion/completions/crampguide,
# with @FORMATS@ replaced by the tip sheet's formats (scripts/formats).
# It uses nothing of bash-completion's, so it also works when sourced alone.

_crampguide()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev='' eq=''

	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# bash splits --format=html at the '=' (COMP_WORDBREAKS): the option
	# is then one word further back.
	if [[ $cur == = ]]; then
		cur='' eq=1
	elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		prev=${COMP_WORDS[COMP_CWORD - 2]} eq=1
	fi

	COMPREPLY=()
	case $prev in
	--format)
		mapfile -t COMPREPLY < <(compgen -W '@FORMATS@' -- "$cur")
		return
		;;
	--printer)
		# lpstat -e lists the destinations CUPS knows, one a line.
		mapfile -t COMPREPLY < <(compgen -W "$(lpstat -e 2>/dev/null)" -- "$cur")
		return
		;;
	-o | --output)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return
		;;
	-c | --content)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return
		;;
	--color)
		# The value is optional, so it only ever comes after '='.
		if [[ $eq ]]; then
			mapfile -t COMPREPLY < <(compgen -W 'auto always never' -- "$cur")
			return
		fi
		;;
	esac

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W '--content --check --strict --plain --tips
			--format --output --force --print --printer --color --no-mouse --help
			--version -c -p -o -h -V' -- "$cur")
	fi
}
complete -F _crampguide crampguide
