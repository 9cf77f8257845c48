/* tips.c - the tip sheet written out: the format table expanded, and one
 * renderer a format.  What is on the sheet is decided in sheet.c, so the
 * formats say exactly the same things. */
#include "tips.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "plain.h"
#include "text.h"
#include "util.h"

/* Text for the text sheet: sanitized, and made ASCII before it is wrapped
 * (an ellipsis becomes three dots, so the width must be measured after). */
static char *text_of(const char *text, bool ascii)
{
	return text_clean(text, strlen(text), ascii, NULL);
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
			const struct sheet_line *l = &s->parts[i].lines[j];

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
		if (s->reviewed) {
			src = xasprintf("Last reviewed: %s.", s->reviewed);
			wrapped(out, src, ascii, "", "");
			free(src);
		}
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

static void render_markdown(FILE *out, const struct sheet *s, bool ascii)
{
	size_t i, j;
	char *src;

	/* A Markdown or HTML file says it is UTF-8, whatever the terminal. */
	(void)ascii;
	md_line(out, "# ", s->title);
	fputc('\n', out);
	md_line(out, "", s->date);
	for (i = 0; i < s->nparts; i++) {
		fputc('\n', out);
		md_line(out, "## ", s->parts[i].heading);
		fputc('\n', out);
		for (j = 0; j < s->parts[i].n; j++) {
			const struct sheet_line *l = &s->parts[i].lines[j];

			md_line(out, l->level ? "  - " : "- ", l->text);
		}
	}
	fputs("\n---\n\n", out);
	md_line(out, "", s->notice);
	fputc('\n', out);
	src = xasprintf("Sources: %s.", s->sources);
	md_line(out, "", src);
	free(src);
	if (s->reviewed) {
		src = xasprintf("Last reviewed: %s.", s->reviewed);
		fputc('\n', out);
		md_line(out, "", src);
		free(src);
	}
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

static void render_html(FILE *out, const struct sheet *s, bool ascii)
{
	size_t i, j;

	(void)ascii;

	fputs("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", out);
	html_text(out, s->title);
	fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", html_style);
	html_text(out, s->title);
	fputs("</h1>\n<p class=\"date\">", out);
	html_text(out, s->date);
	fputs("</p>\n", out);
	for (i = 0; i < s->nparts; i++) {
		const struct sheet_part *p = &s->parts[i];

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
	fputs(".</p>\n", out);
	if (s->reviewed) {
		fputs("<p>Last reviewed: ", out);
		html_text(out, s->reviewed);
		fputs(".</p>\n", out);
	}
	fputs("</footer>\n</body>\n</html>\n", out);
}

typedef void renderer(FILE *out, const struct sheet *s, bool ascii);

#define TIPS_FORMAT_ROW(id, name, label, ext, ext2, key, fn) { { name, label, ext, ext2, key }, fn },

static const struct {
	struct tips_format_info info;
	renderer *render;
} formats[] = { TIPS_FORMATS(TIPS_FORMAT_ROW) };

#undef TIPS_FORMAT_ROW

_Static_assert(sizeof formats / sizeof formats[0] == TIPS_NFORMATS, "one row per format");

const struct tips_format_info *tips_format_info(enum tips_format format)
{
	return &formats[format].info;
}

int tips_format_from_name(const char *name, enum tips_format *format)
{
	int f;

	for (f = 0; f < TIPS_NFORMATS; f++) {
		if (strcmp(name, formats[f].info.name) == 0) {
			*format = (enum tips_format)f;
			return 1;
		}
	}
	return 0;
}

int tips_format_from_path(const char *path, enum tips_format *format)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	int f;

	if (!dot || (slash && slash > dot) || !dot[1])
		return 0;
	for (f = 0; f < TIPS_NFORMATS; f++) {
		if (strcasecmp(dot + 1, formats[f].info.extension) == 0 ||
		    (*formats[f].info.extension2 && strcasecmp(dot + 1, formats[f].info.extension2) == 0)) {
			*format = (enum tips_format)f;
			return 1;
		}
	}
	return 0;
}

int tips_format_from_key(int key, enum tips_format *format)
{
	int f;

	for (f = 0; f < TIPS_NFORMATS; f++) {
		if (key == formats[f].info.key) {
			*format = (enum tips_format)f;
			return 1;
		}
	}
	return 0;
}

char *tips_render(const struct sheet *s, enum tips_format format, bool ascii, size_t *len)
{
	char *buf = NULL;
	FILE *out = open_memstream(&buf, len);

	if (!out)
		die("out of memory; close some programs and try again");
	formats[format].render(out, s, ascii);
	if (fclose(out) != 0)
		die("out of memory; close some programs and try again");
	return buf;
}
