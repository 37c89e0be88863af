/* html.h — the statement as accessible, semantic, self-contained HTML
 * (GOV.UK prefers HTML to PDF): real headings, lists, tables with th/scope,
 * the same computed figures, print CSS; one file per language, or one
 * bilingual file with lang attributes and a language switch. */
#ifndef PPS_HTML_H
#define PPS_HTML_H

#include <glib.h>

#include "figures.h"
#include "model.h"
#include "template.h"

/* langs[0..nlangs): one language, or two for the bilingual file (langs[0]
 * first).  `appendix`: only that appendix (id), or NULL for everything;
 * `public_only`: exempt appendices replaced by the Schedule 12A notice. */
void html_write(const pps_doc *d, const pps_figures *f, const pps_template *t, const pps_lang *langs, int nlangs,
		const char *appendix, bool public_only, GString *out);

/* Open data (Local Government Transparency Code 2015): the pay multiples and
 * the senior salaries as CSV (RFC 4180, UTF-8, CRLF line ends). */
void opendata_multiples_csv(const pps_doc *d, const pps_figures *f, GString *out);
void opendata_senior_csv(const pps_doc *d, const pps_figures *f, GString *out);
/* The gender pay gap (2017 regulations) with the gender pay gap service's
 * field names: one row; written only when the gap is defined. */
/* Transparency Code 2015: employees paid £50,000 or more in £5,000 bands,
 * one row per band; written when the workforce has records. */
void opendata_bands_csv(const pps_doc *d, const pps_figures *f, GString *out);
void opendata_gpg_csv(const pps_doc *d, const pps_figures *f, GString *out);

#endif
