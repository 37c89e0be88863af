/* csv_read.h — the workforce CSV (RFC 4180) into the model's employee records. */
#ifndef PPS_CSV_READ_H
#define PPS_CSV_READ_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* Largest workforce file accepted, in bytes, and most data rows. */
#define CSV_MAX_BYTES ((size_t)64 * 1024 * 1024)
#define CSV_MAX_ROWS 1000000
/* Row errors listed one by one before the rest are only counted. */
#define CSV_MAX_ROW_ERRORS 20

/* Reads d->workforce.csv (a path already resolved against the statement) and
 * appends its records to d->workforce.emp/nemp, in d->arena.  Columns, by name
 * in any order and any case: salary (FTE annual pounds) or actual-salary (pay
 * for the contracted hours, grossed up to full time), fte or hours, and the
 * optional gender, school, id, grade (others are ignored).  Every bad row is
 * reported as DIAG_CSV_ROW at FILE:LINE:COL; a missing or oversized file as
 * DIAG_CSV_READ.  Returns false when anything was reported as an error. */
bool csv_read_workforce(pps_doc *d, diag_ctx *dc);

/* The same from bytes already in memory (file only names the messages). */
bool csv_parse_workforce(pps_doc *d, const char *file, const char *buf, size_t len, diag_ctx *dc);

/* A pay scale's points from a CSV exported from Excel or LibreOffice, with
 * the same rules and FILE:LINE:COL messages: a "point" column, one salary
 * column per column of the scale (s->ncols; any names), and an optional
 * "grade" column whose runs of equal values become s's grades when the scale
 * lists none.  Fills s->points (and s->grades) in d->arena.  false when
 * anything was reported as an error. */
bool csv_parse_scale(pps_doc *d, pps_scale *s, const char *file, const char *buf, size_t len, diag_ctx *dc);
bool csv_read_scale(pps_doc *d, pps_scale *s, const char *path, diag_ctx *dc);

#endif
