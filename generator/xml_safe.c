/* xml_safe.c — the safe parse of a statement or template file: the whole
 * file read within its size limit, the encoding checked, libxml2 run with
 * no DTD, no entities and no network, the tree's depth and size bounded,
 * and every parser and schema message turned into FILE:LINE:COL words a
 * clerk can act on. */
#include "xml_int.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- Safe parsing --------------------------------------------------- */

/* A parser (well-formedness) error in words a clerk can act on; libxml2's
 * own text, with a hint, for the rare ones not listed. */
static void syntax_error(reader *r, xmlErrorPtr e, int line, int col)
{
	const char *msg = e->message ? e->message : "malformed XML";
	bool blank = true;
	for (size_t i = 0; i < r->len && blank; i++)
		blank = g_ascii_isspace(r->buf[i]);
	switch (e->code) {
	case XML_ERR_DOCUMENT_EMPTY:
		diag_emit_file(r->dc, blank ? DIAG_XML_EMPTY : DIAG_XML_NOT_XML, r->file, line, col);
		return;
	case XML_ERR_NAME_REQUIRED:
		if (g_str_has_prefix(msg, "xmlParseEntityRef")) {
			diag_emit_file(r->dc, DIAG_XML_AMPERSAND, r->file, line, col);
			return;
		}
		break;
	case XML_ERR_UNDECLARED_ENTITY:
		if (e->str1) {
			diag_emit_file(r->dc, DIAG_XML_ENTITY, r->file, line, col, e->str1);
			return;
		}
		break;
	case XML_ERR_TAG_NAME_MISMATCH:
		if (e->str1 && e->str2) {
			diag_emit_file(r->dc, DIAG_XML_TAG_MISMATCH, r->file, line, col, e->str2, e->str1, e->int1,
				       e->str1);
			return;
		}
		break;
	case XML_ERR_TAG_NOT_FINISHED:
		if (e->str1) {
			diag_emit_file(r->dc, DIAG_XML_TRUNCATED, r->file, line, col, e->str1, e->int1, e->str1);
			return;
		}
		break;
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
		diag_emit_file(r->dc, DIAG_XML_ATTR_QUOTES, r->file, line, col);
		return;
	case XML_ERR_ATTRIBUTE_NOT_FINISHED:
		if (strstr(msg, "too long")) {
			diag_emit_file(r->dc, DIAG_XML_LONG_ATTR, r->file, line, col, "an attribute",
				       "more than 10000000", XML_MAX_ATTR);
			return;
		}
		break;
	case XML_ERR_INTERNAL_ERROR:
		/* libxml2's own limits (no XML_PARSE_HUGE): 256 levels, 10 MB. */
		if (strstr(msg, "Excessive depth")) {
			diag_emit_file(r->dc, DIAG_XML_DEPTH, r->file, line, col, XML_MAX_DEPTH);
			return;
		}
		if (strstr(msg, "Huge") || strstr(msg, "huge")) {
			diag_emit_file(r->dc, DIAG_XML_LONG_TEXT, r->file, line, col);
			return;
		}
		break;
	default:
		if (strstr(msg, "huge text node") || strstr(msg, "too long")) {
			diag_emit_file(r->dc, DIAG_XML_LONG_TEXT, r->file, line, col);
			return;
		}
		break;
	}
	char *m = g_strstrip(g_strdup(msg));
	diag_emit_file(r->dc, DIAG_XML_SYNTAX, r->file, line, col, m);
	g_free(m);
}

static void on_error(void *ctx, xmlErrorPtr e)
{
	reader *r = ctx;
	if (e->level == XML_ERR_WARNING || r->stopped)
		return;
	if (e->domain != XML_FROM_RELAXNGV) {
		/* Only the first syntax error: the rest follow from it. */
		if (!r->syntax_seen)
			syntax_error(r, e, e->line, e->int2);
		r->syntax_seen = true;
		return;
	}
	xmlNodePtr node = e->node;
	pps_pos p = node ? pos_of(r, node) : (pps_pos){r->file, e->line, 1};
	/* "Element X has extra content: Y" repeats the "Did not expect" before it. */
	if (e->code == XML_RELAXNG_ERR_EXTRACONTENT && r->schema_line == p.line)
		return;
	r->schema_line = p.line;
	if (e->code == XML_RELAXNG_ERR_ELEMWRONG && e->str1) {
		char *name = node && node->ns && node->ns->prefix
				     ? g_strdup_printf("%s:%s", (const char *)node->ns->prefix, (const char *)node->name)
				     : g_strdup((const char *)e->str1);
		diag_emit(r->dc, DIAG_XML_UNEXPECTED, p, name);
		g_free(name);
	} else if (e->code == XML_RELAXNG_ERR_INVALIDATTR && e->str1 && e->str2) {
		diag_emit(r->dc, DIAG_XML_UNKNOWN_ATTR, node ? pos_at(r, node, e->str1) : p, e->str2, e->str1);
	} else {
		char *msg = g_strstrip(g_strdup(e->message ? e->message : "the statement does not match the schema"));
		char *m2 = g_strdup_printf("%s (the format is described in templates/FORMAT.md)", msg);
		diag_emit(r->dc, DIAG_XML_SCHEMA, p, m2);
		g_free(msg);
		g_free(m2);
	}
}

/* The parser hands its callbacks ctxt->userData: the parser context. */
static void on_parse_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr pc = ctx;
	on_error(pc->_private, e);
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	(void)name;
	(void)eid;
	(void)sid;
	xmlParserCtxtPtr pc = ctx;
	reader *r = pc->_private;
	if (!r->stopped) {
		int line = pc->input ? pc->input->line : 1;
		diag_emit_file(r->dc, DIAG_XML_DTD, r->file, line, 1);
	}
	r->stopped = true;
	xmlStopParser(pc);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *pid, const xmlChar *sid,
			   xmlChar *content)
{
	(void)name, (void)type, (void)pid, (void)sid, (void)content;
	on_internal_subset(ctx, NULL, NULL, NULL);
}

/* The raw bytes must be UTF-8 and say so (or say nothing). */
static bool check_encoding(reader *r)
{
	const char *b = r->buf;
	if (r->len >= 2 && (((unsigned char)b[0] == 0xFE && (unsigned char)b[1] == 0xFF) ||
			    ((unsigned char)b[0] == 0xFF && (unsigned char)b[1] == 0xFE))) {
		diag_emit_file(r->dc, DIAG_XML_ENCODING, r->file, 1, 1, "the file is UTF-16");
		return false;
	}
	/* UTF-16 without a byte order mark: "<" next to a NUL. */
	if (r->len >= 4 && ((b[0] == '<' && b[1] == 0 && b[3] == 0) || (b[0] == 0 && b[1] == '<' && b[2] == 0))) {
		diag_emit_file(r->dc, DIAG_XML_ENCODING, r->file, 1, 1, "the file is UTF-16 (without a byte order mark)");
		return false;
	}
	if (r->len > 5 && strncmp(b, "<?xml", 5) == 0) {
		const char *end = g_strstr_len(b, (gssize)MIN(r->len, 512), "?>");
		const char *enc = end ? g_strstr_len(b, end - b, "encoding") : NULL;
		if (enc) {
			const char *q = enc + 8;
			while (q < end && (*q == ' ' || *q == '='))
				q++;
			char quote = *q++;
			const char *qe = q;
			while (qe < end && *qe != quote)
				qe++;
			char *name = g_strndup(q, (gsize)(qe - q));
			bool ok = g_ascii_strcasecmp(name, "UTF-8") == 0 || g_ascii_strcasecmp(name, "UTF8") == 0;
			if (!ok) {
				char *m = g_strdup_printf("the file declares encoding \"%s\"", name);
				diag_emit_file(r->dc, DIAG_XML_ENCODING, r->file, 1, col_of(r, 1, (size_t)(enc - b)), m);
				g_free(m);
			}
			g_free(name);
			if (!ok)
				return false;
		}
	}
	const char *bad;
	if (!g_utf8_validate(b, (gssize)r->len, &bad)) {
		size_t off = (size_t)(bad - b);
		guint line = 1;
		while (line < r->lines->len && g_array_index(r->lines, size_t, line) <= off)
			line++;
		if (!*bad) {
			diag_emit_file(r->dc, DIAG_XML_NUL, r->file, (int)line, col_of(r, (int)line, off));
			return false;
		}
		char *m = g_strdup_printf("byte 0x%02X is not valid UTF-8", (unsigned char)*bad);
		diag_emit_file(r->dc, DIAG_XML_ENCODING, r->file, (int)line, col_of(r, (int)line, off), m);
		g_free(m);
		return false;
	}
	return true;
}

/* Element count, nesting depth and attribute lengths, in one walk without
 * recursion (libxml2 itself stops at 256 levels and 10 MB values).  false when a limit
 * is passed, with the message. */
static bool check_tree(reader *r, xmlNodePtr root)
{
	int depth = 1;
	long count = 0;
	for (xmlNodePtr n = root; n;) {
		if (n->type == XML_ELEMENT_NODE) {
			if (++count > XML_MAX_ELEMENTS) {
				diag_emit(r->dc, DIAG_XML_ELEMENTS, pos_of(r, n), XML_MAX_ELEMENTS);
				return false;
			}
			if (depth > XML_MAX_DEPTH) {
				diag_emit(r->dc, DIAG_XML_DEPTH, pos_of(r, n), XML_MAX_DEPTH);
				return false;
			}
			for (xmlAttrPtr a = n->properties; a; a = a->next) {
				size_t len = 0;
				for (xmlNodePtr t = a->children; t; t = t->next)
					len += t->content ? strlen((const char *)t->content) : 0;
				if (len > XML_MAX_ATTR) {
					char *what = g_strdup_printf("%s=", (const char *)a->name);
					char *size = g_strdup_printf("%zu", len);
					diag_emit(r->dc, DIAG_XML_LONG_ATTR, pos_at(r, n, (const char *)a->name), what, size,
						  XML_MAX_ATTR);
					g_free(what);
					g_free(size);
					return false;
				}
			}
			if (n->children) {
				n = n->children;
				depth++;
				continue;
			}
		}
		while (n != root && !n->next) {
			n = n->parent;
			depth--;
		}
		if (n == root)
			break;
		n = n->next;
	}
	return true;
}

/* The whole file into r->buf, reading at most one byte past the limit (a
 * FIFO or /dev/zero has no size to check first). */
static bool read_input(reader *r, const char *path)
{
	int fd = g_open(path, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0) {
		diag_emit_file(r->dc, DIAG_FILE_READ, r->file, 0, 0, g_strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_emit_file(r->dc, DIAG_FILE_READ, r->file, 0, 0, "it is a folder");
		close(fd);
		return false;
	}
	if (S_ISREG(st.st_mode) && st.st_size > XML_MAX_BYTES) {
		char *size = g_strdup_printf("%lld", (long long)st.st_size);
		diag_emit_file(r->dc, DIAG_FILE_TOO_BIG, r->file, 0, 0, size, (long long)XML_MAX_BYTES);
		g_free(size);
		close(fd);
		return false;
	}
	GByteArray *buf = g_byte_array_sized_new(S_ISREG(st.st_mode) ? (guint)st.st_size + 1 : 65536);
	guint8 chunk[65536];
	int err = 0;
	while (buf->len <= XML_MAX_BYTES) {
		ssize_t got = read(fd, chunk, sizeof chunk);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			err = errno;
		if (got <= 0)
			break;
		g_byte_array_append(buf, chunk, (guint)got);
	}
	close(fd);
	bool ok = false;
	if (err) {
		diag_emit_file(r->dc, DIAG_FILE_READ, r->file, 0, 0, g_strerror(err));
	} else if (buf->len > XML_MAX_BYTES) {
		char *size = g_strdup_printf("more than %lld", (long long)XML_MAX_BYTES);
		diag_emit_file(r->dc, DIAG_FILE_TOO_BIG, r->file, 0, 0, size, (long long)XML_MAX_BYTES);
		g_free(size);
	} else {
		char *b = arena_alloc(r->a, buf->len + 1);
		memcpy(b, buf->data, buf->len);
		b[buf->len] = 0;
		r->buf = b;
		r->len = buf->len;
		ok = true;
	}
	g_byte_array_free(buf, TRUE);
	return ok;
}

xmlDocPtr xml_parse_reader(reader *r, const char *path)
{
	if (!r->buf && !read_input(r, path))
		return NULL;
	index_lines(r);
	if (!check_encoding(r))
		return NULL;

	xmlParserCtxtPtr pc = xmlNewParserCtxt();
	pc->_private = r;
	pc->sax->internalSubset = on_internal_subset;
	pc->sax->externalSubset = on_internal_subset;
	pc->sax->entityDecl = on_entity_decl;
	pc->sax->serror = on_parse_error;
	pc->userData = pc;
	xmlSetStructuredErrorFunc(r, on_error);
	/* No NOENT (entities are never substituted), no DTDLOAD/DTDATTR (nothing
	 * fetched), NONET belt and braces; libxml2's own limits (no XML_PARSE_HUGE)
	 * bound text nodes and nesting. */
	xmlDocPtr doc = xmlCtxtReadMemory(pc, r->buf, (int)r->len, r->file, "UTF-8",
					  XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING);
	bool ok = pc->wellFormed && !r->stopped;
	xmlFreeParserCtxt(pc);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!ok || !doc) {
		if (doc)
			xmlFreeDoc(doc);
		if (r->dc->nerrors == 0)
			diag_emit_file(r->dc, DIAG_XML_SYNTAX, r->file, 1, 1, "the file is not well-formed XML");
		return NULL;
	}
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root && !check_tree(r, root)) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

void *xml_parse_safely(const char *path, diag_ctx *dc)
{
	arena *a = arena_new();
	reader r = {.dc = dc, .a = a, .file = path};
	xmlDocPtr doc = xml_parse_reader(&r, path);
	if (r.lines)
		g_array_free(r.lines, TRUE);
	arena_free(a);
	return doc;
}

bool xml_validate(reader *r, xmlDocPtr doc, const char *schema_path)
{
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(schema_path);
	xmlRelaxNGPtr schema = pc ? xmlRelaxNGParse(pc) : NULL;
	if (!schema) {
		char *m = g_strdup_printf("cannot load the schema %s", schema_path);
		diag_emit_file(r->dc, DIAG_TEMPLATE, NULL, 0, 0, m);
		g_free(m);
		if (pc)
			xmlRelaxNGFreeParserCtxt(pc);
		return false;
	}
	xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
	xmlRelaxNGSetValidStructuredErrors(vc, on_error, r);
	int rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	xmlRelaxNGFree(schema);
	xmlRelaxNGFreeParserCtxt(pc);
	if (rc != 0 && r->dc->nerrors == 0)
		diag_emit_file(r->dc, DIAG_XML_SCHEMA, r->file, 1, 1, "the statement does not match the schema");
	return rc == 0;
}

