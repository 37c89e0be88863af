/* xml_read.h — statement XML in, model out.  The only stage that sees libxml2
 * trees of a statement; nothing it returns points into libxml2. */
#ifndef PPS_XML_READ_H
#define PPS_XML_READ_H

#include "diag.h"
#include "model.h"

/* Largest statement file accepted, in bytes. */
#define XML_MAX_BYTES (16 * 1024 * 1024)
/* Deepest element nesting accepted. */
#define XML_MAX_DEPTH 64
/* Most elements accepted: a real statement has a few thousand, and a file of
 * tiny paragraphs within the size limit would take minutes and gigabytes to
 * lay out. */
#define XML_MAX_ELEMENTS 100000
/* Longest attribute value accepted, in bytes (text belongs in elements). */
#define XML_MAX_ATTR 10000
/* Largest logo accepted, in pixels each way. */
#define LOGO_MAX_PX 4000

/* Reads, validates against schema_path (RELAX NG) and loads the statement and
 * its workforce CSV.  Returns NULL when any error was reported to dc (every
 * problem found is reported, not just the first).  Free with doc_free(). */
pps_doc *xml_read_statement(const char *path, const char *schema_path, diag_ctx *dc);
/* The same from bytes in memory; `name` names the messages and is the base
 * for the relative paths the statement gives (CSV, logo). */
pps_doc *xml_read_statement_mem(const char *name, const char *buf, size_t len, const char *schema_path, diag_ctx *dc);
void doc_free(pps_doc *d);

/* Parses a file with the same safety rules (no DTD, no network, no entities,
 * size and depth limits).  Returns an xmlDocPtr as void* (NULL on error, with
 * messages in dc); for template and award files.  Free with xmlFreeDoc. */
void *xml_parse_safely(const char *path, diag_ctx *dc);

/* Parsing helpers shared with the templates and award readers. */
/* "15,375.50", "£15375", "7.83" -> pence; false when malformed. */
bool parse_money(const char *s, int64_t *pence);
/* A decimal scaled by 10^digits: ("52.143", 3) -> 52143; false when malformed
 * or more decimals than digits. */
bool parse_scaled(const char *s, int digits, int64_t *out);

#endif
