#ifndef SPARKSIM_CLZ4_SHIM_H
#define SPARKSIM_CLZ4_SHIM_H

/* lz4.h: the block decompressor (LZ4_decompress_safe) for each block of lz4-java's
   LZ4BlockOutputStream, the framing Spark's LZ4CompressionCodec writes.
   lz4frame.h: the standard LZ4 frame format the `lz4` command line tool writes. */
#include <lz4.h>
#include <lz4frame.h>

#endif
