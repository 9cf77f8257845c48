/* ui.c - the terminal: checking it can be driven, starting curses with
 * newterm() and giving the terminal back exactly as it was, colours,
 * signals, the input loop, and the scripted mode that draws to /dev/null
 * and dumps the screen as text for the tests. */
#include "ui.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "keys.h"
#include "script.h"
#include "text.h"
#include "util.h"
#include "view.h"

/* Last: term.h defines macros named `lines` and `columns`, which would
 * break any header after it that uses those words. */
#include <term.h>

/* The terminal types tried, in order, for the scripted mode: any will do,
 * since only the screen's text is looked at, but it must be fixed so that
 * dumps do not depend on the caller's $TERM. */
static const char *const script_terms[] = { "xterm-256color", "xterm", "vt100" };

#define UI_THEME_ROW(name, fg, bg, colour, mono) { fg, bg, colour, mono },

static const struct {
	short fg, bg;
	attr_t colour, mono;
} theme[UI_ELEM_COUNT] = { UI_ELEMS(UI_THEME_ROW) };

#undef UI_THEME_ROW

/* The letter of each element in an :attrs dump, in enum order; plain
 * text is a space. */
static const char attr_letters[] = " THZENBLKCSMsmhp";
_Static_assert(sizeof attr_letters == UI_ELEM_COUNT + 1, "one letter per element");

/* Everything curses-side lives here: there is one terminal. */
static struct {
	SCREEN *screen;
	FILE *out, *in;          /* /dev/null in the scripted mode */
	bool scripted;
	bool mouse;
	int cursor;              /* visibility before we hid it, or ERR */
	attr_t attr[UI_ELEM_COUNT];
	int cursor_row, cursor_col;
	unsigned char *cells;    /* the element drawn in each cell, for :attrs */
	int cell_rows, cell_cols;
} T = { .cursor = ERR };

static volatile sig_atomic_t caught;
static struct sigaction old_int, old_term, old_hup;

static void on_signal(int sig)
{
	caught = sig;
}

/* SIGINT, SIGTERM and SIGHUP only set a flag: the input loop sees it (the
 * blocked read returns EINTR, as there is no SA_RESTART) and leaves
 * through the same path as q, so the terminal is always restored.  They
 * are set before newterm() so that curses keeps out of them. */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
}

static void restore_signals(void)
{
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
}

/* Give the terminal back: mouse reporting off, the cursor as it was, the
 * alternate screen left and the tty modes restored (endwin).  Also die()'s
 * cleanup, so a fatal message is readable. */
static void stop(void)
{
	if (!T.screen)
		return;
	if (T.mouse)
		mousemask(0, NULL);
	if (T.cursor != ERR)
		curs_set(T.cursor);
	/* Not twice: a signal right after Ctrl-Z and fg finds the screen
	 * already left, and leaving it again would send the terminal's
	 * "restore cursor" once more, back to where the guide was started. */
	if (!isendwin())
		endwin();
	delscreen(T.screen);
	T.screen = NULL;
	if (T.out)
		fclose(T.out);
	if (T.in)
		fclose(T.in);
	T.out = T.in = NULL;
	free(T.cells);
	T.cells = NULL;
	restore_signals();
	util_set_cleanup(NULL);
}

/* The one line said when the guide falls back to the plain text. */
static void say_unusable(const char *term)
{
	char *what, *shown;

	if (term && *term) {
		shown = text_sanitize(term, strlen(term), NULL);
		what = xasprintf("TERM=%s", shown);
		free(shown);
	} else {
		what = xstrdup("TERM is not set");
	}
	warn("this terminal (%s) cannot show the interactive guide; printing the plain guide", what);
	free(what);
}

/* Whether curses can drive the terminal $TERM names: it must be known and
 * able to move the cursor.  Asked before newterm(), which would otherwise
 * already have written to the terminal. */
static bool terminal_usable(void)
{
	const char *term = getenv("TERM");
	int err = 0;
	bool ok = false;

	if (term && *term && setupterm((char *)term, STDOUT_FILENO, &err) == OK) {
		const char *cup = tigetstr("cup");

		ok = cup && cup != (char *)-1 && tigetflag("hc") <= 0 && tigetflag("gn") <= 0;
		del_curterm(cur_term);
	}
	if (!ok)
		say_unusable(term);
	return ok;
}

static void size_cells(void)
{
	if (!T.scripted)
		return;
	free(T.cells);
	T.cell_rows = LINES;
	T.cell_cols = COLS;
	T.cells = xcalloc((size_t)LINES * (size_t)COLS, 1);
}

/* The scripted mode: curses draws into /dev/null at a fixed size. */
static bool start_scripted(int rows, int cols)
{
	size_t i;

	T.out = fopen("/dev/null", "w");
	T.in = fopen("/dev/null", "r");
	if (!T.out || !T.in)
		die("cannot open /dev/null: %s", strerror(errno));
	/* The size comes from the script, not from LINES and COLUMNS. */
	use_env(FALSE);
	for (i = 0; i < sizeof script_terms / sizeof script_terms[0] && !T.screen; i++)
		T.screen = newterm(script_terms[i], T.out, T.in);
	if (!T.screen)
		return false;
	resizeterm(rows, cols);
	return true;
}

static void setup_colours(enum ui_color want)
{
	const char *no_color = getenv("NO_COLOR");
	bool colour = want == UI_COLOR_ALWAYS ||
		      (want == UI_COLOR_AUTO && !(no_color && *no_color));
	bool own_default = false;
	int i;

	colour = colour && has_colors() && start_color() == OK;
	if (colour)
		own_default = use_default_colors() == OK;
	for (i = 0; i < UI_ELEM_COUNT; i++) {
		short fg = theme[i].fg, bg = theme[i].bg;

		if (!colour) {
			T.attr[i] = theme[i].mono;
		} else if (fg < 0 && bg < 0) {
			T.attr[i] = theme[i].colour;
		} else if (i + 1 < COLOR_PAIRS) {
			/* Without use_default_colors, -1 means nothing: fall
			 * back to the classic white on black. */
			if (!own_default) {
				fg = fg < 0 ? COLOR_WHITE : fg;
				bg = bg < 0 ? COLOR_BLACK : bg;
			}
			init_pair((short)(i + 1), fg, bg);
			T.attr[i] = theme[i].colour | (attr_t)COLOR_PAIR(i + 1);
		} else {
			T.attr[i] = theme[i].mono;
		}
	}
}

/* The ASCII fallback is for locales whose character set is not UTF-8. */
static bool ascii_terminal(void)
{
	const char *cs = nl_langinfo(CODESET);

	return !(cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0));
}

static bool start(const struct ui_options *opt, int rows, int cols)
{
	if (T.scripted) {
		if (!start_scripted(rows, cols))
			return false;
	} else {
		fflush(stdout);
		/* A stale $COLUMNS must not override the real size. */
		use_tioctl(TRUE);
		T.screen = newterm(NULL, stdout, stdin);
		if (!T.screen)
			return false;
	}
	util_set_cleanup(stop);
	/* raw, not cbreak: Ctrl-C arrives as a key and quits like q, and
	 * Ctrl-S cannot freeze the screen (no XON/XOFF). */
	raw();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(100);
	T.cursor = curs_set(0);
	setup_colours(opt->color);
	T.mouse = opt->mouse && !T.scripted;
	if (T.mouse) {
		mmask_t want = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
		want |= BUTTON5_PRESSED;
#endif
		/* Report presses at once instead of waiting to see a click. */
		mouseinterval(0);
		mousemask(want, NULL);
	}
	size_cells();
	return true;
}

int ui_put(int row, int col, int maxcols, enum ui_elem elem, const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;

	if (row < 0 || row >= LINES || col < 0 || col >= COLS || maxcols <= 0)
		return 0;
	if (maxcols > COLS - col)
		maxcols = COLS - col;
	while (i < n) {
		int32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		int cw = text_cp_width(cp);

		if (w + cw > maxcols)
			break;
		w += cw;
		i += len;
	}
	wattrset(stdscr, (int)T.attr[elem]);
	/* The last cell of the screen cannot take the cursor past it, so
	 * curses reports an error there after drawing: not a problem. */
	mvwaddnstr(stdscr, row, col, s, (int)i);
	wattrset(stdscr, A_NORMAL);
	if (T.cells && row < T.cell_rows)
		memset(T.cells + (size_t)row * (size_t)T.cell_cols + (size_t)col, elem,
		       (size_t)(col + w <= T.cell_cols ? w : T.cell_cols - col));
	return w;
}

void ui_fill(int row, int col, int ncols, enum ui_elem elem)
{
	if (row < 0 || row >= LINES || col < 0 || col >= COLS || ncols <= 0)
		return;
	if (ncols > COLS - col)
		ncols = COLS - col;
	mvwhline(stdscr, row, col, ' ' | T.attr[elem], ncols);
	if (T.cells && row < T.cell_rows)
		memset(T.cells + (size_t)row * (size_t)T.cell_cols + (size_t)col, elem,
		       (size_t)ncols);
}

void ui_cursor(int row, int col)
{
	T.cursor_row = row;
	T.cursor_col = col;
}

static void redraw(struct viewer *V)
{
	T.cursor_row = -1;
	werase(stdscr);
	if (T.cells)
		memset(T.cells, 0, (size_t)T.cell_rows * (size_t)T.cell_cols);
	viewer_draw(V);
	if (T.cursor_row >= 0 && T.cursor_row < LINES && T.cursor_col < COLS) {
		curs_set(1);
		wmove(stdscr, T.cursor_row, T.cursor_col);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* Write the screen to path: its text (in the locale's encoding, UTF-8 or
 * ASCII like everything drawn) or, with attrs, a letter per cell for the
 * element drawn there.  A row per line, trailing blanks cut. */
static void dump(const char *path, bool attrs)
{
	FILE *f = fopen(path, "w");
	char *line = xmalloc((size_t)COLS * MB_LEN_MAX * (CCHARW_MAX + 1) + 1);
	int r, c;

	if (!f)
		die("cannot write the screen dump %s: %s", path, strerror(errno));
	for (r = 0; r < LINES; r++) {
		size_t len = 0;

		for (c = 0; c < COLS;) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1] = { 0 };
			attr_t a;
			short pair;
			int k, w = 1;

			if (attrs) {
				unsigned char e = T.cells && r < T.cell_rows && c < T.cell_cols
							  ? T.cells[(size_t)r * (size_t)T.cell_cols + (size_t)c]
							  : UI_TEXT;

				line[len++] = attr_letters[e < UI_ELEM_COUNT ? e : UI_TEXT];
				c++;
				continue;
			}
			if (mvwin_wch(stdscr, r, c, &cc) == ERR ||
			    getcchar(&cc, wch, &a, &pair, NULL) == ERR || !wch[0])
				wch[0] = L' ';
			w = text_cp_width((int32_t)wch[0]);
			for (k = 0; k < CCHARW_MAX && wch[k]; k++) {
				mbstate_t ps;
				size_t n;

				memset(&ps, 0, sizeof ps);
				n = wcrtomb(line + len, wch[k], &ps);
				if (n == (size_t)-1)
					line[len++] = '?';
				else
					len += n;
			}
			c += w > 0 ? w : 1;
		}
		while (len && line[len - 1] == ' ')
			len--;
		fwrite(line, 1, len, f);
		fputc('\n', f);
	}
	free(line);
	if (fclose(f) != 0)
		die("cannot write the screen dump %s: %s", path, strerror(errno));
}

/* Ctrl-Z: raw mode keeps the terminal from sending SIGTSTP, so do what
 * curses does on one: leave the screen, stop, and repaint on return. */
static void suspend(struct viewer *V)
{
	struct sigaction dfl, old;

	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	if (old.sa_handler == SIG_IGN) {
		/* No job control (the shell ignores stops): stopping would
		 * leave nobody to bring the guide back. */
		sigaction(SIGTSTP, &old, NULL);
		view_say(V, "Pausing is not possible here: press %s to quit",
			 view_key_name(ACT_QUIT));
		return;
	}
	if (T.mouse)
		mousemask(0, NULL);
	endwin();
	kill(getpid(), SIGTSTP);
	/* Running again. */
	sigaction(SIGTSTP, &old, NULL);
	if (T.mouse) {
		mmask_t want = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
		want |= BUTTON5_PRESSED;
#endif
		mousemask(want, NULL);
	}
	clearok(curscr, TRUE);
}

static void mouse_event(struct viewer *V)
{
	MEVENT me;

	if (getmouse(&me) != OK)
		return;
	if (me.bstate & BUTTON4_PRESSED)
		viewer_wheel(V, -1);
#ifdef BUTTON5_PRESSED
	else if (me.bstate & BUTTON5_PRESSED)
		viewer_wheel(V, 1);
#endif
	else if (me.bstate & BUTTON1_PRESSED)
		viewer_click(V, me.y, me.x);
}

static int play(struct viewer *V, struct script *script)
{
	struct script_event ev;

	for (;;) {
		if (caught)
			return 128 + caught;
		redraw(V);
		if (!script_next(script, &ev))
			return 0;
		switch (ev.kind) {
		case SCRIPT_KEY:
			/* A script cannot bring back a stopped guide: no Ctrl-Z. */
			switch (viewer_key(V, ev.key)) {
			case VIEWER_QUIT:
				return 0;
			case VIEWER_WORK:
				redraw(V);
				viewer_work(V);
				break;
			default:
				break;
			}
			break;
		case SCRIPT_DUMP:
		case SCRIPT_ATTRS:
			dump(ev.path, ev.kind == SCRIPT_ATTRS);
			break;
		case SCRIPT_RESIZE:
			resizeterm(ev.y, ev.x);
			size_cells();
			viewer_resize(V, LINES, COLS);
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
	unsigned errors = 0;

	for (;;) {
		wint_t ch;
		int r;

		if (caught)
			return 128 + caught;
		redraw(V);
		errno = 0;
		r = wget_wch(stdscr, &ch);
		if (r == ERR) {
			/* A signal (seen above), or the terminal is gone: a read
			 * that keeps failing would spin forever. */
			if (errno != EINTR && ++errors > 100) {
				stop();
				warn("lost the terminal");
				return 1;
			}
			continue;
		}
		errors = 0;
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			viewer_resize(V, LINES, COLS);
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			mouse_event(V);
			continue;
		}
		switch (viewer_key(V, keys_from_curses((int)ch, r == KEY_CODE_YES))) {
		case VIEWER_QUIT:
			return 0;
		case VIEWER_SUSPEND:
			suspend(V);
			break;
		case VIEWER_WORK:
			/* The screen says what is being done before it is done. */
			redraw(V);
			viewer_work(V);
			break;
		case VIEWER_GO_ON:
			break;
		}
	}
}

int ui_run(const struct guide *g, const struct ui_options *opt)
{
	const char *path = getenv("CRAMPGUIDE_SCRIPT");
	const char *size = getenv("CRAMPGUIDE_SIZE");
	struct script *script = NULL;
	struct viewer V;
	int rows = 24, cols = 80, status;

	T.scripted = path && *path;
	if (T.scripted) {
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
	} else if (!terminal_usable()) {
		return UI_NO_TERMINAL;
	}
	caught = 0;
	catch_signals();
	if (!start(opt, rows, cols)) {
		restore_signals();
		script_free(script);
		if (T.scripted) {
			warn("the scripted mode needs the terminal type %s in terminfo", script_terms[0]);
			return 1;
		}
		say_unusable(getenv("TERM"));
		return UI_NO_TERMINAL;
	}
	/* A script clicks without a mouse, so the screens see the option. */
	viewer_init(&V, g, opt->marks, opt->notice, ascii_terminal(), opt->mouse, LINES, COLS);
	status = T.scripted ? play(&V, script) : interact(&V);
	stop();
	viewer_free(&V);
	script_free(script);
	return status;
}
