/* phrases.h — the sentences ppsgen writes about its figures, shared by the
 * PDF (layout.c) and the HTML (html.c) so both say exactly the same. */
#ifndef PPS_PHRASES_H
#define PPS_PHRASES_H

#include "figures.h"
#include "model.h"
#include "template.h"

/* What a multiple's quantity is, with its amount: "salary of the Chief
 * Executive (£171,539)".  A post counts its first holder's full-time
 * equivalent salary, else its top point, as figures.c divides.  g_malloc'd. */
char *phrase_quantity(const pps_doc *d, const pps_figures *f, const pps_template *t, pps_lang lang, const char *q);
/* "The salary of the Chief Executive (£171,539) divided by ...", the
 * sentence beside a multiple that declares no method of its own.  g_malloc'd. */
char *phrase_multiple_method(const pps_doc *d, const pps_figures *f, const pps_template *t, pps_lang lang,
			     const pps_multiple *m);
/* s with its first letter a capital; consumes s. */
char *phrase_sentence_case(char *s);

#endif
