/* fuzz_text.c - libFuzzer target for the text layer (src/text.c).
 *
 * Input: one byte choosing the wrap width (2 to 129 columns), then any
 * bytes.  Every input is decoded, linted, sanitized and wrapped, and the
 * promises the rest of the program relies on are checked independently of
 * text.c (mbrtowc and wcwidth of the C library, not text.c's own tables):
 *   - the sanitized text is valid UTF-8 with no C0 or C1 control, DEL, tab
 *     or bidi control (U+202A-U+202E, U+2066-U+2069);
 *   - no wrapped line is wider than the width by wcswidth(), none holds a
 *     newline or cuts a character in two, and wrapping drops nothing but
 *     the spaces and newlines between lines;
 *   - the decoder, the UTF-8 check and the lint agree with each other.
 * Any broken promise is an abort(), which libFuzzer reports as a crash.
 * tests/unit/test_fuzz.c replays the saved inputs through the same code. */
#include "text.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Called by libFuzzer once before the first input. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
/* Called by libFuzzer for each input; returns 0 (every input is kept). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FT_MIN_WIDTH 2
#define FT_WIDTHS 128

static void ft_fail(const char *what, const char *s, size_t n)
{
	size_t i;

	fprintf(stderr, "fuzz_text: %s; the text (%zu bytes):", what, n);
	for (i = 0; i < n && i < 256; i++)
		fprintf(stderr, " %02X", (unsigned char)s[i]);
	fputc('\n', stderr);
	abort();
}

/* One code point by the C library's decoder (needs a UTF-8 LC_CTYPE). */
static size_t ft_libc_decode(const char *s, size_t n, wchar_t *wc)
{
	mbstate_t st;
	size_t k;

	memset(&st, 0, sizeof(st));
	k = mbrtowc(wc, s, n, &st);
	if (k == (size_t)-1 || k == (size_t)-2)
		return 0;
	return k == 0 ? 1 : k; /* a NUL byte is one byte long */
}

static int ft_forbidden(wchar_t c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/* The sanitizer's promise: valid UTF-8 by the C library, no control but
 * newline; and its own length and terminator right. */
static void ft_check_sanitized(const char *s, size_t n, const char *in, size_t inlen)
{
	size_t i = 0;

	if (s[n] != '\0' || memchr(s, '\0', n))
		ft_fail("sanitized text is not NUL-terminated at its length", in, inlen);
	while (i < n) {
		wchar_t wc;
		size_t k = ft_libc_decode(s + i, n - i, &wc);

		if (k == 0)
			ft_fail("sanitized text is not valid UTF-8", in, inlen);
		if (wc != L'\n' && ft_forbidden(wc))
			ft_fail("a control character survived the sanitizer", in, inlen);
		if ((wc >= 0xD800 && wc <= 0xDFFF) || wc > 0x10FFFF)
			ft_fail("a surrogate or a code point past U+10FFFF survived the sanitizer", in, inlen);
		i += k;
	}
}

/* Columns of s[0..n) by wcswidth(); characters wcwidth() calls unprintable
 * (unassigned code points) take one cell, as terminals draw them. */
static size_t ft_columns(const char *s, size_t n, const char *in, size_t inlen)
{
	wchar_t *w = malloc((n + 1) * sizeof(*w));
	size_t i = 0, k = 0, cols = 0;
	int all;

	if (!w)
		abort();
	while (i < n) {
		size_t len = ft_libc_decode(s + i, n - i, &w[k]);

		if (len == 0)
			ft_fail("a wrapped line cuts a character in two", in, inlen);
		i += len;
		k++;
	}
	w[k] = L'\0';
	all = wcswidth(w, k);
	if (all >= 0) {
		cols = (size_t)all;
	} else {
		for (i = 0; i < k; i++) {
			int cw = wcwidth(w[i]);

			cols += cw < 0 ? 1 : (size_t)cw;
		}
	}
	free(w);
	return cols;
}

static void ft_check_wrap(const char *s, size_t n, size_t width, const char *in, size_t inlen)
{
	struct text_line *lines = NULL;
	size_t count = text_wrap(s, n, width, &lines), i, at = 0;

	if (n == 0 && count != 0)
		ft_fail("wrapping nothing gave lines", in, inlen);
	for (i = 0; i < count; i++) {
		const struct text_line *l = &lines[i];
		size_t j;

		if (l->off < at || l->off > n || l->len > n - l->off)
			ft_fail("a wrapped line is out of order or out of bounds", in, inlen);
		/* Between lines only the spaces and newlines of the breaks go. */
		for (j = at; j < l->off; j++)
			if (s[j] != ' ' && s[j] != '\n')
				ft_fail("wrapping dropped a character that is not a space", in, inlen);
		if (memchr(s + l->off, '\n', l->len))
			ft_fail("a wrapped line holds a newline", in, inlen);
		if (ft_columns(s + l->off, l->len, in, inlen) > width)
			ft_fail("a wrapped line is wider than the width by wcswidth", in, inlen);
		if (l->width != text_width(s + l->off, l->len))
			ft_fail("a wrapped line's width is not the width of its text", in, inlen);
		at = l->off + l->len;
	}
	for (; at < n; at++)
		if (s[at] != ' ' && s[at] != '\n')
			ft_fail("wrapping dropped the end of the text", in, inlen);
	free(lines);
}

/* The decoder against the C library's, and the UTF-8 check against both. */
static void ft_check_decode(const char *s, size_t n)
{
	size_t i = 0, first_bad = n;

	while (i < n) {
		int32_t cp;
		wchar_t wc;
		size_t k = text_decode(s + i, n - i, &cp);
		size_t lk = ft_libc_decode(s + i, n - i, &wc);

		if (k < 1 || k > 4 || k > n - i)
			ft_fail("text_decode used no bytes or too many", s, n);
		if (cp == TEXT_INVALID) {
			if (k != 1)
				ft_fail("an invalid sequence used more than one byte", s, n);
			/* glibc takes surrogates and code points past U+10FFFF
			 * (even in five and six bytes); text.c rightly does not. */
			if (lk != 0 && !(wc >= 0xD800 && wc <= 0xDFFF) && wc <= 0x10FFFF)
				ft_fail("text_decode rejects what the C library decodes", s, n);
			if (first_bad == n)
				first_bad = i;
		} else if (lk != k || (int32_t)wc != cp) {
			ft_fail("text_decode and the C library disagree", s, n);
		}
		i += k;
	}
	if (text_utf8_check(s, n) != first_bad)
		ft_fail("text_utf8_check disagrees with text_decode", s, n);
}

struct ft_lint {
	const char *s;
	size_t n, count, end;
};

static void ft_on_problem(const struct text_problem *p, void *arg)
{
	struct ft_lint *l = arg;
	int32_t cp;

	if (p->off < l->end || p->off > l->n || p->len == 0 || p->len > l->n - p->off)
		ft_fail("a lint finding is out of order or out of bounds", l->s, l->n);
	switch (p->kind) {
	case TEXT_PROBLEM_INVALID_UTF8:
		if (text_utf8_check(l->s + p->off, p->len) != 0)
			ft_fail("an invalid-UTF-8 finding starts at a valid character", l->s, l->n);
		break;
	case TEXT_PROBLEM_CONTROL:
	case TEXT_PROBLEM_BIDI:
		if (text_decode(l->s + p->off, p->len, &cp) != p->len || cp != p->cp ||
		    !text_is_control(cp))
			ft_fail("a control finding is not that control character", l->s, l->n);
		break;
	case TEXT_PROBLEM_MIXED_SCRIPT:
		if (!text_script_name(p->cp))
			ft_fail("a mixed-script finding names no script", l->s, l->n);
		break;
	}
	l->end = p->off + p->len;
	l->count++;
}

/* Every control, bidi control and invalid byte the sanitizer replaces must
 * also be reported by the lint that --check runs. */
static void ft_check_lint(const char *s, size_t n)
{
	struct ft_lint l = { s, n, 0, 0 };
	size_t i = 0, expect_min = 0;
	int in_bad = 0;

	if (text_lint(s, n, ft_on_problem, &l) != l.count)
		ft_fail("text_lint's count is not the number of findings", s, n);
	while (i < n) {
		int32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);

		if (cp == TEXT_INVALID) {
			expect_min += !in_bad;
			in_bad = 1;
		} else {
			in_bad = 0;
			expect_min += text_is_control(cp);
		}
		i += k;
	}
	if (l.count < expect_min)
		ft_fail("the lint missed a control or invalid byte", s, n);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* wcwidth() and mbrtowc() as the reference need a UTF-8 locale. */
	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "en_US.UTF-8")) {
		fprintf(stderr, "fuzz_text: no UTF-8 locale (C.UTF-8 or en_US.UTF-8)\n");
		exit(1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in;
	size_t n, width, outlen = 0;
	char *clean;

	if (size == 0)
		return 0;
	width = FT_MIN_WIDTH + data[0] % FT_WIDTHS;
	in = (const char *)data + 1;
	n = size - 1;
	ft_check_decode(in, n);
	ft_check_lint(in, n);
	if (text_width(in, n) > n)
		ft_fail("text_width counts more columns than there are bytes", in, n);
	clean = text_sanitize(in, n, &outlen);
	ft_check_sanitized(clean, outlen, in, n);
	ft_check_wrap(clean, outlen, width, in, n);
	free(clean);
	return 0;
}
