/* linux-user/fd_trans.c — which guest descriptors carry data in a form of
 * their own (see LuFdTrans in syscall.h): a small table indexed by the
 * descriptor number, set when such a descriptor is made (eventfd,
 * timerfd...), copied by dup and cleared by close.
 *
 * A descriptor closed behind morph's back (exec with O_CLOEXEC, a close
 * range) keeps its entry until the number is reused by a plain open, which
 * is why makers of plain descriptors need not care: the common case, an
 * fd number used only for plain files, never has an entry.
 */
#include "linux-user/syscall.h"

#include <glib.h>
#include <pthread.h>

enum { LU_FD_TRANS_MAX = 65536 };

static const LuFdTrans **fd_trans;
static int fd_trans_len;
static pthread_mutex_t fd_trans_lock = PTHREAD_MUTEX_INITIALIZER;

void lu_fd_trans_set(int fd, const LuFdTrans *t)
{
    if (fd < 0 || fd >= LU_FD_TRANS_MAX)
        return;
    pthread_mutex_lock(&fd_trans_lock);
    if (fd >= fd_trans_len && t) {
        int len = fd_trans_len ? fd_trans_len : 64;
        while (len <= fd)
            len *= 2;
        fd_trans = g_renew(const LuFdTrans *, fd_trans, len);
        for (int i = fd_trans_len; i < len; i++)
            fd_trans[i] = NULL;
        fd_trans_len = len;
    }
    if (fd < fd_trans_len)
        fd_trans[fd] = t;
    pthread_mutex_unlock(&fd_trans_lock);
}

const LuFdTrans *lu_fd_trans_get(int fd)
{
    const LuFdTrans *t = NULL;
    pthread_mutex_lock(&fd_trans_lock);
    if (fd >= 0 && fd < fd_trans_len)
        t = fd_trans[fd];
    pthread_mutex_unlock(&fd_trans_lock);
    return t;
}

void lu_fd_trans_dup(int oldfd, int newfd)
{
    lu_fd_trans_set(newfd, lu_fd_trans_get(oldfd));
}
