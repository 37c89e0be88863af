/* coverage.h — what the statement's text lacks: translations (`ppsgen
 * coverage`, `render --strict-languages`) and figure references. */
#ifndef PPS_COVERAGE_H
#define PPS_COVERAGE_H

#include <stdio.h>

#include "diag.h"
#include "figures.h"
#include "model.h"

/* Prints one line per text missing one of the declared languages,
 * "FILE:LINE:COL: SECTION: WHAT has no Welsh (cy) text", then a count line;
 * returns the number of gaps. */
int coverage_report(const pps_doc *d, FILE *out);
/* The same gaps as errors (DIAG_LANG_GAP_STRICT). */
void coverage_errors(const pps_doc *d, diag_ctx *dc);
/* Every <fig ref> must name a computed figure. */
void check_figure_refs(const pps_doc *d, const pps_figures *f, diag_ctx *dc);

#endif
