/* import.h — `ppsgen import`: a statement from last year's Word document. */
#ifndef PPS_IMPORT_H
#define PPS_IMPORT_H

#include "diag.h"
#include "docx_read.h"

typedef struct {
	const char *lang;         /* "en" or "cy": the document's language; "cy en": paired documents */
	const char *jurisdiction; /* "england" or "wales" */
	const char *council;      /* NULL: found in the document, else a placeholder */
	int year;                 /* used when the document names no financial year */
} import_opts;

/* The statement as XML text (new.c's pay block when the document has no pay
 * scale table); NULL and *err set when templates_dir's spine cannot be read.
 * Notes and warnings about the mapping go to dc. */
char *import_statement(const dx_doc *d, const char *templates_dir, const import_opts *o, diag_ctx *dc, char **err);

/* One document from a Welsh and an English one, paired heading by heading,
 * then block by block under each heading (texts as <cy>..</cy><en>..</en>).
 * NULL, reported, when their headings do not pair. */
dx_doc *import_pair(const dx_doc *cy, const dx_doc *en, diag_ctx *dc);

/* Notes, at their line and column in xml (the statement import_statement
 * wrote, saved as `name`), for each amount of money ("£17,364", "£9.00") and
 * each ratio ("1:7.49", "4.64 : 1") in its paragraphs, list items, table cells
 * and notes that equals a figure the statement computes (its display, or the
 * same pence); the text stays as it is.  The figures are fig_compute's, from
 * the statement read against templates_dir's schema. */
void import_amounts(const char *xml, const char *name, const char *templates_dir, diag_ctx *dc);

/* Puts the messages in the order of their places in the document. */
void import_sort_messages(diag_ctx *dc);

#endif
