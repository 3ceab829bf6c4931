#define _GNU_SOURCE
#include "CZKSystem.h"

#if defined(__linux__)
#include <fcntl.h>

int zk_start_writeback(int fd, long long offset, long long length) {
    return sync_file_range(fd, (off64_t)offset, (off64_t)length, SYNC_FILE_RANGE_WRITE);
}
#else
int zk_start_writeback(int fd, long long offset, long long length) {
    (void)fd; (void)offset; (void)length;
    return 0;
}
#endif
