/* tips.c - the tip sheet.  It is first built as a list of headings and
 * lines, so that the three formats say exactly the same things. */
#include "tips.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "layout.h"
#include "plain.h"
#include "text.h"
#include "util.h"

/* One line of the sheet: a tip, or (level 1) a tip under a cause. */
struct line {
	const char *text;
	int level;
};

struct part {
	const char *heading;
	struct line *lines;
	size_t n, cap;
};

struct sheet {
	const char *title;
	const char *date;
	struct part parts[4];
	size_t nparts;
	const char *notice;
	char *sources;
};

/* The item named "PAGE/ITEM", or NULL. */
static const struct guide_item *find(const struct guide *g, const char *id)
{
	const char *slash = strchr(id, '/');
	char page[80];

	if (!slash || (size_t)(slash - id) >= sizeof(page))
		return NULL;
	memcpy(page, id, (size_t)(slash - id));
	page[slash - id] = '\0';
	return guide_find_item(g, page, slash + 1);
}

void tips_marks_resolve(struct tips_marks *m, const struct guide *g, const char *const *tips, size_t ntips,
			const char *const *causes, size_t ncauses)
{
	const struct guide_item **t = xreallocarray(NULL, ntips + 1, sizeof(*t));
	const struct guide_item **c = xreallocarray(NULL, ncauses + 1, sizeof(*c));
	size_t i;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < ntips; i++) {
		const struct guide_item *it = find(g, tips[i]);

		if (it && it->tip)
			t[m->ntips++] = it;
	}
	for (i = 0; i < ncauses; i++) {
		const struct guide_item *it = find(g, causes[i]);

		if (it && it->page->kind == GUIDE_CAUSES)
			c[m->ncauses++] = it;
	}
	m->tips = t;
	m->causes = c;
}

void tips_marks_free(struct tips_marks *m)
{
	free((void *)m->tips);
	free((void *)m->causes);
	memset(m, 0, sizeof(*m));
}

int tips_format_from_name(const char *name, enum tips_format *format)
{
	static const struct { const char *name; enum tips_format format; } names[] = {
		{ "text", TIPS_TEXT }, { "markdown", TIPS_MARKDOWN }, { "html", TIPS_HTML },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i].name) == 0) {
			*format = names[i].format;
			return 1;
		}
	}
	return 0;
}

void tips_today(char *buf, size_t size)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;
	char *end;

	if (epoch && *epoch) {
		long long v;

		errno = 0;
		v = strtoll(epoch, &end, 10);
		if (!*end && !errno && v >= 0)
			t = (time_t)v;
	}
	/* SOURCE_DATE_EPOCH is a UTC date by definition; today is local. */
	if (!((epoch && *epoch) ? gmtime_r(&t, &tm) : localtime_r(&t, &tm)) ||
	    !strftime(buf, size, "%Y-%m-%d", &tm))
		snprintf(buf, size, "%s", "");
}

static void add(struct part *p, const char *text, int level)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->lines = xreallocarray(p->lines, p->cap, sizeof(*p->lines));
	}
	p->lines[p->n].text = text;
	p->lines[p->n].level = level;
	p->n++;
}

static const char *tip_of(const struct guide_item *it)
{
	return it->tip ? it->tip : it->text;
}

/* The first page of a kind, whose title stands in for a missing heading. */
static const struct guide_page *page_of_kind(const struct guide *g, enum guide_kind kind)
{
	size_t i;

	for (i = 0; i < g->npages; i++)
		if (g->pages[i]->kind == kind)
			return g->pages[i];
	return NULL;
}

static int marked(const struct tips_marks *m, const struct guide_item *it)
{
	size_t i;

	for (i = 0; m && i < m->ntips; i++)
		if (m->tips[i] == it)
			return 1;
	return 0;
}

/* The tips of every page of `kind`: the marked ones, or when none of them
 * is marked the content's default set (every tip if it names none). */
static void add_kind(struct sheet *s, const struct guide *g, const struct tips_marks *m,
		     enum guide_kind kind, const char *heading)
{
	struct part *p = &s->parts[s->nparts];
	const struct guide_page *first = page_of_kind(g, kind);
	int any_marked = 0, any_default = 0;
	size_t i, j;

	if (!first)
		return;
	p->heading = heading ? heading : first->title;
	for (i = 0; i < g->npages; i++) {
		for (j = 0; j < g->pages[i]->nitems && g->pages[i]->kind == kind; j++) {
			any_marked |= marked(m, &g->pages[i]->items[j]);
			any_default |= g->pages[i]->items[j].is_default;
		}
	}
	for (i = 0; i < g->npages; i++) {
		const struct guide_page *pg = g->pages[i];

		for (j = 0; j < pg->nitems && pg->kind == kind; j++) {
			const struct guide_item *it = &pg->items[j];

			if (any_marked ? marked(m, it) : (!any_default || it->is_default))
				add(p, tip_of(it), 0);
		}
	}
	if (p->n)
		s->nparts++;
}

/* Each ticked cause, with the tips its links lead to. */
static void add_causes(struct sheet *s, const struct guide *g, const struct tips_marks *m)
{
	struct part *p = &s->parts[s->nparts];
	const struct guide_page *first = page_of_kind(g, GUIDE_CAUSES);
	size_t i, j;

	if (!m || !m->ncauses)
		return;
	p->heading = g->sheet.causes ? g->sheet.causes : first ? first->title : "";
	for (i = 0; i < m->ncauses; i++) {
		const struct guide_item *c = m->causes[i];

		add(p, tip_of(c), 0);
		for (j = 0; j < c->nlinks; j++)
			add(p, c->links[j].item ? tip_of(c->links[j].item) : c->links[j].page->title, 1);
	}
	s->nparts++;
}

static void build(struct sheet *s, const struct guide *g, const struct tips_marks *m,
		  const char *date)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->title = g->sheet.title ? g->sheet.title : g->title;
	s->date = date;
	add_kind(s, g, m, GUIDE_RELIEF, g->sheet.relief);
	add_kind(s, g, m, GUIDE_PREVENTION, g->sheet.prevention);
	add_causes(s, g, m);
	add_kind(s, g, m, GUIDE_TREATMENT, g->sheet.treatment);
	s->notice = g->disclaimer;
	s->sources = xstrdup("");
	for (i = 0; i < g->nsources; i++) {
		char *more = xasprintf("%s%s%s", s->sources, i ? "; " : "", g->sources[i]->title);

		free(s->sources);
		s->sources = more;
	}
}

static void release(struct sheet *s)
{
	size_t i;

	for (i = 0; i < s->nparts; i++)
		free(s->parts[i].lines);
	free(s->sources);
}

/* Text for the text sheet: sanitized, and made ASCII before it is wrapped
 * (an ellipsis becomes three dots, so the width must be measured after). */
static char *text_of(const char *text, bool ascii)
{
	size_t len;
	char *s = text_sanitize(text, strlen(text), &len);

	if (ascii) {
		char *a = layout_ascii(s, len, NULL);

		free(s);
		s = a;
	}
	return s;
}

static void wrapped(FILE *out, const char *text, bool ascii, const char *first, const char *rest)
{
	char *s = text_of(text, ascii);

	plain_wrapped(out, s, TIPS_WIDTH, first, rest);
	free(s);
}

/* A heading with a rule of `c` under it, as wide as the heading (at most the sheet). */
static void underlined(FILE *out, const char *text, bool ascii, char c)
{
	char *s = text_of(text, ascii);
	size_t w = text_width(s, strlen(s));

	plain_wrapped(out, s, TIPS_WIDTH, "", "");
	for (w = w < TIPS_WIDTH ? w : TIPS_WIDTH; w; w--)
		fputc(c, out);
	fputc('\n', out);
	free(s);
}

static void render_text(FILE *out, const struct sheet *s, bool ascii)
{
	size_t i, j;

	underlined(out, s->title, ascii, '=');
	fprintf(out, "%s\n", s->date);
	for (i = 0; i < s->nparts; i++) {
		fputc('\n', out);
		underlined(out, s->parts[i].heading, ascii, '-');
		for (j = 0; j < s->parts[i].n; j++) {
			const struct line *l = &s->parts[i].lines[j];

			if (l->level)
				wrapped(out, l->text, ascii, "      - ", "        ");
			else
				wrapped(out, l->text, ascii, "  * ", "    ");
		}
	}
	fputc('\n', out);
	wrapped(out, s->notice, ascii, "", "");
	{
		char *src = xasprintf("Sources: %s.", s->sources);

		wrapped(out, src, ascii, "", "");
		free(src);
	}
}

/* Sanitized text with Markdown's inline markup characters escaped, and a
 * start that would read as a heading, list or quote neutralised. */
static char *md_escape(const char *text)
{
	size_t len, i = 0, o = 0;
	char *s = text_sanitize(text, strlen(text), &len);
	char *out = xmalloc(2 * len + 2);

	/* "12." or "3)" at the start would become a numbered list. */
	while (i < len && s[i] >= '0' && s[i] <= '9')
		out[o++] = s[i++];
	if (i > 0 && i < len && (s[i] == '.' || s[i] == ')'))
		out[o++] = '\\';
	else if (i == 0 && len && strchr("#+-=", s[0]))
		out[o++] = '\\';
	for (; i < len; i++) {
		if (s[i] && strchr("\\`*_[]<>&|~", s[i]))
			out[o++] = '\\';
		out[o++] = s[i];
	}
	out[o] = '\0';
	free(s);
	return out;
}

/* One Markdown line: never wrapped, since a wrapped line that happened to
 * start with "-" or "#" would change the document's structure. */
static void md_line(FILE *out, const char *prefix, const char *text)
{
	char *e = md_escape(text);

	fprintf(out, "%s%s\n", prefix, e);
	free(e);
}

static void render_markdown(FILE *out, const struct sheet *s)
{
	size_t i, j;
	char *src;

	md_line(out, "# ", s->title);
	fputc('\n', out);
	md_line(out, "", s->date);
	for (i = 0; i < s->nparts; i++) {
		fputc('\n', out);
		md_line(out, "## ", s->parts[i].heading);
		fputc('\n', out);
		for (j = 0; j < s->parts[i].n; j++) {
			const struct line *l = &s->parts[i].lines[j];

			md_line(out, l->level ? "  - " : "- ", l->text);
		}
	}
	fputs("\n---\n\n", out);
	md_line(out, "", s->notice);
	fputc('\n', out);
	src = xasprintf("Sources: %s.", s->sources);
	md_line(out, "", src);
	free(src);
}

static void html_text(FILE *out, const char *text)
{
	size_t len, i;
	char *s = text_sanitize(text, strlen(text), &len);

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default: fputc(s[i], out); break;
		}
	}
	free(s);
}

/* Print CSS sized so the default sheet fits one A4 or Letter page: the
 * margins suit both, and the type is large enough to read in bed. */
static const char html_style[] =
	"body { font: 12pt/1.35 \"DejaVu Sans\", Arial, sans-serif; color: #000;\n"
	"       max-width: 42em; margin: 2em auto; padding: 0 1em; }\n"
	"h1 { font-size: 20pt; margin: 0 0 0.1em; }\n"
	".date { margin: 0 0 1em; color: #333; }\n"
	"h2 { font-size: 14pt; margin: 1em 0 0.3em; border-bottom: 1px solid #888;\n"
	"     break-after: avoid; page-break-after: avoid; }\n"
	"ul { margin: 0; padding-left: 1.4em; }\n"
	"li { margin: 0.15em 0; break-inside: avoid; page-break-inside: avoid; }\n"
	"footer { margin-top: 1.5em; font-size: 10pt; color: #333; }\n"
	"@page { margin: 15mm; }\n"
	"@media print { body { max-width: none; margin: 0; padding: 0; } }\n";

static void render_html(FILE *out, const struct sheet *s)
{
	size_t i, j;

	fputs("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", out);
	html_text(out, s->title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", html_style);
	html_text(out, s->title);
	fputs("</h1>\n<p class=\"date\">", out);
	html_text(out, s->date);
	fputs("</p>\n", out);
	for (i = 0; i < s->nparts; i++) {
		const struct part *p = &s->parts[i];

		fputs("<h2>", out);
		html_text(out, p->heading);
		fputs("</h2>\n<ul>\n", out);
		for (j = 0; j < p->n; j++) {
			fputs("<li>", out);
			html_text(out, p->lines[j].text);
			/* Tips under a cause form a nested list inside its item. */
			if (j + 1 < p->n && p->lines[j + 1].level) {
				fputs("\n<ul>\n", out);
				while (j + 1 < p->n && p->lines[j + 1].level) {
					fputs("<li>", out);
					html_text(out, p->lines[++j].text);
					fputs("</li>\n", out);
				}
				fputs("</ul>\n", out);
			}
			fputs("</li>\n", out);
		}
		fputs("</ul>\n", out);
	}
	fputs("<footer>\n<p>", out);
	html_text(out, s->notice);
	fputs("</p>\n<p>Sources: ", out);
	html_text(out, s->sources);
	fputs(".</p>\n</footer>\n</body>\n</html>\n", out);
}

char *tips_render(const struct guide *g, const struct tips_marks *marks, enum tips_format format,
		  const char *date, size_t *len)
{
	struct sheet s;
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);

	if (!out)
		die("out of memory; close some programs and try again");
	build(&s, g, marks, date);
	switch (format) {
	case TIPS_TEXT:
	case TIPS_TEXT_ASCII:
		render_text(out, &s, format == TIPS_TEXT_ASCII);
		break;
	case TIPS_MARKDOWN:
		render_markdown(out, &s);
		break;
	case TIPS_HTML:
		render_html(out, &s);
		break;
	}
	if (fclose(out) != 0)
		die("out of memory; close some programs and try again");
	release(&s);
	return buf;
}
