/* pdf_post.c — finishes a cairo 1.16 PDF for PDF/UA with qpdf's C API (see
 * pdf_post.h): the object edits (catalog, XMP, structure elements and the
 * merging of continued ones, annotations, pages, Info) done through qpdf
 * handles, and the file written again with them.  The content-stream half,
 * which marks unmarked content as /Artifact, is pdf_artifacts.c. */
#include "pdf_post.h"

#include <libdeflate.h>
#include <limits.h>
#include <qpdf/qpdf-c.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* The document edits, and the file written again with them                 */

/* PDF white space (PDF 32000-1 §7.2.2), for reading the xref table. */
static bool is_ws(unsigned char c) { return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }

/* One object ppsgen writes (new, or a new version of one of cairo's): its
 * number, generation and bytes [start, end) in post.upd. */
typedef struct {
	int id, gen;
	size_t start, end;
} new_obj;

typedef struct {
	qpdf_data q;
	GString *err; /* never NULL here */
	/* UTF-8 texts for XMP and Info (owned): the caller's, else cairo's Info. */
	char *title, *author, *subject, *keywords, *producer;
	char xmp_date[32]; /* 2018-02-28T00:00:00Z */
	char pdf_date[32]; /* D:20180228000000Z */
	GString *upd;      /* the objects ppsgen writes, one after another */
	GArray *objs;      /* new_obj, in the order written */
	GHashTable *dirty; /* id -> qpdf_oh of existing objects edited through qpdf */
	int next_id;       /* number for the next new object (from the input's /Size) */
	struct libdeflate_compressor *deflater; /* made on first use */
} post;

static bool failf(post *p, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static bool failf(post *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_string_vprintf(p->err, fmt, ap);
	va_end(ap);
	return false;
}

/* An error or warning from qpdf since the last check: fail with it.
 * Warnings count because qpdf warns (rather than stops) on damaged input
 * and on type mistakes in our own object edits. */
static bool qpdf_failed(post *p, const char *what)
{
	qpdf_error e = NULL;
	if (qpdf_has_error(p->q))
		e = qpdf_get_error(p->q);
	else if (qpdf_more_warnings(p->q))
		e = qpdf_next_warning(p->q);
	if (!e)
		return false;
	failf(p, "%s: %s", what, qpdf_get_error_full_text(p->q, e));
	return true;
}

/* Text fit for XML 1.0 (and so for XMP): valid UTF-8, no C0 controls
 * other than tab and newlines, no U+FFFE/U+FFFF. */
static bool xml_text_ok(const char *s)
{
	if (!g_utf8_validate(s, -1, NULL))
		return false;
	for (const char *c = s; *c; c = g_utf8_next_char(c)) {
		gunichar u = g_utf8_get_char(c);
		if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0xFFFE || u == 0xFFFF)
			return false;
	}
	return true;
}

/* A BCP 47 tag's characters: letters, digits and hyphens, 1–35 bytes. */
static bool lang_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 35)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_isalnum(s[i]) && s[i] != '-')
			return false;
	return true;
}

static bool check_elems(post *p, const pdf_post_info *info)
{
	if (info->nelems < 0 || (info->nelems > 0 && !info->elems))
		return failf(p, "element table: %d elements but no array", info->nelems);
	for (int i = 0; i < info->nelems; i++) {
		const pdf_post_elem *e = &info->elems[i];
		int up = i > 0 ? info->elems[i - 1].depth + 1 : 0;
		if (e->depth < 0 || e->depth > up)
			return failf(p, "elems[%d]: depth %d, but it can only be 0 to %d after the element before it", i,
			             e->depth, up);
		if (e->lang && !lang_ok(e->lang))
			return failf(p, "elems[%d]: language \"%s\" is not a BCP 47 tag", i, e->lang);
		if ((e->alt && !g_utf8_validate(e->alt, -1, NULL)) || (e->actual && !g_utf8_validate(e->actual, -1, NULL)) ||
		    (e->contents && !g_utf8_validate(e->contents, -1, NULL)))
			return failf(p, "elems[%d]: alt, actual or contents is not valid UTF-8", i);
		if (e->continues < 0 || e->continues > i)
			return failf(p, "elems[%d]: continues %d, but only an earlier element (1 to %d) can be continued",
			             i, e->continues, i);
		if (e->scope && strcmp(e->scope, "Column") != 0 && strcmp(e->scope, "Row") != 0 &&
		    strcmp(e->scope, "Both") != 0)
			return failf(p, "elems[%d]: scope \"%s\" is not Column, Row or Both", i, e->scope);
	}
	return true;
}

static bool check_info(post *p, const pdf_post_info *info)
{
	if (!info)
		return failf(p, "no document information given");
	if (!info->lang || !lang_ok(info->lang))
		return failf(p, "document language \"%s\" is not a BCP 47 tag",
		             info->lang ? info->lang : "(none)");
	const char *texts[] = { info->title, info->author, info->subject, info->keywords };
	const char *names[] = { "title", "author", "subject", "keywords" };
	for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
		if (texts[i] && !xml_text_ok(texts[i]))
			return failf(p, "%s is not valid UTF-8 text for XML", names[i]);
	if (!check_elems(p, info))
		return false;
	if (info->nlabels < 0 || (info->nlabels > 0 && !info->labels))
		return failf(p, "page labels: %d ranges but no array", info->nlabels);
	for (int i = 0; i < info->nlabels; i++) {
		const pdf_post_label *l = &info->labels[i];
		if (i == 0 && l->page_index != 0)
			return failf(p, "labels[0] starts at page index %d, not 0", l->page_index);
		if (i > 0 && l->page_index <= info->labels[i - 1].page_index)
			return failf(p, "labels[%d]: page index %d does not follow %d", i,
			             l->page_index, info->labels[i - 1].page_index);
		if (l->style && !strchr("DrRaA", l->style))
			return failf(p, "labels[%d]: style '%c' is not D, r, R, a or A", i, l->style);
		if (l->start < 1)
			return failf(p, "labels[%d]: start %d is below 1", i, l->start);
		if (l->prefix && !g_utf8_validate(l->prefix, -1, NULL))
			return failf(p, "labels[%d]: prefix is not valid UTF-8", i);
	}
	GDateTime *dt = g_date_time_new_from_unix_utc(info->date);
	if (!dt)
		return failf(p, "date %" G_GINT64_FORMAT " is out of range", (gint64)info->date);
	char *x = g_date_time_format(dt, "%Y-%m-%dT%H:%M:%SZ");
	char *d = g_date_time_format(dt, "D:%Y%m%d%H%M%SZ");
	g_strlcpy(p->xmp_date, x, sizeof p->xmp_date);
	g_strlcpy(p->pdf_date, d, sizeof p->pdf_date);
	g_free(x);
	g_free(d);
	g_date_time_unref(dt);
	return true;
}

/* ---- writing objects ---- */

static void obj_begin(post *p, int id, int gen)
{
	new_obj o = { id, gen, p->upd->len, 0 };
	g_array_append_val(p->objs, o);
	g_string_append_printf(p->upd, "%d %d obj\n", id, gen);
}

static void obj_end(post *p)
{
	g_string_append(p->upd, "endobj\n");
	g_array_index(p->objs, new_obj, p->objs->len - 1).end = p->upd->len;
}

/* A dictionary object, written by qpdf's own serialiser. */
static void put_dict(post *p, int id, int gen, qpdf_oh dict)
{
	obj_begin(p, id, gen);
	g_string_append(p->upd, qpdf_oh_unparse_resolved(p->q, dict));
	g_string_append_c(p->upd, '\n');
	obj_end(p);
}

/* A stream object: dict (direct; /Length is set here) and its bytes as
 * they go in the file (already encoded as dict's /Filter says). */
static void put_stream(post *p, int id, int gen, qpdf_oh dict, const void *data, size_t len)
{
	qpdf_oh_replace_key(p->q, dict, "/Length", qpdf_oh_new_integer(p->q, (long long)len));
	obj_begin(p, id, gen);
	g_string_append(p->upd, qpdf_oh_unparse_resolved(p->q, dict));
	g_string_append(p->upd, "\nstream\n");
	g_string_append_len(p->upd, data, (gssize)len);
	/* An end-of-line before endstream, outside /Length: PDF/A-2 6.1.7.1. */
	g_string_append(p->upd, "\nendstream\n");
	obj_end(p);
}

/* An existing indirect object edited through qpdf handles: written once,
 * after all edits. */
static void mark_dirty(post *p, qpdf_oh o)
{
	int id = qpdf_oh_get_object_id(p->q, o);
	if (id > 0)
		g_hash_table_insert(p->dirty, GINT_TO_POINTER(id), GUINT_TO_POINTER(o));
}

/* A new object of the update, numbered from the input's /Size on: a
 * dictionary in qpdf's object cache, so that references to it can be put in
 * other objects.  (qpdf_make_indirect_object would read every object of
 * the file first to find a free number.)  Sets *id to its number. */
static qpdf_oh new_object(post *p, int *id)
{
	*id = p->next_id++;
	qpdf_replace_object(p->q, *id, 0, qpdf_oh_new_dictionary(p->q));
	return qpdf_get_object_by_id(p->q, *id, 0);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

static void put_dirty(post *p)
{
	guint n = 0;
	gpointer *keys = g_hash_table_get_keys_as_array(p->dirty, &n);
	int *ids = g_new(int, n);
	for (guint i = 0; i < n; i++)
		ids[i] = GPOINTER_TO_INT(keys[i]);
	qsort(ids, n, sizeof *ids, cmp_int); /* the same bytes on every run */
	for (guint i = 0; i < n; i++) {
		qpdf_oh o = GPOINTER_TO_UINT(g_hash_table_lookup(p->dirty, GINT_TO_POINTER(ids[i])));
		put_dict(p, ids[i], qpdf_oh_get_generation(p->q, o), o);
	}
	g_free(ids);
	g_free(keys);
}

/* ---- the catalog, Info and XMP ---- */

/* The caller's text, else Info's (as UTF-8), else NULL; owned copy. */
static bool pick_text(post *p, qpdf_oh infod, const char *given, const char *key, char **out)
{
	if (given) {
		*out = g_strdup(given);
		return true;
	}
	*out = NULL;
	if (!qpdf_oh_is_dictionary(p->q, infod))
		return true;
	qpdf_oh v = qpdf_oh_get_key(p->q, infod, key);
	if (!qpdf_oh_is_string(p->q, v))
		return true;
	const char *s = qpdf_oh_get_utf8_value(p->q, v);
	if (!xml_text_ok(s))
		return failf(p, "Info %s of the input is not text fit for XML", key);
	*out = g_strdup(s);
	return true;
}

static void xml_escaped(GString *x, const char *s)
{
	char *e = g_markup_escape_text(s, -1);
	g_string_append(x, e);
	g_free(e);
}

static void xmp_alt(GString *x, const char *tag, const char *text)
{
	g_string_append_printf(x, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", tag);
	xml_escaped(x, text);
	g_string_append_printf(x, "</rdf:li></rdf:Alt></%s>\n", tag);
}

static void xmp_simple(GString *x, const char *tag, const char *text)
{
	g_string_append_printf(x, "   <%s>", tag);
	xml_escaped(x, text);
	g_string_append_printf(x, "</%s>\n", tag);
}

/* The XMP packet (ISO 16684-1).  The second rdf:Description declares the
 * pdfuaid schema the way PDF/A wants for schemas it does not predefine. */
static void xmp_build(GString *x, const post *p, const char *lang)
{
	g_string_append(x,
		"<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
		"<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
		" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
		"  <rdf:Description rdf:about=\"\"\n"
		"    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
		"    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
		"    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
		"    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
		"   <dc:format>application/pdf</dc:format>\n");
	xmp_alt(x, "dc:title", p->title);
	if (p->author) {
		g_string_append(x, "   <dc:creator><rdf:Seq><rdf:li>");
		xml_escaped(x, p->author);
		g_string_append(x, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (p->subject)
		xmp_alt(x, "dc:description", p->subject);
	g_string_append_printf(x, "   <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n",
	                       lang);
	if (p->keywords)
		xmp_simple(x, "pdf:Keywords", p->keywords);
	xmp_simple(x, "pdf:Producer", p->producer);
	xmp_simple(x, "xmp:CreatorTool", "ppsgen");
	xmp_simple(x, "xmp:CreateDate", p->xmp_date);
	xmp_simple(x, "xmp:ModifyDate", p->xmp_date);
	xmp_simple(x, "xmp:MetadataDate", p->xmp_date);
	g_string_append(x,
		"   <pdfuaid:part>1</pdfuaid:part>\n"
		"  </rdf:Description>\n"
		"  <rdf:Description rdf:about=\"\"\n"
		"    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
		"    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
		"    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
		"   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
		"    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
		"    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
		"    <pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>\n"
		"    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
		"     <pdfaProperty:name>part</pdfaProperty:name>\n"
		"     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
		"     <pdfaProperty:category>internal</pdfaProperty:category>\n"
		"     <pdfaProperty:description>PDF/UA version identifier</pdfaProperty:description>\n"
		"    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
		"   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
		"  </rdf:Description>\n"
		" </rdf:RDF>\n"
		"</x:xmpmeta>\n"
		"<?xpacket end=\"w\"?>");
}

static void set_text(post *p, qpdf_oh dict, const char *key, const char *utf8)
{
	if (utf8)
		qpdf_oh_replace_key(p->q, dict, key, qpdf_oh_new_unicode_string(p->q, utf8));
}

/* Info texts and dates, the XMP stream and the catalog entries.  Sets
 * *infod to the Info dictionary (a new object when the input had none). */
static bool edit_catalog(post *p, qpdf_oh root, const pdf_post_info *info, qpdf_oh *infod_out)
{
	qpdf_data q = p->q;
	qpdf_oh infod = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info");
	if (!pick_text(p, infod, info->title, "/Title", &p->title) ||
	    !pick_text(p, infod, info->author, "/Author", &p->author) ||
	    !pick_text(p, infod, info->subject, "/Subject", &p->subject) ||
	    !pick_text(p, infod, info->keywords, "/Keywords", &p->keywords) ||
	    !pick_text(p, infod, NULL, "/Producer", &p->producer))
		return false;
	if (!p->title || !*p->title)
		return failf(p, "the document has no title (PDF/UA needs dc:title)");
	if (!p->producer)
		p->producer = g_strdup("ppsgen");

	if (!qpdf_oh_is_dictionary(q, infod) || !qpdf_oh_is_indirect(q, infod)) {
		int id;
		qpdf_oh fresh = new_object(p, &id);
		if (qpdf_oh_is_dictionary(q, infod)) /* a direct Info: keep its entries */
			qpdf_replace_object(q, id, 0, infod);
		infod = fresh;
	}
	*infod_out = infod;
	set_text(p, infod, "/Title", p->title);
	set_text(p, infod, "/Author", p->author);
	set_text(p, infod, "/Subject", p->subject);
	set_text(p, infod, "/Keywords", p->keywords);
	set_text(p, infod, "/Creator", "ppsgen");
	qpdf_oh_replace_key(q, infod, "/CreationDate", qpdf_oh_new_string(q, p->pdf_date));
	qpdf_oh_replace_key(q, infod, "/ModDate", qpdf_oh_new_string(q, p->pdf_date));
	mark_dirty(p, infod);

	/* XMP, uncompressed so that tools that do not parse PDF can read it. */
	GString *xmp = g_string_new(NULL);
	xmp_build(xmp, p, info->lang);
	qpdf_oh mdd = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, mdd, "/Type", qpdf_oh_new_name(q, "/Metadata"));
	qpdf_oh_replace_key(q, mdd, "/Subtype", qpdf_oh_new_name(q, "/XML"));
	int md;
	qpdf_oh ref = new_object(p, &md);
	put_stream(p, md, 0, mdd, xmp->str, xmp->len);
	g_string_free(xmp, TRUE);
	qpdf_oh_replace_key(q, root, "/Metadata", ref);

	qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_string(q, info->lang));

	/* Keep other MarkInfo entries cairo (or a later cairo) writes. */
	qpdf_oh mark = qpdf_oh_get_key(q, root, "/MarkInfo");
	if (!qpdf_oh_is_dictionary(q, mark)) {
		mark = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, root, "/MarkInfo", mark);
	}
	qpdf_oh_replace_key(q, mark, "/Marked", qpdf_oh_new_bool(q, QPDF_TRUE));
	mark_dirty(p, mark); /* indirect in some files */

	qpdf_oh vp = qpdf_oh_get_key(q, root, "/ViewerPreferences");
	if (!qpdf_oh_is_dictionary(q, vp)) {
		vp = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, root, "/ViewerPreferences", vp);
	}
	qpdf_oh_replace_key(q, vp, "/DisplayDocTitle", qpdf_oh_new_bool(q, QPDF_TRUE));
	mark_dirty(p, vp);
	mark_dirty(p, root);
	return !qpdf_failed(p, "editing the catalog");
}

static bool edit_page_labels(post *p, qpdf_oh root, const pdf_post_info *info, int npages)
{
	qpdf_data q = p->q;
	if (info->nlabels == 0)
		return true;
	qpdf_oh nums = qpdf_oh_new_array(q);
	for (int i = 0; i < info->nlabels; i++) {
		const pdf_post_label *l = &info->labels[i];
		if (l->page_index >= npages)
			return failf(p, "labels[%d]: page index %d, but the document has %d pages", i,
			             l->page_index, npages);
		qpdf_oh d = qpdf_oh_new_dictionary(q);
		if (l->style) {
			char name[3] = { '/', l->style, 0 };
			qpdf_oh_replace_key(q, d, "/S", qpdf_oh_new_name(q, name));
		}
		if (l->prefix && *l->prefix)
			qpdf_oh_replace_key(q, d, "/P", qpdf_oh_new_unicode_string(q, l->prefix));
		if (l->start != 1)
			qpdf_oh_replace_key(q, d, "/St", qpdf_oh_new_integer(q, l->start));
		qpdf_oh_append_item(q, nums, qpdf_oh_new_integer(q, l->page_index));
		qpdf_oh_append_item(q, nums, d);
	}
	qpdf_oh labels = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, labels, "/Nums", nums);
	qpdf_oh_replace_key(q, root, "/PageLabels", labels);
	mark_dirty(p, root);
	return !qpdf_failed(p, "writing page labels");
}

/* ---- structure elements ---- */

static bool has_type(qpdf_data q, qpdf_oh dict, const char *type)
{
	return qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, dict, "/Type"), type);
}

/* Children of node (/K: one kid or an array of kids) in order. */
static int kid_count(qpdf_data q, qpdf_oh k)
{
	return qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;
}

static qpdf_oh kid_at(qpdf_data q, qpdf_oh k, int i)
{
	return qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i) : k;
}

/* Sets /Contents on every annotation the element refers to by OBJR. */
static int set_annot_contents(post *p, qpdf_oh el, const char *contents)
{
	qpdf_data q = p->q;
	qpdf_oh k = qpdf_oh_get_key(q, el, "/K");
	int n = kid_count(q, k), found = 0;
	for (int i = 0; i < n; i++) {
		qpdf_oh kid = kid_at(q, k, i);
		if (!qpdf_oh_is_dictionary(q, kid) || !has_type(q, kid, "/OBJR"))
			continue;
		qpdf_oh annot = qpdf_oh_get_key(q, kid, "/Obj");
		if (!qpdf_oh_is_dictionary(q, annot))
			continue;
		qpdf_oh_replace_key(q, annot, "/Contents", qpdf_oh_new_unicode_string(q, contents));
		mark_dirty(p, annot);
		found++;
	}
	return found;
}

static bool edit_elem(post *p, int i, qpdf_oh el, const pdf_post_elem *e)
{
	qpdf_data q = p->q;
	qpdf_oh s = qpdf_oh_get_key(q, el, "/S");
	char *type = g_strdup(qpdf_oh_is_name(q, s) ? qpdf_oh_get_name(q, s) : "/?");
	bool ok = true;
	if (e->lang)
		qpdf_oh_replace_key(q, el, "/Lang", qpdf_oh_new_string(q, e->lang));
	if (e->alt)
		qpdf_oh_replace_key(q, el, "/Alt", qpdf_oh_new_unicode_string(q, e->alt));
	if (e->actual)
		qpdf_oh_replace_key(q, el, "/ActualText", qpdf_oh_new_unicode_string(q, e->actual));
	bool spans = e->colspan > 1 || e->rowspan > 1;
	if (e->scope && strcmp(type, "/TH") != 0)
		ok = failf(p, "elems[%d] (%s): scope is only for TH elements", i, type);
	else if (spans && strcmp(type, "/TH") != 0 && strcmp(type, "/TD") != 0)
		ok = failf(p, "elems[%d] (%s): column and row spans are only for TH and TD elements", i, type);
	else if (e->scope || spans) {
		qpdf_oh a = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, a, "/O", qpdf_oh_new_name(q, "/Table"));
		if (e->scope) {
			char name[16];
			g_snprintf(name, sizeof name, "/%s", e->scope);
			qpdf_oh_replace_key(q, a, "/Scope", qpdf_oh_new_name(q, name));
		}
		if (e->colspan > 1)
			qpdf_oh_replace_key(q, a, "/ColSpan", qpdf_oh_new_integer(q, e->colspan));
		if (e->rowspan > 1)
			qpdf_oh_replace_key(q, a, "/RowSpan", qpdf_oh_new_integer(q, e->rowspan));
		qpdf_oh_replace_key(q, el, "/A", a);
	}
	if (ok && e->contents && set_annot_contents(p, el, e->contents) == 0)
		ok = failf(p, "elems[%d] (%s): contents given, but the element owns no annotation "
		              "(only a Link with something drawn has one)", i, type);
	if (e->lang || e->alt || e->actual || e->scope || spans)
		mark_dirty(p, el);
	g_free(type);
	return ok;
}

static bool wants_edit(const pdf_post_elem *e)
{
	return e->lang || e->alt || e->actual || e->scope || e->contents || e->colspan > 1 || e->rowspan > 1;
}

/* The element kids of a node, in order: the indirect objects in its /K
 * (cairo writes marked-content and object references as direct
 * dictionaries and MCIDs as integers, so only elements are indirect). */
static GArray *element_kids(post *p, qpdf_oh node)
{
	qpdf_data q = p->q;
	qpdf_oh k = qpdf_oh_get_key(q, node, "/K");
	GArray *kids = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
	/* Asking an indirect kid's type would make qpdf read it: asked last. */
	if (qpdf_oh_is_indirect(q, k)) {
		g_array_append_val(kids, k);
	} else if (qpdf_oh_is_array(q, k)) {
		int n = qpdf_oh_get_array_n_items(q, k);
		for (int i = 0; i < n; i++) {
			qpdf_oh kid = qpdf_oh_get_array_item(q, k, i);
			if (qpdf_oh_is_indirect(q, kid))
				g_array_append_val(kids, kid);
		}
	}
	return kids;
}

/* ---- merging continued elements ---- */

/* Same indirect object (both handles may be unresolved references). */
static bool same_object(qpdf_data q, qpdf_oh a, qpdf_oh b)
{
	int id = qpdf_oh_get_object_id(q, a);
	return id > 0 && id == qpdf_oh_get_object_id(q, b);
}

/* Takes the elements in `gone` (object number -> elems index + 1) out of
 * parent's /K, each found taken out of `gone`.  One pass over the kids:
 * erasing the merged elements one by one would cost a pass each (a cell
 * continued over n pages is n paragraphs under one parent). */
static void unlink_gone(post *p, qpdf_oh parent, GHashTable *gone)
{
	qpdf_data q = p->q;
	qpdf_oh k = qpdf_oh_get_key(q, parent, "/K");
	if (!qpdf_oh_is_array(q, k)) {
		if (g_hash_table_remove(gone, GINT_TO_POINTER(qpdf_oh_get_object_id(q, k)))) {
			qpdf_oh_replace_key(q, parent, "/K", qpdf_oh_new_array(q));
			mark_dirty(p, parent);
		}
		return;
	}
	int n = qpdf_oh_get_array_n_items(q, k);
	qpdf_oh kept = qpdf_oh_new_array(q);
	bool changed = false;
	for (int i = 0; i < n; i++) {
		qpdf_oh kid = qpdf_oh_get_array_item(q, k, i);
		int id = qpdf_oh_get_object_id(q, kid);
		if (id > 0 && g_hash_table_remove(gone, GINT_TO_POINTER(id)))
			changed = true;
		else
			qpdf_oh_append_item(q, kept, kid);
	}
	if (changed) {
		qpdf_oh_replace_key(q, parent, "/K", kept);
		mark_dirty(p, parent);
	}
}

/* Moves the kids of element `from` (elems[i]) to the end of element `into`'s
 * /K (merge_continued then takes `from` out of its parent): one element again.  An MCID of
 * `from`'s page becomes an /MCR with that /Pg unless `into` is on the same
 * page (ISO 32000-1 §14.7.4.2); element kids get /P `into`.  Records in
 * moved_mc (object number -> into) an element whose marked content moved,
 * for the /ParentTree. */
static bool merge_into(post *p, int i, qpdf_oh from, qpdf_oh into, GHashTable *moved_mc)
{
	qpdf_data q = p->q;
	qpdf_oh pg = qpdf_oh_get_key(q, from, "/Pg"), into_pg = qpdf_oh_get_key(q, into, "/Pg");
	bool same_page = qpdf_oh_is_dictionary(q, pg) && same_object(q, pg, into_pg);
	/* into's /K grows in place: a cell continued over many pages is merged
	 * page by page, and copying the kids so far each time is quadratic. */
	qpdf_oh merged = qpdf_oh_get_key(q, into, "/K");
	if (!qpdf_oh_is_array(q, merged)) {
		qpdf_oh one = merged;
		merged = qpdf_oh_new_array(q);
		if (!qpdf_oh_is_null(q, one))
			qpdf_oh_append_item(q, merged, one);
		qpdf_oh_replace_key(q, into, "/K", merged);
	}
	qpdf_oh fk = qpdf_oh_get_key(q, from, "/K");
	int n = qpdf_oh_is_null(q, fk) ? 0 : kid_count(q, fk);
	bool mc = false;
	for (int k = 0; k < n; k++) {
		qpdf_oh kid = kid_at(q, fk, k);
		if (qpdf_oh_is_integer(q, kid)) {
			mc = true;
			if (!same_page) {
				if (!qpdf_oh_is_dictionary(q, pg))
					return failf(p, "elems[%d] has marked content but no /Pg", i);
				qpdf_oh mcr = qpdf_oh_new_dictionary(q);
				qpdf_oh_replace_key(q, mcr, "/Type", qpdf_oh_new_name(q, "/MCR"));
				qpdf_oh_replace_key(q, mcr, "/Pg", pg);
				qpdf_oh_replace_key(q, mcr, "/MCID", kid);
				kid = mcr;
			}
		} else if (qpdf_oh_is_indirect(q, kid)) {
			qpdf_oh_replace_key(q, kid, "/P", into);
			mark_dirty(p, kid);
		} else if (qpdf_oh_is_dictionary(q, kid)) {
			/* An /MCR or /OBJR: its own /Pg, else from's. */
			mc = true;
			if (!qpdf_oh_has_key(q, kid, "/Pg") && !same_page && qpdf_oh_is_dictionary(q, pg))
				qpdf_oh_replace_key(q, kid, "/Pg", pg);
		}
		qpdf_oh_append_item(q, merged, kid);
	}
	mark_dirty(p, into);
	mark_dirty(p, merged); /* if it is an object of its own */
	if (mc)
		g_hash_table_insert(moved_mc, GINT_TO_POINTER(qpdf_oh_get_object_id(q, from)), GUINT_TO_POINTER(into));
	return true;
}

/* In the number tree node's /Nums (and its /Kids), every reference to a
 * merged element made to name the element it went into. */
static void reparent_numbers(post *p, qpdf_oh node, GHashTable *moved_mc, int depth)
{
	qpdf_data q = p->q;
	if (depth > 32)
		return;
	qpdf_oh nums = qpdf_oh_get_key(q, node, "/Nums");
	int n = qpdf_oh_is_array(q, nums) ? qpdf_oh_get_array_n_items(q, nums) : 0;
	for (int i = 1; i < n; i += 2) {
		qpdf_oh v = qpdf_oh_get_array_item(q, nums, i);
		gpointer to = g_hash_table_lookup(moved_mc, GINT_TO_POINTER(qpdf_oh_get_object_id(q, v)));
		if (to) { /* an annotation's /StructParent entry */
			qpdf_oh_set_array_item(q, nums, i, GPOINTER_TO_UINT(to));
			mark_dirty(p, node);
			continue;
		}
		if (!qpdf_oh_is_array(q, v))
			continue;
		int m = qpdf_oh_get_array_n_items(q, v);
		for (int k = 0; k < m; k++) {
			to = g_hash_table_lookup(moved_mc,
			                         GINT_TO_POINTER(qpdf_oh_get_object_id(q, qpdf_oh_get_array_item(q, v, k))));
			if (to) { /* a page's MCID k */
				qpdf_oh_set_array_item(q, v, k, GPOINTER_TO_UINT(to));
				mark_dirty(p, qpdf_oh_is_indirect(q, v) ? v : node);
			}
		}
	}
	qpdf_oh kids = qpdf_oh_get_key(q, node, "/Kids");
	n = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
	for (int i = 0; i < n; i++)
		reparent_numbers(p, qpdf_oh_get_array_item(q, kids, i), moved_mc, depth + 1);
}

/* Merges each element that continues another into it, in element order:
 * a continued element's parent may itself have been merged, so its
 * parent now is the element that one went into.  The merged elements'
 * objects, referred to by nothing now, are written as null. */
static bool merge_continued(post *p, qpdf_oh tree, const pdf_post_info *info, const int *parent, const qpdf_oh *handle)
{
	qpdf_data q = p->q;
	int n = info->nelems;
	int *into = g_new(int, n + 1); /* node -> the node it went into (itself while in the tree) */
	for (int i = 0; i <= n; i++)
		into[i] = i;
	GHashTable *moved_mc = g_hash_table_new(NULL, NULL);
	GHashTable *gone = g_hash_table_new(NULL, NULL); /* merged element's object number -> i + 1 */
	bool ok = true;
	for (int i = 0; ok && i < n; i++) {
		if (!info->elems[i].continues)
			continue;
		int node = i + 1, target = info->elems[i].continues;
		while (into[target] != target)
			target = into[target];
		ok = merge_into(p, i, handle[node], handle[target], moved_mc);
		into[node] = target;
		g_hash_table_insert(gone, GINT_TO_POINTER(qpdf_oh_get_object_id(q, handle[node])), GINT_TO_POINTER(node));
	}
	/* Each merged element out of the element its parent is now (its
	 * parent's kids may have moved too), each such parent's /K once. */
	GHashTable *parents = g_hash_table_new(NULL, NULL);
	for (int i = 0; ok && i < n; i++) {
		if (!info->elems[i].continues)
			continue;
		int up = parent[i + 1];
		while (into[up] != up)
			up = into[up];
		if (g_hash_table_add(parents, GINT_TO_POINTER(up)))
			unlink_gone(p, handle[up], gone);
	}
	g_hash_table_destroy(parents);
	if (ok && g_hash_table_size(gone)) {
		GHashTableIter it;
		gpointer key, node;
		g_hash_table_iter_init(&it, gone);
		g_hash_table_iter_next(&it, &key, &node);
		ok = failf(p, "elems[%d] continues another element but is not under the parent the element table gives it",
		           GPOINTER_TO_INT(node) - 1);
	}
	g_hash_table_destroy(gone);
	if (ok && g_hash_table_size(moved_mc))
		reparent_numbers(p, qpdf_oh_get_key(q, tree, "/ParentTree"), moved_mc, 0);
	for (int i = 0; ok && i < n; i++) {
		if (!info->elems[i].continues)
			continue;
		int id = qpdf_oh_get_object_id(q, handle[i + 1]), gen = qpdf_oh_get_generation(q, handle[i + 1]);
		qpdf_replace_object(q, id, gen, qpdf_oh_new_null(q));
		mark_dirty(p, qpdf_get_object_by_id(q, id, gen));
	}
	g_hash_table_destroy(moved_mc);
	g_free(into);
	return ok && !qpdf_failed(p, "merging continued elements");
}

/* Finds the elements to edit without reading the whole tree: the element
 * table's depths give each element's parent and its place among the
 * parent's kids, so only the /K arrays of the edited elements' ancestors
 * are read.  Each edited element's /P must then name the expected parent,
 * and each /K read must hold as many elements as the table gives the
 * node: a table that does not describe this tree fails. */
static bool edit_structure(post *p, qpdf_oh root, const pdf_post_info *info)
{
	qpdf_data q = p->q;
	qpdf_oh tree = qpdf_oh_get_key(q, root, "/StructTreeRoot");
	if (!qpdf_oh_is_dictionary(q, tree))
		return failf(p, "the PDF has no structure tree (open a Document tag first)");
	int n = info->nelems;
	const pdf_post_elem *el = info->elems;
	/* Node numbers: 0 is StructTreeRoot, i + 1 is elems[i]. */
	int *parent = g_new(int, n + 1), *place = g_new0(int, n + 1), *nkids = g_new0(int, n + 1);
	int *stack = g_new(int, n + 2);
	bool *need_kids = g_new0(bool, n + 1);
	qpdf_oh *handle = g_new0(qpdf_oh, n + 1);
	GArray **kids = g_new0(GArray *, n + 1);
	stack[0] = 0;
	for (int i = 0; i < n; i++) {
		int node = i + 1, up = stack[el[i].depth];
		parent[node] = up;
		place[node] = nkids[up]++;
		stack[el[i].depth + 1] = node;
	}
	need_kids[0] = true; /* the root's kids are always checked */
	/* Elements edited, merged or merged into: found through their ancestors. */
	bool *touched = g_new0(bool, n + 1);
	for (int i = 0; i < n; i++) {
		touched[i + 1] |= wants_edit(&el[i]) || el[i].continues;
		if (el[i].continues)
			touched[el[i].continues] = true;
	}
	for (int i = 0; i < n; i++)
		if (touched[i + 1])
			for (int a = parent[i + 1]; !need_kids[a]; a = parent[a])
				need_kids[a] = true;
	handle[0] = tree;
	bool ok = true;
	for (int node = 0; ok && node <= n; node++) {
		if (node > 0 && (need_kids[node] || touched[node])) {
			GArray *sib = kids[parent[node]];
			handle[node] = g_array_index(sib, qpdf_oh, place[node]);
			/* Where the table puts it: a structure element whose /P is the parent. */
			qpdf_oh h = handle[node];
			qpdf_oh up = qpdf_oh_get_key(q, h, "/P");
			if (!qpdf_oh_is_dictionary(q, h) || !qpdf_oh_has_key(q, h, "/S") ||
			    qpdf_oh_get_object_id(q, up) != qpdf_oh_get_object_id(q, handle[parent[node]]))
				ok = failf(p, "elems[%d]: object %d 0 R is not a structure element under the expected "
				              "parent: the element table does not match the structure tree",
				           node - 1, qpdf_oh_get_object_id(q, h));
		}
		if (ok && need_kids[node]) {
			kids[node] = element_kids(p, handle[node]);
			if ((int)kids[node]->len != nkids[node]) {
				const char *s = kids[node]->len == 1 ? "" : "s";
				if (node == 0)
					ok = failf(p, "the structure tree's root has %u child element%s, but the element "
					              "table puts %d there", kids[node]->len, s, nkids[node]);
				else
					ok = failf(p, "elems[%d] has %u child element%s in the structure tree, but %d in "
					              "the element table", node - 1, kids[node]->len, s, nkids[node]);
			}
		}
		if (ok && qpdf_failed(p, "reading the structure tree"))
			ok = false;
		if (ok && node > 0 && wants_edit(&el[node - 1]))
			ok = edit_elem(p, node - 1, handle[node], &el[node - 1]);
	}
	if (ok)
		ok = merge_continued(p, tree, info, parent, handle);
	g_free(touched);
	for (int i = 0; i <= n; i++)
		if (kids[i])
			g_array_free(kids[i], TRUE);
	g_free(kids);
	g_free(handle);
	g_free(need_kids);
	g_free(stack);
	g_free(nkids);
	g_free(place);
	g_free(parent);
	return ok && !qpdf_failed(p, "editing structure elements");
}

/* ---- pages ---- */

/* /Tabs /S (tab order follows the structure) where a page has annotations. */
static bool edit_tabs(post *p, int npages)
{
	qpdf_data q = p->q;
	for (int i = 0; i < npages; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		qpdf_oh annots = qpdf_oh_get_key(q, page, "/Annots");
		if (qpdf_oh_is_array(q, annots) && qpdf_oh_get_array_n_items(q, annots) > 0) {
			qpdf_oh_replace_key(q, page, "/Tabs", qpdf_oh_new_name(q, "/S"));
			mark_dirty(p, page);
		}
	}
	return !qpdf_failed(p, "setting /Tabs");
}

/* /CIDToGIDMap /Identity on every CIDFontType2 the pages use.  cairo 1.16
 * numbers the glyphs of its TrueType CID subsets so that CID = glyph index
 * and leaves the entry out (PDF 32000-1 §9.7.4.2 takes Identity then), but
 * PDF/UA-1 7.21.3.2 asks for it to be written.  Fonts are shared between
 * pages: each is edited once. */
static bool edit_fonts(post *p, int npages)
{
	qpdf_data q = p->q;
	GHashTable *seen = g_hash_table_new(NULL, NULL);
	for (int i = 0; i < npages; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		qpdf_oh fonts = qpdf_oh_get_key(q, qpdf_oh_get_key(q, page, "/Resources"), "/Font");
		if (!qpdf_oh_is_dictionary(q, fonts))
			continue;
		qpdf_oh_begin_dict_key_iter(q, fonts);
		GArray *type0 = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
		while (qpdf_oh_dict_more_keys(q)) {
			qpdf_oh f = qpdf_oh_get_key(q, fonts, qpdf_oh_dict_next_key(q));
			g_array_append_val(type0, f);
		}
		for (guint k = 0; k < type0->len; k++) {
			qpdf_oh f = g_array_index(type0, qpdf_oh, k);
			int id = qpdf_oh_get_object_id(q, f);
			if ((id && !g_hash_table_add(seen, GINT_TO_POINTER(id))) ||
			    !qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, f, "/Subtype"), "/Type0"))
				continue;
			qpdf_oh desc = qpdf_oh_get_key(q, f, "/DescendantFonts");
			int n = qpdf_oh_is_array(q, desc) ? qpdf_oh_get_array_n_items(q, desc) : 0;
			for (int d = 0; d < n; d++) {
				qpdf_oh cid = qpdf_oh_get_array_item(q, desc, d);
				if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, cid, "/Subtype"), "/CIDFontType2") &&
				    !qpdf_oh_has_key(q, cid, "/CIDToGIDMap")) {
					qpdf_oh_replace_key(q, cid, "/CIDToGIDMap", qpdf_oh_new_name(q, "/Identity"));
					mark_dirty(p, qpdf_oh_is_indirect(q, cid) ? cid : f);
				}
			}
		}
		g_array_free(type0, TRUE);
	}
	g_hash_table_destroy(seen);
	return !qpdf_failed(p, "editing the fonts");
}

/* A copy of a stream's dictionary without the keys that describe its
 * encoding, for the same stream re-encoded. */
static qpdf_oh stream_dict_copy(qpdf_data q, qpdf_oh stream)
{
	static const char *const drop[] = { "/Length", "/Filter", "/DecodeParms", "/DL" };
	qpdf_oh old = qpdf_oh_get_dict(q, stream), d = qpdf_oh_new_dictionary(q);
	qpdf_oh_begin_dict_key_iter(q, old);
	while (qpdf_oh_dict_more_keys(q)) {
		const char *k = qpdf_oh_dict_next_key(q);
		bool skip = false;
		for (size_t i = 0; i < G_N_ELEMENTS(drop); i++)
			skip = skip || strcmp(k, drop[i]) == 0;
		if (!skip)
			qpdf_oh_replace_key(q, d, k, qpdf_oh_get_key(q, old, k));
	}
	return d;
}

/* Writes content (decoded) as stream object id, Flate-compressed (zlib
 * format) by libdeflate at its fastest level: under a fifth of the time of
 * zlib's default level, for streams about a seventh bigger. */
static bool put_content(post *p, int id, int gen, qpdf_oh dict, const GString *content)
{
	if (!p->deflater && !(p->deflater = libdeflate_alloc_compressor(1)))
		return failf(p, "compressing a content stream: out of memory");
	size_t cap = libdeflate_zlib_compress_bound(p->deflater, content->len);
	void *z = g_malloc(cap);
	size_t zlen = libdeflate_zlib_compress(p->deflater, content->str, content->len, z, cap);
	if (zlen > 0) {
		qpdf_oh_replace_key(p->q, dict, "/Filter", qpdf_oh_new_name(p->q, "/FlateDecode"));
		put_stream(p, id, gen, dict, z, zlen);
	}
	g_free(z);
	return zlen > 0 || failf(p, "compressing a content stream failed");
}

/* Wraps one page's unmarked content.  A single content stream gets a new
 * version of the same object (once, should pages share it); an array of
 * streams is joined into one new stream, since marked content may not span
 * stream edges cleanly, and the page gets a new version pointing at it. */
static bool edit_page_content(post *p, int i, GHashTable *done, bool wrap)
{
	qpdf_data q = p->q;
	qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
	qpdf_oh contents = qpdf_oh_get_key(q, page, "/Contents");
	bool single = qpdf_oh_is_stream(q, contents);
	if (!single && !qpdf_oh_is_array(q, contents))
		return true; /* an empty page */
	int id = single ? qpdf_oh_get_object_id(q, contents) : 0;
	if (id > 0 && g_hash_table_contains(done, GINT_TO_POINTER(id)))
		return true;
	/* Stored uncompressed (see pdf_init): written again, compressed. */
	bool plain = single && !qpdf_oh_has_key(q, qpdf_oh_get_dict(q, contents), "/Filter");
	if (!wrap && !plain)
		return true;
	unsigned char *buf = NULL;
	size_t len = 0;
	QPDF_BOOL filtered = QPDF_TRUE;
	if (single)
		qpdf_oh_get_stream_data(q, contents, qpdf_dl_specialized, &filtered, &buf, &len);
	else
		qpdf_oh_get_page_content_data(q, page, &buf, &len);
	char what[64];
	g_snprintf(what, sizeof what, "page %d: reading content", i + 1);
	if (qpdf_failed(p, what)) {
		free(buf);
		return false;
	}
	if (!filtered) {
		free(buf);
		return failf(p, "page %d: content stream has a filter qpdf cannot decode", i + 1);
	}
	GString *out = g_string_sized_new(len + len / 8), *why = g_string_new(NULL);
	int n = 0;
	bool ok = true;
	if (wrap)
		ok = pdf_post_wrap_artifacts_count((const char *)buf, len, out, why, &n);
	else
		g_string_append_len(out, (const char *)buf, (gssize)len);
	free(buf);
	n += plain; /* written again when wrapped or uncompressed */
	if (!ok) {
		failf(p, "page %d: %s", i + 1, why->str);
	} else if (n > 0 && single) {
		ok = put_content(p, id, qpdf_oh_get_generation(q, contents), stream_dict_copy(q, contents), out);
	} else if (n > 0) {
		int fresh;
		qpdf_oh ref = new_object(p, &fresh);
		ok = put_content(p, fresh, 0, qpdf_oh_new_dictionary(q), out);
		qpdf_oh_replace_key(q, page, "/Contents", ref);
		mark_dirty(p, page);
	}
	if (id > 0)
		g_hash_table_add(done, GINT_TO_POINTER(id));
	g_string_free(out, TRUE);
	g_string_free(why, TRUE);
	g_snprintf(what, sizeof what, "page %d: replacing content", i + 1);
	return ok && !qpdf_failed(p, what);
}

/* With wrap, every page's unmarked content becomes artifacts; either way
 * content stored uncompressed is compressed. */
static bool edit_contents(post *p, int npages, bool wrap)
{
	GHashTable *done = g_hash_table_new(NULL, NULL);
	bool ok = true;
	for (int i = 0; ok && i < npages; i++)
		ok = edit_page_content(p, i, done, wrap);
	g_hash_table_destroy(done);
	return ok;
}

/* ---- the whole ---- */

/* The offset the input's last "startxref" gives, if it points at a classic
 * xref table (cairo's kind). */
static bool find_xref(post *p, const unsigned char *pdf, size_t len, size_t *xref_at)
{
	static const char key[] = "startxref";
	size_t k = sizeof key - 1, from = len > 1024 ? len - 1024 : 0;
	size_t at = SIZE_MAX;
	for (size_t i = from; i + k <= len; i++)
		if (memcmp(pdf + i, key, k) == 0)
			at = i;
	if (at == SIZE_MAX)
		return failf(p, "reading the PDF: no startxref near the end");
	size_t i = at + k, v = 0;
	while (i < len && is_ws(pdf[i]))
		i++;
	if (i >= len || !g_ascii_isdigit(pdf[i]))
		return failf(p, "reading the PDF: startxref has no offset");
	while (i < len && g_ascii_isdigit(pdf[i]) && v < len)
		v = v * 10 + (size_t)(pdf[i++] - '0');
	if (v + 4 > len || memcmp(pdf + v, "xref", 4) != 0)
		return failf(p, "the PDF has a cross-reference stream, not a table: only tables (as cairo "
		                "writes) are read");
	*xref_at = v;
	return true;
}

/* One of the input's objects: where its bytes start. */
typedef struct {
	size_t offset;
	int id, gen;
} old_obj;

static int cmp_offset(const void *a, const void *b)
{
	const old_obj *x = a, *y = b;
	return (x->offset > y->offset) - (x->offset < y->offset);
}

/* An unsigned decimal at *i (advanced past it), or -1. */
static long long read_uint(const unsigned char *pdf, size_t len, size_t *i)
{
	long long v = 0;
	size_t j = *i;
	if (j >= len || !g_ascii_isdigit(pdf[j]))
		return -1;
	while (j < len && g_ascii_isdigit(pdf[j]) && v < (1LL << 40))
		v = v * 10 + (pdf[j++] - '0');
	*i = j;
	return v;
}

static void skip_ws(const unsigned char *pdf, size_t len, size_t *i)
{
	while (*i < len && is_ws(pdf[*i]))
		(*i)++;
}

/* The in-use entries of the xref table at `at` (PDF 32000-1 §7.5.4), each
 * checked to point at "id gen obj" before the table. */
static bool read_xref(post *p, const unsigned char *pdf, size_t len, size_t at, GArray *olds)
{
	size_t i = at + 4;
	for (;;) {
		skip_ws(pdf, len, &i);
		if (i + 7 <= len && memcmp(pdf + i, "trailer", 7) == 0)
			break;
		long long first = read_uint(pdf, len, &i);
		skip_ws(pdf, len, &i);
		long long count = read_uint(pdf, len, &i);
		if (first < 0 || count < 0 || first + count > INT_MAX)
			return failf(p, "reading the PDF: bad xref subsection at byte %zu", i);
		for (long long k = 0; k < count; k++) {
			skip_ws(pdf, len, &i);
			long long off = read_uint(pdf, len, &i);
			skip_ws(pdf, len, &i);
			long long gen = read_uint(pdf, len, &i);
			skip_ws(pdf, len, &i);
			if (off < 0 || gen < 0 || gen > 65535 || i >= len || (pdf[i] != 'n' && pdf[i] != 'f'))
				return failf(p, "reading the PDF: bad xref entry at byte %zu", i);
			if (pdf[i++] == 'f')
				continue;
			size_t o = (size_t)off;
			long long id = read_uint(pdf, len, &o);
			skip_ws(pdf, len, &o);
			long long g = read_uint(pdf, len, &o);
			skip_ws(pdf, len, &o);
			if ((size_t)off >= at || id != first + k || g != gen || o + 3 > at || memcmp(pdf + o, "obj", 3) != 0)
				return failf(p, "reading the PDF: the xref entry of object %lld does not point at it",
				             first + k);
			old_obj e = { (size_t)off, (int)(first + k), (int)gen };
			g_array_append_val(olds, e);
		}
	}
	if (olds->len == 0)
		return failf(p, "reading the PDF: the xref table lists no objects");
	g_array_sort(olds, cmp_offset);
	return true;
}

/* The finished file: the input's header, then its objects in their order,
 * each copied byte for byte unless ppsgen wrote a new version of it (then
 * that), then the new objects, a new xref table and a trailer.  /ID is an
 * MD5 of the objects ppsgen wrote, which hold every page's content, the
 * title and the date: the same input gives the same bytes, and different
 * documents different IDs (PDF 32000-1 §14.4). */
static void assemble(post *p, const unsigned char *pdf, size_t xref_at, const GArray *olds, qpdf_oh root,
                     qpdf_oh infod, GByteArray *out)
{
	int size = p->next_id;
	const new_obj *nw = (const new_obj *)(void *)p->objs->data;
	const old_obj *od = (const old_obj *)(void *)olds->data;
	int *mine = g_new(int, (size_t)size); /* id -> index in p->objs, or -1 */
	size_t *where = g_new0(size_t, (size_t)size);
	int *gens = g_new0(int, (size_t)size);
	for (int id = 0; id < size; id++)
		mine[id] = -1;
	for (guint k = 0; k < p->objs->len; k++)
		if (nw[k].id > 0 && nw[k].id < size)
			mine[nw[k].id] = (int)k;
	g_byte_array_append(out, pdf, (guint)od[0].offset);
	for (guint k = 0; k < olds->len; k++) {
		const old_obj *o = &od[k];
		size_t end = k + 1 < olds->len ? od[k + 1].offset : xref_at;
		if (o->id >= size)
			continue;
		where[o->id] = out->len;
		if (mine[o->id] >= 0) {
			const new_obj *n = &nw[mine[o->id]];
			g_byte_array_append(out, (const guint8 *)p->upd->str + n->start, (guint)(n->end - n->start));
			gens[o->id] = n->gen;
			mine[o->id] = -1;
		} else {
			g_byte_array_append(out, pdf + o->offset, (guint)(end - o->offset));
			gens[o->id] = o->gen;
		}
	}
	for (int id = 1; id < size; id++) /* the new ones, in number order */
		if (mine[id] >= 0) {
			const new_obj *n = &nw[mine[id]];
			where[id] = out->len;
			gens[id] = n->gen;
			g_byte_array_append(out, (const guint8 *)p->upd->str + n->start, (guint)(n->end - n->start));
		}
	size_t xref = out->len;
	GString *x = g_string_sized_new(20 * (size_t)size + 256);
	g_string_append_printf(x, "xref\n0 %d\n0000000000 65535 f \n", size);
	for (int id = 1; id < size; id++) { /* "oooooooooo ggggg n \n": 20 bytes each */
		char e[21];
		if (where[id]) {
			size_t v = where[id];
			for (int k = 9; k >= 0; k--, v /= 10)
				e[k] = (char)('0' + v % 10);
			int g = gens[id];
			e[10] = ' ';
			for (int k = 15; k >= 11; k--, g /= 10)
				e[k] = (char)('0' + g % 10);
			memcpy(e + 16, " n \n", 4);
		} else {
			memcpy(e, "0000000000 65535 f \n", 20);
		}
		g_string_append_len(x, e, 20);
	}
	GChecksum *md5 = g_checksum_new(G_CHECKSUM_MD5);
	g_checksum_update(md5, (const guchar *)p->upd->str, (gssize)p->upd->len);
	const char *hash = g_checksum_get_string(md5);
	qpdf_data q = p->q;
	g_string_append_printf(x,
		"trailer\n<< /Size %d /Root %d %d R /Info %d %d R /ID [ <%s> <%s> ] >>\nstartxref\n%zu\n%%%%EOF\n",
		size, qpdf_oh_get_object_id(q, root), qpdf_oh_get_generation(q, root),
		qpdf_oh_get_object_id(q, infod), qpdf_oh_get_generation(q, infod), hash, hash, xref);
	g_byte_array_append(out, (const guint8 *)x->str, (guint)x->len);
	g_checksum_free(md5);
	g_string_free(x, TRUE);
	g_free(gens);
	g_free(where);
	g_free(mine);
}

static bool finish(post *p, const unsigned char *pdf, size_t len, const pdf_post_info *info, GByteArray *out)
{
	qpdf_data q = p->q;
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	/* A damaged input must fail, not be silently repaired. */
	qpdf_set_attempt_recovery(q, QPDF_FALSE);
	qpdf_read_memory(q, "cairo PDF", (const char *)pdf, len, NULL);
	if (qpdf_failed(p, "reading the PDF"))
		return false;
	if (qpdf_is_encrypted(q))
		return failf(p, "the PDF is encrypted");
	size_t xref_at = 0;
	GArray *olds = g_array_new(FALSE, FALSE, sizeof(old_obj));
	bool ok = find_xref(p, pdf, len, &xref_at) && read_xref(p, pdf, len, xref_at, olds);
	qpdf_oh trailer = qpdf_get_trailer(q);
	if (ok && qpdf_oh_has_key(q, trailer, "/Prev"))
		ok = failf(p, "the PDF has been updated incrementally: only a file as cairo writes it is read");
	qpdf_oh root = qpdf_get_root(q);
	int npages = qpdf_get_num_pages(q);
	qpdf_oh size = qpdf_oh_get_key(q, trailer, "/Size");
	if (ok && qpdf_failed(p, "reading the page tree"))
		ok = false;
	if (ok && (!qpdf_oh_is_dictionary(q, root) || !qpdf_oh_is_indirect(q, root) || npages < 0 ||
	           !qpdf_oh_is_integer(q, size)))
		ok = failf(p, "the PDF has no usable catalog, page tree or trailer /Size");
	qpdf_oh infod = 0;
	if (ok) {
		p->next_id = qpdf_oh_get_int_value_as_int(q, size);
		ok = edit_structure(p, root, info) && edit_catalog(p, root, info, &infod) &&
		     edit_page_labels(p, root, info, npages) && edit_tabs(p, npages) && edit_fonts(p, npages) &&
		     edit_contents(p, npages, info->artifacts);
	}
	if (ok) {
		put_dirty(p);
		ok = !qpdf_failed(p, "writing the objects");
	}
	if (ok)
		assemble(p, pdf, xref_at, olds, root, infod, out);
	g_array_free(olds, TRUE);
	return ok;
}

bool pdf_post_finish(const unsigned char *pdf, size_t len, const pdf_post_info *info,
                     GByteArray *out, GString *err)
{
	GString *scratch = err ? NULL : g_string_new(NULL);
	post p = { .err = err ? err : scratch };
	bool ok = false;
	if (!pdf || len == 0)
		failf(&p, "no PDF data");
	else if (!out)
		failf(&p, "no output buffer");
	else if (check_info(&p, info)) {
		p.q = qpdf_init();
		p.upd = g_string_new(NULL);
		p.objs = g_array_new(FALSE, FALSE, sizeof(new_obj));
		p.dirty = g_hash_table_new(NULL, NULL);
		guint before = out->len;
		ok = finish(&p, pdf, len, info, out);
		if (!ok) /* out unchanged on failure */
			g_byte_array_set_size(out, before);
		g_hash_table_destroy(p.dirty);
		g_array_free(p.objs, TRUE);
		if (p.deflater)
			libdeflate_free_compressor(p.deflater);
		g_string_free(p.upd, TRUE);
		qpdf_cleanup(&p.q);
	}
	g_free(p.title);
	g_free(p.author);
	g_free(p.subject);
	g_free(p.keywords);
	g_free(p.producer);
	if (scratch)
		g_string_free(scratch, TRUE);
	return ok;
}
