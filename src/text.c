/* text.c - UTF-8 decoding, display width, wrapping, sanitizing and text lint.
 *
 * Every loop here advances by at least one byte per step and never looks
 * past s[n), so arbitrary bytes (not only valid UTF-8) are safe input. */
#include "text.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util.h"

static bool is_cont(unsigned char b)
{
	return (b & 0xC0) == 0x80;
}

size_t text_decode(const char *s, size_t n, int32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int32_t c = TEXT_INVALID;
	size_t len = 1;

	if (n == 0) {
		if (cp)
			*cp = TEXT_INVALID;
		return 0;
	}
	/* The second-byte bounds reject overlongs (E0, F0), surrogates (ED)
	 * and code points above U+10FFFF (F4) without decoding first. */
	if (u[0] < 0x80) {
		c = u[0];
	} else if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		if (n >= 2 && is_cont(u[1])) {
			c = (int32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
			len = 2;
		}
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		unsigned char lo = u[0] == 0xE0 ? 0xA0 : 0x80;
		unsigned char hi = u[0] == 0xED ? 0x9F : 0xBF;

		if (n >= 3 && u[1] >= lo && u[1] <= hi && is_cont(u[2])) {
			c = (int32_t)(u[0] & 0x0F) << 12 | (int32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
			len = 3;
		}
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		unsigned char lo = u[0] == 0xF0 ? 0x90 : 0x80;
		unsigned char hi = u[0] == 0xF4 ? 0x8F : 0xBF;

		if (n >= 4 && u[1] >= lo && u[1] <= hi && is_cont(u[2]) && is_cont(u[3])) {
			c = (int32_t)(u[0] & 0x07) << 18 | (int32_t)(u[1] & 0x3F) << 12 |
			    (int32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
			len = 4;
		}
	}
	if (cp)
		*cp = c;
	return len;
}

size_t text_utf8_check(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		int32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);

		if (cp == TEXT_INVALID)
			return i;
		i += len;
	}
	return n;
}

/* Used only when the system has no UTF-8 locale, so wcwidth() cannot be
 * trusted; covers the ranges that matter for the guide's own content. */
static int fallback_width(int32_t cp)
{
	static const struct {
		int32_t lo, hi;
	} zero[] = {
		{ 0x0300, 0x036F }, { 0x200B, 0x200F }, { 0xFE00, 0xFE0F },
	}, wide[] = {
		{ 0x1100, 0x115F }, { 0x2E80, 0xA4CF }, { 0xAC00, 0xD7A3 },
		{ 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F }, { 0xFF00, 0xFF60 },
		{ 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF },
		{ 0x20000, 0x3FFFD },
	};
	size_t i;

	for (i = 0; i < sizeof zero / sizeof zero[0]; i++)
		if (cp >= zero[i].lo && cp <= zero[i].hi)
			return 0;
	for (i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (cp >= wide[i].lo && cp <= wide[i].hi)
			return 2;
	return 1;
}

/* Created on first use and kept for the life of the process; the program
 * is single-threaded, so a plain flag is enough. */
static locale_t utf8_locale(void)
{
	static bool tried;
	static locale_t loc = (locale_t)0;

	if (!tried) {
		tried = true;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		if (loc == (locale_t)0)
			loc = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
	}
	return loc;
}

int text_cp_width(int32_t cp)
{
	locale_t loc, old;
	int w;

	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp > 0x10FFFF)
		return 1;
	if (cp < 0x7F)
		return 1;
	loc = utf8_locale();
	if (loc == (locale_t)0)
		return fallback_width(cp);
	old = uselocale(loc);
	w = wcwidth((wchar_t)cp);
	uselocale(old);
	/* -1 here means unassigned or a surrogate: the terminal will still
	 * draw something, usually one cell wide. */
	if (w < 0)
		return 1;
	return w > 2 ? 2 : w;
}

size_t text_width(const char *s, size_t n)
{
	size_t i = 0, w = 0;

	while (i < n) {
		int32_t cp;

		/* Every ASCII byte is one column (text_cp_width() gives 1 to
		 * controls too), and most text is ASCII. */
		if ((unsigned char)s[i] < 0x80) {
			w++;
			i++;
			continue;
		}
		i += text_decode(s + i, n - i, &cp);
		w += (size_t)text_cp_width(cp);
	}
	return w;
}

static bool is_bidi(int32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* C0 (minus tab and newline), DEL and C1: the lint's CONTROL kind. */
static bool is_c0c1(int32_t cp)
{
	return (cp >= 0 && cp < 0x20 && cp != '\t' && cp != '\n') ||
	       (cp >= 0x7F && cp <= 0x9F);
}

bool text_is_control(int32_t cp)
{
	return is_c0c1(cp) || is_bidi(cp);
}

char *text_sanitize(const char *s, size_t n, size_t *outlen)
{
	static const char repl[] = "\xEF\xBF\xBD";
	char *out;
	size_t i = 0, o = 0;

	/* Growth is at most 3x (one byte becomes U+FFFD), so one allocation
	 * up front keeps the loop free of bounds bookkeeping. */
	if (n > (((size_t)-1) - 1) / 3)
		die("out of memory; close some programs and try again");
	out = xmalloc(n * 3 + 1);
	while (i < n) {
		int32_t cp;
		size_t len = text_decode(s + i, n - i, &cp);

		if (cp == '\t') {
			out[o++] = ' ';
		} else if (cp == '\r') {
			/* dropped: CRLF input should read like LF input */
		} else if (cp == TEXT_INVALID || text_is_control(cp)) {
			memcpy(out + o, repl, 3);
			o += 3;
		} else {
			memcpy(out + o, s + i, len);
			o += len;
		}
		i += len;
	}
	out[o] = '\0';
	if (outlen)
		*outlen = o;
	return xreallocarray(out, o + 1, 1);
}

/* A base character plus every zero-width code point after it, so that
 * combining marks are never separated from what they combine with.
 * Returns the end offset; *width gets the columns, *space whether the
 * cluster is a lone U+0020 (the only place a line may break between
 * words). */
static size_t cluster_end(const char *s, size_t i, size_t e, size_t *width, bool *space)
{
	int32_t cp;
	size_t j = i + text_decode(s + i, e - i, &cp);

	*width = (size_t)text_cp_width(cp);
	*space = cp == ' ';
	while (j < e) {
		int32_t next;
		size_t len = text_decode(s + j, e - j, &next);

		if (next == '\n' || text_cp_width(next) != 0)
			break;
		*space = false;
		j += len;
	}
	return j;
}

static size_t skip_spaces(const char *s, size_t i, size_t e)
{
	while (i < e) {
		size_t cw;
		bool sp;
		size_t next = cluster_end(s, i, e, &cw, &sp);

		if (!sp)
			break;
		i = next;
	}
	return i;
}

struct wrap {
	struct text_line *lines;
	size_t count, cap;
};

static void wrap_emit(struct wrap *w, size_t off, size_t len, size_t width)
{
	ALLOC_GROW(w->lines, w->count + 1, w->cap);
	w->lines[w->count].off = off;
	w->lines[w->count].len = len;
	w->lines[w->count].width = width;
	w->count++;
}

/* One paragraph s[p..e) (no newline inside).  Each word is measured once
 * and, only if it is too long for a line of its own, walked a second time
 * to cut it, so the whole wrap stays linear. */
static void wrap_paragraph(struct wrap *w, const char *s, size_t p, size_t e, size_t width)
{
	size_t i = p, line = p, line_w = 0, content_end = p;
	bool content = false;
	size_t cw;
	bool sp;

	/* Leading spaces are indentation and stay, unless they leave no room
	 * for anything else on the line. */
	i = skip_spaces(s, i, e);
	if (i - p < width && i < e)
		line_w = i - p;
	else
		line = i;

	while (i < e) {
		size_t start = i, end = i, ww = 0, gap;

		while (end < e) {
			size_t next = cluster_end(s, end, e, &cw, &sp);

			if (sp)
				break;
			ww += cw;
			end = next;
		}
		gap = content ? start - content_end : 0;
		if (content && line_w + gap + ww > width) {
			wrap_emit(w, line, content_end - line, line_w);
			line = start;
			line_w = 0;
			content = false;
			gap = 0;
		}
		if (line_w + gap + ww <= width) {
			line_w += gap + ww;
		} else if (ww <= width) {
			/* Losing the indentation is better than cutting a word
			 * that fits on a line of its own. */
			line = start;
			line_w = ww;
		} else {
			size_t j = start;

			/* Only reached with nothing but indentation on the line,
			 * which goes if even the first piece does not fit. */
			while (j < end) {
				size_t next = cluster_end(s, j, end, &cw, &sp);

				if (line_w + cw > width) {
					if (content)
						wrap_emit(w, line, j - line, line_w);
					line = j;
					line_w = 0;
				}
				line_w += cw;
				content = true;
				j = next;
			}
		}
		content = true;
		content_end = end;
		i = skip_spaces(s, end, e);
	}
	if (content)
		wrap_emit(w, line, content_end - line, line_w);
	else
		wrap_emit(w, p, 0, 0);
}

size_t text_wrap(const char *s, size_t n, size_t width, struct text_line **lines)
{
	struct wrap w = { NULL, 0, 0 };
	size_t p = 0;

	/* Below the documented minimum a wide character cannot fit anyway;
	 * 1 still guarantees progress. */
	if (width < 1)
		width = 1;
	while (p < n) {
		const char *nl = memchr(s + p, '\n', n - p);
		size_t e = nl ? (size_t)(nl - s) : n;

		wrap_paragraph(&w, s, p, e, width);
		/* A final newline ends the last line rather than starting one. */
		p = nl ? e + 1 : n;
	}
	*lines = w.lines;
	return w.count;
}

enum script { SCRIPT_NONE, SCRIPT_LATIN, SCRIPT_CYRILLIC, SCRIPT_GREEK };

/* The ranges are whole blocks; the exceptions are the few punctuation and
 * symbol characters inside them, which must separate words, not join them. */
static enum script script_of(int32_t cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 0x00C0 && cp <= 0x024F && cp != 0x00D7 && cp != 0x00F7) ||
	    (cp >= 0x1E00 && cp <= 0x1EFF))
		return SCRIPT_LATIN;
	if (cp >= 0x0400 && cp <= 0x052F && !(cp >= 0x0482 && cp <= 0x0489))
		return SCRIPT_CYRILLIC;
	if (cp >= 0x0370 && cp <= 0x03FF) {
		if (cp == 0x0375 || cp == 0x037E || cp == 0x0384 || cp == 0x0385 ||
		    cp == 0x0387 || cp == 0x03F6)
			return SCRIPT_NONE;
		return SCRIPT_GREEK;
	}
	if (cp >= 0x1F00 && cp <= 0x1FFF) {
		if (cp == 0x1FBD || (cp >= 0x1FBF && cp <= 0x1FC1) ||
		    (cp >= 0x1FCD && cp <= 0x1FCF) || (cp >= 0x1FDD && cp <= 0x1FDF) ||
		    (cp >= 0x1FED && cp <= 0x1FEF) || cp == 0x1FFD || cp == 0x1FFE)
			return SCRIPT_NONE;
		return SCRIPT_GREEK;
	}
	return SCRIPT_NONE;
}

/* Explicit blocks rather than wcwidth() so the lint gives the same answer
 * whether or not a UTF-8 locale is installed. */
static bool is_combining(int32_t cp)
{
	return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489) ||
	       (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	       (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

static bool is_word_cp(int32_t cp)
{
	return script_of(cp) != SCRIPT_NONE || is_combining(cp);
}

static bool is_apostrophe(int32_t cp)
{
	return cp == 0x0027 || cp == 0x2019;
}

struct lint {
	text_problem_fn *fn;
	void *ctx;
	size_t count;
};

static void lint_report(struct lint *l, enum text_problem_kind kind, size_t off, size_t len,
			int32_t cp)
{
	struct text_problem pr;

	pr.kind = kind;
	pr.off = off;
	pr.len = len;
	pr.cp = cp;
	if (l->fn)
		l->fn(&pr, l->ctx);
	l->count++;
}

size_t text_lint(const char *s, size_t n, text_problem_fn *fn, void *ctx)
{
	struct lint l = { fn, ctx, 0 };
	size_t i = 0, word = 0, word_end = 0, bad = 0;
	bool in_word = false, in_bad = false, latin = false;
	int32_t foreign = 0;

	/* A word or invalid run is reported when it ends, which is always
	 * before anything after it is looked at, so reports stay in order. */
	while (i <= n) {
		int32_t cp = TEXT_INVALID;
		size_t len = i < n ? text_decode(s + i, n - i, &cp) : 0;
		bool at_end = i == n;

		if (in_bad && (at_end || cp != TEXT_INVALID)) {
			lint_report(&l, TEXT_PROBLEM_INVALID_UTF8, bad, i - bad, TEXT_INVALID);
			in_bad = false;
		}
		if (!at_end && is_word_cp(cp)) {
			enum script sc = script_of(cp);

			if (!in_word) {
				in_word = true;
				word = i;
				latin = false;
				foreign = 0;
			}
			if (sc == SCRIPT_LATIN)
				latin = true;
			else if ((sc == SCRIPT_CYRILLIC || sc == SCRIPT_GREEK) && !foreign)
				foreign = cp;
			word_end = i + len;
			i += len;
			continue;
		}
		if (!at_end && in_word && is_apostrophe(cp)) {
			int32_t next;

			text_decode(s + i + len, n - i - len, &next);
			if (script_of(next) != SCRIPT_NONE) {
				i += len;
				continue;
			}
		}
		if (in_word) {
			if (latin && foreign)
				lint_report(&l, TEXT_PROBLEM_MIXED_SCRIPT, word, word_end - word,
					    foreign);
			in_word = false;
		}
		if (at_end)
			break;
		if (cp == TEXT_INVALID) {
			if (!in_bad) {
				in_bad = true;
				bad = i;
			}
		} else if (is_c0c1(cp)) {
			lint_report(&l, TEXT_PROBLEM_CONTROL, i, len, cp);
		} else if (is_bidi(cp)) {
			lint_report(&l, TEXT_PROBLEM_BIDI, i, len, cp);
		}
		i += len;
	}
	return l.count;
}

const char *text_script_name(int32_t cp)
{
	switch (script_of(cp)) {
	case SCRIPT_LATIN:
		return "Latin";
	case SCRIPT_CYRILLIC:
		return "Cyrillic";
	case SCRIPT_GREEK:
		return "Greek";
	default:
		return NULL;
	}
}

bool text_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* ASCII for U+00C0..U+00FF, one letter each; the few that need two are
 * spelled out in ascii_of(). */
static const char latin1_letters[] = "AAAAAAACEEEEIIII" "DNOOOOOxOUUUUYTs"
				     "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";

/* The ASCII stand-in for one code point: "" drops it (zero-width marks). */
static const char *ascii_of(int32_t cp, char *one)
{
	static const struct {
		int32_t lo, hi;
		const char *s;
	} map[] = {
		{ 0x00A0, 0x00A0, " " }, { 0x00AB, 0x00AB, "\"" }, { 0x00AD, 0x00AD, "-" },
		{ 0x00B7, 0x00B7, "." }, { 0x00BB, 0x00BB, "\"" }, { 0x00C6, 0x00C6, "AE" },
		{ 0x00DE, 0x00DE, "Th" }, { 0x00DF, 0x00DF, "ss" }, { 0x00E6, 0x00E6, "ae" },
		{ 0x00FE, 0x00FE, "th" }, { 0x0300, 0x036F, "" }, { 0x2000, 0x200A, " " },
		{ 0x200B, 0x200D, "" }, { 0x2010, 0x2015, "-" }, { 0x2018, 0x201B, "'" },
		{ 0x201C, 0x201F, "\"" }, { 0x2022, 0x2023, "*" }, { 0x2026, 0x2026, "..." },
		{ 0x202F, 0x202F, " " }, { 0x2032, 0x2032, "'" }, { 0x2033, 0x2033, "\"" },
		{ 0x2039, 0x2039, "<" }, { 0x203A, 0x203A, ">" }, { 0x2043, 0x2043, "*" },
		{ 0x2190, 0x2190, "<-" }, { 0x2192, 0x2192, "->" }, { 0x2212, 0x2212, "-" },
		{ 0xFEFF, 0xFEFF, "" },
	};
	size_t i;

	if (cp >= 0x20 && cp < 0x7F) {
		one[0] = (char)cp;
		one[1] = '\0';
		return one;
	}
	if (cp == '\n')
		return "\n";
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (cp >= map[i].lo && cp <= map[i].hi)
			return map[i].s;
	if (cp >= 0xC0 && cp <= 0xFF) {
		one[0] = latin1_letters[cp - 0xC0];
		one[1] = '\0';
		return one;
	}
	return "?";
}

char *text_ascii(const char *s, size_t n, size_t *outlen)
{
	/* The longest stand-in is 3 bytes for at least 1 byte of input. */
	char *out = xmalloc(n * 3 + 1);
	size_t i = 0, o = 0;

	while (i < n) {
		int32_t cp;
		char one[2];
		const char *a;
		size_t alen;

		i += text_decode(s + i, n - i, &cp);
		a = ascii_of(cp, one);
		alen = strlen(a);
		memcpy(out + o, a, alen);
		o += alen;
	}
	out[o] = '\0';
	if (outlen)
		*outlen = o;
	return out;
}

char *text_clean(const char *s, size_t n, bool ascii, size_t *outlen)
{
	size_t len;
	char *t = text_sanitize(s, n, &len);

	if (ascii) {
		char *a = text_ascii(t, len, &len);

		free(t);
		t = a;
	}
	if (outlen)
		*outlen = len;
	return t;
}
