#ifndef SPARKSIM_CGSL_SHIM_H
#define SPARKSIM_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_sf_gamma.h>

/* GSL exposes its generator algorithms as mutable C globals (`gsl_rng_mt19937`),
   which Swift 6's strict concurrency refuses to read. These accessors return the
   same constant pointers without a global `var` crossing into Swift. */
static inline const gsl_rng_type *sparksim_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }

/* GSL's default error handler aborts the process; sparksim checks return codes instead. */
static inline void sparksim_gsl_disable_abort(void) { gsl_set_error_handler_off(); }

#endif
