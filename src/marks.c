/* marks.c - the person's marks, loaded once, saved on every change, and
 * the sheet made from them. */
#include "marks.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

char *marks_open(struct marks *m, const struct guide *g)
{
	char *warning = NULL;

	m->g = g;
	m->path = state_default_path();
	state_init(&m->st);
	if (m->path && !state_load(&m->st, m->path, &warning))
		return warning;
	free(warning);
	return NULL;
}

static enum state_list list_of(const struct guide_item *it)
{
	return it->page->kind == GUIDE_CAUSES ? STATE_CAUSES : STATE_TIPS;
}

bool marks_markable(const struct guide_item *it)
{
	enum guide_kind k = it->page->kind;

	/* Exactly what tips_marks_resolve() puts on the sheet, so a mark
	 * always shows there. */
	return k == GUIDE_CAUSES || ((k == GUIDE_RELIEF || k == GUIDE_PREVENTION) && it->tip);
}

static char *id_of(const struct guide_item *it)
{
	return xasprintf("%s/%s", it->page->id, it->id);
}

bool marks_has(const struct marks *m, const struct guide_item *it)
{
	char *id;
	bool on;

	if (!marks_markable(it))
		return false;
	id = id_of(it);
	on = state_has(&m->st, list_of(it), id);
	free(id);
	return on;
}

int marks_flush(struct marks *m, char **msg)
{
	*msg = NULL;
	if (!m->path) {
		/* Said once per change rather than never: the person would
		 * otherwise lose their marks without knowing. */
		*msg = xstrdup("Your marks cannot be kept for next time: neither XDG_STATE_HOME "
			       "nor HOME is set");
		return 0;
	}
	return state_save(&m->st, m->path, msg);
}

int marks_toggle(struct marks *m, const struct guide_item *it, char **msg)
{
	char *id;
	int on;

	*msg = NULL;
	if (!marks_markable(it))
		return -1;
	id = id_of(it);
	on = state_toggle(&m->st, list_of(it), id);
	free(id);
	if (on < 0)
		return -1;
	if (!marks_flush(m, msg) && !*msg)
		*msg = xstrdup("Your marks could not be saved");
	return on;
}

int marks_clear(struct marks *m, char **msg)
{
	state_clear(&m->st);
	return marks_flush(m, msg);
}

/* The saved marks the content knows, as items. */
static void resolve(const struct marks *m, struct tips_marks *tm)
{
	const struct state_ids *t = &m->st.lists[STATE_TIPS], *c = &m->st.lists[STATE_CAUSES];

	tips_marks_resolve(tm, m->g, t->v, t->n, c->v, c->n);
}

size_t marks_count(const struct marks *m, enum state_list list)
{
	struct tips_marks tm;
	size_t n;

	resolve(m, &tm);
	n = list == STATE_CAUSES ? tm.ncauses : tm.ntips;
	tips_marks_free(&tm);
	return n;
}

char *marks_render(const struct marks *m, enum tips_format format, bool ascii, size_t *len)
{
	struct tips_marks tm;
	char date[32], *buf;

	resolve(m, &tm);
	tips_today(date, sizeof date);
	buf = tips_render(m->g, &tm, ascii && format == TIPS_TEXT ? TIPS_TEXT_ASCII : format, date,
			  len);
	tips_marks_free(&tm);
	return buf;
}

bool marks_ascii_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	return !(cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0));
}

void marks_close(struct marks *m)
{
	state_free(&m->st);
	free(m->path);
	m->path = NULL;
}
