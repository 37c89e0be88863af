/* model.c — lookups over the shared model (model.h); no parsing, no output. */
#include "model.h"

#include <glib.h>
#include <string.h>

const pps_scale *model_scale(const pps_doc *d, const char *id)
{
	for (int i = 0; id && i < d->nscales; i++)
		if (strcmp(d->scales[i].id, id) == 0)
			return &d->scales[i];
	return NULL;
}

const pps_grade *model_grade(const pps_scale *s, const char *id)
{
	for (int i = 0; s && id && i < s->ngrades; i++)
		if (s->grades[i].id && !strcmp(s->grades[i].id, id))
			return &s->grades[i];
	return NULL;
}

const pps_point *model_point(const pps_scale *s, int n)
{
	for (int i = 0; s && i < s->npoints; i++)
		if (s->points[i].n == n)
			return &s->points[i];
	return NULL;
}

const pps_post *model_post(const pps_doc *d, const char *id)
{
	for (int i = 0; id && i < d->nposts; i++)
		if (strcmp(d->posts[i].id, id) == 0)
			return &d->posts[i];
	return NULL;
}

const pps_post *model_chief_executive(const pps_doc *d)
{
	for (int i = 0; i < d->nposts; i++)
		if (d->posts[i].role == ROLE_CHIEF_EXECUTIVE)
			return &d->posts[i];
	return NULL;
}

static const pps_section *find_in(const pps_section *s, int n, const char *id)
{
	for (int i = 0; i < n; i++) {
		if (s[i].id && strcmp(s[i].id, id) == 0)
			return &s[i];
		const pps_section *r = find_in(s[i].subs, s[i].nsubs, id);
		if (r)
			return r;
	}
	return NULL;
}

const pps_section *model_section(const pps_doc *d, const char *id)
{
	if (!id)
		return NULL;
	const pps_section *r = find_in(d->sections, d->nsections, id);
	return r ? r : find_in(d->appendices, d->nappendices, id);
}

bool model_has_lang(const pps_doc *d, pps_lang l)
{
	for (int i = 0; i < d->nlangs; i++)
		if (d->langs[i] == l)
			return true;
	return false;
}

const pps_text *ml_text(const pps_ml *m, pps_lang l)
{
	if (m->tx[l].n)
		return &m->tx[l];
	for (int i = 0; i < LANG_N; i++)
		if (m->tx[i].n)
			return &m->tx[i];
	return NULL;
}

const char *text_plain(arena *a, const pps_text *t)
{
	if (!t)
		return "";
	GString *s = g_string_new(NULL);
	for (int i = 0; i < t->n; i++) {
		const pps_run *r = &t->runs[i];
		switch (r->kind) {
		case RUN_TEXT: g_string_append(s, r->text); break;
		case RUN_BREAK: g_string_append_c(s, ' '); break;
		case RUN_FIG:
		case RUN_REF: g_string_append(s, r->ref); break;
		}
	}
	const char *out = arena_strdup(a, s->str);
	g_string_free(s, TRUE);
	return out;
}

static void walk_blocks(const pps_block *b, int n, const pps_section *sec, model_text_fn fn, void *ud)
{
	for (int i = 0; i < n; i++) {
		switch (b[i].kind) {
		case BLK_PARA: fn(&b[i].text, "p", sec, ud); break;
		case BLK_NOTE: fn(&b[i].text, "note", sec, ud); break;
		case BLK_LIST:
			for (int k = 0; k < b[i].nitems; k++) {
				fn(&b[i].items[k].text, "item", sec, ud);
				walk_blocks(b[i].items[k].sub, b[i].items[k].nsub, sec, fn, ud);
			}
			break;
		case BLK_TABLE: {
			const pps_table *t = b[i].table;
			if (t->caption.pos.line)
				fn(&t->caption, "caption", sec, ud);
			for (int r = 0; r < t->nhead; r++)
				for (int c = 0; c < t->head[r].n; c++)
					fn(&t->head[r].cells[c].text, "cell", sec, ud);
			for (int r = 0; r < t->nbody; r++)
				for (int c = 0; c < t->body[r].n; c++)
					fn(&t->body[r].cells[c].text, "cell", sec, ud);
			break;
		}
		default:
			if (b[i].caption.pos.line)
				fn(&b[i].caption, "caption", sec, ud);
			break;
		}
	}
}

static void walk_sections(const pps_section *s, int n, model_text_fn fn, void *ud)
{
	for (int i = 0; i < n; i++) {
		fn(&s[i].title, "title", &s[i], ud);
		int b = 0, k = 0;
		for (const char *o = s[i].order; o && *o; o++) {
			if (*o == 'b')
				walk_blocks(&s[i].blocks[b++], 1, &s[i], fn, ud);
			else
				walk_sections(&s[i].subs[k++], 1, fn, ud);
		}
	}
}

void model_walk_text(const pps_doc *d, model_text_fn fn, void *ud)
{
	fn(&d->council, "council name", NULL, ud);
	if (d->title.pos.line)
		fn(&d->title, "title", NULL, ud);
	if (d->contact.pos.line)
		fn(&d->contact, "contact", NULL, ud);
	for (int i = 0; i < d->nsupps; i++)
		fn(&d->supps[i].name, "supplement name", NULL, ud);
	for (int i = 0; i < d->nscales; i++) {
		const pps_scale *s = &d->scales[i];
		fn(&s->name, "scale name", NULL, ud);
		for (int k = 0; k < s->ncols && s->col_names && s->col_names[k].pos.line; k++)
			fn(&s->col_names[k], "column", NULL, ud);
		for (int k = 0; k < s->nextra; k++)
			fn(&s->extra_names[k], "column", NULL, ud);
		for (int k = 0; k < s->ngrades; k++)
			if (s->grades[k].name.pos.line)
				fn(&s->grades[k].name, "grade name", NULL, ud);
		if (s->notes.pos.line)
			fn(&s->notes, "notes", NULL, ud);
	}
	for (int i = 0; i < d->nposts; i++) {
		fn(&d->posts[i].title, "post title", NULL, ud);
		if (d->posts[i].responsibilities.pos.line)
			fn(&d->posts[i].responsibilities, "post responsibilities", NULL, ud);
	}
	for (int i = 0; i < d->nmultiples; i++) {
		fn(&d->multiples[i].label, "multiple label", NULL, ud);
		if (d->multiples[i].method.pos.line)
			fn(&d->multiples[i].method, "multiple method", NULL, ud);
	}
	if (d->workforce.method.pos.line)
		fn(&d->workforce.method, "workforce method", NULL, ud);
	walk_sections(d->sections, d->nsections, fn, ud);
	walk_sections(d->appendices, d->nappendices, fn, ud);
}

const pps_prop_scale *model_prop_scale(const pps_proposal *p, const char *id)
{
	for (int i = 0; p && id && i < p->nscales; i++)
		if (p->scales[i].ref && !strcmp(p->scales[i].ref, id))
			return &p->scales[i];
	return NULL;
}

const pps_prop_post *model_prop_post(const pps_proposal *p, const char *id)
{
	for (int i = 0; p && id && i < p->nposts; i++)
		if (p->posts[i].ref && !strcmp(p->posts[i].ref, id))
			return &p->posts[i];
	return NULL;
}
