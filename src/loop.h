/* loop.h - the interactive guide's input loop, above the screens: it
 * starts the terminal (tty.h), reads its events or a key script's, hands
 * them to the screens (view.h), and gives the terminal back on every way
 * out. */
#ifndef CRAMPGUIDE_LOOP_H
#define CRAMPGUIDE_LOOP_H

#include <stdbool.h>

#include "guide.h"
#include "tty.h"

struct marks;

/* How the interactive guide was asked to run. */
struct loop_options {
	enum tty_color color;
	bool mouse;
	struct marks *marks;        /* the person's tip sheet */
	const char *notice;         /* said on the home screen at the start, or NULL */
};

/* loop_run()'s answer when this terminal cannot show the guide. */
#define LOOP_NO_TERMINAL (-1)

/* Run the interactive guide on the terminal (or the script in $CRAMPGUIDE_SCRIPT) until the person quits; return the exit status, or LOOP_NO_TERMINAL after saying on stderr why curses cannot drive this terminal. */
int loop_run(const struct guide *g, const struct loop_options *opt);

#endif
