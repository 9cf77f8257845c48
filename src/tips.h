/* tips.h - the tip sheet (sheet.h) written as plain text, Markdown or
 * HTML.  All its wording comes from the content. */
#ifndef CRAMPGUIDE_TIPS_H
#define CRAMPGUIDE_TIPS_H

#include <stdbool.h>
#include <stddef.h>

#include "sheet.h"

/* FORMAT(id, name, label, file extension, another extension, key, renderer):
 * every format a sheet can be written in: its name for --format, how the
 * save question says it, the extension it proposes (and the other one
 * -o FILE takes it from, or ""), the key that answers it there, and the
 * function in tips.c that writes it.  A new format is a row here and its
 * renderer. */
#define TIPS_FORMATS(FORMAT) \
	FORMAT(TEXT, "text", "text", "txt", "", 't', render_text) \
	FORMAT(MARKDOWN, "markdown", "Markdown", "md", "markdown", 'm', render_markdown) \
	FORMAT(HTML, "html", "HTML", "html", "htm", 'h', render_html)

#define TIPS_FORMAT_ENUM(id, name, label, ext, ext2, key, fn) TIPS_##id,

/* A format a sheet can be written in. */
enum tips_format { TIPS_FORMATS(TIPS_FORMAT_ENUM) TIPS_NFORMATS };

#undef TIPS_FORMAT_ENUM

/* One row of TIPS_FORMATS. */
struct tips_format_info {
	const char *name;           /* "markdown" */
	const char *label;          /* "Markdown" */
	const char *extension;      /* "md" */
	const char *extension2;     /* "markdown", or "" */
	char key;                   /* 'm' */
};

/* Widest line of the text and Markdown sheets, so it prints on any printer. */
#define TIPS_WIDTH 80

/* The row of TIPS_FORMATS for format (< TIPS_NFORMATS). */
const struct tips_format_info *tips_format_info(enum tips_format format);

/* Set *format from its name ("text", "markdown", "html"); return 0 when the name is unknown. */
int tips_format_from_name(const char *name, enum tips_format *format);

/* Set *format from the extension of the file name path (".html", ".md", ...; case ignored); return 0 when it has none of them. */
int tips_format_from_path(const char *path, enum tips_format *format);

/* Set *format from the key that names it in the save question; return 0 when no format has it. */
int tips_format_from_key(int key, enum tips_format *format);

/* Write sheet s in `format`; `ascii` makes the text format plain ASCII (for a locale that cannot show UTF-8: letters lose their accents, quotes and dashes become their ASCII look-alikes); a new NUL-terminated buffer of *len bytes. */
char *tips_render(const struct sheet *s, enum tips_format format, bool ascii, size_t *len);

#endif
