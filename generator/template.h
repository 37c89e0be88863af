/* template.h — the house style and every label ppsgen writes, per language,
 * read from templates/ (or a council's --template DIR). */
#ifndef PPS_TEMPLATE_H
#define PPS_TEMPLATE_H

#include <glib.h>
#include <stdbool.h>

#include "diag.h"
#include "model.h"

/* Lengths in PDF points (1/72 inch), sizes in points, colours 0..1 RGB. */
typedef struct {
	double page_w, page_h;
	double margin_top, margin_bottom, margin_left, margin_right;
	double header_offset, footer_offset; /* from the page edge to the header/footer baseline */
	const char *font;                    /* family name in fonts/ */
	double body_size, note_size, table_size, table_min_size, h1_size, h2_size, h3_size, header_size;
	double line_spacing;                 /* multiple of the font size */
	double para_space;                   /* space after a paragraph */
	double text[3], primary[3], rule[3], table_head[3], table_band[3];
	bool page_numbers;                   /* print "Page X of Y" (agenda packs stamp their own) */
	double stamp_zone;                   /* empty band at the top right for agenda stamps */
} pps_style;

typedef struct pps_template {
	arena *arena;
	const char *dir;       /* templates directory */
	const char *fonts_dir; /* fonts directory */
	const char *schema;    /* path of statement.rng */
	pps_style style;
	GHashTable *labels[LANG_N]; /* id -> UTF-8 */
} pps_template;

/* Loads dir/style.xml and dir/labels.xml; fonts from fonts_dir.  NULL on error. */
pps_template *tpl_load(const char *dir, const char *fonts_dir, diag_ctx *dc);
void tpl_free(pps_template *t);
/* The label, or its id when the template lacks it (tests check none is missing).
 * Never modifies t: safe from several threads. */
const char *tpl_label(const pps_template *t, pps_lang l, const char *id);
/* The label with {name} placeholders replaced: pairs of name, value, then NULL.
 * g_malloc'd. */
char *tpl_format(const pps_template *t, pps_lang l, const char *id, ...) G_GNUC_NULL_TERMINATED;
/* "1 April 2018" / "1 Ebrill 2018" from "2018-04-01"; g_malloc'd. */
char *tpl_date(const pps_template *t, pps_lang l, const char *iso);
/* "2018-19"; g_malloc'd. */
char *tpl_year(const pps_template *t, pps_lang l, int start);
/* BCP 47 tag for PDF/HTML: "cy" or "en-GB". */
const char *tpl_lang_tag(pps_lang l);

#endif
