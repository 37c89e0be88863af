/* xml_int.h — what xml_read.c (the walk that copies a statement into the
 * model) and xml_safe.c (the safe parse and the schema check) share: the
 * reader and its source positions.  Not for other stages (xml_read.h). */
#ifndef PPS_XML_INT_H
#define PPS_XML_INT_H

#include <glib.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <string.h>

#include "xml_read.h"

typedef struct {
	pps_doc *d;
	diag_ctx *dc;
	arena *a;
	const char *file;  /* as the user named it: messages say this */
	const char *buf;   /* the file's bytes */
	size_t len;
	GArray *lines;     /* byte offset of each line start (line 1 at index 0) */
	GHashTable *ids;   /* id -> GINT_TO_POINTER(line) */
	bool stopped;      /* a DOCTYPE stopped the parser */
	bool syntax_seen;  /* only the first syntax error: the rest follow from it */
	int schema_line;   /* line of the last schema message */
} reader;

/* xml_read.c: positions of nodes and attributes in the file */
void index_lines(reader *r);
int col_of(const reader *r, int line, size_t off);
pps_pos pos_at(const reader *r, xmlNodePtr n, const char *attr);
static inline pps_pos pos_of(const reader *r, xmlNodePtr n) { return pos_at(r, n, NULL); }
static inline bool is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* xml_safe.c */
/* Parses r->buf, or the file at path when r->buf is NULL: NULL on error, reported. */
xmlDocPtr xml_parse_reader(reader *r, const char *path);
/* RELAX NG validation; every schema message reported at its line. */
bool xml_validate(reader *r, xmlDocPtr doc, const char *schema_path);

#endif
