/* state.c - the tip-sheet marks in memory, and the YAML form they are
 * kept in.
 *
 * Reading is as defensive as the content reader, since the file is ours
 * but anything may have happened to it: bytes are checked before libyaml
 * sees them, and the event stream is matched against the one shape we
 * write, so nothing deep, aliased or large is ever built.  Where the file
 * lives, and how a save replaces it safely, is state_file.c. */
#include "state.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "text.h"
#include "util.h"

/* Longest part of an id, as in content. */
#define ID_PART_MAX 64
/* Bytes of a bad value quoted in a message. */
#define QUOTE_MAX 40

static const char header[] =
	"# crampguide tip sheet: the tips you marked and the causes you ticked\n";

static const char *const list_keys[STATE_NLISTS] = { "tips", "causes" };

/* --- sets of ids ------------------------------------------------------- */

static size_t ids_find(const struct state_ids *s, const char *id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], id) == 0)
			return i;
	return SIZE_MAX;
}

static void ids_push(struct state_ids *s, const char *id, size_t len)
{
	char *copy = xmalloc(len + 1);

	memcpy(copy, id, len);
	copy[len] = '\0';
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = copy;
}

static void ids_free(struct state_ids *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Mark or unmark id in s; additions past STATE_MAX_IDS are dropped, which
 * only a merge of two huge states can reach. */
static void ids_apply(struct state_ids *s, const char *id, bool on)
{
	size_t i = ids_find(s, id);

	if (on && i == SIZE_MAX && s->n < STATE_MAX_IDS) {
		ids_push(s, id, strlen(id));
	} else if (!on && i != SIZE_MAX) {
		free(s->v[i]);
		memmove(s->v + i, s->v + i + 1, (s->n - i - 1) * sizeof(*s->v));
		s->n--;
	}
}

static int valid_part(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > ID_PART_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static int valid_id(const char *s, size_t n)
{
	const char *slash = memchr(s, '/', n);

	return slash && valid_part(s, (size_t)(slash - s)) &&
	       valid_part(slash + 1, n - (size_t)(slash - s) - 1);
}

bool state_valid_id(const char *id)
{
	return id && valid_id(id, strlen(id));
}

static void journal_free(struct state *st)
{
	size_t i;

	for (i = 0; i < st->njournal; i++)
		free(st->journal[i].id);
	free(st->journal);
	st->journal = NULL;
	st->njournal = st->capjournal = 0;
}

static void journal_note(struct state *st, enum state_list list, const char *id, bool on)
{
	size_t i;

	for (i = 0; i < st->njournal; i++) {
		if (st->journal[i].list == list && strcmp(st->journal[i].id, id) == 0) {
			st->journal[i].on = on;
			return;
		}
	}
	if (st->njournal == st->capjournal) {
		st->capjournal = st->capjournal ? st->capjournal * 2 : 16;
		st->journal = xreallocarray(st->journal, st->capjournal, sizeof(*st->journal));
	}
	st->journal[st->njournal].list = list;
	st->journal[st->njournal].on = on;
	st->journal[st->njournal].id = xstrdup(id);
	st->njournal++;
}

void state_init(struct state *st)
{
	memset(st, 0, sizeof(*st));
}

void state_free(struct state *st)
{
	int l;

	for (l = 0; l < STATE_NLISTS; l++)
		ids_free(&st->lists[l]);
	journal_free(st);
}

bool state_has(const struct state *st, enum state_list list, const char *id)
{
	return (unsigned)list < STATE_NLISTS && id && ids_find(&st->lists[list], id) != SIZE_MAX;
}

int state_set(struct state *st, enum state_list list, const char *id, bool on)
{
	struct state_ids *s;

	if ((unsigned)list >= STATE_NLISTS || !state_valid_id(id))
		return 0;
	s = &st->lists[list];
	if (on && ids_find(s, id) == SIZE_MAX && s->n >= STATE_MAX_IDS)
		return 0;
	ids_apply(s, id, on);
	/* Noted even when nothing changed here: marking is what the person
	 * asked for, whatever another guide has done to the file since. */
	journal_note(st, list, id, on);
	return 1;
}

int state_toggle(struct state *st, enum state_list list, const char *id)
{
	bool on = !state_has(st, list, id);

	return state_set(st, list, id, on) ? on : -1;
}

void state_clear(struct state *st)
{
	int l;
	size_t i;

	for (l = 0; l < STATE_NLISTS; l++) {
		struct state_ids *s = &st->lists[l];

		for (i = 0; i < s->n; i++)
			journal_note(st, (enum state_list)l, s->v[i], false);
		ids_free(s);
	}
}

void state_merge(struct state *dst, const struct state *src, bool whole)
{
	size_t i;
	int l;

	for (l = 0; whole && l < STATE_NLISTS; l++)
		for (i = 0; i < src->lists[l].n; i++)
			ids_apply(&dst->lists[l], src->lists[l].v[i], true);
	for (i = 0; i < src->njournal; i++)
		ids_apply(&dst->lists[src->journal[i].list], src->journal[i].id, src->journal[i].on);
}

/* --- reading ----------------------------------------------------------- */

/* A bad value for a message: at most QUOTE_MAX bytes (messages are
 * sanitized as a whole before they are returned). */
static char *quote(const char *s, size_t n)
{
	return n > QUOTE_MAX ? xasprintf("%.*s...", QUOTE_MAX, s) : xasprintf("%.*s", (int)n, s);
}

static char *parser_problem(const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "unknown error";

	if (p->error == YAML_MEMORY_ERROR)
		return xstrdup("out of memory while reading it");
	if (p->error == YAML_READER_ERROR)
		return xasprintf("not valid YAML: %s at byte %zu", problem, p->problem_offset);
	if (p->context)
		return xasprintf("not valid YAML: %s %s at line %zu", problem, p->context,
				 p->problem_mark.line + 1);
	return xasprintf("not valid YAML: %s at line %zu", problem, p->problem_mark.line + 1);
}

/* Where the matcher is in the one shape a state file has. */
enum expect {
	EXPECT_STREAM, EXPECT_DOCUMENT, EXPECT_ROOT, EXPECT_KEY, EXPECT_VALUE,
	EXPECT_ID, EXPECT_DOCUMENT_END, EXPECT_STREAM_END, EXPECT_NOTHING
};

#define KEY_VERSION STATE_NLISTS

/* Take one event; return NULL, or a new string saying what is wrong. */
static char *match(struct state *st, const yaml_event_t *ev, enum expect *at, int *key,
		   unsigned *seen)
{
	size_t line = ev->start_mark.line + 1;
	const char *value = "";
	size_t len = 0;
	int k;

	if (ev->type == YAML_SCALAR_EVENT) {
		value = (const char *)ev->data.scalar.value;
		len = ev->data.scalar.length;
	}

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return xasprintf("an alias at line %zu; the file never has any", line);
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor || ev->data.scalar.tag)
			return xasprintf("an anchor or tag at line %zu; the file never has any", line);
		break;
	case YAML_SEQUENCE_START_EVENT:
		if (ev->data.sequence_start.anchor || ev->data.sequence_start.tag)
			return xasprintf("an anchor or tag at line %zu; the file never has any", line);
		break;
	case YAML_MAPPING_START_EVENT:
		if (ev->data.mapping_start.anchor || ev->data.mapping_start.tag)
			return xasprintf("an anchor or tag at line %zu; the file never has any", line);
		break;
	default:
		break;
	}

	switch (*at) {
	case EXPECT_STREAM:
		if (ev->type == YAML_STREAM_START_EVENT) {
			*at = EXPECT_DOCUMENT;
			return NULL;
		}
		break;
	case EXPECT_DOCUMENT:
		if (ev->type == YAML_STREAM_END_EVENT) {
			*at = EXPECT_NOTHING; /* no document at all: nothing saved */
			return NULL;
		}
		if (ev->type == YAML_DOCUMENT_START_EVENT) {
			*at = EXPECT_ROOT;
			return NULL;
		}
		break;
	case EXPECT_ROOT:
		if (ev->type == YAML_MAPPING_START_EVENT) {
			*at = EXPECT_KEY;
			return NULL;
		}
		return xstrdup("it is not a list of keys starting with 'version: 1'");
	case EXPECT_KEY:
		if (ev->type == YAML_MAPPING_END_EVENT) {
			if (!(*seen & (1u << KEY_VERSION)))
				return xstrdup("it has no 'version: 1'");
			*at = EXPECT_DOCUMENT_END;
			return NULL;
		}
		if (ev->type != YAML_SCALAR_EVENT)
			return xasprintf("a key at line %zu is not a name", line);
		for (k = 0; k < STATE_NLISTS; k++)
			if (strlen(list_keys[k]) == len && memcmp(list_keys[k], value, len) == 0)
				break;
		if (k == STATE_NLISTS && !(len == 7 && memcmp(value, "version", 7) == 0)) {
			char *q = quote(value, len), *why;

			why = xasprintf("unknown key '%s' at line %zu", q, line);
			free(q);
			return why;
		}
		if (*seen & (1u << k))
			return xasprintf("a key is given twice at line %zu", line);
		*seen |= 1u << k;
		*key = k;
		*at = EXPECT_VALUE;
		return NULL;
	case EXPECT_VALUE:
		if (*key == KEY_VERSION) {
			if (ev->type == YAML_SCALAR_EVENT && len == 1 && value[0] == '1') {
				*at = EXPECT_KEY;
				return NULL;
			}
			if (ev->type == YAML_SCALAR_EVENT) {
				char *q = quote(value, len), *why;

				why = xasprintf("it is version '%s'; this crampguide reads version 1", q);
				free(q);
				return why;
			}
			return xasprintf("'version' at line %zu is not a number", line);
		}
		if (ev->type == YAML_SEQUENCE_START_EVENT) {
			*at = EXPECT_ID;
			return NULL;
		}
		return xasprintf("'%s' at line %zu is not a list", list_keys[*key], line);
	case EXPECT_ID:
		if (ev->type == YAML_SEQUENCE_END_EVENT) {
			*at = EXPECT_KEY;
			return NULL;
		}
		if (ev->type != YAML_SCALAR_EVENT)
			return xasprintf("'%s' at line %zu holds something other than ids",
					 list_keys[*key], line);
		if (!valid_id(value, len)) {
			char *q = quote(value, len), *why;

			why = xasprintf("'%s' at line %zu is not an id like 'page/item'", q, line);
			free(q);
			return why;
		}
		if (ids_find(&st->lists[*key], value) == SIZE_MAX) {
			if (st->lists[*key].n >= STATE_MAX_IDS)
				return xasprintf("'%s' holds more than %d ids", list_keys[*key],
						 STATE_MAX_IDS);
			ids_push(&st->lists[*key], value, len);
		}
		return NULL;
	case EXPECT_DOCUMENT_END:
		if (ev->type == YAML_DOCUMENT_END_EVENT) {
			*at = EXPECT_STREAM_END;
			return NULL;
		}
		break;
	case EXPECT_STREAM_END:
		if (ev->type == YAML_STREAM_END_EVENT) {
			*at = EXPECT_NOTHING;
			return NULL;
		}
		return xasprintf("a second document at line %zu", line);
	case EXPECT_NOTHING:
		break;
	}
	return xasprintf("unexpected YAML at line %zu", line);
}

int state_parse(struct state *st, const char *buf, size_t len, char **why)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	enum expect at = EXPECT_STREAM;
	int key = -1;
	unsigned seen = 0;
	size_t bad;
	const char *nul;

	state_init(st);
	*why = NULL;
	if (len > STATE_MAX_BYTES) {
		*why = xasprintf("it is larger than %zu MiB", STATE_MAX_BYTES >> 20);
		return 0;
	}
	/* Checked here so that the reason is plain, and so that libyaml never
	 * guesses UTF-16 from a byte-order mark. */
	if ((nul = memchr(buf, '\0', len))) {
		*why = xasprintf("a NUL byte at byte %zu; it is not a text file",
				 (size_t)(nul - buf));
		return 0;
	}
	if ((bad = text_utf8_check(buf, len)) != len) {
		*why = xasprintf("invalid UTF-8 at byte %zu", bad);
		return 0;
	}
	if (!yaml_parser_initialize(&parser))
		die("out of memory; close some programs and try again");
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (at != EXPECT_NOTHING && !*why) {
		if (!yaml_parser_parse(&parser, &ev)) {
			*why = parser_problem(&parser);
			break;
		}
		*why = match(st, &ev, &at, &key, &seen);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (*why) {
		state_free(st);
		return 0;
	}
	return 1;
}

/* --- writing ----------------------------------------------------------- */

struct out {
	char *p;
	size_t n, cap;
};

static void out_add(struct out *o, const void *bytes, size_t size)
{
	if (o->cap - o->n < size) {
		while (o->cap - o->n < size)
			o->cap = o->cap ? o->cap * 2 : 1024;
		o->p = xreallocarray(o->p, o->cap, 1);
	}
	memcpy(o->p + o->n, bytes, size);
	o->n += size;
}

static int out_write(void *data, unsigned char *bytes, size_t size)
{
	out_add(data, bytes, size);
	return 1;
}

static int emit_scalar(yaml_emitter_t *e, const char *s)
{
	yaml_event_t ev;

	return yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s,
					    (int)strlen(s), 1, 1, YAML_PLAIN_SCALAR_STYLE) &&
	       yaml_emitter_emit(e, &ev);
}

char *state_format(const struct state *st, size_t *len, char **err)
{
	const struct state_ids *lists = st->lists;
	yaml_emitter_t e;
	yaml_event_t ev;
	struct out o = { NULL, 0, 0 };
	int ok, l;
	size_t i;

	/* libyaml emits no comments; the header line goes first, as is. */
	out_add(&o, header, sizeof(header) - 1);
	if (!yaml_emitter_initialize(&e))
		die("out of memory; close some programs and try again");
	yaml_emitter_set_output(&e, out_write, &o);
	yaml_emitter_set_unicode(&e, 1);
	ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
	     yaml_emitter_emit(&e, &ev) &&
	     yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
	     yaml_emitter_emit(&e, &ev) &&
	     yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) &&
	     yaml_emitter_emit(&e, &ev) &&
	     emit_scalar(&e, "version") && emit_scalar(&e, "1");
	for (l = 0; ok && l < STATE_NLISTS; l++) {
		ok = emit_scalar(&e, list_keys[l]) &&
		     yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
							  YAML_FLOW_SEQUENCE_STYLE) &&
		     yaml_emitter_emit(&e, &ev);
		for (i = 0; ok && i < lists[l].n; i++)
			ok = emit_scalar(&e, lists[l].v[i]);
		ok = ok && yaml_sequence_end_event_initialize(&ev) && yaml_emitter_emit(&e, &ev);
	}
	ok = ok && yaml_mapping_end_event_initialize(&ev) && yaml_emitter_emit(&e, &ev) &&
	     yaml_document_end_event_initialize(&ev, 1) && yaml_emitter_emit(&e, &ev) &&
	     yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(&e, &ev) &&
	     yaml_emitter_flush(&e);
	if (!ok) {
		*err = xasprintf("cannot write YAML: %s", e.problem ? e.problem : "out of memory");
		yaml_emitter_delete(&e);
		free(o.p);
		return NULL;
	}
	yaml_emitter_delete(&e);
	*len = o.n;
	return o.p;
}
