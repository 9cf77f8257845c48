/* print.c - lp as a child process: its input fed and its output read in one
 * poll loop, so a printer system that stops reading (or never answers)
 * cannot block the guide; past the deadline lp is killed. */
#include "print.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"
#include "text.h"
#include "util.h"

extern char **environ;

/* lp's replies are short; more than this is not worth keeping. */
#define PRINT_MAX_REPLY 4096

int print_timeout(char **why)
{
	const char *s = getenv("CRAMPGUIDE_PRINT_TIMEOUT");
	char *end;
	long v;

	*why = NULL;
	if (!s || !*s)
		return PRINT_TIMEOUT;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < 1 || v > 3600) {
		char *shown = text_sanitize(s, strlen(s) < 40 ? strlen(s) : 40, NULL);

		*why = xasprintf("CRAMPGUIDE_PRINT_TIMEOUT='%s%s' is ignored: it must be a whole number "
				 "of seconds from 1 to 3600, so %d is used",
				 shown, strlen(s) > 40 ? "..." : "", PRINT_TIMEOUT);
		free(shown);
		return PRINT_TIMEOUT;
	}
	return (int)v;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* lp's words, sanitized (they reach the screen) and trimmed of blank ends. */
static char *reply_text(const char *reply, size_t n)
{
	char *s = text_sanitize(reply, n, &n);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
	return s;
}

/* A child (lp, lpstat) runs in a process group of its own, so that
 * whatever it leaves behind (a child still holding its output) can be
 * stopped with it. */
static int spawn(pid_t *pid, int in[2], int out[2], char *const argv[])
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	int err;

	posix_spawnattr_init(&attr);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDERR_FILENO);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	err = posix_spawnp(pid, argv[0], &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	return err;
}

/* After lp exits, what it wrote is read for this long at most: a child it
 * left holding its output open must not keep the guide waiting. */
#define PRINT_GRACE_MS 200

/* Feed lp and read its reply until it exits (and its reply ends, or the
 * grace after its exit runs out), the deadline passes, or stop() says
 * to leave.  Return 1 when lp exited (its status in *status). */
static int run(pid_t pid, int in, int out, const char *buf, size_t len, size_t *sent, char *reply,
	       size_t *got, long long deadline, int (*stop)(void), int *status, int *why)
{
	long long exited_at = -1;

	*why = 0;
	while (out >= 0 || exited_at < 0) {
		struct pollfd pfd[2] = { { out, POLLIN, 0 }, { in, POLLOUT, 0 } };
		long long t = now_ms(), left = deadline - t;

		if (exited_at < 0 && waitpid(pid, status, WNOHANG) == pid)
			exited_at = t;
		if (exited_at >= 0 && (out < 0 || t - exited_at >= PRINT_GRACE_MS))
			break;
		if (stop && stop()) {
			*why = 's';
			break;
		}
		if (left <= 0) {
			*why = 't';
			break;
		}
		/* Short waits: lp's exit and a signal are seen within 50 ms. */
		if (poll(pfd, in >= 0 ? 2 : 1, (int)(left > 50 ? 50 : left)) <= 0)
			continue;
		if (in >= 0 && (pfd[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = write(in, buf + *sent, len - *sent);

			if (w > 0)
				*sent += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) || *sent == len) {
				close(in);
				in = -1;
			}
		}
		if (out >= 0 && (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			char tmp[512];
			ssize_t n = read(out, tmp, sizeof(tmp));

			if (n > 0) {
				size_t keep = (size_t)n < PRINT_MAX_REPLY - *got ? (size_t)n
										 : PRINT_MAX_REPLY - *got;

				memcpy(reply + *got, tmp, keep);
				*got += keep;
			} else if (n == 0 || errno != EINTR) {
				close(out);
				out = -1;
			}
		}
	}
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return exited_at >= 0;
}

/* How a child went: it ran (exited, with status) or not, and why not. */
struct child {
	int spawn_err;              /* posix_spawnp()'s error, or 0 */
	int exited, status, why;    /* why: 's' stopped, 't' timed out */
	size_t sent, got;
	char reply[PRINT_MAX_REPLY];
};

/* Run argv (lp or lpstat) in a process group of its own with buf[0..len)
 * on its input, reading its output, until it exits, the deadline passes
 * or stop() says to leave; whatever is left of its group is then killed. */
static void child(char *const argv[], const char *buf, size_t len, long long deadline,
		  int (*stop)(void), struct child *c)
{
	struct sigaction ign, old;
	int in[2], out[2];
	pid_t pid;

	memset(c, 0, sizeof *c);
	if (pipe(in) != 0 || pipe(out) != 0)
		die("cannot start %s: %s", argv[0], strerror(errno));
	c->spawn_err = spawn(&pid, in, out, argv);
	close(in[0]);
	close(out[1]);
	if (c->spawn_err) {
		close(in[1]);
		close(out[0]);
		return;
	}
	/* lp may exit without reading everything; that is its answer, not a
	 * reason for SIGPIPE to kill the guide. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	if (len == 0) {
		close(in[1]);
		in[1] = -1;
	}
	c->exited = run(pid, in[1], out[0], buf, len, &c->sent, c->reply, &c->got, deadline, stop,
			&c->status, &c->why);
	/* What is left of the group (the child itself, or one it left
	 * behind) is stopped: the answer is in, or it took too long. */
	kill(-pid, SIGKILL);
	while (!c->exited && waitpid(pid, &c->status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGPIPE, &old, NULL);
}

/* "No default destination": lp's words, CUPS's jargon.  What to do
 * instead: the printers lpstat knows, --printer, or a browser. */
static char *no_default(void)
{
	char *argv[] = { "lpstat", "-e", NULL }, *names, *p, *nl;
	struct child c;
	struct strbuf sb = STRBUF_INIT;

	child(argv, "", 0, now_ms() + 5000, NULL, &c);
	names = reply_text(c.reply, c.got);
	if (c.exited && WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0 && *names) {
		strbuf_adds(&sb, "no printer is set as the default; the printers here are ");
		for (p = names; p; p = nl ? nl + 1 : NULL) {
			nl = strchr(p, '\n');
			strbuf_addf(&sb, "%s%.*s", p == names ? "" : ", ",
				    (int)(nl ? (size_t)(nl - p) : strlen(p)), p);
		}
		strbuf_addf(&sb, ": choose one with --printer NAME (for example: crampguide --print "
			    "--printer %.*s)", (int)strcspn(names, "\n"), names);
	} else {
		strbuf_adds(&sb, "no printer is set up here (lpstat lists none): add one in your "
				 "system's printer settings, then choose it with --printer NAME");
	}
	strbuf_adds(&sb, ", or save the sheet as a web page (crampguide --tips -o tips.html) and "
			 "print it from a browser");
	free(names);
	return strbuf_detach(&sb, NULL);
}

enum print_result print_sheet(const char *buf, size_t len, const char *printer, const char *title,
			      int (*stop)(void), char **message)
{
	char *argv[7], *safe_title, *why_timeout, *words;
	int argc = 0, timeout = print_timeout(&why_timeout);
	struct child c;

	free(why_timeout);
	argv[argc++] = "lp";
	if (printer) {
		argv[argc++] = "-d";
		argv[argc++] = (char *)printer;
	}
	/* The title is content text, and lpstat shows it on terminals. */
	safe_title = text_sanitize(title, strlen(title), NULL);
	argv[argc++] = "-t";
	argv[argc++] = safe_title;
	argv[argc] = NULL;
	child(argv, buf, len, now_ms() + 1000LL * timeout, stop, &c);
	free(safe_title);
	if (c.spawn_err) {
		*message = c.spawn_err == ENOENT
			? xstrdup("the lp command is not installed; install CUPS's client (on Debian: apt-get install cups-client), or save the sheet with --tips -o FILE and print that")
			: xasprintf("cannot start lp: %s", strerror(c.spawn_err));
		return PRINT_NO_LP;
	}
	words = reply_text(c.reply, c.got);
	if (!c.exited && c.why == 's') {
		*message = xstrdup("stopped before lp had finished: check with 'lpstat -o' "
				   "whether the sheet was sent");
	} else if (!c.exited) {
		*message = xasprintf("lp did not finish within %d second%s and was stopped; check the printer with 'lpstat -p'",
				     timeout, timeout == 1 ? "" : "s");
	} else if (!WIFEXITED(c.status) || WEXITSTATUS(c.status) != 0 || c.sent != len) {
		*message = strstr(words, "No default destination") ? no_default()
			   : *words ? xstrdup(words) : xstrdup("lp failed without saying why");
	} else {
		*message = xstrdup(*words ? words : "sent to the printer");
		free(words);
		return PRINT_SENT;
	}
	free(words);
	return PRINT_FAILED;
}
