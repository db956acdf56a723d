#ifndef SPARKSIM_CZSTD_SHIM_H
#define SPARKSIM_CZSTD_SHIM_H

/* Spark's ZStdCompressionCodec (zstd-jni's ZstdOutputStream) writes standard zstd frames;
   the streaming decompression API reads them a buffer at a time. */
#include <zstd.h>

#endif
