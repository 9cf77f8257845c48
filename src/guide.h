/* guide.h - the guide as the program sees it once the content is loaded.
 *
 * Everything lives in one arena owned by the guide.  Text fields hold the
 * content's words with runs of white space folded to one space; they are
 * still untrusted and go through text_sanitize() on their way out. */
#ifndef CRAMPGUIDE_GUIDE_H
#define CRAMPGUIDE_GUIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Where something was written: for messages about it. */
struct guide_pos {
	const char *file;
	unsigned line, col;
};

/* A section (heading) of a source document. */
struct guide_source_section {
	const char *id;
	const char *title;
	struct guide_pos pos;
};

/* A source document the guide's facts come from. */
struct guide_source {
	const char *id;
	const char *title;
	const char *origin;
	const char *about;          /* may be NULL */
	struct guide_source_section *sections;
	size_t nsections;
	struct guide_pos pos;
};

/* A reference "SOURCE/SECTION", resolved after loading. */
struct guide_ref {
	const char *spec;
	struct guide_pos pos;
	const struct guide_source *source;
	const struct guide_source_section *section;
};

struct guide_page;
struct guide_item;

/* A link "PAGE" or "PAGE/ITEM", resolved after loading (item is NULL for a page). */
struct guide_link {
	const char *spec;
	struct guide_pos pos;
	struct guide_page *page;
	struct guide_item *item;
};

/* A paragraph of a page's text. */
struct guide_para {
	const char *text;
	struct guide_ref *refs;
	size_t nrefs;
	struct guide_pos pos;
};

/* An item of a page's list: a symptom, a cause, a tip. */
struct guide_item {
	const char *id;
	const char *text;
	const char *tip;            /* the tip-sheet line, or NULL */
	bool is_default;            /* on the tip sheet when nothing is marked */
	struct guide_ref *refs;
	size_t nrefs;
	struct guide_link *links;
	size_t nlinks;
	struct guide_page *page;
	size_t index;               /* position in page->items */
	struct guide_pos pos;
};

/* What a page is for; the UI and the tip sheet treat some kinds specially. */
enum guide_kind {
	GUIDE_OVERVIEW,
	GUIDE_SYMPTOMS,
	GUIDE_CAUSES,
	GUIDE_RELIEF,
	GUIDE_PREVENTION,
	GUIDE_TREATMENT,
	GUIDE_ABOUT,
	GUIDE_OTHER,
	GUIDE_NKINDS
};

/* A page of the guide. */
struct guide_page {
	const char *id;
	enum guide_kind kind;
	const char *title;
	const char *summary;        /* may be NULL */
	const char *list_title;     /* may be NULL */
	struct guide_para *paras;
	size_t nparas;
	struct guide_item *items;
	size_t nitems;
	struct guide_link *links;
	size_t nlinks;
	size_t index;               /* position in guide->pages */
	struct guide_pos pos;
	struct strmap *item_ids;    /* id -> item, on a page of many items (NULL otherwise) */
};

/* The tip sheet's own wording: its title and the heading of each part (NULL when the content gives none). */
struct guide_sheet {
	const char *title;
	const char *relief;         /* "During a cramp" */
	const char *prevention;     /* "To prevent cramps" */
	const char *causes;         /* "What may be behind yours" */
	const char *treatment;      /* "When to get help" */
};

/* The whole guide. */
struct guide {
	const char *title;
	const char *disclaimer;
	struct guide_sheet sheet;
	struct guide_pos pos;
	struct guide_link *sections;    /* the home menu, in order */
	size_t nsections;
	struct guide_link *walk;        /* the guided walk-through, in order */
	size_t nwalk;
	struct guide_source **sources;
	size_t nsources;
	struct guide_page **pages;      /* in the order the files gave them */
	size_t npages;
	size_t nitems;
	size_t nfiles;
	struct strmap *page_ids;        /* id -> page */
	struct strmap *source_ids;      /* id -> source */
	struct arena arena;
};

/* Name of a kind as written in content ("relief"), or NULL for an out-of-range value. */
const char *guide_kind_name(enum guide_kind kind);

/* The kind named `name`, or GUIDE_NKINDS if there is none. */
enum guide_kind guide_kind_from_name(const char *name);

/* Whether items of pages of this kind must carry a tip-sheet line. */
bool guide_kind_needs_tip(enum guide_kind kind);

/* Longest id of a page, an item or a source. */
#define GUIDE_ID_MAX 64

/* Whether s[0..n) is an id: 1 to GUIDE_ID_MAX of a-z, 0-9 and '-', starting with a letter (the one rule for content and saved marks). */
bool guide_valid_id(const char *s, size_t n);

/* Return a new, empty guide. */
struct guide *guide_new(void);

/* The page with id `id`, or NULL. */
struct guide_page *guide_find_page(const struct guide *g, const char *id);

/* The item "PAGE/ITEM" given as its two parts, or NULL. */
struct guide_item *guide_find_item(const struct guide *g, const char *page, const char *item);

/* The source with id `id`, or NULL. */
struct guide_source *guide_find_source(const struct guide *g, const char *id);

/* Append a page to the guide, registering its id; return 0 if the id was taken (the page is not added). */
int guide_add_page(struct guide *g, struct guide_page *page);

/* Append a source, registering its id; return 0 if the id was taken. */
int guide_add_source(struct guide *g, struct guide_source *source);

/* Register item (whose page and index are set) as the next item of its page; return the page's earlier item with the same id, or NULL if there is none. */
struct guide_item *guide_add_item(struct guide *g, struct guide_item *item);

/* Forget every page and source added after the first npages and nsources, with their ids and their items' ids (a file that failed to load leaves nothing behind). */
void guide_truncate(struct guide *g, size_t npages, size_t nsources);

/* Free the guide and everything in it (NULL is fine). */
void guide_free(struct guide *g);

#endif
