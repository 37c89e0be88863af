/* template.c — reads templates/style.xml and templates/labels.xml (template.h). */
#include "template.h"

#include <glib.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xml_read.h"

#define MM 2.834645669 /* PDF points per millimetre */

static void tpl_error(diag_ctx *dc, const char *fmt, const char *arg)
{
	char *m = g_strdup_printf(fmt, arg);
	diag_emit_file(dc, DIAG_TEMPLATE, NULL, 0, 0, m);
	g_free(m);
}

static double num(xmlNodePtr n, const char *name, double dflt, double scale, diag_ctx *dc)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return dflt;
	char *end;
	double x = g_ascii_strtod((const char *)v, &end);
	if (*end || x < 0) {
		char *m = g_strdup_printf("style.xml: %s=\"%s\" is not a number", name, (const char *)v);
		tpl_error(dc, "%s", m);
		g_free(m);
		x = dflt / scale;
	}
	xmlFree(v);
	return x * scale;
}

static void colour(xmlNodePtr n, const char *name, const char *dflt, double rgb[3], diag_ctx *dc)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *s = v ? (const char *)v : dflt;
	unsigned r, g, b;
	if (strlen(s) != 7 || sscanf(s, "#%2x%2x%2x", &r, &g, &b) != 3) {
		tpl_error(dc, "style.xml: colour \"%s\" is not #rrggbb", s);
		r = g = b = 0;
	}
	rgb[0] = r / 255.0;
	rgb[1] = g / 255.0;
	rgb[2] = b / 255.0;
	if (v)
		xmlFree(v);
}

static void read_style(pps_template *t, xmlNodePtr n, diag_ctx *dc)
{
	pps_style *s = &t->style;
	s->page_w = num(n, "page-width", 210 * MM, MM, dc);
	s->page_h = num(n, "page-height", 297 * MM, MM, dc);
	s->margin_top = num(n, "margin-top", 24 * MM, MM, dc);
	s->margin_bottom = num(n, "margin-bottom", 24 * MM, MM, dc);
	s->margin_left = num(n, "margin-left", 22 * MM, MM, dc);
	s->margin_right = num(n, "margin-right", 22 * MM, MM, dc);
	s->header_offset = num(n, "header-offset", 12 * MM, MM, dc);
	s->footer_offset = num(n, "footer-offset", 12 * MM, MM, dc);
	s->stamp_zone = num(n, "stamp-zone", 0, MM, dc);
	xmlChar *f = xmlGetProp(n, (const xmlChar *)"font");
	s->font = arena_strdup(t->arena, f ? (const char *)f : "Noto Sans");
	if (f)
		xmlFree(f);
	s->body_size = num(n, "body-size", 12, 1, dc);
	s->note_size = num(n, "note-size", 10.5, 1, dc);
	s->table_size = num(n, "table-size", 10, 1, dc);
	s->table_min_size = num(n, "table-min-size", 8, 1, dc);
	if (s->table_min_size > s->table_size)
		s->table_min_size = s->table_size;
	s->h1_size = num(n, "h1-size", 18, 1, dc);
	s->h2_size = num(n, "h2-size", 14, 1, dc);
	s->h3_size = num(n, "h3-size", 12.5, 1, dc);
	s->header_size = num(n, "header-size", 9, 1, dc);
	s->line_spacing = num(n, "line-spacing", 1.25, 1, dc);
	s->para_space = num(n, "paragraph-space", 7, 1, dc);
	colour(n, "text", "#1a1a1a", s->text, dc);
	colour(n, "primary", "#1d4f7c", s->primary, dc);
	colour(n, "rule", "#8a9bb0", s->rule, dc);
	colour(n, "table-head", "#dde6f0", s->table_head, dc);
	colour(n, "table-band", "#f3f6f9", s->table_band, dc);
	xmlChar *pn = xmlGetProp(n, (const xmlChar *)"page-numbers");
	s->page_numbers = !pn || strcmp((const char *)pn, "no") != 0;
	if (pn)
		xmlFree(pn);
}

static void read_labels(pps_template *t, xmlNodePtr root)
{
	for (xmlNodePtr n = root->children; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "label") != 0)
			continue;
		xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
		if (!id)
			continue;
		for (xmlNodePtr c = n->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			pps_lang l = strcmp((const char *)c->name, "cy") == 0 ? LANG_CY : LANG_EN;
			xmlChar *txt = xmlNodeGetContent(c);
			char *nfc = g_utf8_normalize((const char *)txt, -1, G_NORMALIZE_NFC);
			g_hash_table_replace(t->labels[l], arena_strdup(t->arena, (const char *)id),
					     arena_strdup(t->arena, nfc ? nfc : (const char *)txt));
			g_free(nfc);
			xmlFree(txt);
		}
		xmlFree(id);
	}
}

pps_template *tpl_load(const char *dir, const char *fonts_dir, diag_ctx *dc)
{
	arena *a = arena_new();
	pps_template *t = arena_alloc(a, sizeof *t);
	t->arena = a;
	t->dir = arena_strdup(a, dir);
	t->fonts_dir = arena_strdup(a, fonts_dir);
	t->schema = arena_printf(a, "%s/statement.rng", dir);
	for (int l = 0; l < LANG_N; l++)
		t->labels[l] = g_hash_table_new(g_str_hash, g_str_equal);
	int before = dc->nerrors;
	char *style = g_build_filename(dir, "style.xml", NULL);
	char *labels = g_build_filename(dir, "labels.xml", NULL);
	xmlDocPtr sd = xml_parse_safely(style, dc);
	xmlDocPtr ld = sd ? xml_parse_safely(labels, dc) : NULL;
	if (sd)
		read_style(t, xmlDocGetRootElement(sd), dc);
	if (ld)
		read_labels(t, xmlDocGetRootElement(ld));
	if (sd)
		xmlFreeDoc(sd);
	if (ld)
		xmlFreeDoc(ld);
	g_free(style);
	g_free(labels);
	if (!g_file_test(t->schema, G_FILE_TEST_EXISTS))
		tpl_error(dc, "the schema %s is missing", t->schema);
	if (dc->nerrors > before) {
		tpl_free(t);
		return NULL;
	}
	return t;
}

void tpl_free(pps_template *t)
{
	if (!t)
		return;
	for (int l = 0; l < LANG_N; l++)
		g_hash_table_destroy(t->labels[l]);
	arena_free(t->arena);
}

const char *tpl_label(const pps_template *t, pps_lang l, const char *id)
{
	/* A missing label prints as its id: visible, and the template is never
	 * written to, so threads may share it (tests check none is missing). */
	const char *s = g_hash_table_lookup(t->labels[l], id);
	return s ? s : id;
}

char *tpl_format(const pps_template *t, pps_lang l, const char *id, ...)
{
	const char *fmt = tpl_label(t, l, id);
	GString *out = g_string_new(NULL);
	for (const char *p = fmt; *p;) {
		if (*p == '{') {
			const char *e = strchr(p, '}');
			if (e) {
				char *key = g_strndup(p + 1, (gsize)(e - p - 1));
				const char *val = NULL;
				va_list ap;
				va_start(ap, id);
				for (const char *k; (k = va_arg(ap, const char *));) {
					const char *v = va_arg(ap, const char *);
					if (strcmp(k, key) == 0) {
						val = v;
						break;
					}
				}
				va_end(ap);
				g_free(key);
				if (val) {
					g_string_append(out, val);
					p = e + 1;
					continue;
				}
			}
		}
		g_string_append_c(out, *p++);
	}
	return g_string_free(out, FALSE);
}

char *tpl_date(const pps_template *t, pps_lang l, const char *iso)
{
	int y, m, d;
	if (!iso || sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12)
		return g_strdup(iso ? iso : "");
	char id[16];
	g_snprintf(id, sizeof id, "month-%d", m);
	return g_strdup_printf("%d %s %d", d, tpl_label(t, l, id), y);
}

char *tpl_year(const pps_template *t, pps_lang l, int start)
{
	char s[16], e[16];
	g_snprintf(s, sizeof s, "%d", start);
	g_snprintf(e, sizeof e, "%02d", (start + 1) % 100);
	return tpl_format(t, l, "year-range", "start", s, "end", e, NULL);
}

const char *tpl_lang_tag(pps_lang l) { return l == LANG_CY ? "cy" : "en-GB"; }
