#ifndef SPARKSIM_CLZF_SHIM_H
#define SPARKSIM_CLZF_SHIM_H

/* lzf_decompress decodes each block of ning's compress-lzf LZFOutputStream, the framing
   of Spark's LZFCompressionCodec: compress-lzf is a Java port of liblzf's block format. */
#include <liblzf/lzf.h>

#endif
