#ifndef SPARKSIM_CSNAPPY_SHIM_H
#define SPARKSIM_CSNAPPY_SHIM_H

/* The C API of snappy: raw block decompression, for each block of snappy-java's
   SnappyOutputStream (Spark's SnappyCompressionCodec) and of the snappy framing format. */
#include <snappy-c.h>

#endif
