/* md2man.c — writes the manual page ppsgen-format(5) from templates/FORMAT.md,
 * so the page and the format's description cannot drift apart.  It reads the
 * Markdown FORMAT.md uses and nothing more: "# " title, "## " sections,
 * paragraphs, ``` blocks, "- " lists (continued by indented lines), tables
 * (each row a tagged paragraph: the first cell the tag, the others under the
 * column's heading), `code` (bold) and **bold**.
 *
 *   md2man FORMAT.md NAME SECTION "SOURCE" "ONE-LINE SUMMARY" > NAME.SECTION
 */
#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* One character at p for roff: a backslash as \e, and, as groff reads ASCII,
 * any other character by its code point.  Returns the character's last byte. */
static const char *put_char(GString *out, const char *p)
{
	if (*p == '\\') {
		g_string_append(out, "\\e");
	} else if ((unsigned char)*p < 0x80) {
		g_string_append_c(out, *p);
	} else {
		gunichar c = g_utf8_get_char_validated(p, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			g_string_append_c(out, '?');
			return p;
		}
		g_string_append_printf(out, "\\[u%04X]", c);
		return g_utf8_next_char(p) - 1;
	}
	return p;
}

/* Text for roff; with markup, `code` and **bold** in bold and a hyphen in code
 * as \- (so options copy and paste as minus signs). */
static void roff_text(GString *out, const char *s, bool markup)
{
	bool code = false, bold = false;
	for (const char *p = s; *p; p++) {
		if (markup && *p == '`') {
			code = !code;
			g_string_append(out, code || bold ? "\\fB" : "\\fR");
		} else if (markup && !code && p[0] == '*' && p[1] == '*') {
			bold = !bold;
			g_string_append(out, bold ? "\\fB" : "\\fR");
			p++;
		} else if (markup && code && *p == '-') {
			g_string_append(out, "\\-");
		} else {
			p = put_char(out, p);
		}
	}
	if (code || bold)
		g_string_append(out, "\\fR");
}

static void inline_text(GString *out, const char *s) { roff_text(out, s, true); }
static void literal_text(GString *out, const char *s) { roff_text(out, s, false); }

/* One output line: a line that would start with a control character is
 * protected with \&. */
static void put_line(GString *out, const char *text)
{
	if (text[0] == '.' || text[0] == '\'')
		g_string_append(out, "\\&");
	g_string_append(out, text);
	g_string_append_c(out, '\n');
}

static void put_text_line(GString *out, const char *md)
{
	GString *t = g_string_new(NULL);
	inline_text(t, md);
	put_line(out, t->str);
	g_string_free(t, TRUE);
}

/* A table row's cells, trimmed; '|' inside `code` does not split. */
static GPtrArray *cells(const char *row)
{
	GPtrArray *c = g_ptr_array_new_with_free_func(g_free);
	const char *p = row;
	if (*p == '|')
		p++;
	GString *cur = g_string_new(NULL);
	bool code = false;
	for (; *p; p++) {
		if (*p == '`')
			code = !code;
		if (*p == '|' && !code) {
			g_ptr_array_add(c, g_strstrip(g_strdup(cur->str)));
			g_string_truncate(cur, 0);
		} else {
			g_string_append_c(cur, *p);
		}
	}
	if (g_strstrip(cur->str)[0])
		g_ptr_array_add(c, g_strdup(g_strstrip(cur->str)));
	g_string_free(cur, TRUE);
	return c;
}

static bool is_rule_row(const char *row) { return strspn(row, "|-: ") == strlen(row); }

static void put_table(GString *out, char **lines, int n)
{
	GPtrArray *head = cells(lines[0]);
	for (int i = 1; i < n; i++) {
		if (is_rule_row(lines[i]))
			continue;
		GPtrArray *row = cells(lines[i]);
		g_string_append(out, ".TP\n");
		put_text_line(out, row->len ? (char *)row->pdata[0] : "");
		g_string_append(out, ".br\n"); /* the cells under the tag, however short it is */
		bool first = true;
		for (guint j = 1; j < row->len; j++) {
			const char *v = row->pdata[j];
			if (!*v)
				continue;
			if (!first)
				g_string_append(out, ".br\n");
			first = false;
			char *line = g_strdup_printf("%s: %s", j < head->len ? (char *)head->pdata[j] : "", v);
			put_text_line(out, line);
			g_free(line);
		}
		g_ptr_array_free(row, TRUE);
	}
	g_ptr_array_free(head, TRUE);
}

static void put_heading(GString *out, const char *title)
{
	char *up = g_utf8_strup(title, -1);
	GString *t = g_string_new(NULL);
	inline_text(t, up);
	g_string_append_printf(out, ".SH \"%s\"\n", t->str);
	g_string_free(t, TRUE);
	g_free(up);
}

static GString *md2man(const char *md, const char *name, const char *section, const char *source, const char *summary)
{
	GString *out = g_string_new(NULL);
	char *upname = g_ascii_strup(name, -1);
	g_string_append_printf(out, ".\\\" Written by md2man from FORMAT.md: edit that file, not this one.\n"
				    ".TH %s %s \"\" \"%s\"\n.SH NAME\n%s \\- %s\n",
			       upname, section, source, name, summary);
	g_free(upname);
	char **lines = g_strsplit(md, "\n", -1);
	int n = (int)g_strv_length(lines);
	bool in_para = false;
	for (int i = 0; i < n;) {
		const char *l = lines[i];
		if (!*l) {
			in_para = false;
			i++;
		} else if (g_str_has_prefix(l, "## ")) {
			put_heading(out, l + 3);
			in_para = false;
			i++;
		} else if (g_str_has_prefix(l, "# ")) {
			g_string_append(out, ".SH DESCRIPTION\n");
			put_text_line(out, l + 2);
			in_para = false;
			i++;
		} else if (g_str_has_prefix(l, "```")) {
			g_string_append(out, ".PP\n.RS 2\n.nf\n");
			for (i++; i < n && !g_str_has_prefix(lines[i], "```"); i++) {
				GString *t = g_string_new(NULL);
				literal_text(t, lines[i]);
				put_line(out, t->str);
				g_string_free(t, TRUE);
			}
			g_string_append(out, ".fi\n.RE\n");
			i++;
			in_para = false;
		} else if (l[0] == '|') {
			int j = i;
			while (j < n && lines[j][0] == '|')
				j++;
			g_string_append(out, ".PP\n");
			put_table(out, lines + i, j - i);
			i = j;
			in_para = false;
		} else if (g_str_has_prefix(l, "- ")) {
			g_string_append(out, ".IP \\(bu 2\n");
			put_text_line(out, l + 2);
			for (i++; i < n && g_str_has_prefix(lines[i], "  "); i++)
				put_text_line(out, lines[i] + 2);
			in_para = true;
		} else {
			if (!in_para)
				g_string_append(out, ".PP\n");
			put_text_line(out, l);
			in_para = true;
			i++;
		}
	}
	g_strfreev(lines);
	return out;
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: md2man FORMAT.md NAME SECTION SOURCE SUMMARY\n");
		return 1;
	}
	char *md = NULL;
	GError *err = NULL;
	if (!g_file_get_contents(argv[1], &md, NULL, &err)) {
		fprintf(stderr, "md2man: %s\n", err->message);
		g_error_free(err);
		return 2;
	}
	GString *man = md2man(md, argv[2], argv[3], argv[4], argv[5]);
	fwrite(man->str, 1, man->len, stdout);
	g_string_free(man, TRUE);
	g_free(md);
	return fflush(stdout) == 0 ? 0 : 3;
}
