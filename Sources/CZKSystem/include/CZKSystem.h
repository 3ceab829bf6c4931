// Linux system calls that Swift's Glibc module does not declare (they need _GNU_SOURCE).
#ifndef CZKSYSTEM_H
#define CZKSYSTEM_H

/// Asks the kernel to start writing the given range of `fd`'s dirty pages to the disk without
/// waiting for it (`sync_file_range(2)` with `SYNC_FILE_RANGE_WRITE`), so that a later `fsync`
/// finds less to do. The pages stay in the page cache. Returns 0, or -1 with errno set; on
/// systems without the call it does nothing and returns 0.
int zk_start_writeback(int fd, long long offset, long long length);

#endif
