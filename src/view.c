/* view.c - what every screen shares: the history stack, scrolling and
 * choosing lines, drawing a layout and the status line, and turning keys
 * into actions. */
#include "view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "tty.h"
#include "text.h"
#include "util.h"

void viewer_init(struct viewer *V, const struct guide *g, struct marks *marks, const char *notice,
		 bool ascii, bool mouse, int rows, int cols)
{
	memset(V, 0, sizeof *V);
	V->g = g;
	V->marks = marks;
	V->notice = notice;
	V->ascii = ascii;
	V->mouse = mouse;
	V->rows = rows;
	V->cols = cols;
	V->browse = xcalloc(g->npages, sizeof *V->browse);
	V->walk = xcalloc(g->nwalk, sizeof *V->walk);
	view_push(V, view_registry[0], 0);
	if (notice)
		/* Too long for the status line: the home screen says it all. */
		view_say(V, "Your saved marks could not be read: see above");
}

void viewer_free(struct viewer *V)
{
	size_t i;

	for (i = V->nstates; i-- > 0;) {
		if (V->states[i].release)
			V->states[i].release(V->states[i].data);
		free(V->states[i].data);
	}
	free(V->states);
	for (i = 0; i < V->g->npages; i++)
		layout_free(V->browse[i]);
	for (i = 0; i < V->g->nwalk; i++)
		layout_free(V->walk[i]);
	free(V->browse);
	free(V->walk);
	free(V->stack);
}

void *viewer_state(struct viewer *V, const void *owner, size_t size, void (*release)(void *data))
{
	struct view_state *st;
	size_t i;

	for (i = 0; i < V->nstates; i++)
		if (V->states[i].owner == owner)
			return V->states[i].data;
	ALLOC_GROW(V->states, V->nstates + 1, V->states_cap);
	st = &V->states[V->nstates++];
	st->owner = owner;
	st->data = xcalloc(1, size);
	st->release = release;
	return st->data;
}

static void release_layout(void *data)
{
	layout_free(*(struct layout **)data);
}

struct layout **viewer_layout_slot(struct viewer *V, const void *owner)
{
	return viewer_state(V, owner, sizeof(struct layout *), release_layout);
}

/* Whether the terminal is below the minimum size. */
static bool too_small(const struct viewer *V)
{
	return V->rows < VIEW_MIN_ROWS || V->cols < VIEW_MIN_COLS;
}

struct view *view_current(struct viewer *V)
{
	return &V->stack[V->depth - 1];
}

/* Columns left of v's text. */
static int gutter(const struct view *v)
{
	return v->ops->full_width ? 0 : VIEW_GUTTER;
}

struct layout *view_layout(struct viewer *V, const struct view *v)
{
	struct layout *L = v->ops->layout(V, v);
	size_t width;

	if (v->ops->full_width)
		width = (size_t)(V->cols > 2 ? V->cols : 2);
	else
		width = V->cols > VIEW_GUTTER + 1 ? (size_t)V->cols - VIEW_GUTTER - 1 : 2;
	layout_wrap(L, width > VIEW_MAX_TEXT ? VIEW_MAX_TEXT : width);
	return L;
}

/* The first row of v's text. */
static int body_row(const struct view *v)
{
	return v->ops->header ? 1 : 0;
}

/* Rows of v's text area. */
static int view_height(const struct viewer *V, const struct view *v)
{
	int h = V->rows - 1 - body_row(v) - (v->ops->hint ? 1 : 0);

	return h > 1 ? h : 1;
}

static size_t max_top(const struct layout *L, size_t h)
{
	return L->nlines > h ? L->nlines - h : 0;
}

/* The line at the top of v's text, kept within the layout. */
static size_t view_top(struct viewer *V, const struct view *v)
{
	struct layout *L = view_layout(V, v);
	size_t top = layout_anchor_line(L, v->top), m = max_top(L, (size_t)view_height(V, v));

	return top < m ? top : m;
}

bool view_at_end(struct viewer *V, const struct view *v)
{
	struct layout *L = view_layout(V, v);

	return view_top(V, v) >= max_top(L, (size_t)view_height(V, v));
}

static void set_top(struct viewer *V, struct view *v, size_t line)
{
	struct layout *L = view_layout(V, v);
	size_t m = max_top(L, (size_t)view_height(V, v));

	v->top = layout_anchor(L, line < m ? line : m);
}

/* Whether any text line of block b is on screen. */
static bool block_visible(struct viewer *V, struct view *v, size_t b)
{
	struct layout *L = view_layout(V, v);
	size_t top = view_top(V, v), h = (size_t)view_height(V, v);
	const struct layout_block *blk = &L->blocks[b];

	return blk->first < top + h && blk->first + layout_text_lines(L, b) > top;
}

/* After scrolling: a choice that went off screen is dropped (menus take
 * the nearest one on screen instead), so Enter never opens something the
 * person cannot see. */
static void fix_selection(struct viewer *V, struct view *v, int dir)
{
	struct layout *L = view_layout(V, v);
	size_t b;

	if (v->sel != LAYOUT_NONE && block_visible(V, v, v->sel))
		return;
	v->sel = LAYOUT_NONE;
	if (!v->ops->always_select)
		return;
	for (b = 0; b < L->nblocks; b++) {
		size_t i = dir < 0 ? L->nblocks - 1 - b : b;

		if (L->blocks[i].selectable && block_visible(V, v, i)) {
			v->sel = i;
			return;
		}
	}
}

static void scroll(struct viewer *V, struct view *v, long delta)
{
	size_t top = view_top(V, v);

	if (delta < 0)
		set_top(V, v, (size_t)-delta > top ? 0 : top - (size_t)-delta);
	else
		set_top(V, v, top + (size_t)delta);
	fix_selection(V, v, delta < 0 ? -1 : 1);
}

/* Scroll so that all of block b shows, or its start when it is too tall. */
static void reveal(struct viewer *V, struct view *v, size_t b)
{
	struct layout *L = view_layout(V, v);
	size_t top = view_top(V, v), h = (size_t)view_height(V, v);
	size_t first = L->blocks[b].first, n = layout_text_lines(L, b);

	if (first < top)
		set_top(V, v, first);
	else if (first + n > top + h)
		set_top(V, v, n > h ? first : first + n - h);
}

/* After a resize or going back: a choice the screen no longer shows is
 * brought into view, so the person still sees what Enter would open (and
 * a screen reader's cursor stays on it). */
static void settle(struct viewer *V)
{
	struct view *v = view_current(V);

	if (too_small(V) || v->sel == LAYOUT_NONE || block_visible(V, v, v->sel))
		return;
	reveal(V, v, v->sel);
}

void viewer_resize(struct viewer *V, int rows, int cols)
{
	/* Positions are anchors, not line numbers, and layouts rewrap when
	 * they are next drawn: the reading position stays as it was. */
	V->rows = rows;
	V->cols = cols;
	settle(V);
}

/* Down (dir 1) or up (-1): the next choice if it is on screen, else a
 * line.  With nothing chosen, Up only scrolls: reading back up a page
 * should not jump to a link at the bottom of the screen. */
static void move(struct viewer *V, struct view *v, int dir)
{
	struct layout *L = view_layout(V, v);
	size_t top = view_top(V, v), h = (size_t)view_height(V, v), b;

	if (v->sel != LAYOUT_NONE || dir > 0) {
		b = v->sel != LAYOUT_NONE ? v->sel + (size_t)dir : 0;
		/* Walking off either end wraps b past nblocks, which ends the loop. */
		for (; b < L->nblocks; b += (size_t)dir) {
			const struct layout_block *blk = &L->blocks[b];

			if (!blk->selectable)
				continue;
			/* A menu goes from entry to entry; a page only chooses
			 * what is on screen, and reads on otherwise. */
			if (v->ops->always_select || block_visible(V, v, b)) {
				v->sel = b;
				reveal(V, v, b);
				return;
			}
			if (dir > 0 ? blk->first >= top + h : blk->first < top)
				break;
		}
	}
	scroll(V, v, dir);
}

void view_show_line(struct viewer *V, struct view *v, size_t line)
{
	struct layout *L = view_layout(V, v);
	size_t h = (size_t)view_height(V, v), first;

	if (line >= L->nlines)
		return;
	first = L->blocks[L->lines[line].block].first;
	set_top(V, v, line - first < h ? first : line);
}

void view_scroll_screen(struct viewer *V, struct view *v)
{
	int h = view_height(V, v);

	/* One line of the screen before stays, to keep the thread. */
	scroll(V, v, h > 2 ? h - 1 : 1);
}

struct view *view_push(struct viewer *V, const struct view_ops *ops, size_t page)
{
	struct view *v;

	ALLOC_GROW(V->stack, V->depth + 1, V->cap);
	v = &V->stack[V->depth++];
	v->ops = ops;
	v->page = page;
	v->top.block = 0;
	v->top.off = 0;
	v->top.n = 1;
	v->sel = LAYOUT_NONE;
	fix_selection(V, v, 1);
	return v;
}

bool view_pop(struct viewer *V)
{
	if (V->depth <= 1)
		return false;
	V->depth--;
	settle(V);
	return true;
}

void view_say(struct viewer *V, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(V->message, sizeof V->message, fmt, ap);
	va_end(ap);
}

const char *view_key_name(enum action act)
{
	static char names[ACT_COUNT][16];
	int key;

	if (act <= ACT_NONE || act >= ACT_COUNT || !keys_bound(act, &key, 1))
		return "?";
	return keys_name(key, names[act], sizeof names[act]);
}

/* --- drawing ------------------------------------------------------------ */

static enum tty_elem text_elem(enum layout_kind kind)
{
	switch (kind) {
	case LAYOUT_TITLE:
		return TTY_TITLE;
	case LAYOUT_HEADING:
		return TTY_HEADING;
	case LAYOUT_ITEM_LINK:
	case LAYOUT_LINK:
		return TTY_LINK;
	case LAYOUT_ENTRY:
		return TTY_ENTRY;
	case LAYOUT_CODE:
		return TTY_CODE;
	case LAYOUT_NOTE:
		return TTY_NOTE;
	default:
		return TTY_TEXT;
	}
}

static enum tty_elem label_elem(enum layout_kind kind)
{
	/* Bullets and arrows stand apart from the text they mark (an
	 * underlined arrow would read as part of the link). */
	return kind == LAYOUT_KEY ? TTY_KEY : TTY_BULLET;
}

/* Draw one line of text, the matches of the search in their own style. */
static void draw_text(struct viewer *V, int row, int col, int maxw, const struct layout_block *b,
		      const struct layout_line *ln, enum tty_elem elem)
{
	const char *s = ln->note ? b->note : b->text;
	size_t pos = ln->off, end = ln->off + ln->len, from = 0, moff, mlen;

	if (V->highlight && b->searchable && !ln->note) {
		/* From the block's start, for a match that began on the line before. */
		while (pos < end &&
		       search_find(b->text, b->len, V->highlight, V->hlen, from, &moff, &mlen)) {
			size_t mend = moff + mlen;

			from = mend;
			if (mend <= pos)
				continue;
			if (moff > pos) {
				size_t n = (moff < end ? moff : end) - pos;
				int w = tty_put(row, col, maxw, elem, s + pos, n);

				col += w;
				maxw -= w;
				pos += n;
			}
			if (pos < end) {
				size_t n = (mend < end ? mend : end) - pos;
				int w = tty_put(row, col, maxw, TTY_MATCH, s + pos, n);

				col += w;
				maxw -= w;
				pos += n;
			}
		}
	}
	if (pos < end)
		tty_put(row, col, maxw, elem, s + pos, end - pos);
}

static void draw_body(struct viewer *V, struct view *v)
{
	struct layout *L = view_layout(V, v);
	int row0 = body_row(v), h = view_height(V, v), r, cursor = row0;
	size_t top = view_top(V, v);

	for (r = 0; r < h && top + (size_t)r < L->nlines; r++) {
		size_t line = top + (size_t)r;
		const struct layout_line *ln = &L->lines[line];
		const struct layout_block *b = &L->blocks[ln->block];
		bool chosen = ln->block == v->sel && !ln->blank;
		int row = row0 + r, x = gutter(v);

		if (ln->blank)
			continue;
		if (chosen) {
			tty_fill(row, 0, V->cols, TTY_SELECTED);
			/* The marker shows the choice without colour or reverse video too. */
			if (line == b->first)
				tty_put(row, 0, VIEW_GUTTER, TTY_SELECTED, ">", 1);
			if (line == b->first || cursor == row0)
				cursor = row;
		}
		if (ln->label && b->label)
			tty_put(row, x + (int)b->label_col, V->cols - x - (int)b->label_col,
			       chosen ? TTY_SELECTED : label_elem(b->kind), b->label, strlen(b->label));
		draw_text(V, row, x + (int)ln->indent, V->cols - x - (int)ln->indent, b, ln,
			  chosen ? TTY_SELECTED : ln->note ? TTY_NOTE : text_elem(b->kind));
	}
	/* Screen readers and braille displays follow the terminal's cursor:
	 * column 0 of the chosen line, else of the first line of text. */
	tty_cursor(cursor, 0);
}

/* Cut s (a buffer of `size` bytes) to at most `width` columns, with an
 * ellipsis where it was cut. */
static void fit(struct viewer *V, char *s, size_t size, size_t width)
{
	const char *dots = layout_glyph(GLYPH_ELLIPSIS, V->ascii);
	size_t dlen = strlen(dots), dw = text_width(dots, dlen), n = strlen(s), i = 0, w = 0;

	if (text_width(s, n) <= width)
		return;
	if (dw > width)
		dw = dlen = 0;
	while (i < n) {
		int32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);
		size_t cw = (size_t)text_cp_width(cp);

		if (w + cw + dw > width)
			break;
		w += cw;
		i += len;
	}
	/* At a word, when one ends in the second half: "and preventin..."
	 * reads worse than "and...". */
	{
		size_t k = i;

		while (k > i / 2 && s[k] != ' ')
			k--;
		if (k > i / 2) {
			while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == ',' || s[k - 1] == ':'))
				k--;
			i = k;
		}
	}
	if (i + dlen >= size)
		dlen = 0;
	memcpy(s + i, dots, dlen);
	s[i + dlen] = '\0';
}

static const char *position(struct viewer *V, struct view *v)
{
	static char buf[32];
	struct layout *L = view_layout(V, v);
	size_t h = (size_t)view_height(V, v), top = view_top(V, v);

	if (L->nlines <= h)
		return "All";
	if (top == 0)
		return "Top";
	if (top >= max_top(L, h))
		return "End";
	snprintf(buf, sizeof buf, "%zu%%", (top + h) * 100 / L->nlines);
	return buf;
}

/* The status line: what was said, or where this is, on the left; how far
 * down and the two keys everyone needs on the right.  When room is short
 * the place gets cut first, then the position goes, then "? help". */
static void draw_status(struct viewer *V, struct view *v)
{
	char left[512], right[128], keys[64], *rights[3];
	int row = V->rows - 1, room = V->cols - 2, i;
	bool said = V->message[0] != '\0';
	const int min_left = 12;

	if (said)
		snprintf(left, sizeof left, "%s", V->message);
	else
		v->ops->crumb(V, v, left, sizeof left);
	snprintf(keys, sizeof keys, "%s help  %s quit", view_key_name(ACT_HELP),
		 view_key_name(ACT_QUIT));
	rights[0] = xasprintf("%s  %s", position(V, v), keys);
	rights[1] = xstrdup(keys);
	rights[2] = xasprintf("%s quit", view_key_name(ACT_QUIT));
	right[0] = '\0';
	for (i = 0; i < 3; i++) {
		int need = (int)strlen(rights[i]) + 2;
		int want = said ? (int)text_width(left, strlen(left)) : min_left;

		if (need + want <= room) {
			snprintf(right, sizeof right, "%s", rights[i]);
			break;
		}
	}
	for (i = 0; i < 3; i++)
		free(rights[i]);
	tty_fill(row, 0, V->cols, TTY_STATUS);
	room -= right[0] ? (int)strlen(right) + 2 : 0;
	if (!said && (int)text_width(left, strlen(left)) > room) {
		/* Short of room, "Home > Prevention" says enough as "Prevention". */
		const char *sep = layout_glyph(GLYPH_CRUMB, V->ascii), *p, *last = NULL;

		for (p = strstr(left, sep); p; p = strstr(p + 1, sep))
			last = p;
		if (last)
			memmove(left, last + strlen(sep) + 1, strlen(last + strlen(sep) + 1) + 1);
	}
	fit(V, left, sizeof left, (size_t)(room > 0 ? room : 0));
	tty_put(row, 1, room, said ? TTY_MESSAGE : TTY_STATUS, left, strlen(left));
	if (right[0])
		tty_put(row, V->cols - 1 - (int)strlen(right), (int)strlen(right), TTY_STATUS, right,
		       strlen(right));
}

/* The first message that fits without rewrapping, centred: what happened
 * and how to get out matter more than the words. */
static void draw_too_small(struct viewer *V)
{
	static const char *const msgs[] = {
		"Terminal too small: enlarge it or press q",
		"Terminal too small\nenlarge it or press q",
		"Terminal too small\nenlarge it\nor press q",
		"Too small\npress q",
		"q: quit",
		"q",
	};
	size_t cols = (size_t)(V->cols > 1 ? V->cols : 1), i, n = 0, k;
	struct text_line *lines = NULL;
	const char *msg = msgs[0];

	for (k = 0; k < sizeof msgs / sizeof msgs[0]; k++) {
		const char *p;
		size_t want = 1;

		for (p = msgs[k]; *p; p++)
			want += *p == '\n';
		msg = msgs[k];
		free(lines);
		lines = NULL;
		n = text_wrap(msg, strlen(msg), cols, &lines);
		if (n == want && (int)n <= V->rows)
			break;
	}
	for (i = 0; i < n && (int)i < V->rows; i++) {
		int row = (V->rows - (int)n) / 2 + (int)i;
		int col = (V->cols - (int)lines[i].width) / 2;

		tty_put(row > 0 ? row : (int)i, col > 0 ? col : 0, V->cols, TTY_TEXT, msg + lines[i].off,
		       lines[i].len);
	}
	free(lines);
}

void viewer_draw(struct viewer *V)
{
	struct view *v = view_current(V);
	char line[512];

	if (too_small(V)) {
		draw_too_small(V);
		return;
	}
	/* The fixed lines line up with the text, after the gutter. */
	if (v->ops->header) {
		v->ops->header(V, v, line, sizeof line);
		fit(V, line, sizeof line, (size_t)(V->cols - gutter(v) - 1));
		tty_put(0, gutter(v), V->cols, TTY_STEP, line, strlen(line));
	}
	draw_body(V, v);
	if (v->ops->hint) {
		v->ops->hint(V, v, line, sizeof line);
		fit(V, line, sizeof line, (size_t)(V->cols - gutter(v) - 1));
		tty_put(V->rows - 2, gutter(v), V->cols, TTY_HINT, line, strlen(line));
	}
	if (V->overlay)
		V->overlay->draw(V);
	else
		draw_status(V, v);
}

/* --- input -------------------------------------------------------------- */

static void open_chosen(struct viewer *V, struct view *v)
{
	if (v->ops->open)
		v->ops->open(V, v, v->sel);
}

/* What every screen does with a key its screen and the features left. */
static enum viewer_result generic_key(struct viewer *V, struct view *v, enum action act)
{
	switch (act) {
	case ACT_UP:
		move(V, v, -1);
		break;
	case ACT_DOWN:
		move(V, v, 1);
		break;
	case ACT_PAGE_UP: {
		int h = view_height(V, v);

		scroll(V, v, -(h > 2 ? h - 1 : 1));
		break;
	}
	case ACT_PAGE_DOWN:
		view_scroll_screen(V, v);
		break;
	case ACT_HALF_UP:
	case ACT_HALF_DOWN: {
		int h = view_height(V, v) / 2;

		scroll(V, v, act == ACT_HALF_UP ? -(h > 1 ? h : 1) : (h > 1 ? h : 1));
		break;
	}
	case ACT_TOP:
		set_top(V, v, 0);
		v->sel = LAYOUT_NONE;
		fix_selection(V, v, 1);
		break;
	case ACT_BOTTOM:
		set_top(V, v, (size_t)-1);
		v->sel = LAYOUT_NONE;
		fix_selection(V, v, -1);
		break;
	case ACT_OPEN:
		open_chosen(V, v);
		break;
	case ACT_BACK:
		if (!view_pop(V))
			view_say(V, "This is the home screen: press %s to quit",
				 view_key_name(ACT_QUIT));
		break;
	case ACT_SUSPEND:
		return VIEWER_SUSPEND;
	case ACT_QUIT:
		return VIEWER_QUIT;
	default:
		break;
	}
	return VIEWER_GO_ON;
}

enum viewer_result viewer_key(struct viewer *V, int key)
{
	enum action act = keys_action(key);
	struct view *v = view_current(V);
	enum viewer_result r = VIEWER_UNHANDLED;
	const struct view_ops *by = v->ops;
	size_t i;

	V->message[0] = '\0';
	/* The too-small screen says "press q", so q quits, even with a
	 * question open (it cannot be seen). */
	if (too_small(V))
		return act == ACT_QUIT ? VIEWER_QUIT : act == ACT_SUSPEND ? VIEWER_SUSPEND : VIEWER_GO_ON;
	if (V->overlay)
		return V->overlay->key(V, key);
	/* The screen first, then each feature, then what all screens do. */
	if (v->ops->key)
		r = v->ops->key(V, v, act);
	for (i = 0; r == VIEWER_UNHANDLED && view_registry[i]; i++) {
		by = view_registry[i];
		if (by->global)
			r = by->global(V, act);
	}
	if (r == VIEWER_UNHANDLED)
		return generic_key(V, view_current(V), act);
	if (r == VIEWER_WORK)
		V->worker = by;
	return r;
}

void viewer_work(struct viewer *V)
{
	const struct view_ops *by = V->worker;

	V->worker = NULL;
	if (by && by->work)
		by->work(V);
}

void viewer_click(struct viewer *V, int row, int col)
{
	struct view *v = view_current(V);
	struct layout *L;
	int r = row - body_row(v);
	size_t line;

	(void)col;
	V->message[0] = '\0';
	if (!V->mouse || V->overlay || too_small(V) || r < 0 || r >= view_height(V, v))
		return;
	L = view_layout(V, v);
	line = view_top(V, v) + (size_t)r;
	if (line >= L->nlines || L->lines[line].blank || !L->blocks[L->lines[line].block].selectable)
		return;
	v->sel = L->lines[line].block;
	if (v->ops->click)
		v->ops->click(V, v, v->sel);
	else
		open_chosen(V, v);
}

void viewer_wheel(struct viewer *V, int dir)
{
	struct view *v = view_current(V);

	V->message[0] = '\0';
	if (!V->mouse || V->overlay || too_small(V))
		return;
	scroll(V, v, dir * 3);
}
