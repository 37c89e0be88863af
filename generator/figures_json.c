/* figures_json.c — `ppsgen figures`: every figure and the derived tables as one
 * JSON object, keys in declaration order, numbers written exactly (pence and
 * rates from their integers, unrounded values in shortest round-trip form). */
#include "figures.h"

#include <math.h>
#include <string.h>

static void json_str(GString *o, const char *s)
{
	g_string_append_c(o, '"');
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		switch (*p) {
		case '"': g_string_append(o, "\\\""); break;
		case '\\': g_string_append(o, "\\\\"); break;
		case '\n': g_string_append(o, "\\n"); break;
		case '\r': g_string_append(o, "\\r"); break;
		case '\t': g_string_append(o, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				g_string_append_printf(o, "\\u%04x", *p);
			else
				g_string_append_c(o, (char)*p); /* UTF-8 passes through */
		}
	}
	g_string_append_c(o, '"');
}

/* The shortest decimal that reads back as the same double (JSON has no NaN). */
static void json_double(GString *o, double x)
{
	if (!isfinite(x)) {
		g_string_append(o, "null");
		return;
	}
	char fmt[16], buf[G_ASCII_DTOSTR_BUF_SIZE];
	if (x == (double)(int64_t)x && fabs(x) < 1e15) { /* 100, not 1e+02 */
		g_string_append_printf(o, "%" G_GINT64_FORMAT, (gint64)x);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		g_snprintf(fmt, sizeof fmt, "%%.%dg", prec);
		g_ascii_formatd(buf, sizeof buf, fmt, x);
		if (g_ascii_strtod(buf, NULL) == x)
			break;
	}
	g_string_append(o, buf);
}

/* An integer scaled by 10^places as an exact JSON number: 1537500 pence -> 15375.00. */
static void json_scaled(GString *o, int64_t v, int places)
{
	uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, p = 1;
	for (int i = 0; i < places; i++)
		p *= 10;
	g_string_append_printf(o, "%s%" G_GUINT64_FORMAT, v < 0 ? "-" : "", (guint64)(m / p));
	if (places)
		g_string_append_printf(o, ".%0*" G_GUINT64_FORMAT, places, (guint64)(m % p));
}

/* {"value": 15375.00, "display": "15,375"}; takes the g_malloc'd display. */
static void json_vd(GString *o, int64_t v, int places, char *display)
{
	g_string_append(o, "{\"value\": ");
	json_scaled(o, v, places);
	g_string_append(o, ", \"display\": ");
	json_str(o, display);
	g_string_append_c(o, '}');
	g_free(display);
}

static void json_scale(GString *o, const pps_doc *d, const pps_scale_fig *sf)
{
	const pps_scale *s = sf->scale;
	g_string_append(o, "      ");
	json_str(o, s->id);
	g_string_append(o, ": {\n        \"hours\": ");
	json_scaled(o, s->hours_x100 > 0 ? s->hours_x100 : d->hours_x100, 2);
	g_string_append(o, ", \"weeks\": ");
	json_scaled(o, d->weeks_x1000, 3);
	g_string_append(o, ",\n        \"supplements\": [");
	for (int j = 0; j < s->nsupps; j++) {
		g_string_append(o, j ? ", {\"id\": " : "{\"id\": ");
		json_str(o, s->supps[j]->id);
		g_string_append(o, ", \"percent\": ");
		json_scaled(o, s->supps[j]->percent_bp, 2);
		g_string_append_c(o, '}');
	}
	g_string_append(o, "],\n        \"rows\": [");
	for (int k = 0; k < s->npoints; k++) {
		const pps_point_fig *pf = &sf->pts[k];
		g_string_append(o, k ? ",\n          " : "\n          ");
		g_string_append_printf(o, "{\"point\": %d, \"salary\": ", pf->n);
		json_vd(o, pf->base, 2, fig_pounds(pf->base));
		g_string_append(o, ", \"rate\": ");
		json_vd(o, pf->rate_e4, 4, fig_rate(pf->rate_e4));
		if (s->nsupps) {
			g_string_append(o, ", \"supplements\": {");
			for (int j = 0; j < s->nsupps; j++) {
				if (j)
					g_string_append(o, ", ");
				json_str(o, s->supps[j]->id);
				g_string_append(o, ": {\"salary\": ");
				json_vd(o, pf->supp[j], 2, fig_pounds(pf->supp[j]));
				g_string_append(o, ", \"rate\": ");
				json_vd(o, pf->supp_rate_e4[j], 4, fig_rate(pf->supp_rate_e4[j]));
				g_string_append_c(o, '}');
			}
			g_string_append_c(o, '}');
		}
		g_string_append_c(o, '}');
	}
	g_string_append(o, s->npoints ? "\n        ]\n      }" : "]\n      }");
}

static void json_gpg(GString *o, const pps_figures *f)
{
	const pps_gpg *g = &f->gpg;
	g_string_append_printf(o, "    \"gender-pay-gap\": {\"men\": %d, \"women\": %d,\n      \"quartiles\": [",
			       g->nmen, g->nwomen);
	static const char *names[4] = {"lower", "lower-middle", "upper-middle", "upper"};
	for (int j = 0; j < 4; j++) {
		char id[32];
		g_string_append(o, j ? ",\n        " : "\n        ");
		g_string_append(o, "{\"quartile\": ");
		json_str(o, names[j]);
		const char *sex[2] = {"men", "women"};
		for (int k = 0; k < 2; k++) {
			g_snprintf(id, sizeof id, "gpg-q%d-%s", j + 1, sex[k]);
			const pps_figure *fg = fig_get(f, id);
			g_string_append_printf(o, ", \"%s\": {\"value\": ", sex[k]);
			json_double(o, fg ? fg->value : 0);
			g_string_append(o, ", \"display\": ");
			json_str(o, fg ? fg->display : "");
			g_string_append_c(o, '}');
		}
		g_string_append_c(o, '}');
	}
	g_string_append(o, "\n      ]\n    }");
}

void fig_json(const pps_doc *d, const pps_figures *f, GString *out)
{
	g_string_append(out, "{\n");
	for (int i = 0; i < f->nfigs; i++) {
		const pps_figure *fg = &f->figs[i];
		g_string_append(out, "  ");
		json_str(out, fg->id);
		g_string_append(out, ": {\"value\": ");
		json_double(out, fg->value);
		g_string_append(out, ", \"display\": ");
		json_str(out, fg->display);
		g_string_append(out, "},\n");
	}
	g_string_append(out, "  \"tables\": {\n    \"scales\": {");
	for (int i = 0; i < f->nscales; i++) {
		g_string_append(out, i ? ",\n" : "\n");
		json_scale(out, d, &f->scales[i]);
	}
	g_string_append(out, f->nscales ? "\n    }" : "}");
	if (f->gpg.present) {
		g_string_append(out, ",\n");
		json_gpg(out, f);
	}
	g_string_append(out, "\n  }\n}\n");
}
