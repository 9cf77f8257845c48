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

#include "text.h"
#include "util.h"

extern char **environ;

/* lp's replies are short; more than this is not worth keeping. */
#define PRINT_MAX_REPLY 4096

static int timeout_seconds(void)
{
	const char *s = getenv("CRAMPGUIDE_PRINT_TIMEOUT");
	char *end;
	long v;

	if (!s || !*s)
		return PRINT_TIMEOUT;
	v = strtol(s, &end, 10);
	return (*end || v <= 0 || v > 3600) ? PRINT_TIMEOUT : (int)v;
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

static int spawn_lp(pid_t *pid, int in[2], int out[2], char *const argv[])
{
	posix_spawn_file_actions_t fa;
	int err;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDERR_FILENO);
	posix_spawn_file_actions_addclose(&fa, in[1]);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	err = posix_spawnp(pid, "lp", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return err;
}

enum print_result print_sheet(const char *buf, size_t len, const char *printer, const char *title,
			      char **message)
{
	char *argv[7], reply[PRINT_MAX_REPLY], *safe_title;
	int in[2], out[2], argc = 0, err, status = 0, timed_out = 0;
	size_t sent = 0, got = 0;
	long long deadline = now_ms() + 1000LL * timeout_seconds();
	struct sigaction ign, old;
	pid_t pid;

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

	if (pipe(in) != 0 || pipe(out) != 0)
		die("cannot start lp: %s", strerror(errno));
	err = spawn_lp(&pid, in, out, argv);
	free(safe_title);
	close(in[0]);
	close(out[1]);
	if (err) {
		close(in[1]);
		close(out[0]);
		*message = err == ENOENT
			? xstrdup("the lp command is not installed; install CUPS's client (on Debian: apt-get install cups-client), or save the sheet with --tips -o FILE and print that")
			: xasprintf("cannot start lp: %s", strerror(err));
		return PRINT_NO_LP;
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
	while (out[0] >= 0) {
		struct pollfd pfd[2] = { { out[0], POLLIN, 0 }, { in[1], POLLOUT, 0 } };
		long long left = deadline - now_ms();
		int r;

		if (left <= 0) {
			timed_out = 1;
			break;
		}
		r = poll(pfd, in[1] >= 0 ? 2 : 1, (int)(left > 1000 ? 1000 : left));
		if (r < 0 && errno != EINTR)
			break;
		if (r <= 0)
			continue;
		if (in[1] >= 0 && (pfd[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t w = write(in[1], buf + sent, len - sent);

			if (w > 0)
				sent += (size_t)w;
			if ((w < 0 && errno != EAGAIN && errno != EINTR) || sent == len) {
				close(in[1]);
				in[1] = -1;
			}
		}
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			char tmp[512];
			ssize_t n = read(out[0], tmp, sizeof(tmp));

			if (n > 0) {
				size_t keep = (size_t)n < sizeof(reply) - got ? (size_t)n : sizeof(reply) - got;

				memcpy(reply + got, tmp, keep);
				got += keep;
			} else if (n == 0 || errno != EINTR) {
				close(out[0]);
				out[0] = -1;
			}
		}
	}
	if (in[1] >= 0)
		close(in[1]);
	if (out[0] >= 0)
		close(out[0]);
	/* lp may close its output and still not exit: wait with the same deadline. */
	while (!timed_out) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		struct timespec tick = { 0, 10 * 1000 * 1000 };

		if (r == pid || (r < 0 && errno != EINTR))
			break;
		if (now_ms() >= deadline)
			timed_out = 1;
		else
			nanosleep(&tick, NULL);
	}
	if (timed_out) {
		kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	sigaction(SIGPIPE, &old, NULL);

	{
		char *words = reply_text(reply, got);

		if (timed_out) {
			int t = timeout_seconds();

			*message = xasprintf("lp did not finish within %d second%s and was stopped; check the printer with 'lpstat -p'",
					     t, t == 1 ? "" : "s");
		} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || sent != len) {
			*message = *words ? xstrdup(words) : xstrdup("lp failed without saying why");
		} else {
			*message = xstrdup(*words ? words : "sent to the printer");
			free(words);
			return PRINT_SENT;
		}
		free(words);
	}
	return PRINT_FAILED;
}
