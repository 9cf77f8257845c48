/* load.c - the content schema: YAML trees decoded into the guide.
 *
 * Decoding goes on after an error so that one run reports every problem;
 * the guide is only handed out when there were none. */
#include "load.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "lint.h"
#include "resolve.h"
#include "strmap.h"
#include "suggest.h"
#include "text.h"
#include "util.h"
#include "ytree.h"

struct loader {
	struct guide *g;
	struct diag *d;             /* this file's messages until it has parsed (see load_file) */
	const struct ydoc *doc;
	const char *file;           /* doc's path, copied to live as long as the guide */
	struct strmap *refs;        /* source references and links, each text stored once: they recur */
	int guide_done;             /* this file's 'guide' mapping was decoded as it was read */
	size_t bytes, values;       /* read so far, in all files */
};

static const char *const root_keys[] = { "guide", "sources", "pages", NULL };
static const char *const guide_keys[] = { "title", "disclaimer", "sections", "walkthrough",
					  "sheet", "reading_grade_max", "review_months", NULL };
static const char *const source_keys[] = { "id", "kind", "title", "description", "publisher",
					   "origin", "about", "sections", NULL };
static const char *const section_keys[] = { "id", "title", "part", NULL };
static const char *const page_keys[] = { "id", "kind", "title", "summary", "reviewed",
					 "paragraphs", "list_title", "items", "links", NULL };
static const char *const para_keys[] = { "text", "editorial", "sources", NULL };
static const char *const item_keys[] = { "id", "text", "tip", "default", "editorial", "sources",
					 "links", NULL };

#define ID_MAX GUIDE_ID_MAX
#define TIP_MAX_WIDTH 72

static void err(struct loader *L, const struct ynode *at, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void err(struct loader *L, const struct ynode *at, const char *fmt, ...)
{
	char *msg;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	msg = xmalloc(n < 0 ? 1 : (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(msg, n < 0 ? 1 : (size_t)n + 1, fmt, ap);
	va_end(ap);
	diag_at(L->d, L->doc->file.path, at->line, at->col, "%s", msg);
	free(msg);
}

static struct guide_pos pos_of(const struct loader *L, const struct ynode *n)
{
	struct guide_pos p = { L->file, n->line, n->col };

	return p;
}

/* Report keys of `map` that are not in `known`, suggesting the nearest. */
static void check_known(struct loader *L, const struct ynode *map, const char *const *known,
			const char *what)
{
	size_t i, j;

	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->kids[2 * i];
		struct suggest s;
		const char *hint;

		if (k->kind != YNODE_SCALAR)
			continue; /* reported by the parser */
		for (j = 0; known[j] && (known[j][0] != k->str[0] || strcmp(known[j], k->str) != 0); j++)
			;
		if (known[j])
			continue;
		suggest_init(&s, k->str);
		for (j = 0; known[j]; j++)
			suggest_try(&s, known[j]);
		hint = suggest_result(&s);
		if (hint) {
			err(L, k, "unknown key '%s' in %s (did you mean '%s'?)", k->str, what, hint);
		} else {
			char list[256] = "";

			for (j = 0; known[j]; j++) {
				if (j)
					strcat(list, ", ");
				strcat(list, known[j]);
			}
			err(L, k, "unknown key '%s' in %s; the known keys are: %s", k->str, what, list);
		}
	}
}

/* The scalar under `key`, or NULL (reported when required or not a scalar);
 * `type` says what the value should be ("a string", "true or false"), so
 * that a list or a mapping in its place is named against what was wanted. */
static const struct ynode *scalar(struct loader *L, const struct ynode *map, const char *key,
				  const char *what, const char *type, int required)
{
	const struct ynode *v = ynode_get(map, key);

	if (!v) {
		if (required)
			err(L, map, "missing '%s' in %s; add it", key, what);
		return NULL;
	}
	if (v->kind != YNODE_SCALAR) {
		err(L, v, "expected %s for '%s', found %s", type, key, ynode_kind_name(v));
		return NULL;
	}
	return v;
}

/* A text field: linted, not empty, folded and copied into the guide. */
static const char *text_field(struct loader *L, const struct ynode *map, const char *key,
			      const char *what, int required)
{
	const struct ynode *v = scalar(L, map, key, what, "a string", required);
	const char *s;
	int plain;

	if (!v)
		return NULL;
	s = fold_text(&L->g->arena, v->str, v->len, &plain);
	if (!plain)
		lint_scalar(L->doc, v, key, L->d);
	if (!*s) {
		err(L, v, "empty text for '%s'; write something or remove the key", key);
		return NULL;
	}
	return s;
}

static const char *id_text(struct loader *L, const struct ynode *v, const char *key)
{
	if (!guide_valid_id(v->str, v->len)) {
		err(L, v, "invalid id '%s' for '%s'; use 1 to %d of a-z, 0-9 and '-', starting with a letter",
		    v->str, key, ID_MAX);
		return NULL;
	}
	return arena_strndup(&L->g->arena, v->str, v->len);
}

static const char *id_field(struct loader *L, const struct ynode *map, const char *what)
{
	const struct ynode *v = scalar(L, map, "id", what, "a string", 1);

	return v ? id_text(L, v, "id") : NULL;
}

/* A scalar kept as written with its place, for the checks after loading. */
static struct guide_value value_field(struct loader *L, const struct ynode *map, const char *key,
				      const char *what)
{
	const struct ynode *v = scalar(L, map, key, what, "a string", 0);

	return (struct guide_value){ v ? arena_strndup(&L->g->arena, v->str, v->len) : NULL,
				     v ? pos_of(L, v) : (struct guide_pos){ NULL, 0, 0 } };
}

static bool bool_field(struct loader *L, const struct ynode *map, const char *key, const char *what)
{
	const struct ynode *v = scalar(L, map, key, what, "true or false", 0);

	if (v && strcmp(v->str, "true") != 0 && strcmp(v->str, "false") != 0)
		err(L, v, "expected true or false for '%s', found '%s'", key, v->str);
	return v && strcmp(v->str, "true") == 0;
}

/* A title, or (untitled) the other key's description of what has none. */
static const char *named(struct loader *L, const struct ynode *map, const char *other,
			 const char *what, bool *untitled)
{
	const struct ynode *t = ynode_get(map, "title"), *o = ynode_get(map, other);

	if (t && o)
		err(L, map, "both 'title' and '%s' in %s; keep one", other, what);
	*untitled = !t && o;
	return text_field(L, map, t || !o ? "title" : other, what, 1);
}

/* The list under `key`, or NULL (reported when required, empty or not a list). */
static const struct ynode *list(struct loader *L, const struct ynode *map, const char *key,
				const char *what, int required)
{
	const struct ynode *v = ynode_get(map, key);

	if (!v) {
		if (required)
			err(L, map, "missing '%s' in %s; add it", key, what);
		return NULL;
	}
	if (v->kind != YNODE_SEQ) {
		err(L, v, "expected a list for '%s', found %s", key, ynode_kind_name(v));
		return NULL;
	}
	if (v->n == 0 && required) {
		err(L, v, "empty list for '%s'; give at least one", key);
		return NULL;
	}
	return v;
}

static int as_map(struct loader *L, const struct ynode *v, const char *what)
{
	if (v->kind != YNODE_MAP) {
		err(L, v, "expected a mapping for %s, found %s", what, ynode_kind_name(v));
		return 0;
	}
	return 1;
}

/* "a/b" or (when `single_ok`) "a": ids separated by one slash. */
static int split_spec(const char *s, size_t n, int single_ok)
{
	const char *slash = memchr(s, '/', n);

	if (!slash)
		return single_ok && guide_valid_id(s, n);
	return guide_valid_id(s, (size_t)(slash - s)) &&
	       guide_valid_id(slash + 1, n - (size_t)(slash - s) - 1);
}

/* The text of a reference or a link, kept once however often it recurs. */
static const char *spec_text(struct loader *L, const struct ynode *e)
{
	const char *spec = strmap_get(L->refs, e->str, e->len);
	char *copy;

	if (spec)
		return spec;
	copy = arena_strndup(&L->g->arena, e->str, e->len);
	return strmap_put(L->refs, copy, e->len, copy);
}

/* Sources are required but on editorial text, which audit.c keeps from citing. */
static void refs_field(struct loader *L, const struct ynode *map, const char *what,
		       bool editorial, struct guide_ref **refs, size_t *nrefs)
{
	const struct ynode *v = list(L, map, "sources", what, !editorial);
	size_t i;

	if (!v)
		return;
	*refs = arena_array(&L->g->arena, v->n, sizeof(**refs));
	for (i = 0; i < v->n; i++) {
		const struct ynode *e = v->kids[i];

		if (e->kind != YNODE_SCALAR) {
			err(L, e, "expected a source reference (SOURCE/SECTION) in 'sources', found %s",
			    ynode_kind_name(e));
			continue;
		}
		if (!split_spec(e->str, e->len, 0)) {
			err(L, e, "invalid source reference '%s'; write SOURCE/SECTION, for example summary/remedies",
			    e->str);
			continue;
		}
		(*refs)[*nrefs].spec = spec_text(L, e);
		(*refs)[*nrefs].pos = pos_of(L, e);
		(*nrefs)++;
	}
}

/* A list of page ids (items_ok: or PAGE/ITEM) for links, sections and the walk-through. */
static void links_field(struct loader *L, const struct ynode *map, const char *key,
			const char *what, int required, int items_ok,
			struct guide_link **links, size_t *nlinks)
{
	const struct ynode *v = list(L, map, key, what, required);
	size_t i;

	if (!v)
		return;
	*links = arena_array(&L->g->arena, v->n, sizeof(**links));
	for (i = 0; i < v->n; i++) {
		const struct ynode *e = v->kids[i];

		if (e->kind != YNODE_SCALAR) {
			err(L, e, "expected a page id in '%s', found %s", key, ynode_kind_name(e));
			continue;
		}
		if (!split_spec(e->str, e->len, 1) || (!items_ok && memchr(e->str, '/', e->len))) {
			err(L, e, items_ok ? "invalid link '%s' in '%s'; write PAGE or PAGE/ITEM with their ids"
					   : "invalid page id '%s' in '%s'; write the id of a page",
			    e->str, key);
			continue;
		}
		(*links)[*nlinks].spec = spec_text(L, e);
		(*links)[*nlinks].pos = pos_of(L, e);
		(*nlinks)++;
	}
}

static void load_guide_map(struct loader *L, const struct ynode *v)
{
	struct guide *g = L->g;
	const struct ynode *sheet;

	if (!as_map(L, v, "'guide'"))
		return;
	/* g->pos.file marks the guide mapping as seen, in whichever file. */
	if (g->pos.file) {
		err(L, v, "a second 'guide' mapping (the first is in %s at line %u, column %u); keep one",
		    g->pos.file, g->pos.line, g->pos.col);
		return;
	}
	g->pos = pos_of(L, v);
	check_known(L, v, guide_keys, "the guide");
	g->title = text_field(L, v, "title", "the guide", 1);
	g->disclaimer = text_field(L, v, "disclaimer", "the guide", 1);
	g->reading_grade_max = value_field(L, v, "reading_grade_max", "the guide");
	g->review_months = value_field(L, v, "review_months", "the guide");
	links_field(L, v, "sections", "the guide", 1, 0, &g->sections, &g->nsections);
	links_field(L, v, "walkthrough", "the guide", 1, 0, &g->walk, &g->nwalk);
	sheet = ynode_get(v, "sheet");
	if (sheet && as_map(L, sheet, "'sheet'")) {
		/* The title, then a heading for each kind of page on the
		 * sheet, named as the kind, in the sheet's order. */
		const char *keys[GUIDE_NKINDS + 2] = { "title" };
		size_t n = 1;
		int place, k;

		for (place = 1; place <= GUIDE_NKINDS; place++)
			for (k = 0; k < GUIDE_NKINDS; k++)
				if (guide_kind_info((enum guide_kind)k)->place == place)
					keys[n++] = guide_kind_name((enum guide_kind)k);
		keys[n] = NULL;
		check_known(L, sheet, keys, "the tip sheet's wording");
		g->sheet.title = text_field(L, sheet, "title", "'sheet'", 1);
		for (k = 0; k < GUIDE_NKINDS; k++)
			if (guide_kind_info((enum guide_kind)k)->place)
				g->sheet.heading[k] = text_field(L, sheet, guide_kind_name((enum guide_kind)k),
								 "'sheet'", 1);
	}
}

static void load_source(struct loader *L, const struct ynode *v)
{
	struct guide_source *src;
	const struct ynode *secs;
	size_t i;

	if (!as_map(L, v, "a source"))
		return;
	check_known(L, v, source_keys, "a source");
	src = arena_alloc(&L->g->arena, sizeof(*src));
	src->pos = pos_of(L, v);
	src->id = id_field(L, v, "a source");
	src->kind = value_field(L, v, "kind", "a source");
	src->title = named(L, v, "description", "a source", &src->untitled);
	src->publisher = text_field(L, v, "publisher", "a source", 0);
	src->origin = text_field(L, v, "origin", "a source", 0);
	src->about = text_field(L, v, "about", "a source", 0);
	secs = list(L, v, "sections", "a source", 1);
	if (secs) {
		src->sections = arena_array(&L->g->arena, secs->n, sizeof(*src->sections));
		for (i = 0; i < secs->n; i++) {
			const struct ynode *e = secs->kids[i];
			struct guide_source_section *sec = &src->sections[src->nsections], *had;

			if (!as_map(L, e, "a source section"))
				continue;
			check_known(L, e, section_keys, "a source section");
			sec->pos = pos_of(L, e);
			sec->id = id_field(L, e, "a source section");
			sec->title = named(L, e, "part", "a source section", &sec->untitled);
			if (!sec->id)
				continue;
			had = guide_add_section(src);
			if (had) {
				err(L, e, "duplicate section id '%s' in this source (first at line %u); ids must be unique",
				    sec->id, had->pos.line);
				continue;
			}
			src->nsections++;
		}
	}
	if (!src->id) {
		guide_drop_source(src);
		return;
	}
	if (!guide_add_source(L->g, src)) {
		const struct guide_source *had = guide_find_source(L->g, src->id);

		err(L, v, "duplicate source id '%s' (first in %s at line %u); ids must be unique",
		    src->id, had->pos.file, had->pos.line);
		guide_drop_source(src);
	}
}

static void load_item(struct loader *L, struct guide_page *page, const struct ynode *v)
{
	struct guide_item *it = &page->items[page->nitems];
	if (!as_map(L, v, "an item"))
		return;
	/* The slot may hold an item that was dropped for a bad id: its
	 * counts would index the new arrays out of bounds. */
	memset(it, 0, sizeof(*it));
	check_known(L, v, item_keys, "an item");
	it->pos = pos_of(L, v);
	it->page = page;
	it->id = id_field(L, v, "an item");
	it->text = text_field(L, v, "text", "an item", 1);
	it->tip = text_field(L, v, "tip", "an item",
			     page->kind < GUIDE_NKINDS && guide_kind_info(page->kind)->needs_tip);
	if (it->tip) {
		size_t w = text_width(it->tip, strlen(it->tip));

		/* The printed sheet is 80 columns with a bullet in front. */
		if (w > TIP_MAX_WIDTH)
			err(L, ynode_get(v, "tip"), "the tip is %zu columns wide; keep it to %d or fewer so it fits on the tip sheet",
			    w, TIP_MAX_WIDTH);
	}
	it->is_default = bool_field(L, v, "default", "an item");
	it->editorial = bool_field(L, v, "editorial", "an item");
	refs_field(L, v, "an item", it->editorial, &it->refs, &it->nrefs);
	links_field(L, v, "links", "an item", 0, 1, &it->links, &it->nlinks);
	if (!it->id)
		return;
	it->index = page->nitems++;
}

static void load_page(struct loader *L, const struct ynode *v)
{
	struct guide_page *page;
	const struct ynode *kind, *paras, *items;
	size_t i;

	if (!as_map(L, v, "a page"))
		return;
	check_known(L, v, page_keys, "a page");
	page = arena_alloc(&L->g->arena, sizeof(*page));
	page->pos = pos_of(L, v);
	page->kind = GUIDE_NKINDS;
	page->id = id_field(L, v, "a page");
	kind = scalar(L, v, "kind", "a page", "a string", 1);
	if (kind) {
		page->kind = guide_kind_from_name(kind->str);
		if (page->kind == GUIDE_NKINDS) {
			struct suggest s;
			const char *hint;
			int k;

			suggest_init(&s, kind->str);
			for (k = 0; k < GUIDE_NKINDS; k++)
				suggest_try(&s, guide_kind_name((enum guide_kind)k));
			hint = suggest_result(&s);
			if (hint)
				err(L, kind, "unknown page kind '%s' (did you mean '%s'?)", kind->str, hint);
			else
				err(L, kind, "unknown page kind '%s'; use one of %s", kind->str,
				    guide_kind_list());
		}
	}
	page->title = text_field(L, v, "title", "a page", 1);
	page->summary = text_field(L, v, "summary", "a page", 0);
	page->list_title = text_field(L, v, "list_title", "a page", 0);
	page->reviewed = value_field(L, v, "reviewed", "a page");
	paras = list(L, v, "paragraphs", "a page", 0);
	if (paras) {
		page->paras = arena_array(&L->g->arena, paras->n, sizeof(*page->paras));
		for (i = 0; i < paras->n; i++) {
			const struct ynode *e = paras->kids[i];
			struct guide_para *p = &page->paras[page->nparas];

			if (!as_map(L, e, "a paragraph"))
				continue;
			/* Reused after a paragraph dropped for its text: start
			 * from nothing, or its count of sources would carry over. */
			memset(p, 0, sizeof(*p));
			check_known(L, e, para_keys, "a paragraph");
			p->pos = pos_of(L, e);
			p->text = text_field(L, e, "text", "a paragraph", 1);
			p->editorial = bool_field(L, e, "editorial", "a paragraph");
			refs_field(L, e, "a paragraph", p->editorial, &p->refs, &p->nrefs);
			if (p->text)
				page->nparas++;
		}
	}
	items = list(L, v, "items", "a page", 0);
	if (items) {
		page->items = arena_array(&L->g->arena, items->n, sizeof(*page->items));
		for (i = 0; i < items->n; i++)
			load_item(L, page, items->kids[i]);
	}
	links_field(L, v, "links", "a page", 0, 0, &page->links, &page->nlinks);
	if (!(paras && paras->n) && !(items && items->n))
		err(L, v, "the page has neither 'paragraphs' nor 'items'; give it some text");
	if (!page->id)
		return;
	if (!guide_add_page(L->g, page)) {
		const struct guide_page *had = guide_find_page(L->g, page->id);

		err(L, v, "duplicate page id '%s' (first in %s at line %u); ids must be unique",
		    page->id, had->pos.file, had->pos.line);
		return;
	}
	for (i = 0; i < page->nitems; i++) {
		struct guide_item *had = guide_add_item(L->g, &page->items[i]);

		if (had)
			err(L, items->kids[i], "duplicate item id '%s' on page '%s' (first at line %u); ids must be unique",
			    page->items[i].id, page->id, had->pos.line);
	}
}

static void load_root(struct loader *L, const struct ynode *root)
{
	const struct ynode *v;
	size_t i;

	if (!root) {
		diag_file(L->d, L->doc->file.path,
			  "the file is empty; give it 'pages:' (or 'guide:', 'sources:') or delete it");
		return;
	}
	if (root->kind != YNODE_MAP) {
		err(L, root, "expected a mapping with 'guide', 'sources' or 'pages' at the top of the file, found %s",
		    ynode_kind_name(root));
		return;
	}
	check_known(L, root, root_keys, "the top of the file");
	if ((v = ynode_get(root, "guide")) && !L->guide_done)
		load_guide_map(L, v);
	if ((v = list(L, root, "sources", "the file", 0)))
		for (i = 0; i < v->n; i++)
			load_source(L, v->kids[i]);
	if ((v = list(L, root, "pages", "the file", 0)))
		for (i = 0; i < v->n; i++)
			load_page(L, v->kids[i]);
}

/* An entry of a file's 'sources' or 'pages' list, or its 'guide' mapping,
 * as soon as it is read. */
static void load_entry(void *ctx, const struct ydoc *doc, const char *key, const struct ynode *node)
{
	struct loader *L = ctx;

	L->doc = doc;
	if (strcmp(key, "sources") == 0) {
		load_source(L, node);
	} else if (strcmp(key, "pages") == 0) {
		load_page(L, node);
	} else {
		load_guide_map(L, node);
		L->guide_done = 1;
	}
}

/* Read, parse and decode one file (from buf[0..len) unless read_file).
 *
 * Sources, pages and the guide mapping are decoded while the file is
 * parsed, so that only one page is ever held as a tree.  A file that
 * turns out not to parse is not decoded at all, as if it had been parsed
 * first: its messages are kept aside until the parse has succeeded, and
 * what it put into the guide is taken out again when it fails. */
static void load_file(struct loader *L, const char *path, int read_file, const char *buf,
		      size_t len)
{
	static const char *const lists[] = { "sources", "pages", NULL }, *const maps[] = { "guide", NULL };
	const struct ydoc_visitor visitor = { lists, maps, load_entry, L };
	struct diag *d = L->d, mine = { NULL, 0, 0 };
	struct guide before = *L->g;
	struct ydoc doc;
	int parsed;

	L->file = arena_strndup(&L->g->arena, path, strlen(path));
	L->d = &mine;
	L->guide_done = 0;
	parsed = read_file ? ydoc_load(&doc, path, d, &visitor)
			   : ydoc_parse(&doc, path, buf, len, d, &visitor);
	if (parsed) {
		L->doc = &doc;
		load_root(L, doc.root);
		diag_append(d, &mine);
	} else {
		/* What the 'guide' mapping set, as load_guide_map() sets it. */
		L->g->title = before.title;
		L->g->disclaimer = before.disclaimer;
		L->g->sheet = before.sheet;
		L->g->pos = before.pos;
		L->g->sections = before.sections;
		L->g->nsections = before.nsections;
		L->g->walk = before.walk;
		L->g->nwalk = before.nwalk;
		guide_truncate(L->g, before.npages, before.nsources);
	}
	diag_free(&mine);
	L->d = d;
	L->doc = NULL;
	L->bytes += doc.file.len;
	L->values += doc.nnodes;
	ydoc_free(&doc);
}

int load_buffer(struct guide *g, const char *path, const char *buf, size_t len, struct diag *d)
{
	struct loader L = { g, d, NULL, NULL, strmap_new(), 0, 0, 0 };
	size_t before = diag_count(d);

	load_file(&L, path, 0, buf, len);
	strmap_free(L.refs);
	return diag_count(d) == before;
}

static int has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml names of dir in byte order, so every run reads them alike;
 * NULL when the directory cannot be read (reported). */
static char **list_files(const char *dir, size_t *n, struct diag *d)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names;
	size_t cap = 16;

	*n = 0;
	if (!dp) {
		diag_file(d, dir, "cannot open the content directory: %s; give the right one with --content DIR",
			  strerror(errno));
		return NULL;
	}
	names = xreallocarray(NULL, cap, sizeof(*names));
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.' || !has_suffix(de->d_name, ".yaml"))
			continue;
		ALLOC_GROW(names, *n + 1, cap);
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (*n)
		qsort(names, *n, sizeof(*names), cmp_str);
	return names;
}

/* Whether the files read up to `path` hold more than the whole content may
 * (said about `path`): the limits bound a load's memory, however the
 * content is split, to them and one file more. */
static int over_limits(struct loader *L, const char *path, int more)
{
	static const char *const rest[] = { "", ", and the files after it were not read" };

	if (L->bytes > LOAD_MAX_BYTES)
		diag_file(L->d, path, "with this file the content is over %zu MiB, the limit for all content files together%s; a guide needs far less: remove files, or give another directory with --content DIR",
			  LOAD_MAX_BYTES >> 20, rest[more]);
	else if (L->values > LOAD_MAX_VALUES)
		diag_file(L->d, path, "with this file the content holds over %d values (texts, lists, mappings and keys), the limit for all content files together%s; a guide needs far fewer: remove files, or give another directory with --content DIR",
			  LOAD_MAX_VALUES, rest[more]);
	else
		return 0;
	return 1;
}

struct guide *load_guide(const char *dir, struct diag *d)
{
	struct guide *g = guide_new();
	struct loader L = { g, d, NULL, NULL, strmap_new(), 0, 0, 0 };
	size_t i, n, before = diag_count(d);
	char **names = list_files(dir, &n, d);
	int full = 0;

	if (names && n == 0)
		diag_file(d, dir, "no content files (*.yaml) in this directory; give the right one with --content DIR");
	for (i = 0; i < n; i++) {
		if (!full) {
			char *path = xasprintf("%s/%s", dir, names[i]);

			load_file(&L, path, 1, NULL, 0);
			g->nfiles++;
			full = over_limits(&L, path, i + 1 < n);
			free(path);
		}
		free(names[i]);
	}
	free(names);
	strmap_free(L.refs);
	/* What the whole guide lacks is only known once every file was read:
	 * a file that failed would make these claims wrong. */
	if (diag_count(d) == before && !g->pos.file)
		diag_file(d, dir, "no file has the 'guide' mapping (title, disclaimer, sections, walkthrough); add one, for example in guide.yaml");
	if (diag_count(d) == before && g->npages == 0)
		diag_file(d, dir, "the content has no pages; add files with 'pages:'");
	if (diag_count(d) == before)
		resolve_guide(g, d);
	if (diag_count(d) != before) {
		guide_free(g);
		return NULL;
	}
	return g;
}
