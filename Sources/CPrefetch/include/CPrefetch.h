#ifndef SPARKSIM_CPREFETCH_H
#define SPARKSIM_CPREFETCH_H

/// Asks the processor to start loading the cache line at `address` for a read soon
/// after. Swift has no prefetch intrinsic; inlined from this header, the call compiles
/// to one prefetch instruction, which never faults and changes no result.
static inline void sparksim_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// The same, for a line about to be written.
static inline void sparksim_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
