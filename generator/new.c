/* new.c — `ppsgen new`: writes a statement that validates from the first
 * minute: a section for every statutory topic of the jurisdiction's rulebook
 * (covers= set), the NJC spine of templates/njc-spine-2024.csv, a chief
 * executive post, the lowest-paid definition and the usual multiples.  Every
 * text HR must write is a placeholder starting with NEW_MARK_EN/NEW_MARK_CY,
 * which `check` lists at its line until it is replaced. */
#include "new.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	GString *s;
	bool cy;      /* bilingual: every text as <cy>..</cy><en>..</en> */
	bool only_cy; /* languages="cy": the Welsh text alone */
} out;

static out out_for(GString *s, const char *languages)
{
	return (out){s, strcmp(languages, "en") && strcmp(languages, "cy"), !strcmp(languages, "cy")};
}

static void text(out *o, const char *indent, const char *tag, const char *cy, const char *en)
{
	char *e = g_markup_escape_text(o->only_cy ? cy : en, -1);
	if (o->cy) {
		char *c = g_markup_escape_text(cy, -1);
		g_string_append_printf(o->s, "%s<%s><cy>%s</cy><en>%s</en></%s>\n", indent, tag, c, e, tag);
		g_free(c);
	} else {
		g_string_append_printf(o->s, "%s<%s>%s</%s>\n", indent, tag, e, tag);
	}
	g_free(e);
}

static void todo(out *o, const char *indent, const char *tag, const char *what_cy, const char *what_en)
{
	char *cy = g_strdup_printf("%s %s]", NEW_MARK_CY, what_cy);
	char *en = g_strdup_printf("%s %s]", NEW_MARK_EN, what_en);
	text(o, indent, tag, cy, en);
	g_free(cy);
	g_free(en);
}

static char *child_text(xmlNode *n, const char *name, const char *lang)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, name))
			continue;
		for (xmlNode *l = c->children; l; l = l->next)
			if (l->type == XML_ELEMENT_NODE && !strcmp((const char *)l->name, lang)) {
				xmlChar *t = xmlNodeGetContent(l);
				char *r = g_strdup((const char *)t);
				xmlFree(t);
				return r;
			}
	}
	return g_strdup("");
}

/* The spine's points and salaries: "point,salary" lines after '#' comments. */
static bool spine(const char *dir, GString *points, char **err)
{
	char *path = g_build_filename(dir, "njc-spine-2024.csv", NULL);
	char *data = NULL;
	bool ok = g_file_get_contents(path, &data, NULL, NULL);
	if (!ok) {
		*err = g_strdup_printf("%s: error: cannot read the NJC pay spine", path);
		g_free(path);
		return false;
	}
	char **lines = g_strsplit(data, "\n", -1);
	int n = 0;
	for (int i = 0; lines[i] && ok; i++) {
		const char *l = lines[i];
		if (!*l || *l == '#' || !strncmp(l, "point,", 6))
			continue;
		int p, sal;
		if (sscanf(l, "%d,%d", &p, &sal) != 2) {
			*err = g_strdup_printf("%s:%d:1: error: expected POINT,SALARY", path, i + 1);
			ok = false;
			break;
		}
		g_string_append_printf(points, "      <point n=\"%d\" salary=\"%d\"/>\n", p, sal);
		n++;
	}
	if (ok && !n) {
		*err = g_strdup_printf("%s: error: the NJC pay spine has no points", path);
		ok = false;
	}
	g_strfreev(lines);
	g_free(data);
	g_free(path);
	return ok;
}

void new_head(GString *s, const new_opts *op)
{
	out o = out_for(s, op->languages);
	int y = op->year;
	g_string_append(s, "  <council>\n");
	if (op->council)
		text(&o, "    ", "name", op->council, op->council);
	else
		todo(&o, "    ", "name", "enw’r cyngor", "the council’s name");
	g_string_append(s, "  </council>\n");
	if (op->title)
		text(&o, "  ", "title", op->title, op->title_en ? op->title_en : op->title);
	else
		text(&o, "  ", "title", "Datganiad Polisi Tâl", "Pay Policy Statement");
	g_string_append_printf(s, "  <year start=\"%d\"/>\n", y);
	g_string_append_printf(s,
			       "  <!-- Set approved= to the date of the full Council meeting, then status=\"approved\". -->\n"
			       "  <dates published=\"%d-02-01\" effective=\"%d-04-01\" status=\"draft\" version=\"0.1\"/>\n",
			       y, y);
	todo(&o, "  ", "contact", "sut i gael y datganiad mewn fformat arall", "how to get this statement in another format");
}

bool new_pay(GString *s, const char *dir, const new_opts *op, const char *scales, const char *lowest_scale,
	     int lowest_point, char **err)
{
	out o = out_for(s, op->languages);
	g_string_append(s, "  <pay hours=\"37\" weeks=\"52.143\">\n");
	if (scales) {
		g_string_append(s, scales);
	} else {
		GString *points = g_string_new(NULL);
		if (!spine(dir, points, err)) {
			g_string_free(points, TRUE);
			return false;
		}
		g_string_append(s, "    <!-- The NJC national pay spine from templates/njc-spine-2024.csv (1 April 2024):\n"
				   "         replace it with the spine the council pays in this year. -->\n"
				   "    <scale id=\"njc\" rates=\"yes\">\n");
		text(&o, "      ", "name", "Colofn Gyflog NJC", "NJC pay spine");
		g_string_append(s, points->str);
		g_string_append(s, "    </scale>\n");
		g_string_free(points, TRUE);
		lowest_scale = "njc";
		lowest_point = 2;
	}
	g_string_append(s, "    <!-- The chief executive's scale and the salary paid (s38(4)(a)). -->\n"
			   "    <post id=\"ce\" role=\"chief-executive\" posts=\"1\">\n");
	text(&o, "      ", "title", "Prif Weithredwr", "Chief Executive");
	g_string_append(s, "      <points>120000 125000 130000</points>\n"
			   "      <holder salary=\"130000\"/>\n"
			   "    </post>\n"
			   "    <!-- The other chief officers, one <post> each (s43: heads of service and their deputies). -->\n"
			   "    <post id=\"director\" posts=\"2\">\n");
	text(&o, "      ", "title", "Cyfarwyddwr", "Director");
	g_string_append(s, "      <points>85000 88000 91000</points>\n"
			   "      <holder salary=\"91000\"/>\n"
			   "      <holder salary=\"88000\"/>\n"
			   "    </post>\n"
			   "    <!-- The lowest paid: the bottom point of the spine the council uses (s38(3)). -->\n");
	g_string_append_printf(s, "    <lowest-paid scale=\"%s\" point=\"%d\"/>\n", lowest_scale, lowest_point);
	g_string_append_printf(s, "    <!-- The median full-time equivalent salary on 31 March: median=, or csv= the payroll export. -->\n"
				  "    <workforce date=\"%d-03-31\" basis=\"fte-base\" median=\"28000\"/>\n", op->year);
	static const char *mult[][5] = {
		{"lowest-to-chief-executive", "lowest", "Y cyflog isaf i'r Prif Weithredwr", "Lowest paid to Chief Executive", "1:x"},
		{"median-to-chief-executive", "median", "Y cyflog canolrif i'r Prif Weithredwr", "Median to Chief Executive", "x:1"},
		{"lowest-to-average-chief-officer", "lowest", "Y cyflog isaf i gyfartaledd y prif swyddogion", "Lowest paid to the average chief officer", "1:x"},
		{"median-to-average-chief-officer", "median", "Y cyflog canolrif i gyfartaledd y prif swyddogion", "Median to the average chief officer", "x:1"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(mult); i++) {
		g_string_append_printf(s, "    <multiple id=\"%s\" top=\"%s\" base=\"%s\" places=\"2\" style=\"%s\">\n",
				       mult[i][0], i < 2 ? "chief-executive" : "average-chief-officer", mult[i][1],
				       mult[i][4]);
		text(&o, "      ", "label", mult[i][2], mult[i][3]);
		g_string_append(s, "    </multiple>\n");
	}
	g_string_append(s, "  </pay>\n");
	return true;
}

char *new_statement(const char *dir, const new_opts *op, char **err)
{
	char *rpath = g_strdup_printf("%s/rules-%s.xml", dir, op->jurisdiction);
	xmlDoc *rules = xmlReadFile(rpath, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!rules) {
		*err = g_strdup_printf("%s: error: cannot read the rulebook", rpath);
		g_free(rpath);
		return NULL;
	}
	g_free(rpath);
	out o = out_for(g_string_new(NULL), op->languages);
	GString *s = o.s;
	g_string_append(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			   "<!-- Written by `ppsgen new`.  Replace every [TO FILL: ...] text; `ppsgen check`\n"
			   "     lists those left, and an approved statement will not render while any is. -->\n");
	g_string_append_printf(s, "<statement version=\"1\" languages=\"%s\" jurisdiction=\"%s\">\n", op->languages,
			       op->jurisdiction);
	new_head(s, op);
	if (!new_pay(s, dir, op, NULL, NULL, 0, err)) {
		g_string_free(s, TRUE);
		xmlFreeDoc(rules);
		return NULL;
	}

	xmlNode *root = xmlDocGetRootElement(rules);
	for (xmlNode *t = root ? root->children : NULL; t; t = t->next) {
		if (t->type != XML_ELEMENT_NODE || strcmp((const char *)t->name, "topic"))
			continue;
		xmlChar *id = xmlGetProp(t, (const xmlChar *)"id");
		xmlChar *kind = xmlGetProp(t, (const xmlChar *)"kind");
		if (id && !kind) { /* kind="dates" is checked from <dates>, not covers= */
			char *cy = child_text(t, "name", "cy"), *en = child_text(t, "name", "en");
			char *src = child_text(t, "source", "en");
			char *c = g_markup_escape_text(src, -1);
			g_string_append_printf(s, "  <!-- %s: %s. -->\n", c, en);
			g_string_append_printf(s, "  <section id=\"s-%s\" covers=\"%s\">\n", id, id);
			text(&o, "    ", "title", cy, en);
			todo(&o, "    ", "p", "polisi’r cyngor", "the council’s policy");
			if (!strcmp((char *)id, "pay-relationship"))
				g_string_append(s, "    <multiples/>\n");
			else if (!strcmp((char *)id, "chief-officer-levels"))
				g_string_append(s, "    <posts-table/>\n");
			g_string_append(s, "  </section>\n");
			g_free(c);
			g_free(src);
			g_free(cy);
			g_free(en);
		}
		xmlFree(id);
		xmlFree(kind);
	}
	xmlFreeDoc(rules);
	g_string_append(s, "  <appendix id=\"app-a\" letter=\"A\">\n");
	text(&o, "    ", "title", "Colofn Gyflog NJC", "NJC pay spine");
	g_string_append(s, "    <scale-table scale=\"njc\"/>\n  </appendix>\n</statement>\n");
	return g_string_free(s, FALSE);
}

int new_placeholders(const char *path, bool as_error, FILE *f)
{
	char *data = NULL;
	if (!g_file_get_contents(path, &data, NULL, NULL))
		return -1;
	int n = 0, line = 1;
	const char *bol = data;
	for (const char *p = data; *p; p++) {
		if (*p == '\n') {
			line++;
			bol = p + 1;
			continue;
		}
		const char *m = !strncmp(p, NEW_MARK_EN, strlen(NEW_MARK_EN))	? NEW_MARK_EN
				: !strncmp(p, NEW_MARK_CY, strlen(NEW_MARK_CY)) ? NEW_MARK_CY
										: NULL;
		/* The header comment names the marker; only texts count. */
		if (!m || (p > data && p[-1] != '>'))
			continue;
		const char *end = strchr(p, ']');
		int len = end ? (int)(end - p + 1) : (int)strlen(p);
		fprintf(f, "%s:%d:%d: %s: placeholder still to fill: %.*s\n", path, line, (int)(p - bol) + 1,
			as_error ? "error" : "warning", len, p);
		n++;
		p += len - 1;
	}
	g_free(data);
	return n;
}
