/* script.c - reading key scripts for the scripted mode. */
#include "script.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "text.h"
#include "util.h"

/* A script is a test's handful of lines; anything bigger is a mistake. */
#define SCRIPT_MAX_BYTES (1024 * 1024)

static struct script_event *add(struct script *s, enum script_kind kind)
{
	struct script_event *ev;

	ALLOC_GROW(s->events, s->n + 1, s->cap);
	ev = &s->events[s->n++];
	memset(ev, 0, sizeof *ev);
	ev->kind = kind;
	return ev;
}

/* Every character of t[0..n) as a key. */
static void add_text(struct script *s, const char *t, size_t n)
{
	size_t i = 0;

	while (i < n) {
		int32_t cp;

		i += text_decode(t + i, n - i, &cp);
		add(s, SCRIPT_KEY)->key = cp == TEXT_INVALID ? 0xFFFD : cp;
	}
}

bool script_parse_size(const char *s, int *cols, int *rows)
{
	char *end;
	long w, h;

	errno = 0;
	w = strtol(s, &end, 10);
	if (end == s || (*end != 'x' && *end != 'X'))
		return false;
	s = end + 1;
	h = strtol(s, &end, 10);
	if (end == s || *end || errno || w < 1 || h < 1 || w > SCRIPT_MAX_SIZE ||
	    h > SCRIPT_MAX_SIZE)
		return false;
	*cols = (int)w;
	*rows = (int)h;
	return true;
}

/* A ":command argument" line; return an error message or NULL. */
static char *command(struct script *s, char *line)
{
	char *arg = line + strcspn(line, " \t");

	if (*arg)
		*arg++ = '\0';
	arg += strspn(arg, " \t");
	if (strcmp(line, ":type") == 0) {
		add_text(s, arg, strlen(arg));
		return NULL;
	}
	/* The other commands take one word: trailing blanks are not part of it. */
	arg[strcspn(arg, "\r\n")] = '\0';
	while (*arg && strchr(" \t", arg[strlen(arg) - 1]))
		arg[strlen(arg) - 1] = '\0';
	if (strcmp(line, ":dump") == 0 || strcmp(line, ":attrs") == 0) {
		if (!*arg)
			return xasprintf("%s needs a file name", line);
		add(s, line[1] == 'd' ? SCRIPT_DUMP : SCRIPT_ATTRS)->path = xstrdup(arg);
	} else if (strcmp(line, ":resize") == 0) {
		struct script_event *ev;
		int w, h;

		if (!script_parse_size(arg, &w, &h))
			return xasprintf(":resize needs a size WxH from 1x1 to %dx%d, not '%s'",
					 SCRIPT_MAX_SIZE, SCRIPT_MAX_SIZE, arg);
		ev = add(s, SCRIPT_RESIZE);
		ev->x = w;
		ev->y = h;
	} else if (strcmp(line, ":click") == 0) {
		struct script_event *ev;
		int row, col;
		char extra;

		if (sscanf(arg, "%d %d %c", &row, &col, &extra) != 2 || row < 0 || col < 0)
			return xasprintf(":click needs a row and a column, not '%s'", arg);
		ev = add(s, SCRIPT_CLICK);
		ev->y = row;
		ev->x = col;
	} else if (strcmp(line, ":wheel") == 0) {
		if (strcmp(arg, "up") != 0 && strcmp(arg, "down") != 0)
			return xasprintf(":wheel needs up or down, not '%s'", arg);
		add(s, SCRIPT_WHEEL)->y = strcmp(arg, "up") == 0 ? -1 : 1;
	} else {
		return xasprintf("unknown command '%s' (:dump, :attrs, :resize, :type, :click, :wheel)", line);
	}
	return NULL;
}

/* A line of keys: blanks separate, `<Name>` is a named key wherever it
 * appears ("/potassium<Enter>"), anything else types itself.  Return an
 * error message or NULL. */
static char *keys_line(struct script *s, const char *line)
{
	const char *p = line;

	while (*p) {
		size_t len;

		if (strchr(" \t\r\n", *p)) {
			p++;
			continue;
		}
		if (*p == '<' && (len = strcspn(p + 1, "> \t\r\n")) > 0 && p[1 + len] == '>') {
			/* <lt> is the script's own way to type '<'. */
			int key = len == 2 && memcmp(p + 1, "lt", 2) == 0 ? '<' : keys_from_name(p + 1, len);

			if (!key)
				return xasprintf("unknown key '<%.*s>' (write <lt> for '<')", (int)len,
						 p + 1);
			add(s, SCRIPT_KEY)->key = key;
			p += len + 2;
			continue;
		}
		len = text_decode(p, strlen(p), NULL);
		add_text(s, p, len);
		p += len;
	}
	return NULL;
}

struct script *script_load(const char *path, char **error)
{
	FILE *f = fopen(path, "r");
	struct script *s;
	char *buf, *line, *next;
	size_t n;
	unsigned lineno = 0;

	if (!f) {
		*error = xasprintf("cannot read the script %s: %s", path, strerror(errno));
		return NULL;
	}
	buf = xmalloc(SCRIPT_MAX_BYTES + 1);
	n = fread(buf, 1, SCRIPT_MAX_BYTES + 1, f);
	if (ferror(f) || n > SCRIPT_MAX_BYTES) {
		*error = ferror(f) ? xasprintf("cannot read the script %s: %s", path, strerror(errno))
				   : xasprintf("the script %s is larger than 1 MiB", path);
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	s = xcalloc(1, sizeof *s);
	for (line = buf; line && *line; line = next) {
		char *msg, *start;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		start = line + strspn(line, " \t");
		if (*start == '#')
			continue;
		msg = *start == ':' ? command(s, start) : keys_line(s, start);
		if (msg) {
			*error = xasprintf("%s:%u: %s", path, lineno, msg);
			free(msg);
			free(buf);
			script_free(s);
			return NULL;
		}
	}
	free(buf);
	return s;
}

bool script_next(struct script *s, struct script_event *ev)
{
	if (s->next >= s->n)
		return false;
	*ev = s->events[s->next++];
	return true;
}

void script_free(struct script *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		free(s->events[i].path);
	free(s->events);
	free(s);
}
