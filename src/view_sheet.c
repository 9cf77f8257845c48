/* view_sheet.c - the tip sheet in the guide: check boxes on the tips and
 * causes, the sheet's own screen showing it as it prints, and printing,
 * saving and clearing it from there. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store.h"
#include "marks.h"
#include "paths.h"
#include "print.h"
#include "text.h"
#include "util.h"

/* --- check boxes on the pages -------------------------------------------- */

/* What to say under a list whose entries can be marked, or NULL. */
static char *list_note(const struct guide_page *p)
{
	const char *mark = view_key_name(ACT_MARK);

	if (p->kind == GUIDE_CAUSES)
		return xasprintf("Which of these might apply to you? Tick each one with %s: the tips "
				 "for it go on your tip sheet.",
				 mark);
	if (p->kind == GUIDE_RELIEF || p->kind == GUIDE_PREVENTION)
		return xasprintf("Mark the tips you want on your tip sheet with %s.", mark);
	return NULL;
}

void view_marks_apply(struct viewer *V, struct layout *L)
{
	size_t i;

	for (i = 0; i < L->nblocks; i++) {
		struct layout_block *b = &L->blocks[i];

		if (b->kind == LAYOUT_HEADING && b->page && !b->note) {
			char *note = list_note(b->page);

			if (note)
				layout_set_note(L, b, note);
			free(note);
		}
		if (b->kind == LAYOUT_ITEM && b->item && marks_markable(b->item)) {
			layout_set_check(L, b, marks_has(V->marks, b->item));
			/* The walk-through's items too: marking is part of the walk. */
			b->selectable = true;
		}
	}
}

/* The sheet changed: its preview is made again when next shown, from the top. */
static void sheet_changed(struct viewer *V)
{
	size_t i;

	layout_free(V->sheet);
	V->sheet = NULL;
	for (i = 0; i < V->depth; i++) {
		if (V->stack[i].ops == &view_sheet_ops) {
			V->stack[i].top.block = 0;
			V->stack[i].top.off = 0;
			V->stack[i].top.n = 1;
			V->stack[i].sel = LAYOUT_NONE;
		}
	}
}

/* Redraw the check box of `it` wherever its page is laid out: its browse
 * layout and the walk-through steps that show it, nothing else. */
static void refresh_item(struct viewer *V, const struct guide_item *it)
{
	size_t i = it->page->index, k;

	if (V->browse[i])
		view_marks_apply(V, V->browse[i]);
	for (k = 0; k < V->g->nwalk; k++)
		if (V->walk[k] && V->g->walk[k].page == it->page)
			view_marks_apply(V, V->walk[k]);
}

/* The page v shows, or NULL for the other screens. */
static const struct guide_page *page_on(struct viewer *V, const struct view *v)
{
	if (v->ops == &view_page_ops)
		return V->g->pages[v->page];
	if (v->ops == &view_step_ops)
		return V->g->walk[v->page].page;
	return NULL;
}

void view_mark(struct viewer *V)
{
	struct view *v = view_current(V);
	const struct guide_page *p = page_on(V, v);
	const struct layout_block *b = NULL;
	const struct guide_item *it;
	char *msg = NULL;
	bool cause;
	size_t i;
	int on;

	if (p && v->sel != LAYOUT_NONE)
		b = &view_layout(V, v)->blocks[v->sel];
	if (!b || b->kind != LAYOUT_ITEM || !b->item || !marks_markable(b->item)) {
		for (i = 0; p && i < p->nitems && !marks_markable(&p->items[i]); i++)
			;
		if (p && i < p->nitems)
			view_say(V, "Choose a line with a box first: %s moves to it, then %s marks it",
				 view_key_name(ACT_DOWN), view_key_name(ACT_MARK));
		else
			view_say(V, "Nothing to mark here: tips are marked on the pages about easing "
				    "and preventing cramps, and causes on the page about causes");
		return;
	}
	it = b->item;
	cause = it->page->kind == GUIDE_CAUSES;
	on = marks_toggle(V->marks, it, &msg);
	if (on < 0) {
		view_say(V, "This one cannot be marked: the content gives it an id the tip sheet "
			    "cannot keep");
		return;
	}
	refresh_item(V, it);
	sheet_changed(V);
	if (msg)
		view_say(V, "%s for now, but not kept for next time: %s",
			 on ? (cause ? "Ticked" : "Marked") : (cause ? "Unticked" : "Unmarked"), msg);
	else if (on)
		view_say(V, "%s: %s on your tip sheet (%s shows it)",
			 cause ? "Ticked" : "Marked", cause ? "its tips are" : "it is",
			 view_key_name(ACT_SHEET));
	else
		view_say(V, "%s: %s off your tip sheet", cause ? "Unticked" : "Unmarked",
			 cause ? "its tips are" : "it is");
	free(msg);
}

/* --- the sheet's screen -------------------------------------------------- */

/* Whether s[0..n) is a rule of c under a heading ("====="). */
static bool is_rule(const char *s, size_t n, char c)
{
	size_t i;

	for (i = 0; i < n && s[i] == c; i++)
		;
	return n && i == n;
}

/* The text sheet, a block a line so that it shows as it prints: lines
 * keep their indent, rules make the line above a title or heading. */
static struct layout *sheet_layout(struct viewer *V, const struct view *v)
{
	size_t len, n, ind;
	char *buf, *p, *end, *nl;
	struct layout *L;

	(void)v;
	if (V->sheet)
		return V->sheet;
	L = V->sheet = layout_new(V->ascii);
	buf = marks_render(V->marks, TIPS_TEXT, V->ascii, &len);
	for (p = buf, end = buf + len; p < end; p = nl + 1) {
		char *line;

		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		n = (size_t)(nl - p);
		if (!n) {
			if (L->nblocks)
				L->blocks[L->nblocks - 1].gap++;
			continue;
		}
		if (L->nblocks && (is_rule(p, n, '=') || is_rule(p, n, '-')))
			L->blocks[L->nblocks - 1].kind = *p == '=' ? LAYOUT_TITLE : LAYOUT_HEADING;
		for (ind = 0; ind < n && p[ind] == ' '; ind++)
			;
		line = xasprintf("%.*s", (int)(n - ind), p + ind);
		layout_add(L, LAYOUT_PARA, line, ind);
		free(line);
	}
	free(buf);
	return L;
}

static void sheet_header(struct viewer *V, const struct view *v, char *buf, size_t size)
{
	size_t t = marks_count(V->marks, MARKS_TIPS), c = marks_count(V->marks, MARKS_CAUSES);

	(void)v;
	/* The shorter wording when the long one would be cut. */
	if (!t && !c)
		snprintf(buf, size, "Nothing marked yet, so it has the main tips. Mark your own with %s.",
			 view_key_name(ACT_MARK));
	else
		snprintf(buf, size, "Made from your marks: %zu tip%s marked, %zu cause%s ticked", t,
			 t == 1 ? "" : "s", c, c == 1 ? "" : "s");
	if ((int)strlen(buf) <= V->cols - 1)
		return;
	if (!t && !c)
		snprintf(buf, size, "Nothing marked yet: the main tips");
	else
		snprintf(buf, size, "Your marks: %zu tip%s, %zu cause%s", t, t == 1 ? "" : "s", c,
			 c == 1 ? "" : "s");
}

static void sheet_hint(struct viewer *V, const struct view *v, char *buf, size_t size)
{
	const char *p = view_key_name(ACT_PRINT), *s = view_key_name(ACT_SAVE);
	const char *c = view_key_name(ACT_CLEAR), *b = view_key_name(ACT_BACK);

	(void)v;
	snprintf(buf, size, "%s: print   %s: save to a file   %s: clear marks   %s: back", p, s, c, b);
	if ((int)strlen(buf) > V->cols - 1)
		snprintf(buf, size, "%s print  %s save  %s clear  %s back", p, s, c, b);
	/* Back is on the help screen and works everywhere; these do not. */
	if ((int)strlen(buf) > V->cols - 1)
		snprintf(buf, size, "%s print  %s save  %s clear", p, s, c);
}

static void sheet_crumb(struct viewer *V, const struct view *v, char *buf, size_t size)
{
	(void)v;
	snprintf(buf, size, "Home %s Your tip sheet", layout_glyph(GLYPH_CRUMB, V->ascii));
}

const struct view_ops view_sheet_ops = {
	.name = "sheet",
	.layout = sheet_layout,
	.header = sheet_header,
	.hint = sheet_hint,
	.crumb = sheet_crumb,
	.full_width = true,
};

void view_sheet_open(struct viewer *V, bool from_walk)
{
	/* The walk-through is over: Back from the sheet goes home, not
	 * through every step again. */
	if (from_walk)
		while (view_pop(V))
			;
	view_push(V, &view_sheet_ops, 0);
}

/* --- printing, saving, clearing ------------------------------------------ */

static const char *sheet_title(const struct guide *g)
{
	return g->sheet.title ? g->sheet.title : g->title;
}

void viewer_work(struct viewer *V)
{
	enum view_work work = V->work;
	char *buf, *message = NULL;
	size_t len;
	int ok;

	V->work = VIEW_WORK_NONE;
	if (work != VIEW_WORK_PRINT)
		return;
	/* As --print does: lp takes UTF-8 whatever the terminal shows, and
	 * its output comes back through a pipe, never onto the screen. */
	buf = marks_render(V->marks, TIPS_TEXT, false, &len);
	ok = print_sheet(buf, len, NULL, sheet_title(V->g), &message);
	/* "Not printed: cannot print: ..." would say it twice. */
	view_say(V, "%s: %s", ok ? "Sent to the printer" : "Not printed",
		 strncmp(message, "cannot print: ", 14) == 0 ? message + 14 : message);
	free(message);
	free(buf);
}

static const char *const extension[] = {
	[TIPS_TEXT] = "txt", [TIPS_MARKDOWN] = "md", [TIPS_HTML] = "html", [TIPS_TEXT_ASCII] = "txt",
};

static void ask_name(struct viewer *V, const char *initial);

static void save(struct viewer *V, const char *path)
{
	enum tips_format f = V->save_format;
	char *buf, *error = NULL, *shown;
	size_t len;
	mode_t um = umask(022);

	umask(um);
	buf = marks_render(V->marks, f, V->ascii, &len);
	shown = text_sanitize(path, strlen(path), NULL);
	if (store_write(path, buf, len, 0666 & ~um, &error))
		view_say(V, "Saved your tip sheet to %s", shown);
	else
		view_say(V, "Not saved: %s", error);
	free(shown);
	free(error);
	free(buf);
}

static void replace_answer(struct viewer *V, int answer)
{
	char *path;

	if (answer != 'y') {
		/* Ask again, so another name is one edit away. */
		ask_name(V, V->save_name);
		return;
	}
	path = paths_expand_home(V->save_name);
	if (path)
		save(V, path);
	free(path);
}

static void name_answer(struct viewer *V, int answer)
{
	struct stat st;
	char *path, *q;

	(void)answer;
	snprintf(V->save_name, sizeof V->save_name, "%s", V->prompt.input);
	if (!V->save_name[0]) {
		view_say(V, "Not saved: no file name given");
		return;
	}
	path = paths_expand_home(V->save_name);
	if (!path) {
		view_say(V, "Not saved: HOME is not set, so ~ cannot be used; type the whole path");
		return;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		view_say(V, "Not saved: that is a folder; add a file name after it");
	} else if (stat(path, &st) == 0) {
		q = xasprintf("%s exists. Replace it? y: yes, n: no", V->save_name);
		view_prompt_keys(V, q, "yn", replace_answer);
		free(q);
	} else {
		save(V, path);
	}
	free(path);
}

static void ask_name(struct viewer *V, const char *initial)
{
	view_prompt_line(V, "Save to:", initial, name_answer);
}

static void format_answer(struct viewer *V, int answer)
{
	char *name;

	V->save_format = answer == 'm' ? TIPS_MARKDOWN : answer == 'h' ? TIPS_HTML : TIPS_TEXT;
	name = xasprintf("~/crampguide-tips.%s", extension[V->save_format]);
	ask_name(V, name);
	free(name);
}

static void clear_answer(struct viewer *V, int answer)
{
	struct tips_marks before;
	char *msg = NULL;
	size_t i, nt, nc;
	const char *const *t = marks_ids(V->marks, MARKS_TIPS, &nt);
	const char *const *c = marks_ids(V->marks, MARKS_CAUSES, &nc);

	if (answer != 'y') {
		view_say(V, "Your marks are kept");
		return;
	}
	tips_marks_resolve(&before, V->g, t, nt, c, nc);
	if (!marks_clear(V->marks, &msg))
		view_say(V, "Cleared for now, but not kept for next time: %s", msg);
	else
		view_say(V, "Cleared: your tip sheet has the main tips again");
	/* Only the pages that had a mark need their boxes redrawn. */
	for (i = 0; i < before.ntips; i++)
		refresh_item(V, before.tips[i]);
	for (i = 0; i < before.ncauses; i++)
		refresh_item(V, before.causes[i]);
	tips_marks_free(&before);
	sheet_changed(V);
	free(msg);
}

enum viewer_result view_sheet_action(struct viewer *V, enum action act)
{
	if (view_current(V)->ops != &view_sheet_ops) {
		view_say(V, "First open your tip sheet with %s; %s %s it there",
			 view_key_name(ACT_SHEET), view_key_name(act),
			 act == ACT_PRINT ? "prints" : act == ACT_SAVE ? "saves" : "clears");
		return VIEWER_GO_ON;
	}
	switch (act) {
	case ACT_PRINT:
		view_say(V, "Sending your tip sheet to the printer...");
		V->work = VIEW_WORK_PRINT;
		return VIEWER_WORK;
	case ACT_SAVE:
		view_prompt_keys(V, "Save as t: text, m: Markdown or h: HTML?", "tmh",
				 format_answer);
		break;
	case ACT_CLEAR:
		if (!marks_count(V->marks, MARKS_TIPS) && !marks_count(V->marks, MARKS_CAUSES))
			view_say(V, "Nothing is marked: the sheet has the main tips");
		else
			view_prompt_keys(V, "Clear all your marks and ticks? y: yes, n: no", "yn",
					 clear_answer);
		break;
	default:
		break;
	}
	return VIEWER_GO_ON;
}
