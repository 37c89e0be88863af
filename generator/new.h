/* new.h — `ppsgen new`: a complete starting statement from the rulebook and
 * the NJC spine shipped in templates/, and the placeholder markers that
 * `check` lists until HR has replaced each one. */
#ifndef PPS_NEW_H
#define PPS_NEW_H

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

/* The text every placeholder starts with, per language. */
#define NEW_MARK_EN "[TO FILL:"
#define NEW_MARK_CY "[LLENWCH:"

typedef struct {
	const char *jurisdiction; /* "england" or "wales" */
	const char *languages;    /* "en" or "cy en" */
	const char *council;      /* NULL: a placeholder name */
	int year;                 /* first year of the statement, e.g. 2025 */
	const char *title;        /* NULL: "Pay Policy Statement" (import: the document's) */
	const char *title_en;     /* a bilingual title's English, when title is set */
} new_opts;

/* The statement as XML text, from templates_dir's rulebook and spine.
 * NULL and *err set when a template cannot be read. */
char *new_statement(const char *templates_dir, const new_opts *o, char **err);

/* The parts `ppsgen import` shares: <council> to <contact>, and the <pay>
 * block.  scales NULL: the NJC spine of templates_dir, the lowest paid on its
 * point 2; else those <scale> elements, the lowest paid on lowest_scale's
 * lowest_point.  false and *err set when the spine cannot be read. */
void new_head(GString *s, const new_opts *o);
bool new_pay(GString *s, const char *templates_dir, const new_opts *o, const char *scales,
	     const char *lowest_scale, int lowest_point, char **err);

/* Prints FILE:LINE:COL: warning (or error) for each placeholder still in the
 * file at path; returns how many there are (-1: the file cannot be read). */
int new_placeholders(const char *path, bool as_error, FILE *f);

#endif
