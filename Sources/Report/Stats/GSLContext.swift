import CGSL

/// Turns off GSL's default error handler, once per process, before any GSL call.
///
/// Why: GSL's default handler calls `abort()` on a domain error (for example a
/// quantile outside [0, 1]). A report must never kill the process that wrote an
/// hour of simulation, so every entry point in `Stats` validates its input itself and
/// reads GSL's return codes instead. A lazily initialised global runs the switch
/// exactly once, thread-safely, without a lock of our own.
let gslErrorHandlerDisabled: Void = sparksim_gsl_disable_abort()

/// Call before the first GSL function in any public entry point.
@inline(__always)
func prepareGSL() {
    _ = gslErrorHandlerDisabled
}
