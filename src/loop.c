/* loop.c - the input loop: events from the terminal, or steps of a key
 * script, handed to the screens; slow work done after the screen that
 * announces it is drawn. */
#include "loop.h"

#include <stdlib.h>

#include "script.h"
#include "text.h"
#include "util.h"
#include "view.h"

/* Draw the whole screen as the screens see it now. */
static void redraw(struct viewer *V)
{
	tty_begin();
	viewer_draw(V);
	tty_end();
}

/* After a key: quit, pause, or do the work the screen now says it does.
 * Return -1 to go on, else the exit status. */
static int after_key(struct viewer *V, enum viewer_result r, bool scripted)
{
	switch (r) {
	case VIEWER_QUIT:
		return 0;
	case VIEWER_SUSPEND:
		/* A script cannot bring back a stopped guide. */
		if (!scripted && !tty_suspend())
			view_say(V, "Pausing is not possible here: press %s to quit",
				 view_key_name(ACT_QUIT));
		break;
	case VIEWER_WORK:
		/* The screen says what is being done before it is done. */
		redraw(V);
		viewer_work(V);
		break;
	default:
		break;
	}
	return -1;
}

static int play(struct viewer *V, struct script *script)
{
	struct script_event ev;
	int status;

	for (;;) {
		if (tty_signal())
			return 128 + tty_signal();
		redraw(V);
		if (!script_next(script, &ev))
			return 0;
		switch (ev.kind) {
		case SCRIPT_KEY:
			status = after_key(V, viewer_key(V, ev.key), true);
			if (status >= 0)
				return status;
			break;
		case SCRIPT_DUMP:
		case SCRIPT_ATTRS:
			tty_dump(ev.path, ev.kind == SCRIPT_ATTRS);
			break;
		case SCRIPT_RESIZE:
			tty_resize(ev.y, ev.x);
			viewer_resize(V, tty_rows(), tty_cols());
			break;
		case SCRIPT_CLICK:
			viewer_click(V, ev.y, ev.x);
			break;
		case SCRIPT_WHEEL:
			viewer_wheel(V, ev.y);
			break;
		}
	}
}

static int interact(struct viewer *V)
{
	struct tty_event ev;
	int status;

	for (;;) {
		redraw(V);
		tty_read(&ev);
		switch (ev.kind) {
		case TTY_EV_SIGNAL:
			return 128 + ev.sig;
		case TTY_EV_LOST:
			tty_stop();
			warn("lost the terminal");
			return 1;
		case TTY_EV_RESIZE:
			viewer_resize(V, tty_rows(), tty_cols());
			break;
		case TTY_EV_CLICK:
			viewer_click(V, ev.row, ev.col);
			break;
		case TTY_EV_WHEEL:
			viewer_wheel(V, ev.dir);
			break;
		case TTY_EV_KEY:
			status = after_key(V, viewer_key(V, ev.key), false);
			if (status >= 0)
				return status;
			break;
		case TTY_EV_NONE:
			break;
		}
	}
}

int loop_run(const struct guide *g, const struct loop_options *opt)
{
	const char *path = getenv("CRAMPGUIDE_SCRIPT");
	const char *size = getenv("CRAMPGUIDE_SIZE");
	bool scripted = path && *path;
	struct script *script = NULL;
	struct viewer V;
	int rows = 24, cols = 80, status;

	if (scripted) {
		char *error = NULL;

		if (size && *size && !script_parse_size(size, &cols, &rows))
			die("CRAMPGUIDE_SIZE must be a size like 80x24, from 1x1 to %dx%d",
			    SCRIPT_MAX_SIZE, SCRIPT_MAX_SIZE);
		script = script_load(path, &error);
		if (!script) {
			warn("%s", error);
			free(error);
			return 1;
		}
		if (!tty_start_scripted(opt->color, rows, cols)) {
			script_free(script);
			return 1;
		}
	} else if (!tty_usable() || !tty_start(opt->color, opt->mouse)) {
		return LOOP_NO_TERMINAL;
	}
	/* A script clicks without a mouse, so the screens see the option. */
	viewer_init(&V, g, opt->marks, opt->notice, !text_locale_utf8(), opt->mouse, tty_rows(),
		    tty_cols());
	/* Slow work (printing) stops at once when a signal asks the guide to end. */
	V.interrupted = tty_signal;
	status = scripted ? play(&V, script) : interact(&V);
	tty_stop();
	viewer_free(&V);
	script_free(script);
	return status;
}
