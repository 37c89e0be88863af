/* rollover.h — `ppsgen rollover`: next year's statement from this year's and a
 * pay award (templates/FORMAT.md, "Pay awards"). */
#ifndef PPS_ROLLOVER_H
#define PPS_ROLLOVER_H

#include <glib.h>

#include "diag.h"

/* Applies the award at award_path to every <point salary> of the scales it
 * names in the statement at statement_path, adds one to <year start>, and
 * writes the result to out_path atomically (it may be statement_path).
 * summary receives one line per changed point ("SCP 20: £19,430 → £19,819
 * (+2.0%)") and what is left to update by hand.  Returns 0 when out_path was
 * written, 1 when an error (reported to dc) stopped it; nothing is written then. */
int rollover_run(const char *statement_path, const char *award_path, const char *out_path, GString *summary,
		 diag_ctx *dc);

#endif
