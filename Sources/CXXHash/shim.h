#ifndef SPARKSIM_CXXHASH_SHIM_H
#define SPARKSIM_CXXHASH_SHIM_H

/* XXH32: lz4-java stores the xxhash32 of every block's decoded bytes (seed 0x9747b28c,
   low 28 bits) in its header; checking it is how a corrupt Spark lz4 log is caught. */
#include <xxhash.h>

#endif
