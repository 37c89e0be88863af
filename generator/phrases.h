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
/* With a <proposal>: the multiples table's head over the proposed values,
 * "Proposed from 1 April 2019"; and the sentence printed after a multiple's
 * method about its proposed value: for one the proposal leaves undefined
 * (no ID-proposed figure), why ("Proposed: not defined, because the
 * proposal drops ..."); for one based on the lowest paid when the proposal
 * changes who they are, whom it divides by ("Proposed: with the lowest paid
 * as the proposal defines them, NJC pay spine point 10 (£16,000)."); else
 * NULL.  g_malloc'd. */
char *phrase_proposed_head(const pps_doc *d, const pps_template *t, pps_lang lang);
char *phrase_proposed_note(const pps_doc *d, const pps_figures *f, const pps_template *t, pps_lang lang,
				const pps_multiple *m);
/* A proposal-by-grade row's cell `col` (0 grade, 1 and 2 its current
 * points and salaries, 3 and 4 the proposed ones: "11–13", "17,711–18,065"
 * in whole pounds, "" where the grade is not in that structure), the same
 * in the PDF and the HTML.  g_malloc'd. */
char *phrase_prop_grade_cell(const pps_template *t, pps_lang lang, arena *a, const pps_prop_grade_row *r, int col);
/* Its Change column's label id: "prop-kept", "prop-grade-changed", ... */
const char *phrase_prop_grade_change(pps_prop_change c);
/* The cover's lines, the same in the PDF and the HTML (g_malloc'd):
 * "Financial year 2018-19"; "Approved by full Council on 27 February 2018"
 * or, until status="approved", the draft line; "Effective from ..." and
 * "Version ..." (NULL when the statement gives no such date or version). */
char *phrase_financial_year(const pps_doc *d, const pps_template *t, pps_lang lang);
char *phrase_status(const pps_doc *d, const pps_template *t, pps_lang lang);
char *phrase_effective(const pps_doc *d, const pps_template *t, pps_lang lang);
char *phrase_version(const pps_doc *d, const pps_template *t, pps_lang lang);
/* s with its first letter a capital; consumes s. */
char *phrase_sentence_case(char *s);

#endif
