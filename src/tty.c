/* tty.c - the terminal: checking it can be driven, starting curses with
 * newterm() and giving the terminal back exactly as it was, colours,
 * signals, reading events, and the scripted mode that draws to /dev/null
 * and dumps the screen as text for the tests. */
#include "tty.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "diag.h"
#include "keys.h"
#include "text.h"
#include "util.h"

/* Last: term.h defines macros named `lines` and `columns`, which would
 * break any header after it that uses those words. */
#include <term.h>

/* The terminal types tried, in order, for the scripted mode: any will do,
 * since only the screen's text is looked at, but it must be fixed so that
 * dumps do not depend on the caller's $TERM. */
static const char *const script_terms[] = { "xterm-256color", "xterm", "vt100" };

#define TTY_THEME_ROW(name, fg, bg, colour, mono) { fg, bg, colour, mono },

static const struct {
	short fg, bg;
	attr_t colour, mono;
} theme[TTY_ELEM_COUNT] = { TTY_ELEMS(TTY_THEME_ROW) };

#undef TTY_THEME_ROW

/* The letter of each element in an :attrs dump, in enum order; plain
 * text is a space. */
static const char attr_letters[] = " THZENBLKCSMsmhp";
_Static_assert(sizeof attr_letters == TTY_ELEM_COUNT + 1, "one letter per element");

/* Everything curses-side lives here: there is one terminal. */
static struct {
	SCREEN *screen;
	FILE *out, *in;          /* /dev/null in the scripted mode */
	bool scripted;
	bool mouse;
	int cursor;              /* visibility before we hid it, or ERR */
	attr_t attr[TTY_ELEM_COUNT];
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

/* The mouse events the guide acts on: a press (a click, at once rather
 * than after waiting to see a double click) and the wheel. */
static void mouse_on(void)
{
	mmask_t want = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
	want |= BUTTON5_PRESSED;
#endif
	mouseinterval(0);
	mousemask(want, NULL);
}

/* Give the terminal back: mouse reporting off, the cursor as it was, the
 * alternate screen left and the tty modes restored (endwin).  Also die()'s
 * cleanup, so a fatal message is readable. */
void tty_stop(void)
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
		shown = diag_name(term);
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
bool tty_usable(void)
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

static void setup_colours(enum tty_color want)
{
	const char *no_color = getenv("NO_COLOR");
	bool colour = want == TTY_COLOR_ALWAYS ||
		      (want == TTY_COLOR_AUTO && !(no_color && *no_color));
	bool own_default = false;
	int i;

	colour = colour && has_colors() && start_color() == OK;
	if (colour)
		own_default = use_default_colors() == OK;
	for (i = 0; i < TTY_ELEM_COUNT; i++) {
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

/* What both starts share once newterm() has given a screen. */
static void setup(enum tty_color color)
{
	util_set_cleanup(tty_stop);
	/* raw, not cbreak: Ctrl-C arrives as a key and quits like q, and
	 * Ctrl-S cannot freeze the screen (no XON/XOFF). */
	raw();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(100);
	T.cursor = curs_set(0);
	setup_colours(color);
	if (T.mouse)
		mouse_on();
	size_cells();
}

bool tty_start(enum tty_color color, bool mouse)
{
	caught = 0;
	/* Before newterm(), so that curses keeps out of these signals. */
	catch_signals();
	T.scripted = false;
	fflush(stdout);
	/* A stale $COLUMNS must not override the real size. */
	use_tioctl(TRUE);
	T.screen = newterm(NULL, stdout, stdin);
	if (!T.screen) {
		restore_signals();
		say_unusable(getenv("TERM"));
		return false;
	}
	T.mouse = mouse;
	setup(color);
	return true;
}

bool tty_start_scripted(enum tty_color color, int rows, int cols)
{
	size_t i;

	caught = 0;
	catch_signals();
	T.scripted = true;
	T.out = fopen("/dev/null", "w");
	T.in = fopen("/dev/null", "r");
	if (!T.out || !T.in)
		die("cannot open /dev/null: %s", strerror(errno));
	/* The size comes from the script, not from LINES and COLUMNS. */
	use_env(FALSE);
	for (i = 0; i < sizeof script_terms / sizeof script_terms[0] && !T.screen; i++)
		T.screen = newterm(script_terms[i], T.out, T.in);
	if (!T.screen) {
		fclose(T.out);
		fclose(T.in);
		T.out = T.in = NULL;
		restore_signals();
		warn("the scripted mode needs the terminal type %s in terminfo", script_terms[0]);
		return false;
	}
	resizeterm(rows, cols);
	/* A script clicks without a mouse: nothing to report. */
	T.mouse = false;
	setup(color);
	return true;
}

int tty_rows(void)
{
	return LINES;
}

int tty_cols(void)
{
	return COLS;
}

int tty_put(int row, int col, int maxcols, enum tty_elem elem, const char *s, size_t n)
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

void tty_fill(int row, int col, int ncols, enum tty_elem elem)
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

void tty_cursor(int row, int col)
{
	T.cursor_row = row;
	T.cursor_col = col;
}

void tty_begin(void)
{
	T.cursor_row = -1;
	werase(stdscr);
	if (T.cells)
		memset(T.cells, 0, (size_t)T.cell_rows * (size_t)T.cell_cols);
}

void tty_end(void)
{
	if (T.cursor_row >= 0 && T.cursor_row < LINES && T.cursor_col < COLS) {
		curs_set(1);
		wmove(stdscr, T.cursor_row, T.cursor_col);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

void tty_resize(int rows, int cols)
{
	resizeterm(rows, cols);
	size_cells();
}

/* Write the screen to path: its text (in the locale's encoding, UTF-8 or
 * ASCII like everything drawn) or, with attrs, a letter per cell for the
 * element drawn there.  A row per line, trailing blanks cut. */
void tty_dump(const char *path, bool attrs)
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
							  : TTY_TEXT;

				line[len++] = attr_letters[e < TTY_ELEM_COUNT ? e : TTY_TEXT];
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
bool tty_suspend(void)
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
		return false;
	}
	if (T.mouse)
		mousemask(0, NULL);
	endwin();
	kill(getpid(), SIGTSTP);
	/* Running again. */
	sigaction(SIGTSTP, &old, NULL);
	if (T.mouse)
		mouse_on();
	clearok(curscr, TRUE);
	return true;
}

int tty_signal(void)
{
	return (int)caught;
}

/* The keys.h code of a curses function key; keys the guide does not
 * know do nothing rather than pass for another. */
static int named_key(int code)
{
	static const struct {
		int code, key;
	} map[] = {
		{ KEY_UP, KEYS_UP },       { KEY_DOWN, KEYS_DOWN },   { KEY_LEFT, KEYS_LEFT },
		{ KEY_RIGHT, KEYS_RIGHT }, { KEY_PPAGE, KEYS_PGUP },  { KEY_NPAGE, KEYS_PGDN },
		{ KEY_HOME, KEYS_HOME },   { KEY_END, KEYS_END },     { KEY_ENTER, KEYS_ENTER },
		{ KEY_BACKSPACE, KEYS_BACKSPACE }, { KEY_F(1), KEYS_F1 },
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].code == code)
			return map[i].key;
	return KEYS_OTHER;
}

static void mouse_event(struct tty_event *ev)
{
	MEVENT me;

	ev->kind = TTY_EV_NONE;
	if (getmouse(&me) != OK)
		return;
	if (me.bstate & BUTTON4_PRESSED) {
		ev->kind = TTY_EV_WHEEL;
		ev->dir = -1;
#ifdef BUTTON5_PRESSED
	} else if (me.bstate & BUTTON5_PRESSED) {
		ev->kind = TTY_EV_WHEEL;
		ev->dir = 1;
#endif
	} else if (me.bstate & BUTTON1_PRESSED) {
		ev->kind = TTY_EV_CLICK;
		ev->row = me.y;
		ev->col = me.x;
	}
}

/* After an Esc: curses has waited its escape delay for a sequence it
 * knows, so bytes still waiting are the rest of one it does not (End under
 * TERM=vt100 sends ESC [ 4 ~).  Read them all and report the key as one
 * the guide does not know, rather than Esc (Back) and stray letters. */
static int after_escape(void)
{
	wint_t ch;
	int r, n = 0;

	nodelay(stdscr, TRUE);
	r = wget_wch(stdscr, &ch);
	if (r == OK && (ch == '[' || ch == 'O')) {
		int csi = ch == '[';

		/* CSI: parameters and intermediates up to a final byte
		 * (0x40-0x7E); SS3: one more byte.  Bounded, whatever arrives. */
		while (n++ < 32 && wget_wch(stdscr, &ch) == OK)
			if (!csi || (ch >= 0x40 && ch <= 0x7E))
				break;
		nodelay(stdscr, FALSE);
		return KEYS_OTHER;
	}
	/* Esc alone, or Esc and then a key typed quickly (Esc q): the key is
	 * put back, to be read as itself next. */
	if (r == OK)
		unget_wch((wchar_t)ch);
	else if (r == KEY_CODE_YES)
		ungetch((int)ch);
	nodelay(stdscr, FALSE);
	return 27;
}

void tty_read(struct tty_event *ev)
{
	unsigned errors = 0;

	memset(ev, 0, sizeof *ev);
	for (;;) {
		wint_t ch;
		int r;

		if (caught) {
			ev->kind = TTY_EV_SIGNAL;
			ev->sig = (int)caught;
			return;
		}
		errno = 0;
		r = wget_wch(stdscr, &ch);
		if (r == ERR) {
			/* A signal (seen above), or the terminal is gone: a read
			 * that keeps failing would spin forever. */
			if (errno != EINTR && ++errors > 100) {
				ev->kind = TTY_EV_LOST;
				return;
			}
			continue;
		}
		if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
			ev->kind = TTY_EV_RESIZE;
		} else if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
			mouse_event(ev);
		} else {
			ev->kind = TTY_EV_KEY;
			ev->key = r == KEY_CODE_YES ? named_key((int)ch) : ch == 27 ? after_escape() : (int)ch;
		}
		return;
	}
}
