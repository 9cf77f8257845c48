/* test_text.c - unit tests for src/text.c (TAP output for prove). */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#include "text.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#define S(lit) (lit), (sizeof(lit) - 1)

static void expect_decode(const char *s, size_t n, int32_t want_cp, size_t want_len)
{
	int32_t cp = 12345;
	size_t len = text_decode(s, n, &cp);

	assert_int_equal(len, want_len);
	assert_int_equal(cp, want_cp);
}

static void test_decode_valid(void **state)
{
	(void)state;
	expect_decode(S("A"), 0x41, 1);
	expect_decode(S("\x7F"), 0x7F, 1);
	expect_decode("\0", 1, 0, 1);
	expect_decode(S("\xC2\x80"), 0x80, 2);
	expect_decode(S("\xC3\xA9"), 0xE9, 2);
	expect_decode(S("\xDF\xBF"), 0x7FF, 2);
	expect_decode(S("\xE0\xA0\x80"), 0x800, 3);
	expect_decode(S("\xE6\xBC\xA2"), 0x6F22, 3);
	expect_decode(S("\xED\x9F\xBF"), 0xD7FF, 3);
	expect_decode(S("\xEE\x80\x80"), 0xE000, 3);
	expect_decode(S("\xEF\xBF\xBF"), 0xFFFF, 3);
	expect_decode(S("\xF0\x90\x80\x80"), 0x10000, 4);
	expect_decode(S("\xF0\x9F\x98\x80"), 0x1F600, 4);
	expect_decode(S("\xF4\x8F\xBF\xBF"), 0x10FFFF, 4);
	/* Only the first sequence is consumed. */
	expect_decode(S("\xC3\xA9xyz"), 0xE9, 2);
	expect_decode("", 0, TEXT_INVALID, 0);
	assert_int_equal(text_decode("x", 0, NULL), 0);
}

static void test_decode_overlong(void **state)
{
	(void)state;
	expect_decode(S("\xC0\x80"), TEXT_INVALID, 1);
	expect_decode(S("\xC0\xAF"), TEXT_INVALID, 1);
	expect_decode(S("\xC1\xBF"), TEXT_INVALID, 1);
	expect_decode(S("\xE0\x80\x80"), TEXT_INVALID, 1);
	expect_decode(S("\xE0\x9F\xBF"), TEXT_INVALID, 1);
	expect_decode(S("\xF0\x80\x80\x80"), TEXT_INVALID, 1);
	expect_decode(S("\xF0\x8F\xBF\xBF"), TEXT_INVALID, 1);
}

static void test_decode_surrogate(void **state)
{
	(void)state;
	expect_decode(S("\xED\xA0\x80"), TEXT_INVALID, 1);
	expect_decode(S("\xED\xAF\xBF"), TEXT_INVALID, 1);
	expect_decode(S("\xED\xB0\x80"), TEXT_INVALID, 1);
	expect_decode(S("\xED\xBF\xBF"), TEXT_INVALID, 1);
}

static void test_decode_truncated(void **state)
{
	(void)state;
	expect_decode(S("\xC3"), TEXT_INVALID, 1);
	expect_decode(S("\xE6\xBC"), TEXT_INVALID, 1);
	expect_decode(S("\xF0\x9F\x98"), TEXT_INVALID, 1);
	/* n, not the NUL after the literal, is the limit. */
	expect_decode("\xC3\xA9", 1, TEXT_INVALID, 1);
	expect_decode("\xF0\x9F\x98\x80", 3, TEXT_INVALID, 1);
	/* A non-continuation byte cuts the sequence short. */
	expect_decode(S("\xC3\x41"), TEXT_INVALID, 1);
	expect_decode(S("\xE6\x41\xA2"), TEXT_INVALID, 1);
	expect_decode(S("\xF0\x9F\x41\x80"), TEXT_INVALID, 1);
	expect_decode(S("\xF0\x9F\x98\xC3"), TEXT_INVALID, 1);
	/* Lone continuation bytes. */
	expect_decode(S("\x80"), TEXT_INVALID, 1);
	expect_decode(S("\xBF"), TEXT_INVALID, 1);
}

static void test_decode_too_big(void **state)
{
	(void)state;
	expect_decode(S("\xF4\x90\x80\x80"), TEXT_INVALID, 1);
	expect_decode(S("\xF5\x80\x80\x80"), TEXT_INVALID, 1);
	expect_decode(S("\xF7\xBF\xBF\xBF"), TEXT_INVALID, 1);
	expect_decode(S("\xF8\x88\x80\x80\x80"), TEXT_INVALID, 1);
	expect_decode(S("\xFE"), TEXT_INVALID, 1);
	expect_decode(S("\xFF"), TEXT_INVALID, 1);
}

static void test_utf8_check(void **state)
{
	(void)state;
	assert_int_equal(text_utf8_check("", 0), 0);
	assert_int_equal(text_utf8_check(S("abc")), 3);
	assert_int_equal(text_utf8_check(S("h\xC3\xA9llo \xE6\xBC\xA2 \xF0\x9F\x98\x80")), 15);
	assert_int_equal(text_utf8_check(S("ab\xC3")), 2);
	assert_int_equal(text_utf8_check(S("\xC3\xA9\xED\xA0\x80x")), 2);
	assert_int_equal(text_utf8_check(S("h\xC3\xA9llo\xFF")), 6);
	assert_int_equal(text_utf8_check(S("\xC0\x80")), 0);
	assert_int_equal(text_utf8_check(S("ok\xF4\x90\x80\x80")), 2);
	assert_int_equal(text_utf8_check("\xC3\xA9", 1), 0);
}

static void test_widths(void **state)
{
	(void)state;
	/* The process locale is left at "C": widths must not depend on it. */
	assert_int_equal(text_cp_width('A'), 1);
	assert_int_equal(text_cp_width(' '), 1);
	assert_int_equal(text_cp_width('~'), 1);
	assert_int_equal(text_cp_width(0xE9), 1);
	assert_int_equal(text_cp_width(0x0301), 0);
	assert_int_equal(text_cp_width(0x200B), 0);
	assert_int_equal(text_cp_width(0x6F22), 2);
	assert_int_equal(text_cp_width(0x1F600), 2);
	assert_int_equal(text_cp_width(0xAC00), 2);
	assert_int_equal(text_cp_width(0x1B), 1);
	assert_int_equal(text_cp_width(0), 1);
	assert_int_equal(text_cp_width(0x7F), 1);
	assert_int_equal(text_cp_width(0x85), 1);
	assert_int_equal(text_cp_width(0x0378), 1);
	assert_int_equal(text_cp_width(TEXT_INVALID), 1);
	assert_int_equal(text_cp_width(0x110000), 1);

	assert_int_equal(text_width("", 0), 0);
	assert_int_equal(text_width(S("hello")), 5);
	assert_int_equal(text_width(S("\xC3\xA9")), 1);
	assert_int_equal(text_width(S("e\xCC\x81")), 1);
	assert_int_equal(text_width(S("caf\xC3\xA9 cafe\xCC\x81")), 9);
	assert_int_equal(text_width(S("\xE6\xBC\xA2")), 2);
	assert_int_equal(text_width(S("\xE6\xBC\xA2\xE5\xAD\x97")), 4);
	assert_int_equal(text_width(S("\xF0\x9F\x98\x80!")), 3);
	assert_int_equal(text_width(S("a\xFF\xFE" "b")), 4);
}

static void test_is_control(void **state)
{
	int32_t cp;

	(void)state;
	for (cp = 0; cp < 0x20; cp++)
		assert_int_equal(text_is_control(cp), cp != '\t' && cp != '\n');
	for (cp = 0x20; cp < 0x7F; cp++)
		assert_false(text_is_control(cp));
	for (cp = 0x7F; cp <= 0x9F; cp++)
		assert_true(text_is_control(cp));
	assert_false(text_is_control(0xA0));
	assert_false(text_is_control(0x2029));
	for (cp = 0x202A; cp <= 0x202E; cp++)
		assert_true(text_is_control(cp));
	assert_false(text_is_control(0x202F));
	assert_false(text_is_control(0x2065));
	for (cp = 0x2066; cp <= 0x2069; cp++)
		assert_true(text_is_control(cp));
	assert_false(text_is_control(0x206A));
	assert_false(text_is_control(TEXT_INVALID));
}

#define FFFD "\xEF\xBF\xBD"

static void expect_sanitize(const char *s, size_t n, const char *want, size_t wantlen)
{
	size_t len = 99999;
	char *out = text_sanitize(s, n, &len);

	assert_non_null(out);
	assert_int_equal(len, wantlen);
	assert_memory_equal(out, want, wantlen);
	assert_int_equal(out[len], '\0');
	free(out);
}

/* Mixed-script words can appear in random bytes; everything else must not. */
static void count_unsafe(const struct text_problem *p, void *ctx)
{
	if (p->kind != TEXT_PROBLEM_MIXED_SCRIPT)
		++*(size_t *)ctx;
}

/* Output is valid UTF-8 and contains no control. */
static void assert_clean(const char *out, size_t len)
{
	size_t i = 0, seen = 0;

	assert_int_equal(text_utf8_check(out, len), len);
	while (i < len) {
		int32_t cp;

		i += text_decode(out + i, len - i, &cp);
		assert_false(text_is_control(cp));
	}
	text_lint(out, len, count_unsafe, &seen);
	assert_int_equal(seen, 0);
}

static void test_sanitize_controls(void **state)
{
	char in[3];
	int c;

	(void)state;
	for (c = 0; c < 0x20; c++) {
		in[0] = (char)c;
		if (c == '\t')
			expect_sanitize(in, 1, " ", 1);
		else if (c == '\n')
			expect_sanitize(in, 1, "\n", 1);
		else if (c == '\r')
			expect_sanitize(in, 1, "", 0);
		else
			expect_sanitize(in, 1, S(FFFD));
	}
	expect_sanitize(S("\x7F"), S(FFFD));
	for (c = 0x80; c <= 0x9F; c++) {
		in[0] = (char)0xC2;
		in[1] = (char)(0x80 | (c & 0x3F));
		expect_sanitize(in, 2, S(FFFD));
	}
	/* First non-C1 after the C1 block survives untouched. */
	expect_sanitize(S("\xC2\xA0"), S("\xC2\xA0"));
	expect_sanitize(S("line\r\nnext\tcol"), S("line\nnext col"));
	expect_sanitize(S("a\0b"), S("a" FFFD "b"));
}

static void test_sanitize_escapes(void **state)
{
	(void)state;
	expect_sanitize(S("\x1b[31m"), S(FFFD "[31m"));
	expect_sanitize(S("\x1b[31mred\x1b[0m"), S(FFFD "[31mred" FFFD "[0m"));
	expect_sanitize(S("\x1b]0;title\x07"), S(FFFD "]0;title" FFFD));
	/* 8-bit CSI (U+009B) as UTF-8 and as a raw byte. */
	expect_sanitize(S("\xC2\x9B" "2J"), S(FFFD "2J"));
	expect_sanitize(S("\x9B" "2J"), S(FFFD "2J"));
}

static void test_sanitize_bidi_invalid(void **state)
{
	(void)state;
	expect_sanitize(S("abc\xE2\x80\xAE" "def"), S("abc" FFFD "def"));
	expect_sanitize(S("\xE2\x80\xAA\xE2\x81\xA6\xE2\x81\xA9"), S(FFFD FFFD FFFD));
	expect_sanitize(S("a\xFF\xFE" "b"), S("a" FFFD FFFD "b"));
	expect_sanitize(S("\xC0\xAF"), S(FFFD FFFD));
	expect_sanitize(S("\xED\xA0\x80"), S(FFFD FFFD FFFD));
	expect_sanitize(S("end\xC3"), S("end" FFFD));
	/* Valid multibyte text passes through byte for byte. */
	expect_sanitize(S("caf\xC3\xA9 \xE6\xBC\xA2 \xF0\x9F\x98\x80 e\xCC\x81"),
			S("caf\xC3\xA9 \xE6\xBC\xA2 \xF0\x9F\x98\x80 e\xCC\x81"));
	expect_sanitize("", 0, "", 0);
}

static void test_sanitize_any_bytes(void **state)
{
	unsigned char buf[64];
	uint32_t x = 12345;
	int round, i;

	(void)state;
	for (round = 0; round < 2000; round++) {
		size_t len, n = (size_t)(round % 64);
		char *out;

		for (i = 0; i < (int)n; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (unsigned char)(x >> 16);
			/* Bias towards interesting bytes. */
			if (round % 3 == 0 && (x & 0x100))
				buf[i] = (unsigned char)(0x80 | (buf[i] & 0x3F));
		}
		out = text_sanitize((const char *)buf, n, &len);
		assert_int_equal(strlen(out), len);
		assert_clean(out, len);
		free(out);
	}
	/* outlen may be NULL. */
	free(text_sanitize(S("x"), NULL));
}

/* Collect lines as (offset, length) pairs and check the shared invariants. */
static size_t wrap_checked(const char *s, size_t n, size_t width, struct text_line **out)
{
	struct text_line *lines = NULL;
	size_t count = text_wrap(s, n, width, &lines);
	size_t i, pos = 0;

	for (i = 0; i < count; i++) {
		const struct text_line *l = &lines[i];
		size_t k;

		assert_true(l->off >= pos);
		assert_true(l->off + l->len <= n);
		/* Only spaces and newlines are dropped between lines. */
		for (k = pos; k < l->off; k++)
			assert_true(s[k] == ' ' || s[k] == '\n');
		assert_int_equal(l->width, text_width(s + l->off, l->len));
		if (width >= 2)
			assert_true(l->width <= width);
		/* No wide character or sequence split across lines. */
		assert_int_equal(text_utf8_check(s + l->off, l->len), l->len);
		assert_null(memchr(s + l->off, '\n', l->len));
		pos = l->off + l->len;
	}
	for (; pos < n; pos++)
		assert_true(s[pos] == ' ' || s[pos] == '\n');
	*out = lines;
	return count;
}

static void expect_line(const char *s, const struct text_line *l, const char *want, size_t width)
{
	assert_int_equal(l->len, strlen(want));
	assert_memory_equal(s + l->off, want, l->len);
	assert_int_equal(l->width, width);
}

static void test_wrap_simple(void **state)
{
	static const char s[] = "the quick brown fox";
	struct text_line *l;

	(void)state;
	assert_int_equal(wrap_checked(S(s), 10, &l), 2);
	expect_line(s, &l[0], "the quick", 9);
	expect_line(s, &l[1], "brown fox", 9);
	assert_int_equal(l[1].off, 10);
	free(l);

	assert_int_equal(wrap_checked(S(s), 80, &l), 1);
	expect_line(s, &l[0], s, 19);
	free(l);

	assert_int_equal(wrap_checked(S(s), 5, &l), 4);
	expect_line(s, &l[0], "the", 3);
	expect_line(s, &l[1], "quick", 5);
	expect_line(s, &l[2], "brown", 5);
	expect_line(s, &l[3], "fox", 3);
	free(l);
}

static void test_wrap_exact_fit(void **state)
{
	struct text_line *l;

	(void)state;
	assert_int_equal(wrap_checked(S("abcde fghij"), 5, &l), 2);
	expect_line("abcde fghij", &l[0], "abcde", 5);
	expect_line("abcde fghij", &l[1], "fghij", 5);
	assert_int_equal(l[1].off, 6);
	free(l);

	assert_int_equal(wrap_checked(S("ab cd"), 5, &l), 1);
	expect_line("ab cd", &l[0], "ab cd", 5);
	free(l);

	/* Spaces at a break are dropped, spaces inside a line kept. */
	assert_int_equal(wrap_checked(S("aaa   bbb"), 4, &l), 2);
	expect_line("aaa   bbb", &l[0], "aaa", 3);
	expect_line("aaa   bbb", &l[1], "bbb", 3);
	assert_int_equal(l[1].off, 6);
	free(l);
	assert_int_equal(wrap_checked(S("aaa   bbb"), 9, &l), 1);
	expect_line("aaa   bbb", &l[0], "aaa   bbb", 9);
	free(l);
}

static void test_wrap_long_word(void **state)
{
	struct text_line *l;

	(void)state;
	assert_int_equal(wrap_checked(S("abcdefghij"), 4, &l), 3);
	expect_line("abcdefghij", &l[0], "abcd", 4);
	expect_line("abcdefghij", &l[1], "efgh", 4);
	expect_line("abcdefghij", &l[2], "ij", 2);
	free(l);

	assert_int_equal(wrap_checked(S("hi abcdefghij ok"), 4, &l), 5);
	expect_line("hi abcdefghij ok", &l[0], "hi", 2);
	expect_line("hi abcdefghij ok", &l[1], "abcd", 4);
	expect_line("hi abcdefghij ok", &l[2], "efgh", 4);
	expect_line("hi abcdefghij ok", &l[3], "ij", 2);
	expect_line("hi abcdefghij ok", &l[4], "ok", 2);
	free(l);

	/* The tail of a cut word shares its line with what follows. */
	assert_int_equal(wrap_checked(S("abcdefghij ok"), 5, &l), 3);
	expect_line("abcdefghij ok", &l[0], "abcde", 5);
	expect_line("abcdefghij ok", &l[1], "fghij", 5);
	expect_line("abcdefghij ok", &l[2], "ok", 2);
	free(l);
	assert_int_equal(wrap_checked(S("abcdefg ok"), 5, &l), 2);
	expect_line("abcdefg ok", &l[0], "abcde", 5);
	expect_line("abcdefg ok", &l[1], "fg ok", 5);
	free(l);
}

static void test_wrap_wide_combining(void **state)
{
	/* 漢字漢字 */
	static const char k[] = "\xE6\xBC\xA2\xE5\xAD\x97\xE6\xBC\xA2\xE5\xAD\x97";
	/* ééé with combining acute */
	static const char e[] = "e\xCC\x81" "e\xCC\x81" "e\xCC\x81";
	struct text_line *l;

	(void)state;
	assert_int_equal(wrap_checked(S(k), 5, &l), 2);
	expect_line(k, &l[0], "\xE6\xBC\xA2\xE5\xAD\x97", 4);
	expect_line(k, &l[1], "\xE6\xBC\xA2\xE5\xAD\x97", 4);
	free(l);

	assert_int_equal(wrap_checked(S(k), 3, &l), 4);
	assert_int_equal(l[0].len, 3);
	assert_int_equal(l[0].width, 2);
	assert_int_equal(l[3].off, 9);
	free(l);

	assert_int_equal(wrap_checked(S(k), 2, &l), 4);
	free(l);

	/* "a漢" in 2 columns: the wide character moves to the next line. */
	assert_int_equal(wrap_checked(S("a\xE6\xBC\xA2"), 2, &l), 2);
	expect_line("a\xE6\xBC\xA2", &l[0], "a", 1);
	expect_line("a\xE6\xBC\xA2", &l[1], "\xE6\xBC\xA2", 2);
	free(l);

	assert_int_equal(wrap_checked(S(e), 2, &l), 2);
	expect_line(e, &l[0], "e\xCC\x81" "e\xCC\x81", 2);
	expect_line(e, &l[1], "e\xCC\x81", 1);
	free(l);
}

static void test_wrap_invariant(void **state)
{
	static const char s[] =
		"Cramp \xE6\xBC\xA2\xE5\xAD\x97\xE6\xBC\xA2 relief: stretch the calf "
		"cafe\xCC\x81 na\xC3\xAF" "ve supercalifragilisticexpialidocious "
		"\xF0\x9F\x98\x80\xF0\x9F\x98\x80 x\xE6\xBC\xA2y e\xCC\x81\xCC\x81" "e\xCC\x81\xCC\x81"
		"e\xCC\x81\xCC\x81" "e\xCC\x81\xCC\x81" "e\xCC\x81 \xD1\x81\xD1\x83\xD0\xB4\xD0\xBE"
		"\xD1\x80\xD0\xBE\xD0\xB3\xD0\xB0   end\n\nnext   paragraph  \n  indent here";
	size_t width;

	(void)state;
	for (width = 2; width <= 30; width++) {
		struct text_line *l;
		size_t count = wrap_checked(S(s), width, &l), i;

		assert_true(count >= 4);
		for (i = 0; i < count; i++) {
			int32_t cp;

			/* The last paragraph keeps its indentation when it fits. */
			if (l[i].off == sizeof s - 1 - 13 && width > 2) {
				assert_int_equal(s[l[i].off], ' ');
				continue;
			}
			if (l[i].len == 0)
				continue;
			assert_true(s[l[i].off] != ' ');
			assert_true(s[l[i].off + l[i].len - 1] != ' ');
			/* Never starts with a detached combining mark. */
			text_decode(s + l[i].off, l[i].len, &cp);
			assert_int_not_equal(text_cp_width(cp), 0);
		}
		free(l);
	}
}

static void test_wrap_newlines(void **state)
{
	struct text_line *l;

	(void)state;
	assert_int_equal(wrap_checked(S("a\n\nb"), 10, &l), 3);
	expect_line("a\n\nb", &l[0], "a", 1);
	expect_line("a\n\nb", &l[1], "", 0);
	expect_line("a\n\nb", &l[2], "b", 1);
	assert_int_equal(l[1].off, 2);
	assert_int_equal(l[2].off, 3);
	free(l);

	assert_int_equal(wrap_checked(S("a\n"), 10, &l), 1);
	expect_line("a\n", &l[0], "a", 1);
	free(l);

	assert_int_equal(wrap_checked(S("\n"), 10, &l), 1);
	assert_int_equal(l[0].len, 0);
	assert_int_equal(l[0].width, 0);
	free(l);

	assert_int_equal(wrap_checked(S("abc   \ndef"), 10, &l), 2);
	expect_line("abc   \ndef", &l[0], "abc", 3);
	expect_line("abc   \ndef", &l[1], "def", 3);
	assert_int_equal(l[1].off, 7);
	free(l);

	/* Indentation after a newline is kept. */
	assert_int_equal(wrap_checked(S("x\n  indented text"), 10, &l), 3);
	expect_line("x\n  indented text", &l[1], "  indented", 10);
	assert_int_equal(l[1].off, 2);
	expect_line("x\n  indented text", &l[2], "text", 4);
	free(l);

	/* A line of only spaces becomes an empty line. */
	assert_int_equal(wrap_checked(S("a\n   \nb"), 10, &l), 3);
	assert_int_equal(l[1].len, 0);
	free(l);
}

static void test_wrap_empty(void **state)
{
	struct text_line *l = (struct text_line *)&l;

	(void)state;
	assert_int_equal(text_wrap("", 0, 10, &l), 0);
	assert_null(l);
	assert_int_equal(wrap_checked(S("    "), 10, &l), 1);
	assert_int_equal(l[0].len, 0);
	free(l);
}

static void test_wrap_any_bytes(void **state)
{
	unsigned char buf[48];
	uint32_t x = 777;
	int round, i;

	(void)state;
	for (round = 0; round < 2000; round++) {
		size_t n = (size_t)(round % 48), count;
		struct text_line *l = NULL;

		for (i = 0; i < (int)n; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (unsigned char)(x >> 16);
			if (x & 0x200)
				buf[i] = (x & 0x400) ? ' ' : '\n';
		}
		count = text_wrap((const char *)buf, n, (size_t)(round % 7), &l);
		for (i = 0; i < (int)count; i++)
			assert_true(l[i].off + l[i].len <= n);
		free(l);
	}
}

struct found {
	struct text_problem p[16];
	size_t n;
};

static void collect(const struct text_problem *p, void *ctx)
{
	struct found *f = ctx;

	if (f->n < 16)
		f->p[f->n] = *p;
	f->n++;
}

static void expect_problem(const struct found *f, size_t i, enum text_problem_kind kind,
			   size_t off, size_t len, int32_t cp)
{
	assert_true(i < f->n);
	assert_int_equal(f->p[i].kind, kind);
	assert_int_equal(f->p[i].off, off);
	assert_int_equal(f->p[i].len, len);
	assert_int_equal(f->p[i].cp, cp);
}

static size_t lint(const char *s, size_t n, struct found *f)
{
	size_t count;

	memset(f, 0, sizeof *f);
	count = text_lint(s, n, collect, f);
	assert_int_equal(count, f->n);
	return count;
}

static void test_lint_cyrillic(void **state)
{
	/* "Ѕуmрtоmѕ оf lеg" with Cyrillic look-alikes. */
	static const char s[] =
		"\xD0\x85\xD1\x83m\xD1\x80t\xD0\xBEm\xD1\x95 \xD0\xBE" "f l\xD0\xB5g";
	struct found f;

	(void)state;
	assert_int_equal(sizeof s - 1, 22);
	assert_int_equal(lint(S(s), &f), 3);
	expect_problem(&f, 0, TEXT_PROBLEM_MIXED_SCRIPT, 0, 13, 0x0405);
	expect_problem(&f, 1, TEXT_PROBLEM_MIXED_SCRIPT, 14, 3, 0x043E);
	expect_problem(&f, 2, TEXT_PROBLEM_MIXED_SCRIPT, 18, 4, 0x0435);
	assert_string_equal(text_script_name(f.p[0].cp), "Cyrillic");
}

static void test_lint_greek(void **state)
{
	struct found f;

	(void)state;
	/* "hοme" with Greek omicron. */
	assert_int_equal(lint(S("h\xCE\xBFme care"), &f), 1);
	expect_problem(&f, 0, TEXT_PROBLEM_MIXED_SCRIPT, 0, 5, 0x03BF);
	assert_string_equal(text_script_name(f.p[0].cp), "Greek");
	/* Greek Extended counts too. */
	assert_int_equal(lint(S("x\xE1\xBC\x80y"), &f), 1);
	expect_problem(&f, 0, TEXT_PROBLEM_MIXED_SCRIPT, 0, 5, 0x1F00);
}

static void test_lint_clean(void **state)
{
	struct found f;

	(void)state;
	assert_int_equal(lint(S("Stretch your calf gently; don't bounce. Hold 30 s.\n"
				"\tRepeat 3\xE2\x80\x93" "5 times \xE2\x80\x94 it helps.\n"), &f), 0);
	assert_int_equal(lint(S("caf\xC3\xA9 cafe\xCC\x81 na\xC3\xAF" "ve \xC3\x97 don\xE2\x80\x99t"), &f), 0);
	/* "судорога" */
	assert_int_equal(lint(S("\xD1\x81\xD1\x83\xD0\xB4\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB3\xD0\xB0"), &f), 0);
	/* "Судорога ноги." */
	assert_int_equal(lint(S("\xD0\xA1\xD1\x83\xD0\xB4\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB3\xD0\xB0 "
				"\xD0\xBD\xD0\xBE\xD0\xB3\xD0\xB8."), &f), 0);
	/* "καλημέρα" */
	assert_int_equal(lint(S("\xCE\xBA\xCE\xB1\xCE\xBB\xCE\xB7\xCE\xBC\xCE\xAD\xCF\x81\xCE\xB1"), &f), 0);
	/* Cyrillic with Greek but no Latin is not this check's business. */
	assert_int_equal(lint(S("\xD0\xB0\xCE\xB1"), &f), 0);
	/* Digits and hyphens separate words. */
	assert_int_equal(lint(S("\xD0\xB0" "1b \xD0\xB0-b COVID-\xD0\xB2\xD0\xB8\xD1\x80\xD1\x83\xD1\x81"), &f), 0);
	assert_int_equal(lint("", 0, &f), 0);
}

static void test_lint_words(void **state)
{
	struct found f;

	(void)state;
	/* Apostrophe inside a word joins it, at the end it does not. */
	assert_int_equal(lint(S("d\xD0\xBEn't"), &f), 1);
	expect_problem(&f, 0, TEXT_PROBLEM_MIXED_SCRIPT, 0, 6, 0x043E);
	assert_int_equal(lint(S("d\xD0\xBEn\xE2\x80\x99t"), &f), 1);
	expect_problem(&f, 0, TEXT_PROBLEM_MIXED_SCRIPT, 0, 8, 0x043E);
	assert_int_equal(lint(S("'d\xD0\xBEn' "), &f), 1);
	expect_problem(&f, 0, TEXT_PROBLEM_MIXED_SCRIPT, 1, 4, 0x043E);
	/* Apostrophe joining two halves: "ab'вг" is one mixed word. */
	assert_int_equal(lint(S("ab'\xD0\xB2\xD0\xB3"), &f), 1);
	expect_problem(&f, 0, TEXT_PROBLEM_MIXED_SCRIPT, 0, 7, 0x0432);
	/* Combining marks stay in the word. */
	assert_int_equal(lint(S("\xD0\xB0\xCC\x81" "b"), &f), 1);
	expect_problem(&f, 0, TEXT_PROBLEM_MIXED_SCRIPT, 0, 5, 0x0430);
	/* Hyphen splits: only "pаy" is mixed. */
	assert_int_equal(lint(S("p\xD0\xB0y-pal"), &f), 1);
	expect_problem(&f, 0, TEXT_PROBLEM_MIXED_SCRIPT, 0, 4, 0x0430);
	/* Mixed word at the very end of the input. */
	assert_int_equal(lint(S("ok x\xD0\xB0"), &f), 1);
	expect_problem(&f, 0, TEXT_PROBLEM_MIXED_SCRIPT, 3, 3, 0x0430);
	/* No callback still counts. */
	assert_int_equal(text_lint(S("h\xCE\xBFme"), NULL, NULL), 1);
}

static void test_lint_controls(void **state)
{
	static const char s[] = "a\x01" "b\xE2\x80\xAE" "c\xFF\xFE" "d\x7F\xC2\x85\t\n\r";
	struct found f;

	(void)state;
	assert_int_equal(lint(S(s), &f), 6);
	expect_problem(&f, 0, TEXT_PROBLEM_CONTROL, 1, 1, 0x01);
	expect_problem(&f, 1, TEXT_PROBLEM_BIDI, 3, 3, 0x202E);
	expect_problem(&f, 2, TEXT_PROBLEM_INVALID_UTF8, 7, 2, TEXT_INVALID);
	expect_problem(&f, 3, TEXT_PROBLEM_CONTROL, 10, 1, 0x7F);
	expect_problem(&f, 4, TEXT_PROBLEM_CONTROL, 11, 2, 0x85);
	expect_problem(&f, 5, TEXT_PROBLEM_CONTROL, 15, 1, '\r');

	/* Order by position: a mixed word before the control that ends it. */
	assert_int_equal(lint(S("p\xD0\xB0y\x1b[0m\xE2\x81\xA6"), &f), 3);
	expect_problem(&f, 0, TEXT_PROBLEM_MIXED_SCRIPT, 0, 4, 0x0430);
	expect_problem(&f, 1, TEXT_PROBLEM_CONTROL, 4, 1, 0x1B);
	expect_problem(&f, 2, TEXT_PROBLEM_BIDI, 8, 3, 0x2066);

	/* Invalid bytes: truncated at the end, and a surrogate (3 bytes). */
	assert_int_equal(lint(S("ok\xED\xA0\x80 x\xC3"), &f), 2);
	expect_problem(&f, 0, TEXT_PROBLEM_INVALID_UTF8, 2, 3, TEXT_INVALID);
	expect_problem(&f, 1, TEXT_PROBLEM_INVALID_UTF8, 7, 1, TEXT_INVALID);
}

/* The injection table: every C0 control but tab and newline, DEL, every C1
 * control and every bidi control, between two letters: the lint finds
 * exactly that one at its offset, and the sanitizer turns it into U+FFFD. */
static void test_injection_table(void **state)
{
	static const int32_t bidi[] = { 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
					0x2066, 0x2067, 0x2068, 0x2069 };
	int32_t cps[32 + 1 + 32 + 9];
	size_t ncps = 0, i, tested = 0;
	int32_t c;

	(void)state;
	for (c = 0; c < 0x20; c++)
		if (c != '\t' && c != '\n')
			cps[ncps++] = c;
	cps[ncps++] = 0x7F;
	for (c = 0x80; c < 0xA0; c++)
		cps[ncps++] = c;
	for (i = 0; i < sizeof(bidi) / sizeof(bidi[0]); i++)
		cps[ncps++] = bidi[i];
	for (i = 0; i < ncps; i++) {
		char in[8] = "ab", want[8] = "ab";
		size_t n = 2, k;
		struct found f;
		int32_t cp = cps[i];

		if (cp < 0x80) {
			in[n++] = (char)cp;
		} else if (cp < 0x800) {
			in[n++] = (char)(0xC0 | cp >> 6);
			in[n++] = (char)(0x80 | (cp & 0x3F));
		} else {
			in[n++] = (char)(0xE0 | cp >> 12);
			in[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
			in[n++] = (char)(0x80 | (cp & 0x3F));
		}
		k = n - 2;
		in[n++] = 'c';
		in[n++] = 'd';
		assert_true(text_is_control(cp));
		assert_int_equal(lint(in, n, &f), 1);
		expect_problem(&f, 0, cp >= 0x202A ? TEXT_PROBLEM_BIDI : TEXT_PROBLEM_CONTROL, 2, k, cp);
		if (cp == '\r') {
			expect_sanitize(in, n, S("abcd")); /* CRLF reads like LF */
		} else {
			memcpy(want + 2, FFFD "cd", 5);
			expect_sanitize(in, n, want, 7);
		}
		tested++;
	}
	assert_int_equal(tested, 30 + 1 + 32 + 9);
}

/* Escape sequences: every control in them is found, none survives. */
static void test_injection_sequences(void **state)
{
	static const struct {
		const char *s;
		size_t controls;
	} seq[] = {
		{ "\x1b[31mred\x1b[0m", 2 },                 /* CSI colour */
		{ "\x1b[2J\x1b[H", 2 },                      /* CSI erase */
		{ "\xC2\x9B" "2J", 1 },                       /* 8-bit CSI */
		{ "\x1b]0;pwned\x07", 2 },                    /* OSC 0: window title */
		{ "\x1b]52;c;cm0gLXJmIH4=\x07", 2 },          /* OSC 52: clipboard */
		{ "\x1b]8;;http://evil.example/\x1b\\x\x1b]8;;\x1b\\", 4 }, /* OSC 8: link */
		{ "\xC2\x9D" "0;pwned\xC2\x9C", 2 },         /* 8-bit OSC and ST */
		{ "\x1bP$qm\x1b\\", 2 },                      /* DCS */
		{ "\xC2\x90+q544e\xC2\x9C", 2 },             /* 8-bit DCS */
		{ "\x1b_app\x1b\\\x1b^pm\x1b\\\x1bXsos\x1b\\", 6 }, /* APC, PM, SOS */
	};
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		struct found f;
		char *out;

		assert_int_equal(lint(seq[i].s, strlen(seq[i].s), &f), seq[i].controls);
		out = text_sanitize(seq[i].s, strlen(seq[i].s), &len);
		assert_clean(out, len);
		assert_null(memchr(out, 0x1b, len));
		free(out);
	}
}

static void test_lint_any_bytes(void **state)
{
	unsigned char buf[40];
	uint32_t x = 99;
	int round, i;

	(void)state;
	for (round = 0; round < 3000; round++) {
		size_t n = (size_t)(round % 40), count;
		struct found f;

		for (i = 0; i < (int)n; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (unsigned char)(x >> 16);
		}
		count = lint((const char *)buf, n, &f);
		/* Never more than one problem per byte, in position order. */
		assert_true(count <= n);
		for (i = 0; i < (int)count && i < 16; i++) {
			assert_true(f.p[i].len >= 1);
			assert_true(f.p[i].off + f.p[i].len <= n);
			if (i > 0)
				assert_true(f.p[i].off >= f.p[i - 1].off + f.p[i - 1].len);
		}
	}
}

static void test_script_name(void **state)
{
	(void)state;
	assert_string_equal(text_script_name('a'), "Latin");
	assert_string_equal(text_script_name('Z'), "Latin");
	assert_string_equal(text_script_name(0xE9), "Latin");
	assert_string_equal(text_script_name(0x1E9E), "Latin");
	assert_string_equal(text_script_name(0x0416), "Cyrillic");
	assert_string_equal(text_script_name(0x0405), "Cyrillic");
	assert_string_equal(text_script_name(0x03B1), "Greek");
	assert_string_equal(text_script_name(0x1F00), "Greek");
	assert_null(text_script_name('1'));
	assert_null(text_script_name('\''));
	assert_null(text_script_name(0xD7));
	assert_null(text_script_name(0xF7));
	assert_null(text_script_name(0x037E));
	assert_null(text_script_name(0x4E00));
	assert_null(text_script_name(TEXT_INVALID));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_overlong),
		cmocka_unit_test(test_decode_surrogate),
		cmocka_unit_test(test_decode_truncated),
		cmocka_unit_test(test_decode_too_big),
		cmocka_unit_test(test_utf8_check),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_is_control),
		cmocka_unit_test(test_sanitize_controls),
		cmocka_unit_test(test_sanitize_escapes),
		cmocka_unit_test(test_sanitize_bidi_invalid),
		cmocka_unit_test(test_sanitize_any_bytes),
		cmocka_unit_test(test_wrap_simple),
		cmocka_unit_test(test_wrap_exact_fit),
		cmocka_unit_test(test_wrap_long_word),
		cmocka_unit_test(test_wrap_wide_combining),
		cmocka_unit_test(test_wrap_invariant),
		cmocka_unit_test(test_wrap_newlines),
		cmocka_unit_test(test_wrap_empty),
		cmocka_unit_test(test_wrap_any_bytes),
		cmocka_unit_test(test_lint_cyrillic),
		cmocka_unit_test(test_lint_greek),
		cmocka_unit_test(test_lint_clean),
		cmocka_unit_test(test_lint_words),
		cmocka_unit_test(test_lint_controls),
		cmocka_unit_test(test_injection_table),
		cmocka_unit_test(test_injection_sequences),
		cmocka_unit_test(test_lint_any_bytes),
		cmocka_unit_test(test_script_name),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
