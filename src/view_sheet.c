/* view_sheet.c - the tip sheet's own screen, showing it as it prints, and
 * printing, saving and clearing it from there.  What the save questions
 * remember lives here, in the sheet's state, not in the viewer. */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "marks.h"
#include "outfile.h"
#include "paths.h"
#include "print.h"
#include "sheet.h"
#include "text.h"
#include "tips.h"
#include "util.h"

/* The sheet screen's state. */
struct sheet_state {
	struct layout *preview;     /* made again after every change */
	size_t ntips, ncauses;      /* the marks it shows */
	enum tips_format format;    /* chosen in the save questions */
	char name[VIEW_INPUT_MAX + 1];  /* the file name as typed, while they are open */
};

static void release(void *data)
{
	layout_free(((struct sheet_state *)data)->preview);
}

static struct sheet_state *state(struct viewer *V)
{
	return viewer_state(V, &view_sheet_ops, sizeof(struct sheet_state), release);
}

/* The sheet in `format` as --tips writes it; its counts into S. */
static char *render(struct viewer *V, enum tips_format format, bool ascii, size_t *len)
{
	struct sheet_state *S = state(V);
	struct sheet_marks sm;
	struct sheet sheet;
	char date[32], *buf;

	sheet_marks_of(V->marks, &sm);
	sheet_today(date, sizeof date);
	sheet_build(&sheet, V->g, &sm, date);
	buf = tips_render(&sheet, format, ascii, len);
	S->ntips = sheet.ntips;
	S->ncauses = sheet.ncauses;
	sheet_free(&sheet);
	return buf;
}

void view_sheet_changed(struct viewer *V)
{
	struct sheet_state *S = state(V);
	size_t i;

	layout_free(S->preview);
	S->preview = NULL;
	/* Its preview is made again from the top. */
	for (i = 0; i < V->depth; i++) {
		if (V->stack[i].ops == &view_sheet_ops) {
			V->stack[i].top.block = 0;
			V->stack[i].top.off = 0;
			V->stack[i].top.n = 1;
			V->stack[i].sel = LAYOUT_NONE;
		}
	}
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
	struct sheet_state *S = state(V);
	size_t len, n, ind;
	char *buf, *p, *end, *nl;
	struct layout *L;

	(void)v;
	if (S->preview)
		return S->preview;
	L = S->preview = layout_new(V->ascii);
	buf = render(V, TIPS_TEXT, V->ascii, &len);
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
	const struct sheet_state *S = state(V);
	size_t t, c;

	/* The counts come with the preview, made on first use. */
	sheet_layout(V, v);
	t = S->ntips;
	c = S->ncauses;
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

/* Printing takes seconds: it runs after the screen says it is sending. */
static void sheet_work(struct viewer *V)
{
	char *buf, *message = NULL, *ignored;
	size_t len;
	enum print_result r;

	/* As --print does: lp takes UTF-8 whatever the terminal shows, and
	 * its output comes back through a pipe, never onto the screen. */
	buf = render(V, TIPS_TEXT, false, &len);
	print_timeout(&ignored);
	r = print_sheet(buf, len, NULL, sheet_title(V->g), V->interrupted, &message);
	view_say(V, "%s: %s%s%s%s", r == PRINT_SENT ? "Sent to the printer" : "Not printed", message,
		 ignored ? " (" : "", ignored ? ignored : "", ignored ? ")" : "");
	free(ignored);
	free(message);
	free(buf);
}

static void ask_name(struct viewer *V, const char *initial);

static void save(struct viewer *V, const char *path)
{
	enum tips_format f = state(V)->format;
	char *buf, *error = NULL, *shown;
	size_t len;

	buf = render(V, f, V->ascii, &len);
	shown = text_sanitize(path, strlen(path), NULL);
	switch (outfile_write(path, buf, len, &error)) {
	case OUTFILE_REPLACED:
		view_say(V, "Saved your tip sheet to %s", shown);
		break;
	case OUTFILE_IN_PLACE:
		view_say(V, "Saved, but %s", error);
		break;
	case OUTFILE_FAILED:
		view_say(V, "Not saved: %s", error);
		break;
	}
	free(shown);
	free(error);
	free(buf);
}

static void replace_answer(struct viewer *V, int answer, const char *text, size_t len)
{
	struct sheet_state *S = state(V);
	char *path;

	(void)text;
	(void)len;
	if (answer != 'y') {
		/* Ask again, so another name is one edit away. */
		ask_name(V, S->name);
		return;
	}
	path = paths_expand_home(S->name);
	if (path)
		save(V, path);
	free(path);
}

static void name_answer(struct viewer *V, int answer, const char *text, size_t len)
{
	struct sheet_state *S = state(V);
	struct stat st;
	char *path, *q;

	(void)answer;
	snprintf(S->name, sizeof S->name, "%.*s", (int)len, text);
	if (!S->name[0]) {
		view_say(V, "Not saved: no file name given");
		return;
	}
	path = paths_expand_home(S->name);
	if (!path) {
		view_say(V, "Not saved: HOME is not set, so ~ cannot be used; type the whole path");
		return;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		view_say(V, "Not saved: that is a folder; add a file name after it");
	} else if (stat(path, &st) == 0) {
		q = xasprintf("%s exists. Replace it? y: yes, n: no", S->name);
		view_ask(V, &(struct view_ask){ .question = q, .answers = "yn", .done = replace_answer });
		free(q);
	} else {
		save(V, path);
	}
	free(path);
}

static void ask_name(struct viewer *V, const char *initial)
{
	view_ask(V, &(struct view_ask){ .question = "Save to:", .initial = initial, .done = name_answer });
}

static void format_answer(struct viewer *V, int answer, const char *text, size_t len)
{
	struct sheet_state *S = state(V);
	char *name;

	(void)text;
	(void)len;
	if (!tips_format_from_key(answer, &S->format))
		S->format = TIPS_TEXT;
	name = xasprintf("~/crampguide-tips.%s", tips_format_info(S->format)->extension);
	ask_name(V, name);
	free(name);
}

static void clear_answer(struct viewer *V, int answer, const char *text, size_t len)
{
	char *msg = NULL;
	size_t i;

	(void)text;
	(void)len;
	if (answer != 'y') {
		view_say(V, "Your marks are kept");
		return;
	}
	if (!marks_clear(V->marks, &msg))
		view_say(V, "Cleared for now, but not kept for next time: %s", msg);
	else
		view_say(V, "Cleared: your tip sheet has the main tips again");
	/* Every page laid out so far loses its ticks; the rest are laid out
	 * from the marks when first shown. */
	for (i = 0; i < V->g->npages; i++)
		if (V->browse[i])
			view_marks_apply(V, V->browse[i]);
	for (i = 0; i < V->g->nwalk; i++)
		if (V->walk[i])
			view_marks_apply(V, V->walk[i]);
	view_sheet_changed(V);
	free(msg);
}

/* "Save as t: text, m: Markdown or h: HTML?" and its answers, from the format table. */
static void ask_format(struct viewer *V)
{
	char question[256] = "Save as ", answers[TIPS_NFORMATS + 1];
	int f;

	for (f = 0; f < TIPS_NFORMATS; f++) {
		const struct tips_format_info *info = tips_format_info((enum tips_format)f);

		answers[f] = info->key;
		snprintf(question + strlen(question), sizeof question - strlen(question), "%s%c: %s",
			 f == 0 ? "" : f + 1 == TIPS_NFORMATS ? " or " : ", ", info->key, info->label);
	}
	answers[TIPS_NFORMATS] = '\0';
	snprintf(question + strlen(question), sizeof question - strlen(question), "?");
	view_ask(V, &(struct view_ask){ .question = question, .answers = answers,
					.done = format_answer });
}

/* p, s and c on the sheet's screen. */
static enum viewer_result sheet_key(struct viewer *V, struct view *v, enum action act)
{
	switch (act) {
	case ACT_PRINT:
		view_say(V, "Sending your tip sheet to the printer...");
		return VIEWER_WORK;
	case ACT_SAVE:
		ask_format(V);
		return VIEWER_GO_ON;
	case ACT_CLEAR:
		sheet_layout(V, v);
		if (!state(V)->ntips && !state(V)->ncauses)
			view_say(V, "Nothing is marked: the sheet has the main tips");
		else
			view_ask(V, &(struct view_ask){
					    .question = "Clear all your marks and ticks? y: yes, n: no",
					    .answers = "yn",
					    .done = clear_answer });
		return VIEWER_GO_ON;
	case ACT_SHEET:
		view_say(V, "This is your tip sheet: %s goes back", view_key_name(ACT_BACK));
		return VIEWER_GO_ON;
	default:
		return VIEWER_UNHANDLED;
	}
}

/* t opens the sheet from anywhere; its own keys say where they work. */
static enum viewer_result sheet_global(struct viewer *V, enum action act)
{
	switch (act) {
	case ACT_SHEET:
		view_sheet_open(V, false);
		return VIEWER_GO_ON;
	case ACT_PRINT:
	case ACT_SAVE:
	case ACT_CLEAR:
		view_say(V, "First open your tip sheet with %s; %s %s it there",
			 view_key_name(ACT_SHEET), view_key_name(act),
			 act == ACT_PRINT ? "prints" : act == ACT_SAVE ? "saves" : "clears");
		return VIEWER_GO_ON;
	default:
		return VIEWER_UNHANDLED;
	}
}

const struct view_ops view_sheet_ops = {
	.layout = sheet_layout,
	.header = sheet_header,
	.hint = sheet_hint,
	.crumb = sheet_crumb,
	.key = sheet_key,
	.global = sheet_global,
	.work = sheet_work,
	.full_width = true,
};
