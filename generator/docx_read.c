/* docx_read.c — a Word document read safely: the zip through minizip with
 * limits on entries, sizes and compression ratio, no entry outside the
 * archive's root; each XML part through libxml2 without network, DTD or
 * entities.  WordprocessingML becomes dx_blocks (docx_read.h): headings by
 * style or outline level, lists by numPr, bold, italic, superscript, external
 * links, tables with header rows, footnotes.  Everything else is reported. */
#include "docx_read.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define R_NS_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

typedef struct {
	char *name;
	int heading; /* 1..9, 0 none, -1 not known (look at basedOn) */
	bool title;
	char *based_on;
	int num_id, ilvl; /* numPr of the style; num_id -1: none */
	int b, i, sup;    /* run properties: -1 not set */
} style;

typedef struct {
	char *target;
	bool external;
} rel;

typedef struct {
	diag_ctx *dc;
	const char *path;
	unzFile z;
	GHashTable *entries; /* name -> unz64_file_pos* */
	size_t total;        /* bytes read from all parts */
	GHashTable *styles;  /* styleId -> style* */
	GHashTable *rels;    /* rId -> rel* */
	GHashTable *num_abs; /* numId -> abstractNumId */
	GHashTable *num_fmt; /* "abstractNumId:ilvl" -> numFmt */
	GHashTable *footnotes, *endnotes, *comments; /* id -> xmlNode* */
	xmlDoc *docs[8];
	int ndocs;
	char *where;   /* "FILE:word/document.xml" */
	const char *cur_where;
	int para;      /* current paragraph number */
	int nnotes;    /* footnotes numbered so far */
	GPtrArray *notes; /* notes referenced by the current block */
	bool failed;
} rd;

/* ---- Zip ------------------------------------------------------------- */

static bool bad_name(const char *n)
{
	if (n[0] == '/' || n[0] == '\\' || (g_ascii_isalpha(n[0]) && n[1] == ':'))
		return true;
	char **parts = g_strsplit_set(n, "/\\", -1);
	bool bad = false;
	for (char **p = parts; *p; p++)
		if (!strcmp(*p, ".."))
			bad = true;
	g_strfreev(parts);
	return bad;
}

static bool zip_open(rd *r)
{
	r->z = unzOpen64(r->path);
	if (!r->z) {
		const char *why = g_file_test(r->path, G_FILE_TEST_EXISTS) ? "it is not a zip archive" : "no such file";
		diag_emit_file(r->dc, DIAG_DOCX_OPEN, r->path, 0, 0, why);
		return false;
	}
	unz_global_info64 gi;
	if (unzGetGlobalInfo64(r->z, &gi) != UNZ_OK) {
		diag_emit_file(r->dc, DIAG_DOCX_OPEN, r->path, 0, 0, "its table of contents cannot be read");
		return false;
	}
	if (gi.number_entry > DOCX_MAX_ENTRIES) {
		diag_emit_file(r->dc, DIAG_DOCX_ENTRIES, r->path, 0, 0, DOCX_MAX_ENTRIES);
		return false;
	}
	r->entries = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	int n = 0;
	for (int e = unzGoToFirstFile(r->z); e == UNZ_OK; e = unzGoToNextFile(r->z)) {
		if (++n > DOCX_MAX_ENTRIES) {
			diag_emit_file(r->dc, DIAG_DOCX_ENTRIES, r->path, 0, 0, DOCX_MAX_ENTRIES);
			return false;
		}
		char name[1024];
		unz_file_info64 fi;
		if (unzGetCurrentFileInfo64(r->z, &fi, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK) {
			diag_emit_file(r->dc, DIAG_DOCX_OPEN, r->path, 0, 0, "an entry's header cannot be read");
			return false;
		}
		if (fi.size_filename >= sizeof name) {
			diag_emit_file(r->dc, DIAG_DOCX_OPEN, r->path, 0, 0, "an entry's name is over 1,000 bytes long");
			return false;
		}
		if (bad_name(name)) {
			char *esc = g_strescape(name, NULL);
			diag_emit_file(r->dc, DIAG_DOCX_PATH, r->path, 0, 0, esc);
			g_free(esc);
			return false;
		}
		unz64_file_pos *pos = g_new(unz64_file_pos, 1);
		unzGetFilePos64(r->z, pos);
		g_hash_table_replace(r->entries, g_strdup(name), pos);
	}
	return true;
}

/* The part's bytes, NUL-terminated; NULL when absent (*missing) or refused. */
static char *zip_part(rd *r, const char *name, size_t *len, bool *missing)
{
	*missing = false;
	unz64_file_pos *pos = g_hash_table_lookup(r->entries, name);
	if (!pos) {
		*missing = true;
		return NULL;
	}
	unz_file_info64 fi;
	if (unzGoToFilePos64(r->z, pos) != UNZ_OK ||
	    unzGetCurrentFileInfo64(r->z, &fi, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK) {
		diag_emit_file(r->dc, DIAG_DOCX_CORRUPT, r->path, 0, 0, name, "its header cannot be read");
		return NULL;
	}
	if (fi.flag & 1) {
		diag_emit_file(r->dc, DIAG_DOCX_ENCRYPTED, r->path, 0, 0, name);
		return NULL;
	}
	char big[32];
	if (fi.uncompressed_size > DOCX_MAX_PART) {
		g_snprintf(big, sizeof big, "%llu", (unsigned long long)fi.uncompressed_size);
		diag_emit_file(r->dc, DIAG_DOCX_PART_SIZE, r->path, 0, 0, name, big, DOCX_MAX_PART);
		return NULL;
	}
	if (unzOpenCurrentFile(r->z) != UNZ_OK) {
		diag_emit_file(r->dc, DIAG_DOCX_CORRUPT, r->path, 0, 0, name, "it cannot be decompressed");
		return NULL;
	}
	/* The sizes in the headers may lie: count what really comes out. */
	uint64_t limit_ratio = fi.compressed_size * DOCX_MAX_RATIO;
	GByteArray *buf = g_byte_array_new();
	char chunk[65536];
	int got;
	bool ok = true;
	while ((got = unzReadCurrentFile(r->z, chunk, sizeof chunk)) > 0) {
		g_byte_array_append(buf, (guint8 *)chunk, (guint)got);
		if (buf->len > DOCX_MAX_PART) {
			g_snprintf(big, sizeof big, "more than %d", DOCX_MAX_PART);
			diag_emit_file(r->dc, DIAG_DOCX_PART_SIZE, r->path, 0, 0, name, big, DOCX_MAX_PART);
			ok = false;
			break;
		}
		if (buf->len > 1024 * 1024 && buf->len > limit_ratio) {
			char a[32], b[32];
			g_snprintf(a, sizeof a, "%u", buf->len);
			g_snprintf(b, sizeof b, "%llu", (unsigned long long)fi.compressed_size);
			diag_emit_file(r->dc, DIAG_DOCX_BOMB, r->path, 0, 0, name, DOCX_MAX_RATIO, a, b);
			ok = false;
			break;
		}
		if (r->total + buf->len > DOCX_MAX_TOTAL) {
			diag_emit_file(r->dc, DIAG_DOCX_TOTAL, r->path, 0, 0, DOCX_MAX_TOTAL);
			ok = false;
			break;
		}
	}
	if (ok && got < 0) {
		diag_emit_file(r->dc, DIAG_DOCX_CORRUPT, r->path, 0, 0, name, "its compressed data is cut short or wrong");
		ok = false;
	}
	int crc = unzCloseCurrentFile(r->z);
	if (ok && crc == UNZ_CRCERROR) {
		diag_emit_file(r->dc, DIAG_DOCX_CORRUPT, r->path, 0, 0, name, "its checksum does not match");
		ok = false;
	}
	if (!ok) {
		g_byte_array_free(buf, TRUE);
		return NULL;
	}
	r->total += buf->len;
	*len = buf->len;
	g_byte_array_append(buf, (const guint8 *)"", 1);
	return (char *)g_byte_array_free(buf, FALSE);
}

static void first_error(void *ctx, xmlErrorPtr e)
{
	xmlError *first = ctx;
	if (first->code || !e || e->level < XML_ERR_ERROR)
		return;
	first->code = e->code;
	first->line = e->line;
	first->int2 = e->int2;
	first->message = e->message ? (char *)g_strdup(e->message) : g_strdup("cannot be parsed");
}

/* A part parsed; NULL when absent (not an error unless the caller says so)
 * or refused (r->failed). */
static xmlDoc *xml_part(rd *r, const char *name)
{
	size_t len = 0;
	bool missing;
	char *data = zip_part(r, name, &len, &missing);
	if (!data) {
		if (!missing)
			r->failed = true;
		return NULL;
	}
	char *where = g_strdup_printf("%s:%s", r->path, name);
	/* No DTD: nothing to expand, nothing to fetch. */
	if (g_strstr_len(data, (gssize)len, "<!DOCTYPE") || g_strstr_len(data, (gssize)len, "<!ENTITY")) {
		diag_emit_file(r->dc, DIAG_DOCX_DTD, where, 0, 0);
		r->failed = true;
		g_free(where);
		g_free(data);
		return NULL;
	}
	/* The first error says where the trouble starts; the last is often only
	 * "Premature end of data". */
	xmlError first = {0};
	xmlSetStructuredErrorFunc(&first, first_error);
	xmlDoc *doc = xmlReadMemory(data, (int)len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc || first.code) {
		if (doc)
			xmlFreeDoc(doc);
		doc = NULL;
		const xmlError *e = first.code ? &first : NULL;
		char *msg = g_strdup(e && e->message ? e->message : "cannot be parsed");
		g_strchomp(msg);
		diag_emit_file(r->dc, DIAG_DOCX_XML, where, e ? e->line : 0, e ? e->int2 : 0, msg);
		g_free(msg);
		g_free(first.message);
		r->failed = true;
	} else if (r->ndocs < (int)G_N_ELEMENTS(r->docs)) {
		r->docs[r->ndocs++] = doc;
	}
	g_free(where);
	g_free(data);
	return doc;
}

/* ---- WordprocessingML helpers --------------------------------------- */

static bool isw(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->name, name) &&
	       (!strcmp((const char *)n->ns->href, W_NS) || !strcmp((const char *)n->ns->href, W_NS_STRICT));
}

static bool local_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNode *wchild(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (isw(c, name))
			return c;
	return NULL;
}

/* An attribute in the w: namespace (or none); g_free the result. */
static char *wattr(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)W_NS);
	if (!v)
		v = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)W_NS_STRICT);
	if (!v)
		v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *r = v ? g_strdup((const char *)v) : NULL;
	xmlFree(v);
	return r;
}

static char *rattr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)R_NS);
	if (!v)
		v = xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)R_NS_STRICT);
	char *r = v ? g_strdup((const char *)v) : NULL;
	xmlFree(v);
	return r;
}

static int wint(const xmlNode *n, const char *name, int dflt)
{
	char *v = wattr(n, name);
	int r = v ? atoi(v) : dflt;
	g_free(v);
	return r;
}

/* An on/off property (<w:b/>, <w:b w:val="false"/>): -1 when absent. */
static int onoff(const xmlNode *props, const char *name)
{
	xmlNode *p = wchild(props, name);
	if (!p)
		return -1;
	char *v = wattr(p, "val");
	int on = !v || !(strcmp(v, "0") && strcmp(v, "false") && strcmp(v, "off"));
	g_free(v);
	return on;
}

static int sup_of(const xmlNode *rpr)
{
	xmlNode *va = wchild(rpr, "vertAlign");
	if (!va)
		return -1;
	char *v = wattr(va, "val");
	int r = v && !strcmp(v, "superscript");
	g_free(v);
	return r;
}

static void style_free(gpointer p)
{
	style *s = p;
	g_free(s->name);
	g_free(s->based_on);
	g_free(s);
}

static void read_styles(rd *r, xmlDoc *doc)
{
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (!isw(c, "style"))
			continue;
		char *id = wattr(c, "styleId");
		if (!id)
			continue;
		style *s = g_new0(style, 1);
		xmlNode *nm = wchild(c, "name");
		char *name = nm ? wattr(nm, "val") : NULL;
		s->name = name ? g_ascii_strdown(name, -1) : g_strdup("");
		g_free(name);
		xmlNode *bo = wchild(c, "basedOn");
		s->based_on = bo ? wattr(bo, "val") : NULL;
		s->heading = -1;
		int lvl;
		if (sscanf(s->name, "heading %d", &lvl) == 1 && lvl >= 1 && lvl <= 9)
			s->heading = lvl;
		s->title = !strcmp(s->name, "title");
		xmlNode *ppr = wchild(c, "pPr");
		xmlNode *ol = wchild(ppr, "outlineLvl");
		if (ol && s->heading < 0) {
			int v = wint(ol, "val", 9);
			s->heading = v >= 0 && v < 9 ? v + 1 : 0;
		}
		xmlNode *np = wchild(ppr, "numPr");
		s->num_id = np ? wint(wchild(np, "numId"), "val", -1) : -1;
		s->ilvl = np ? wint(wchild(np, "ilvl"), "val", 0) : 0;
		xmlNode *rpr = wchild(c, "rPr");
		s->b = onoff(rpr, "b");
		s->i = onoff(rpr, "i");
		s->sup = sup_of(rpr);
		g_hash_table_replace(r->styles, id, s);
	}
}

static const style *style_get(rd *r, const char *id) { return id ? g_hash_table_lookup(r->styles, id) : NULL; }

/* The heading level of a paragraph style, following basedOn (at most 20 deep: cycles). */
static int style_heading(rd *r, const char *id, bool *title)
{
	for (int d = 0; d < 20; d++) {
		const style *s = style_get(r, id);
		if (!s)
			return 0;
		if (s->title)
			*title = true;
		if (s->heading >= 0)
			return s->heading;
		id = s->based_on;
	}
	return 0;
}

static void style_num(rd *r, const char *id, int *num, int *ilvl)
{
	for (int d = 0; d < 20; d++) {
		const style *s = style_get(r, id);
		if (!s)
			return;
		if (s->num_id >= 0) {
			*num = s->num_id;
			*ilvl = s->ilvl;
			return;
		}
		id = s->based_on;
	}
}

static int style_prop(rd *r, const char *id, size_t off)
{
	for (int d = 0; d < 20; d++) {
		const style *s = style_get(r, id);
		if (!s)
			return 0;
		int v = *(const int *)((const char *)s + off);
		if (v >= 0)
			return v;
		id = s->based_on;
	}
	return 0;
}

static void rel_free(gpointer p)
{
	rel *l = p;
	g_free(l->target);
	g_free(l);
}

static void read_rels(rd *r, xmlDoc *doc)
{
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (!local_is(c, "Relationship"))
			continue;
		xmlChar *id = xmlGetProp(c, (const xmlChar *)"Id");
		xmlChar *t = xmlGetProp(c, (const xmlChar *)"Target");
		xmlChar *m = xmlGetProp(c, (const xmlChar *)"TargetMode");
		if (id && t) {
			rel *l = g_new0(rel, 1);
			l->target = g_strdup((const char *)t);
			l->external = m && !strcmp((const char *)m, "External");
			g_hash_table_replace(r->rels, g_strdup((const char *)id), l);
		}
		xmlFree(id);
		xmlFree(t);
		xmlFree(m);
	}
}

static void read_numbering(rd *r, xmlDoc *doc)
{
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (isw(c, "abstractNum")) {
			int a = wint(c, "abstractNumId", -1);
			for (xmlNode *l = c->children; l; l = l->next)
				if (isw(l, "lvl")) {
					char *f = wattr(wchild(l, "numFmt"), "val");
					g_hash_table_replace(r->num_fmt, g_strdup_printf("%d:%d", a, wint(l, "ilvl", 0)),
							     f ? f : g_strdup("decimal"));
				}
		} else if (isw(c, "num")) {
			int a = wint(wchild(c, "abstractNumId"), "val", -1);
			g_hash_table_replace(r->num_abs, GINT_TO_POINTER(wint(c, "numId", -1) + 1), GINT_TO_POINTER(a + 1));
		}
	}
}

static bool num_ordered(rd *r, int num, int ilvl)
{
	int a = GPOINTER_TO_INT(g_hash_table_lookup(r->num_abs, GINT_TO_POINTER(num + 1))) - 1;
	char *key = g_strdup_printf("%d:%d", a, ilvl);
	const char *f = g_hash_table_lookup(r->num_fmt, key);
	g_free(key);
	return f && strcmp(f, "bullet") && strcmp(f, "none");
}

static void read_notes(xmlDoc *doc, const char *elem, GHashTable *into)
{
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next)
		if (isw(c, elem)) {
			char *type = wattr(c, "type"), *id = wattr(c, "id");
			if (id && (!type || !strcmp(type, "normal")))
				g_hash_table_replace(into, id, c);
			else
				g_free(id); /* a note without an id: nothing can refer to it */
			g_free(type);
		}
}

/* ---- Inline content -------------------------------------------------- */

typedef struct {
	bool b, i, sup;
	const char *href;
} fmt;

typedef struct {
	GString *inl, *plain;
	fmt open;   /* the formatting whose tags are open in inl */
	bool any;   /* a tag is open */
	GString *ins, *del; /* tracked changes seen in this paragraph */
	char *field_href;   /* inside a HYPERLINK field's result */
	int field_depth;
	bool in_field_result, in_field_code;
	GString *instr;
} inl_out;

static void close_fmt(inl_out *o)
{
	if (!o->any)
		return;
	if (o->open.sup)
		g_string_append(o->inl, "</sup>");
	if (o->open.i)
		g_string_append(o->inl, "</i>");
	if (o->open.b)
		g_string_append(o->inl, "</b>");
	if (o->open.href)
		g_string_append(o->inl, "</a>");
	o->any = false;
	o->open = (fmt){0};
}

static bool same_fmt(const fmt *a, const fmt *b)
{
	return a->b == b->b && a->i == b->i && a->sup == b->sup &&
	       (a->href == b->href || (a->href && b->href && !strcmp(a->href, b->href)));
}

static void put(inl_out *o, const fmt *f, const char *text, bool br)
{
	if (!o->any || !same_fmt(&o->open, f)) {
		close_fmt(o);
		if (f->href) {
			char *h = g_markup_escape_text(f->href, -1);
			g_string_append_printf(o->inl, "<a href=\"%s\">", h);
			g_free(h);
		}
		if (f->b)
			g_string_append(o->inl, "<b>");
		if (f->i)
			g_string_append(o->inl, "<i>");
		if (f->sup)
			g_string_append(o->inl, "<sup>");
		o->open = *f;
		o->any = true;
	}
	if (br) {
		g_string_append(o->inl, "<br/>");
		g_string_append_c(o->plain, '\n');
	} else {
		char *e = g_markup_escape_text(text, -1);
		g_string_append(o->inl, e);
		g_free(e);
		g_string_append(o->plain, text);
	}
}

static void warn(rd *r, diag_code code, ...);

/* The first words of a text, for a message. */
static char *snippet(const char *s)
{
	char *c = g_strstrip(g_strdup(s));
	for (char *p = c; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	if (g_utf8_strlen(c, -1) > 60) {
		char *end = g_utf8_offset_to_pointer(c, 57);
		*end = 0;
		char *r = g_strconcat(c, "...", NULL);
		g_free(c);
		return r;
	}
	return c;
}

static void all_text(const xmlNode *n, GString *s)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (isw(c, "t") || isw(c, "delText")) {
			xmlChar *t = xmlNodeGetContent(c);
			g_string_append(s, (const char *)t);
			xmlFree(t);
		} else if (isw(c, "p") && s->len) {
			g_string_append_c(s, ' ');
			all_text(c, s);
		} else if (c->type == XML_ELEMENT_NODE) {
			all_text(c, s);
		}
	}
}

static bool has_desc(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && (!strcmp((const char *)c->name, name) || has_desc(c, name)))
			return true;
	return false;
}

/* These walks take n NULL (a missing w:body, w:sdtPr or w:sdtContent) as empty. */
static const xmlNode *find_desc(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)c->name, name))
			return c;
		const xmlNode *d = find_desc(c, name);
		if (d)
			return d;
	}
	return NULL;
}

/* An image, text box, chart or object: reported, never silently dropped. */
static void graphic(rd *r, const xmlNode *n)
{
	const xmlNode *tb = find_desc(n, "txbxContent");
	if (tb) {
		GString *s = g_string_new(NULL);
		all_text(tb, s);
		char *sn = snippet(s->str);
		warn(r, DIAG_IMPORT_TEXTBOX, sn);
		g_free(sn);
		g_string_free(s, TRUE);
	} else if (has_desc(n, "blip") || has_desc(n, "imagedata")) {
		const xmlNode *pr = find_desc(n, "docPr");
		xmlChar *d = pr ? xmlGetProp(pr, (const xmlChar *)"descr") : NULL;
		char *alt = d && *d ? g_strdup_printf(" (its alternative text: \"%s\")", (const char *)d) : g_strdup("");
		warn(r, DIAG_IMPORT_IMAGE, alt);
		g_free(alt);
		xmlFree(d);
	} else if (local_is(n, "object")) {
		warn(r, DIAG_IMPORT_OBJECT);
	} else {
		warn(r, DIAG_IMPORT_DRAWING);
	}
}

static bool web_link(const char *h)
{
	static const char *ok[] = {"http://", "https://", "mailto:", "tel:"};
	for (size_t i = 0; i < G_N_ELEMENTS(ok); i++)
		if (!g_ascii_strncasecmp(h, ok[i], strlen(ok[i])))
			return true;
	return false;
}

/* A link target kept only when it is external and a web link; else reported. */
static const char *link_target(rd *r, const char *target, bool external, const char *anchor)
{
	if (anchor && !target) {
		warn(r, DIAG_IMPORT_LINK_INTERNAL, anchor);
		return NULL;
	}
	if (!target)
		return NULL;
	if (!external && !web_link(target)) {
		warn(r, DIAG_IMPORT_LINK_INTERNAL, target);
		return NULL;
	}
	if (!web_link(target)) {
		warn(r, DIAG_IMPORT_LINK_KIND, target);
		return NULL;
	}
	return target;
}

static void inline_children(rd *r, const xmlNode *n, inl_out *o, fmt f);

static void note_ref(rd *r, const xmlNode *c, inl_out *o, fmt f, GHashTable *from);

static void run(rd *r, const xmlNode *run, inl_out *o, fmt f)
{
	xmlNode *rpr = wchild(run, "rPr");
	char *rs = rpr ? wattr(wchild(rpr, "rStyle"), "val") : NULL;
	if (rs) {
		f.b = f.b || style_prop(r, rs, G_STRUCT_OFFSET(style, b)) > 0;
		f.i = f.i || style_prop(r, rs, G_STRUCT_OFFSET(style, i)) > 0;
		f.sup = f.sup || style_prop(r, rs, G_STRUCT_OFFSET(style, sup)) > 0;
		g_free(rs);
	}
	int v;
	if ((v = onoff(rpr, "b")) >= 0)
		f.b = v;
	if ((v = onoff(rpr, "i")) >= 0)
		f.i = v;
	if ((v = sup_of(rpr)) >= 0)
		f.sup = v;
	if (o->field_href && o->in_field_result && !f.href)
		f.href = o->field_href;
	for (const xmlNode *c = run->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || isw(c, "rPr"))
			continue;
		if (isw(c, "t")) {
			if (o->in_field_code)
				continue;
			xmlChar *t = xmlNodeGetContent(c);
			if (*t)
				put(o, &f, (const char *)t, false);
			xmlFree(t);
		} else if (isw(c, "tab") || isw(c, "ptab")) {
			put(o, &f, " ", false);
		} else if (isw(c, "br") || isw(c, "cr")) {
			char *type = wattr(c, "type");
			if (!type || !strcmp(type, "textWrapping"))
				put(o, &f, NULL, true);
			g_free(type);
		} else if (isw(c, "noBreakHyphen")) {
			put(o, &f, "\u2011", false);
		} else if (isw(c, "delText")) {
			xmlChar *t = xmlNodeGetContent(c);
			g_string_append(o->del, (const char *)t);
			xmlFree(t);
		} else if (isw(c, "instrText")) {
			xmlChar *t = xmlNodeGetContent(c);
			g_string_append(o->instr, (const char *)t);
			xmlFree(t);
		} else if (isw(c, "fldChar")) {
			char *type = wattr(c, "fldCharType");
			if (type && !strcmp(type, "begin")) {
				g_string_truncate(o->instr, 0);
				o->in_field_code = true;
			} else if (type && !strcmp(type, "separate")) {
				o->in_field_code = false;
				o->in_field_result = true;
				/* HYPERLINK "url": the result is the link's text. */
				const char *h = strstr(o->instr->str, "HYPERLINK");
				if (h) {
					const char *q = strchr(h, '"');
					const char *e = q ? strchr(q + 1, '"') : NULL;
					if (e) {
						char *url = g_strndup(q + 1, (gsize)(e - q - 1));
						const char *t = link_target(r, url, true, NULL);
						g_free(o->field_href);
						o->field_href = t ? g_strdup(t) : NULL;
						g_free(url);
						if (o->field_href)
							f.href = o->field_href;
					}
				}
			} else if (type && !strcmp(type, "end")) {
				o->in_field_code = o->in_field_result = false;
				if (o->field_href && f.href == o->field_href)
					f.href = NULL;
				close_fmt(o);
				g_free(o->field_href);
				o->field_href = NULL;
			}
			g_free(type);
		} else if (isw(c, "drawing") || isw(c, "pict") || isw(c, "object")) {
			graphic(r, c);
		} else if (local_is(c, "AlternateContent")) {
			const xmlNode *ch = c->children;
			while (ch && ch->type != XML_ELEMENT_NODE)
				ch = ch->next;
			if (ch)
				graphic(r, ch);
		} else if (isw(c, "footnoteReference")) {
			note_ref(r, c, o, f, r->footnotes);
		} else if (isw(c, "endnoteReference")) {
			note_ref(r, c, o, f, r->endnotes);
		} else if (isw(c, "commentReference")) {
			char *id = wattr(c, "id");
			const xmlNode *cm = id ? g_hash_table_lookup(r->comments, id) : NULL;
			GString *s = g_string_new(NULL);
			if (cm)
				all_text(cm, s);
			char *sn = snippet(s->str);
			warn(r, DIAG_IMPORT_COMMENT, sn);
			g_free(sn);
			g_string_free(s, TRUE);
			g_free(id);
		} else if (isw(c, "sym")) {
			char *font = wattr(c, "font"), *ch = wattr(c, "char");
			warn(r, DIAG_IMPORT_SYMBOL, font ? font : "?", ch ? ch : "?");
			g_free(font);
			g_free(ch);
		}
		/* Others (lastRenderedPageBreak, softHyphen, separators) carry no text. */
	}
}

static void note_ref(rd *r, const xmlNode *c, inl_out *o, fmt f, GHashTable *from)
{
	char *id = wattr(c, "id");
	const xmlNode *fn = id ? g_hash_table_lookup(from, id) : NULL;
	g_free(id);
	int n = ++r->nnotes;
	char num[16];
	g_snprintf(num, sizeof num, "%d", n);
	fmt s = f;
	s.sup = true;
	put(o, &s, num, false);
	/* The note's own text, its paragraphs joined by line breaks. */
	inl_out no = {g_string_new(NULL), g_string_new(NULL), {0}, false, g_string_new(NULL), g_string_new(NULL),
		      NULL, 0, false, false, g_string_new(NULL)};
	fmt sup = {.sup = true};
	put(&no, &sup, num, false);
	put(&no, &(fmt){0}, " ", false);
	bool first = true;
	for (const xmlNode *p = fn ? fn->children : NULL; p; p = p->next) {
		if (!isw(p, "p"))
			continue;
		if (!first)
			put(&no, &(fmt){0}, NULL, true);
		first = false;
		inline_children(r, p, &no, (fmt){0});
	}
	close_fmt(&no);
	g_ptr_array_add(r->notes, g_string_free(no.inl, FALSE));
	g_string_free(no.plain, TRUE);
	g_string_free(no.ins, TRUE);
	g_string_free(no.del, TRUE);
	g_string_free(no.instr, TRUE);
	g_free(no.field_href);
}

static void inline_children(rd *r, const xmlNode *n, inl_out *o, fmt f)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || isw(c, "pPr"))
			continue;
		if (isw(c, "r")) {
			run(r, c, o, f);
		} else if (isw(c, "hyperlink")) {
			char *id = rattr(c, "id"), *anchor = wattr(c, "anchor");
			const rel *l = id ? g_hash_table_lookup(r->rels, id) : NULL;
			fmt g = f;
			const char *t = link_target(r, l ? l->target : NULL, l && l->external, anchor);
			if (t)
				g.href = t;
			inline_children(r, c, o, g);
			g_free(id);
			g_free(anchor);
		} else if (isw(c, "ins") || isw(c, "moveTo")) {
			size_t before = o->plain->len;
			inline_children(r, c, o, f);
			g_string_append(o->ins, o->plain->str + before);
		} else if (isw(c, "del") || isw(c, "moveFrom")) {
			GString *s = g_string_new(NULL);
			all_text(c, s);
			g_string_append(o->del, s->str);
			g_string_free(s, TRUE);
		} else if (local_is(c, "oMath") || local_is(c, "oMathPara")) {
			warn(r, DIAG_IMPORT_EQUATION);
		} else if (isw(c, "fldSimple")) {
			char *instr = wattr(c, "instr");
			fmt g = f;
			const char *h = instr ? strstr(instr, "HYPERLINK") : NULL;
			const char *q = h ? strchr(h, '"') : NULL;
			const char *e = q ? strchr(q + 1, '"') : NULL;
			char *url = e ? g_strndup(q + 1, (gsize)(e - q - 1)) : NULL;
			char *keep = NULL;
			if (url) {
				const char *t = link_target(r, url, true, NULL);
				if (t)
					g.href = keep = g_strdup(t);
			}
			inline_children(r, c, o, g);
			close_fmt(o);
			g_free(keep);
			g_free(url);
			g_free(instr);
		} else if (isw(c, "sdt")) {
			inline_children(r, wchild(c, "sdtContent"), o, f);
		} else if (isw(c, "smartTag") || isw(c, "customXml") || isw(c, "dir") || isw(c, "bdo")) {
			inline_children(r, c, o, f);
		} else if (local_is(c, "AlternateContent")) {
			const xmlNode *ch = c->children;
			while (ch && ch->type != XML_ELEMENT_NODE)
				ch = ch->next;
			if (ch)
				inline_children(r, ch, o, f);
		}
		/* bookmarks, proofErr, permStart, commentRange*: no text. */
	}
}

static void warn(rd *r, diag_code code, ...)
{
	/* diag_emit_file with va_list: build the message through the catalogue by
	 * re-emitting; the only varargs here are strings and ints. */
	va_list ap;
	va_start(ap, code);
	const char *a = NULL, *b = NULL;
	int i = 0;
	switch (code) {
	case DIAG_IMPORT_TOC:
		i = va_arg(ap, int);
		diag_emit_file(r->dc, code, r->cur_where, r->para, -1, i);
		break;
	case DIAG_IMPORT_LONG_HEADING:
		i = va_arg(ap, int);
		a = va_arg(ap, const char *);
		diag_emit_file(r->dc, code, r->cur_where, r->para, -1, i, PPS_TITLE_MAX_CHARS, a);
		break;
	case DIAG_IMPORT_SYMBOL:
		a = va_arg(ap, const char *);
		b = va_arg(ap, const char *);
		diag_emit_file(r->dc, code, r->cur_where, r->para, -1, a, b);
		break;
	case DIAG_IMPORT_DRAWING:
	case DIAG_IMPORT_OBJECT:
	case DIAG_IMPORT_EQUATION:
	case DIAG_IMPORT_NESTED_TABLE:
	case DIAG_IMPORT_EMBEDDED_DOC:
		diag_emit_file(r->dc, code, r->cur_where, r->para, -1);
		break;
	default:
		a = va_arg(ap, const char *);
		diag_emit_file(r->dc, code, r->cur_where, r->para, -1, a);
		break;
	}
	va_end(ap);
}

/* ---- Blocks ---------------------------------------------------------- */

static void text_free(dx_text *t)
{
	g_free(t->inl);
	g_free(t->plain);
	g_free(t->plain_en);
}

void dx_block_free(gpointer p)
{
	dx_block *b = p;
	text_free(&b->text);
	if (b->table) {
		for (int i = 0; i < b->table->nrows * b->table->ncols; i++)
			text_free(&b->table->cells[i]);
		text_free(&b->table->caption);
		g_free(b->table->cells);
		g_free(b->table);
	}
	if (b->notes)
		g_ptr_array_free(b->notes, TRUE);
	g_free(b);
}

/* One paragraph's inline content (tracked changes reported). */
static dx_text para_text(rd *r, const xmlNode *p)
{
	inl_out o = {g_string_new(NULL), g_string_new(NULL), {0}, false, g_string_new(NULL), g_string_new(NULL),
		     NULL, 0, false, false, g_string_new(NULL)};
	inline_children(r, p, &o, (fmt){0});
	close_fmt(&o);
	if (o.ins->len) {
		char *s = snippet(o.ins->str);
		warn(r, DIAG_IMPORT_INSERTED, s);
		g_free(s);
	}
	if (o.del->len) {
		char *s = snippet(o.del->str);
		warn(r, DIAG_IMPORT_DELETED, s);
		g_free(s);
	}
	g_string_free(o.ins, TRUE);
	g_string_free(o.del, TRUE);
	g_string_free(o.instr, TRUE);
	g_free(o.field_href);
	return (dx_text){.inl = g_string_free(o.inl, FALSE), .plain = g_string_free(o.plain, FALSE), .span = 1};
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!g_ascii_isspace(*s))
			return false;
	return true;
}

static dx_block *new_block(rd *r, dx_kind k)
{
	dx_block *b = g_new0(dx_block, 1);
	b->kind = k;
	b->para = r->para;
	b->ilvl = -1;
	b->notes = r->notes;
	r->notes = g_ptr_array_new_with_free_func(g_free);
	return b;
}

static void paragraph(rd *r, const xmlNode *p, GPtrArray *out)
{
	r->para++;
	dx_text t = para_text(r, p);
	if (blank(t.plain) && !r->notes->len) {
		text_free(&t);
		return;
	}
	dx_block *b = new_block(r, DX_PARA);
	b->para = r->para;
	b->text = t;
	xmlNode *ppr = wchild(p, "pPr");
	char *sid = ppr ? wattr(wchild(ppr, "pStyle"), "val") : NULL;
	b->heading = style_heading(r, sid, &b->title);
	xmlNode *ol = wchild(ppr, "outlineLvl");
	if (ol) {
		int v = wint(ol, "val", 9);
		b->heading = v >= 0 && v < 9 ? v + 1 : 0;
	}
	int num = -1, ilvl = 0;
	style_num(r, sid, &num, &ilvl);
	xmlNode *np = wchild(ppr, "numPr");
	if (np) {
		num = wint(wchild(np, "numId"), "val", num);
		ilvl = wint(wchild(np, "ilvl"), "val", ilvl);
	}
	int chars = (int)g_utf8_strlen(t.plain, -1);
	if ((b->heading || b->title) && chars > PPS_TITLE_MAX_CHARS) {
		/* A whole paragraph styled as a heading: no title, and the
		 * statement would refuse it as one. */
		char *s = snippet(t.plain);
		warn(r, DIAG_IMPORT_LONG_HEADING, chars, s);
		g_free(s);
		b->heading = 0;
		b->title = false;
	}
	const style *st = style_get(r, sid);
	char *jc = wattr(wchild(ppr, "jc"), "val");
	b->caption = !b->heading && !b->title && ((st && !strcmp(st->name, "caption")) || (jc && !strcmp(jc, "center")));
	g_free(jc);
	if (num > 0 && !b->heading && !b->title) {
		b->num_id = num;
		b->ilvl = CLAMP(ilvl, 0, 8);
		b->ordered = num_ordered(r, num, ilvl);
	}
	g_free(sid);
	g_ptr_array_add(out, b);
}

static void cell_text(rd *r, const xmlNode *tc, GString *inl, GString *plain);

static void cell_children(rd *r, const xmlNode *n, GString *inl, GString *plain)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if (isw(c, "p")) {
			r->para++;
			dx_text t = para_text(r, c);
			if (!blank(t.plain)) {
				if (plain->len) {
					g_string_append(inl, "<br/>");
					g_string_append_c(plain, '\n');
				}
				g_string_append(inl, t.inl);
				g_string_append(plain, t.plain);
			}
			text_free(&t);
		} else if (isw(c, "tbl")) {
			warn(r, DIAG_IMPORT_NESTED_TABLE);
			for (const xmlNode *tr = c->children; tr; tr = tr->next)
				if (isw(tr, "tr"))
					for (const xmlNode *tc = tr->children; tc; tc = tc->next)
						if (isw(tc, "tc"))
							cell_text(r, tc, inl, plain);
		} else if (isw(c, "sdt")) {
			cell_children(r, wchild(c, "sdtContent"), inl, plain);
		} else if (isw(c, "customXml")) {
			cell_children(r, c, inl, plain);
		}
	}
}

static void cell_text(rd *r, const xmlNode *tc, GString *inl, GString *plain) { cell_children(r, tc, inl, plain); }

static void table(rd *r, const xmlNode *tbl, GPtrArray *out)
{
	dx_block *b = new_block(r, DX_TABLE);
	b->para = r->para + 1;
	GPtrArray *rows = g_ptr_array_new(); /* GArray of dx_text per row */
	int ncols = 0, nhead = 0;
	bool head_run = true;
	for (const xmlNode *tr = tbl->children; tr; tr = tr->next) {
		if (!isw(tr, "tr"))
			continue;
		xmlNode *trpr = wchild(tr, "trPr");
		bool hdr = onoff(trpr, "tblHeader") > 0;
		if (hdr && head_run)
			nhead++;
		else
			head_run = false;
		GArray *cells = g_array_new(FALSE, TRUE, sizeof(dx_text));
		int before = wint(wchild(trpr, "gridBefore"), "val", 0);
		for (int i = 0; i < before && i < 64; i++)
			g_array_append_val(cells, ((dx_text){.inl = g_strdup(""), .plain = g_strdup(""), .span = 1}));
		for (const xmlNode *tc = tr->children; tc; tc = tc->next) {
			if (!isw(tc, "tc"))
				continue;
			GString *inl = g_string_new(NULL), *plain = g_string_new(NULL);
			cell_text(r, tc, inl, plain);
			/* A merged cell's text goes in its first column, the others stay empty. */
			int span = CLAMP(wint(wchild(wchild(tc, "tcPr"), "gridSpan"), "val", 1), 1, 64);
			dx_text t = {.inl = g_string_free(inl, FALSE), .plain = g_string_free(plain, FALSE), .span = span};
			g_array_append_val(cells, t);
			for (int i = 1; i < span; i++)
				g_array_append_val(cells, ((dx_text){.inl = g_strdup(""), .plain = g_strdup(""), .span = 0}));
		}
		if ((int)cells->len > ncols)
			ncols = (int)cells->len;
		g_ptr_array_add(rows, cells);
	}
	dx_table *t = b->table = g_new0(dx_table, 1);
	t->nrows = (int)rows->len;
	t->ncols = ncols;
	t->nhead = nhead < t->nrows ? nhead : 0;
	t->cells = g_new0(dx_text, (gsize)(t->nrows * ncols) + 1);
	for (int i = 0; i < t->nrows; i++) {
		GArray *cells = rows->pdata[i];
		for (int j = 0; j < ncols; j++)
			t->cells[i * ncols + j] = j < (int)cells->len ? g_array_index(cells, dx_text, j)
								    : (dx_text){.inl = g_strdup(""), .plain = g_strdup(""), .span = 1};
		g_array_free(cells, TRUE);
	}
	g_ptr_array_free(rows, TRUE);
	/* Notes referenced in the cells come after the table. */
	g_ptr_array_extend_and_steal(b->notes, r->notes);
	r->notes = g_ptr_array_new_with_free_func(g_free);
	/* A caption-like paragraph just before the table, not in a list and
	 * short enough for a caption, is its caption. */
	dx_block *prev = out->len ? out->pdata[out->len - 1] : NULL;
	if (t->nrows && ncols && prev && prev->kind == DX_PARA && prev->caption && prev->ilvl < 0 &&
	    g_utf8_strlen(prev->text.plain, -1) <= PPS_TITLE_MAX_CHARS) {
		t->caption = prev->text;
		prev->text = (dx_text){0};
		g_ptr_array_extend_and_steal(prev->notes, b->notes);
		b->notes = prev->notes;
		prev->notes = NULL;
		b->para = prev->para;
		g_ptr_array_remove_index(out, out->len - 1);
	}
	if (!t->nrows || !ncols)
		dx_block_free(b);
	else
		g_ptr_array_add(out, b);
}

static int count_paras(const xmlNode *n)
{
	int k = 0;
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		k += isw(c, "p") ? 1 : c->type == XML_ELEMENT_NODE ? count_paras(c) : 0;
	return k;
}

static void body(rd *r, const xmlNode *n, GPtrArray *out)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
		if (isw(c, "p")) {
			paragraph(r, c, out);
		} else if (isw(c, "tbl")) {
			table(r, c, out);
		} else if (isw(c, "sdt")) {
			const xmlNode *gal = find_desc(wchild(c, "sdtPr"), "docPartGallery");
			char *g = gal ? wattr(gal, "val") : NULL;
			if (g && strstr(g, "Table of Contents")) {
				int k = count_paras(wchild(c, "sdtContent"));
				warn(r, DIAG_IMPORT_TOC, k);
				r->para += k;
			} else {
				body(r, wchild(c, "sdtContent"), out);
			}
			g_free(g);
		} else if (isw(c, "customXml") || isw(c, "ins") || isw(c, "moveTo")) {
			body(r, c, out);
		} else if (isw(c, "del") || isw(c, "moveFrom")) {
			GString *s = g_string_new(NULL);
			all_text(c, s);
			char *sn = snippet(s->str);
			warn(r, DIAG_IMPORT_DELETED, sn);
			g_free(sn);
			g_string_free(s, TRUE);
		} else if (isw(c, "altChunk")) {
			warn(r, DIAG_IMPORT_EMBEDDED_DOC);
		} else if (local_is(c, "oMathPara")) {
			warn(r, DIAG_IMPORT_EQUATION);
		}
	}
}

dx_doc *docx_read(const char *path, diag_ctx *dc)
{
	rd r = {.dc = dc, .path = path};
	r.where = g_strdup_printf("%s:word/document.xml", path);
	r.cur_where = r.where;
	r.styles = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, style_free);
	r.rels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, rel_free);
	r.num_abs = g_hash_table_new(NULL, NULL);
	r.num_fmt = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	r.footnotes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	r.endnotes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	r.comments = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	r.notes = g_ptr_array_new_with_free_func(g_free);
	dx_doc *d = NULL;
	if (zip_open(&r)) {
		xmlDoc *doc = xml_part(&r, "word/document.xml");
		if (!doc && !r.failed) {
			diag_emit_file(dc, DIAG_DOCX_NO_BODY, path, 0, 0);
			r.failed = true;
		}
		if (!r.failed)
			read_styles(&r, xml_part(&r, "word/styles.xml"));
		if (!r.failed)
			read_rels(&r, xml_part(&r, "word/_rels/document.xml.rels"));
		if (!r.failed)
			read_numbering(&r, xml_part(&r, "word/numbering.xml"));
		if (!r.failed)
			read_notes(xml_part(&r, "word/footnotes.xml"), "footnote", r.footnotes);
		if (!r.failed)
			read_notes(xml_part(&r, "word/endnotes.xml"), "endnote", r.endnotes);
		if (!r.failed)
			read_notes(xml_part(&r, "word/comments.xml"), "comment", r.comments);
		if (!r.failed) {
			d = g_new0(dx_doc, 1);
			d->file = g_strdup(path);
			d->where = g_strdup(r.where);
			d->blocks = g_ptr_array_new_with_free_func(dx_block_free);
			xmlNode *root = xmlDocGetRootElement(doc);
			body(&r, wchild(root, "body"), d->blocks);
		}
	}
	for (int i = 0; i < r.ndocs; i++)
		xmlFreeDoc(r.docs[i]);
	if (r.z)
		unzClose(r.z);
	if (r.entries)
		g_hash_table_destroy(r.entries);
	g_hash_table_destroy(r.styles);
	g_hash_table_destroy(r.rels);
	g_hash_table_destroy(r.num_abs);
	g_hash_table_destroy(r.num_fmt);
	g_hash_table_destroy(r.footnotes);
	g_hash_table_destroy(r.endnotes);
	g_hash_table_destroy(r.comments);
	g_ptr_array_free(r.notes, TRUE);
	g_free(r.where);
	return d;
}

void dx_free(dx_doc *d)
{
	if (!d)
		return;
	g_ptr_array_free(d->blocks, TRUE);
	g_free(d->file);
	g_free(d->where);
	g_free(d);
}
