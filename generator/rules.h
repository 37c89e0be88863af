/* rules.h — the law as data: the rulebook of statutory topics per
 * jurisdiction (templates/rules-wales.xml, rules-england.xml), the checks
 * `ppsgen check` makes against it, and the compliance table. */
#ifndef PPS_RULES_H
#define PPS_RULES_H

#include <glib.h>
#include <stdio.h>

#include "diag.h"
#include "model.h"
#include "template.h"

typedef struct {
	int nrows;
	const char **cells; /* nrows x 3: topic, source, where (section and page) */
} rules_table_spec;

/* Topic coverage, unknown covers= ids, approval date and year checks, into dc
 * (warnings; dc->strict makes them errors). */
void rules_check(const pps_doc *d, const pps_template *t, diag_ctx *dc);

/* Rows of the compliance table in `lang`: each topic of the statement's
 * jurisdiction, its source and where it is covered ("Section 13, page 22");
 * page numbers from page_of (key: prefix + section id -> printed page).
 * false when there is no rulebook for the jurisdiction. */
bool rules_compliance_rows(const pps_doc *d, const pps_template *t, pps_lang lang, GHashTable *page_of,
			   const char *prefix, rules_table_spec *out, arena *a);

/* `ppsgen check --report`: the same table as text lines, to f. */
void rules_report(const pps_doc *d, const pps_template *t, pps_lang lang, FILE *f);

#endif
