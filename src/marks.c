/* marks.c - the person's marks: read once, each change saved at once
 * through the store, and the sheet made from them. */
#include "marks.h"

#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "strbuf.h"
#include "text.h"
#include "util.h"
#include "ytree.h"

_Static_assert(STORE_MAX_BYTES <= YFILE_MAX_BYTES, "a marks file the store reads, YAML can");

static const char header[] =
	"# crampguide tip sheet: the tips you marked and the causes you ticked\n";

static const char *const list_keys[MARKS_NLISTS] = { "tips", "causes" };

/* A change this guide made: id is now marked (on) or not. */
struct marks_change {
	enum marks_list list;
	bool on;
	char *id;
};

static size_t set_find(const struct marks_set *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n && strcmp(s->v[i], id) != 0; i++)
		;
	return i;
}

/* Mark or unmark id in s; false when s is full. */
static bool set_put(struct marks_set *s, const char *id, bool on)
{
	size_t i = set_find(s, id);

	if (on && i == s->n) {
		if (s->n == MARKS_MAX_IDS)
			return false;
		ALLOC_GROW(s->v, s->n + 1, s->cap);
		s->v[s->n++] = xstrdup(id);
	} else if (!on && i < s->n) {
		free(s->v[i]);
		memmove(s->v + i, s->v + i + 1, (s->n - i - 1) * sizeof(*s->v));
		s->n--;
	}
	return true;
}

static void sets_free(struct marks_set *lists)
{
	size_t i;
	int l;

	for (l = 0; l < MARKS_NLISTS; l++) {
		for (i = 0; i < lists[l].n; i++)
			free(lists[l].v[i]);
		free(lists[l].v);
		memset(&lists[l], 0, sizeof(lists[l]));
	}
}

/* "PAGE/ITEM", each part a content id. */
static bool valid_mark(const char *id, size_t n)
{
	const char *slash = memchr(id, '/', n);

	return slash && guide_valid_id(id, (size_t)(slash - id)) &&
	       guide_valid_id(slash + 1, n - (size_t)(slash - id) - 1);
}

/* Note an entry that was skipped, where it is: the first one, and how many. */
static void skipped(struct marks *m, const char *path, const struct ynode *n, const char *why,
		    size_t *count)
{
	/* A newer version's notice says more than a skipped entry. */
	if (!(*count)++ && !m->newer) {
		char *shown = diag_one_line(path, strlen(path));

		free(m->warning);
		m->warning = xasprintf("%s:%u:%u: %s", shown, n->line, n->col, why);
		free(shown);
	}
}

int marks_parse(struct marks *m, const char *path, const char *buf, size_t len, struct diag *d)
{
	const struct ynode *root, *v;
	struct ydoc doc;
	size_t i, nskipped = 0;
	bool ok;
	int l;

	sets_free(m->lists);
	sets_free(m->kept);
	free(m->warning);
	m->warning = NULL;
	m->newer = false;
	ok = ydoc_parse(&doc, path, buf, len, d, NULL);
	root = doc.root;
	if (ok && root && root->kind != YNODE_MAP) {
		diag_at(d, path, root->line, root->col,
			"expected keys like 'tips: [relief/stretch]', found %s", ynode_kind_name(root));
		ok = false;
	}
	/* No version is fine (a file made by hand).  A higher one was
	 * written by a newer crampguide: read what this one understands,
	 * and never write over what it may not. */
	v = ok ? ynode_get(root, "version") : NULL;
	if (v && !(v->kind == YNODE_SCALAR && strcmp(v->str, "1") == 0)) {
		if (v->kind == YNODE_SCALAR && v->len && v->len < 10 &&
		    strspn(v->str, "0123456789") == v->len && v->str[0] != '0') {
			char *shown = diag_one_line(path, strlen(path));

			m->newer = true;
			m->warning = xasprintf("%s:%u:%u: version %s was written by a newer crampguide; "
					       "this one reads what it understands and leaves the file as "
					       "it is, so marks you change now are kept for this run only",
					       shown, v->line, v->col, v->str);
			free(shown);
		} else {
			diag_at(d, path, v->line, v->col, "expected 'version: 1', found %s",
				v->kind == YNODE_SCALAR ? "another value" : ynode_kind_name(v));
			ok = false;
		}
	}
	for (l = 0; ok && l < MARKS_NLISTS; l++) {
		v = ynode_get(root, list_keys[l]);
		if (!v || (v->kind == YNODE_SCALAR && v->len == 0)) /* "tips:" and nothing */
			continue;
		if (v->kind != YNODE_SEQ) {
			diag_at(d, path, v->line, v->col,
				"expected a list of ids like [relief/stretch] for '%s', found %s",
				list_keys[l], ynode_kind_name(v));
			ok = false;
		}
		for (i = 0; ok && i < v->n; i++) {
			const struct ynode *id = v->kids[i];

			/* Skipped, not refused: one bad entry must not cost the
			 * good ones, and it is written back as it was. */
			if (id->kind != YNODE_SCALAR) {
				skipped(m, path, id, "skipped an entry that is not an id", &nskipped);
				continue;
			}
			if (!valid_mark(id->str, id->len)) {
				skipped(m, path, id, "skipped an entry that is not an id like relief/stretch",
					&nskipped);
				set_put(&m->kept[l], id->str, true);
				continue;
			}
			if (!set_put(&m->lists[l], id->str, true)) {
				diag_at(d, path, id->line, id->col,
					"more than %d ids in '%s'; remove the ones you no longer need",
					MARKS_MAX_IDS, list_keys[l]);
				ok = false;
			}
		}
	}
	ydoc_free(&doc);
	if (ok && nskipped > 1 && !m->newer) {
		char *more = xasprintf("%s (and %zu more entries)", m->warning, nskipped - 1);

		free(m->warning);
		m->warning = more;
	}
	if (!ok) {
		sets_free(m->lists);
		sets_free(m->kept);
		free(m->warning);
		m->warning = NULL;
		m->newer = false;
	}
	return ok;
}

/* An entry that is no id, written back as YAML reads it again: double
 * quoted, with everything but printable ASCII escaped. */
static void add_quoted(struct strbuf *sb, const char *s)
{
	size_t n = strlen(s), i = 0;

	strbuf_addc(sb, '"');
	while (i < n) {
		int32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);

		if (cp == '"' || cp == '\\')
			strbuf_addf(sb, "\\%c", (char)cp);
		else if (cp >= 0x20 && cp < 0x7F)
			strbuf_addc(sb, (char)cp);
		else if (cp >= 0 && cp <= 0xFFFF)
			strbuf_addf(sb, "\\u%04X", (unsigned)cp);
		else
			strbuf_addf(sb, "\\U%08X", (unsigned)(cp < 0 ? 0xFFFD : cp));
		i += k;
	}
	strbuf_addc(sb, '"');
}

/* The file's bytes for m's lists.  Ids hold only a-z, 0-9, '-' and one
 * '/', which YAML reads back as they are; what is kept is quoted. */
static char *format(const struct marks *m, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;
	int l;

	strbuf_addf(&sb, "%sversion: 1\n", header);
	for (l = 0; l < MARKS_NLISTS; l++) {
		strbuf_addf(&sb, "%s: [", list_keys[l]);
		for (i = 0; i < m->lists[l].n; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "", m->lists[l].v[i]);
		for (k = 0; k < m->kept[l].n; k++) {
			strbuf_adds(&sb, i + k ? ", " : "");
			add_quoted(&sb, m->kept[l].v[k]);
		}
		strbuf_adds(&sb, "]\n");
	}
	return strbuf_detach(&sb, len);
}

/* One pass of the store over the file: it is read into `now`, and when
 * it is to be changed, m's unsaved changes are applied to it. */
struct pass {
	struct marks *m;
	struct marks now;
};

static int on_file(void *ctx, const char *path, const char *buf, size_t len, struct diag *d,
		   char **out, size_t *outlen)
{
	struct pass *p = ctx;
	size_t i;

	if (!marks_parse(&p->now, path, buf, len, d))
		return 0;
	/* A newer crampguide's file is left to it (sync_file() says so). */
	if (!out || p->now.newer)
		return 1;
	for (i = 0; i < p->m->nunsaved; i++)
		set_put(&p->now.lists[p->m->unsaved[i].list], p->m->unsaved[i].id,
			p->m->unsaved[i].on);
	*out = format(&p->now, outlen);
	return 1;
}

/* The file could not be read: said in full the first time (why is
 * already clean, the path from the environment is not). */
static char *unreadable(struct marks *m, const char *why)
{
	if (m->told) {
		char *s = xasprintf("%s cannot be read, so it is not saved over", m->path);
		char *t = diag_one_line(s, strlen(s));

		free(s);
		return t;
	}
	m->told = true;
	return xasprintf("Your saved marks could not be read: %s. Fix that, or remove the file; until "
			 "then your marks are kept for this run only and not saved over it.", why);
}

/* Read the file (changed: with m's unsaved changes applied) into m. */
static int sync_file(struct marks *m, bool change, char **msg)
{
	struct pass p;
	char *why = NULL;
	enum store_result r;
	size_t i;

	*msg = NULL;
	memset(&p, 0, sizeof(p));
	p.m = m;
	m->busy = false;
	r = change ? store_change(m->path, on_file, &p, &why) : store_read(m->path, on_file, &p, &why);
	if (r == STORE_OK && change && p.now.newer) {
		/* Nothing was written: this run's changes stay this run's. */
		sets_free(p.now.lists);
		sets_free(p.now.kept);
		m->newer = true;
		*msg = xstrdup("a newer crampguide wrote your saved marks, and this one leaves them "
			       "as they are");
		free(p.now.warning);
		free(why);
		return 0;
	}
	if (r == STORE_OK) {
		sets_free(m->lists);
		sets_free(m->kept);
		memcpy(m->lists, p.now.lists, sizeof(m->lists));
		memcpy(m->kept, p.now.kept, sizeof(m->kept));
		m->newer = p.now.newer;
		free(m->warning);
		m->warning = p.now.warning;
		/* What was skipped is said once, when the file is first read. */
		if (!change && m->newer)
			*msg = xasprintf("Your saved marks: %s.", m->warning);
		else if (!change && m->warning)
			*msg = xasprintf("Some of your saved marks were not read: %s.", m->warning);
		for (i = 0; change && i < m->nunsaved; i++)
			free(m->unsaved[i].id);
		m->nunsaved = change ? 0 : m->nunsaved;
	} else {
		sets_free(p.now.lists);
		sets_free(p.now.kept);
		free(p.now.warning);
		m->busy = r == STORE_BUSY;
		*msg = r == STORE_UNREADABLE ? unreadable(m, why) : xstrdup(why);
	}
	free(why);
	return r == STORE_OK;
}

char *marks_open(struct marks *m, const struct guide *g)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *notice = NULL;

	memset(m, 0, sizeof(*m));
	m->g = g;
	/* The XDG spec: a relative XDG_STATE_HOME is invalid and ignored. */
	if (xdg && xdg[0] == '/')
		m->path = xasprintf("%s/crampguide/tips.yaml", xdg);
	else if (home && home[0] == '/')
		m->path = xasprintf("%s/.local/state/crampguide/tips.yaml", home);
	if (m->path)
		sync_file(m, false, &notice);
	return notice;
}

int marks_flush(struct marks *m, char **msg)
{
	const char *home = getenv("HOME");

	*msg = NULL;
	if (!m->nunsaved)
		return 1;
	if (!m->path) {
		/* Said at every change rather than never: the person would
		 * otherwise lose their marks without knowing. */
		if (home && *home) {
			char *shown = diag_one_line(home, strlen(home) < 80 ? strlen(home) : 80);

			*msg = xasprintf("HOME is '%s', not a full path like /home/you, and "
					 "XDG_STATE_HOME is not set to one either", shown);
			free(shown);
		} else {
			*msg = xstrdup("neither HOME nor XDG_STATE_HOME is set to a folder to keep "
				       "them in");
		}
		return 0;
	}
	if (m->newer) {
		*msg = xstrdup("a newer crampguide wrote your saved marks, and this one leaves them "
			       "as they are");
		return 0;
	}
	return sync_file(m, true, msg);
}

/* Note a change for the file (the latest for an id wins). */
static void note(struct marks *m, enum marks_list list, const char *id, bool on)
{
	size_t i;

	for (i = 0; i < m->nunsaved; i++) {
		if (m->unsaved[i].list == list && strcmp(m->unsaved[i].id, id) == 0) {
			m->unsaved[i].on = on;
			return;
		}
	}
	ALLOC_GROW(m->unsaved, m->nunsaved + 1, m->capunsaved);
	m->unsaved[m->nunsaved++] = (struct marks_change){ list, on, xstrdup(id) };
}

static enum marks_list list_of(const struct guide_item *it)
{
	return guide_item_mark(it) == GUIDE_MARK_TICK ? MARKS_CAUSES : MARKS_TIPS;
}

bool marks_markable(const struct guide_item *it)
{
	/* The kind table decides, as it does for the sheet (sheet.c), so a
	 * mark always shows there. */
	return guide_item_mark(it) != GUIDE_MARK_NONE;
}

bool marks_has(const struct marks *m, const struct guide_item *it)
{
	const struct marks_set *s = &m->lists[list_of(it)];
	char *id;
	bool on;

	if (!marks_markable(it))
		return false;
	id = xasprintf("%s/%s", it->page->id, it->id);
	on = set_find(s, id) < s->n;
	free(id);
	return on;
}

int marks_toggle(struct marks *m, const struct guide_item *it, char **msg)
{
	struct marks_set *s = &m->lists[list_of(it)];
	char *id = xasprintf("%s/%s", it->page->id, it->id);
	bool on = set_find(s, id) == s->n;

	*msg = NULL;
	if (!marks_markable(it) || !valid_mark(id, strlen(id))) {
		free(id);
		return -1;
	}
	if (!set_put(s, id, on)) {
		free(id);
		*msg = xasprintf("your tip sheet already holds %d marks, the most it keeps; clear "
				 "some on the tip sheet first", MARKS_MAX_IDS);
		return -1;
	}
	note(m, list_of(it), id, on);
	free(id);
	marks_flush(m, msg);
	return on;
}

int marks_clear(struct marks *m, char **msg)
{
	size_t i;
	int l;

	/* What this guide shows, not marks another guide made meanwhile. */
	for (l = 0; l < MARKS_NLISTS; l++)
		for (i = 0; i < m->lists[l].n; i++)
			note(m, (enum marks_list)l, m->lists[l].v[i], false);
	sets_free(m->lists);
	return marks_flush(m, msg);
}

const char *const *marks_ids(const struct marks *m, enum marks_list list, size_t *n)
{
	*n = m->lists[list].n;
	return (const char *const *)m->lists[list].v;
}

void marks_close(struct marks *m)
{
	size_t i;

	sets_free(m->lists);
	sets_free(m->kept);
	for (i = 0; i < m->nunsaved; i++)
		free(m->unsaved[i].id);
	free(m->unsaved);
	free(m->path);
	free(m->warning);
	memset(m, 0, sizeof(*m));
}
