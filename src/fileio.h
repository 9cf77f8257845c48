/* fileio.h - small file-system helpers shared by the readers and writers. */
#ifndef CRAMPGUIDE_FILEIO_H
#define CRAMPGUIDE_FILEIO_H

#include <stddef.h>
#include <sys/types.h>

/* Read fd to its end, but at most max + 1 bytes (so a file that grew past a limit checked with fstat() is still caught), expecting about `size` bytes (its fstat() size, or 0); return a new buffer and its length in *len, or NULL with errno set. */
char *fileio_read_fd(int fd, size_t size, size_t max, size_t *len);

/* The directory part of path ("." for a bare name, "/" for a file in the root), as a new string. */
char *fileio_dir_of(const char *path);

/* fsync the directory dir, so that a rename or create in it is on disk (errors are ignored: not every file system can). */
void fileio_sync_dir(const char *dir);

/* Write all of buf[0..len) to fd, going on after EINTR and short writes; return 1, or 0 with errno set. */
int fileio_write_all(int fd, const char *buf, size_t len);

/* The file a path stands for once every symlink is followed, even a dangling one (its target, to be created), as a new string; NULL with errno set (ELOOP after 40 links). */
char *fileio_target(const char *path);

/* Replace the file at path with buf[0..len) in one step: a temporary file beside it (named `tmp`, or a short unique name when tmp is NULL) with `mode`, fsync, rename over path, fsync the directory; return 1, or 0 with errno set and path untouched. */
int fileio_replace(const char *path, const char *tmp, const char *buf, size_t len, mode_t mode);

#endif
