#compdef crampguide
# zsh completion for crampguide.
#
# Installed by `make install` as _crampguide in a directory of zsh's fpath,
# with @FORMATS@ replaced by the tip sheet's formats (scripts/formats).

_crampguide_printers() {
	local -a printers
	# lpstat -e lists the destinations CUPS knows, one a line.
	printers=(${(f)"$(_call_program printers lpstat -e 2>/dev/null)"})
	_describe -t printers 'printer' printers
}

_arguments -s -S \
	'(-c --content)'{-c+,--content=}'[read the guide from DIR]:content directory:_directories' \
	'--check[check the content, report any problem, and exit]' \
	'--strict[with --check, count warnings as errors]' \
	'(-p --plain)'{-p,--plain}'[print the whole guide as plain text]' \
	'--tips[print your tip sheet]' \
	'--format=[the tip sheet format]:format:(@FORMATS@)' \
	'(-o --output)'{-o+,--output=}'[write the tip sheet to FILE]:file:_files' \
	'--force[with -o, write even into the content directory]' \
	'--print[send your tip sheet to the printer (CUPS lp)]' \
	'--printer=[print on NAME instead of your default printer]:printer:_crampguide_printers' \
	'--color=-[colours in the guide]::when:(auto always never)' \
	'--no-mouse[leave the mouse to the terminal]' \
	'(- *)'{-h,--help}'[show the help and exit]' \
	'(- *)'{-V,--version}'[show the version and exit]'
