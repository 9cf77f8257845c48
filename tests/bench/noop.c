/* noop.c - the cost of starting any program: a C program linked to the
 * same libraries as crampguide (ncursesw and libyaml) that does nothing.
 *
 * The calls below are never made (argc is never 99 in the benchmark), but
 * they keep both libraries in the link even under --as-needed, so the
 * dynamic loader maps and relocates them as it does for crampguide. */
#include <curses.h>
#include <stdio.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	(void)argv;
	if (argc == 99) {
		puts(curses_version());
		puts(yaml_get_version_string());
	}
	return 0;
}
