#ifndef SPARKSIM_CZLIB_SHIM_H
#define SPARKSIM_CZLIB_SHIM_H

#include <zlib.h>

/* `inflateInit2` is a macro that passes zlib's version and `sizeof(z_stream)`, which
   Swift cannot call; this function is the same call. 15 + 32: the largest window, and
   a gzip or zlib header detected automatically (users gzip logs; some tools write zlib). */
static inline int sparksim_inflate_init(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}

#endif
