/* html_int.h — what html.c (text, blocks, sections, the page) and
 * html_table.c (the tables) share: the writer and its small output
 * helpers.  Not for other stages (html.h). */
#ifndef PPS_HTML_INT_H
#define PPS_HTML_INT_H

#include <glib.h>

#include "html.h"

typedef struct {
	const pps_doc *d;
	const pps_figures *f;
	const pps_template *t;
	pps_lang langs[LANG_N]; /* the file's languages, reading order */
	int nl;
	bool bi;                /* the bilingual file */
	pps_lang lang;          /* language being written */
	pps_lang ctx;           /* language in force from the enclosing element */
	const char *appendix;   /* only this appendix, or NULL */
	bool public_only;
	GString *o;
	arena *a;               /* scratch for this call */
	int ntables;            /* for caption ids */
	int ncharts;            /* for the ids inside each chart's SVG */
} H;

/* A g_malloc'd string per language, shared: fn returns it, we free it. */
typedef char *(*fmt_fn)(H *h, const void *arg, pps_lang l);

/* html.c: escaping, text in one or both languages, notes */
void html_esc(GString *o, const char *s);
static inline void put(H *h, const char *s) { g_string_append(h->o, s); }
static inline void put_esc(H *h, const char *s) { html_esc(h->o, s); }
static inline bool ml_any(const pps_ml *m) { return m->tx[LANG_EN].n > 0 || m->tx[LANG_CY].n > 0; }
void html_attr(H *h, const char *name, const char *value);
const char *html_plain(H *h, const pps_text *t, pps_lang l);
const char *html_ml_plain(H *h, const pps_ml *m, pps_lang l);
void html_put_ml(H *h, const pps_ml *m);
void html_put_label(H *h, const char *id);
void html_put_ml_shared(H *h, const pps_ml *m);
void html_put_fmt_shared(H *h, fmt_fn fn, const void *arg, bool sep);
void html_note_fmt(H *h, fmt_fn fn, const void *arg);
void html_note_ml(H *h, const pps_ml *m);

/* html_table.c: each kind of table, and charts */
void html_literal_table(H *h, const pps_block *b, const char *id, const pps_ml *fallback_cap);
void html_scale_table(H *h, const pps_block *b, const char *id, const pps_ml *fallback_cap);
void html_posts_table(H *h, const pps_block *b, const char *id);
void html_multiples_table(H *h, const pps_block *b, const char *id);
void html_gpg_tables(H *h, const char *id);
void html_senior_tables(H *h, const char *id);
void html_proposal_table(H *h, const pps_block *b, const char *id);
void html_compliance_table(H *h, const char *id);
void html_chart_block(H *h, const pps_block *b, const char *id);

#endif
