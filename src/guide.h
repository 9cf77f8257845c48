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

/* A value kept as written, with where it was written, for checks that
 * run after loading (--check) and name its place. */
struct guide_value {
	const char *text;           /* NULL when absent */
	struct guide_pos pos;
};

/* A section of a source document: a heading it has, or a part without one. */
struct guide_source_section {
	const char *id;
	const char *title;          /* the heading, or the part ("opening paragraphs") */
	struct guide_pos pos;
	bool untitled;              /* title describes a part that has no heading */
};

/* A source document the guide's facts come from. */
struct guide_source {
	const char *id;
	const char *title;          /* its title, or a description of an untitled one */
	const char *origin;         /* its address, or NULL when none is known */
	const char *about;          /* may be NULL */
	struct guide_source_section *sections;
	size_t nsections;
	struct guide_pos pos;
	struct strmap *section_ids; /* id -> section, on a source of many sections (NULL otherwise) */
	bool untitled;              /* title is a description */
	const char *publisher;      /* may be NULL */
	struct guide_value kind;    /* "seed" or "supplementary" (checked by audit.c) */
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
	bool editorial;             /* the guide's own words, citing nothing */
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
	bool editorial;             /* the guide's own words, citing nothing */
};

/* How the items of a kind of page are chosen for the tip sheet. */
enum guide_mark {
	GUIDE_MARK_NONE,            /* they are not */
	GUIDE_MARK_TIP,             /* marked one by one, when they have a tip line */
	GUIDE_MARK_TICK             /* ticked as applying to the person (causes) */
};

/* How a kind of page feeds the tip sheet. */
enum guide_feed {
	GUIDE_FEED_NONE,            /* it does not */
	GUIDE_FEED_CHOSEN,          /* the marked tips, or its default tips while none is marked */
	GUIDE_FEED_TICKED,          /* each ticked item, with the tips it links to */
	GUIDE_FEED_ALWAYS           /* its default tips always, marked ones added */
};

/* KIND(id, name, mark, feed, place on the sheet (1 first, 0 none), items need a tip line):
 * every kind of page, as content names it.  A part of the sheet is headed
 * by the guide's `sheet:` wording under the kind's name, else by the title
 * of the first page of the kind; its default tips are the items marked
 * `default: true`, or all of them when none is. */
#define GUIDE_KINDS(KIND) \
	KIND(OVERVIEW, "overview", GUIDE_MARK_NONE, GUIDE_FEED_NONE, 0, false) \
	KIND(SYMPTOMS, "symptoms", GUIDE_MARK_NONE, GUIDE_FEED_NONE, 0, false) \
	KIND(CAUSES, "causes", GUIDE_MARK_TICK, GUIDE_FEED_TICKED, 3, false) \
	KIND(RELIEF, "relief", GUIDE_MARK_TIP, GUIDE_FEED_CHOSEN, 1, true) \
	KIND(PREVENTION, "prevention", GUIDE_MARK_TIP, GUIDE_FEED_CHOSEN, 2, true) \
	KIND(TREATMENT, "treatment", GUIDE_MARK_NONE, GUIDE_FEED_ALWAYS, 4, true) \
	KIND(ABOUT, "about", GUIDE_MARK_NONE, GUIDE_FEED_NONE, 0, false) \
	KIND(OTHER, "other", GUIDE_MARK_NONE, GUIDE_FEED_NONE, 0, false)

#define GUIDE_KIND_ENUM(id, name, mark, feed, place, tip) GUIDE_##id,

/* What a page is for. */
enum guide_kind { GUIDE_KINDS(GUIDE_KIND_ENUM) GUIDE_NKINDS };

#undef GUIDE_KIND_ENUM

/* One row of GUIDE_KINDS. */
struct guide_kind_info {
	const char *name;
	enum guide_mark mark;
	enum guide_feed feed;
	int place;
	bool needs_tip;
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
	struct guide_value reviewed;    /* ISO date of the last review */
};

/* The tip sheet's own wording: its title and the heading of each part, by kind (NULL when the content gives none). */
struct guide_sheet {
	const char *title;
	const char *heading[GUIDE_NKINDS];  /* "During a cramp" for relief, ... */
};

/* The whole guide. */
struct guide {
	const char *title;
	const char *disclaimer;
	struct guide_sheet sheet;
	struct guide_value reading_grade_max;   /* checked by audit.c */
	struct guide_value review_months;
	struct guide_pos pos;
	struct guide_link *sections;    /* the home menu, in order */
	size_t nsections;
	struct guide_link *walk;        /* the guided walk-through, in order */
	size_t nwalk;
	struct guide_source **sources;
	size_t nsources, sources_cap;
	struct guide_page **pages;      /* in the order the files gave them */
	size_t npages, pages_cap;
	size_t nitems;
	size_t nfiles;
	struct strmap *page_ids;        /* id -> page */
	struct strmap *source_ids;      /* id -> source */
	struct arena arena;
};

/* The row of GUIDE_KINDS for kind (< GUIDE_NKINDS). */
const struct guide_kind_info *guide_kind_info(enum guide_kind kind);

/* Name of a kind as written in content ("relief"), or NULL for an out-of-range value. */
const char *guide_kind_name(enum guide_kind kind);

/* Every kind's name, as "overview, symptoms, ...", for messages. */
const char *guide_kind_list(void);

/* The kind named `name`, or GUIDE_NKINDS if there is none. */
enum guide_kind guide_kind_from_name(const char *name);

/* How the item is chosen for the tip sheet: GUIDE_MARK_TIP only for an item with a tip line. */
enum guide_mark guide_item_mark(const struct guide_item *it);

/* Split "FIRST/REST" into first (a buffer of size bytes) and *rest; return 0 when there is no slash or FIRST does not fit. */
int guide_split_id(const char *spec, char *first, size_t size, const char **rest);

/* The item named "PAGE/ITEM", or NULL. */
struct guide_item *guide_find_item_id(const struct guide *g, const char *id);

/* Fill order[0..g->npages) with every page index in reading order: the home menu's, then any page it leaves out. */
void guide_reading_order(const struct guide *g, size_t *order);

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

/* The section of source src with id `id`, or NULL. */
struct guide_source_section *guide_find_section(const struct guide_source *src, const char *id);

/* Register src->sections[src->nsections] as the source's next section (the caller counts it); return the earlier section with the same id, or NULL if there is none. */
struct guide_source_section *guide_add_section(struct guide_source *src);

/* Free what a source that never joined the guide holds beside the arena (its section map). */
void guide_drop_source(struct guide_source *src);

/* Append a source, registering its id; return 0 if the id was taken. */
int guide_add_source(struct guide *g, struct guide_source *source);

/* Register item (whose page and index are set) as the next item of its page; return the page's earlier item with the same id, or NULL if there is none. */
struct guide_item *guide_add_item(struct guide *g, struct guide_item *item);

/* Forget every page and source added after the first npages and nsources, with their ids and their items' ids (a file that failed to load leaves nothing behind). */
void guide_truncate(struct guide *g, size_t npages, size_t nsources);

/* How a source is named to a reader, a new string: its publisher, then its title between lq and rq, or the description of an untitled one as it is. */
char *guide_source_name(const struct guide_source *s, const char *lq, const char *rq);

/* How a resolved reference is cited, a new string: the source's name, then "section" and the heading between lq and rq, or the part of a source that has no heading. */
char *guide_ref_name(const struct guide_ref *r, const char *lq, const char *rq);

/* The oldest 'reviewed' date of the guide's pages as written (the date since when all of it was reviewed), or NULL when no page has one. */
const char *guide_last_reviewed(const struct guide *g);

/* Free the guide and everything in it (NULL is fine). */
void guide_free(struct guide *g);

#endif
