#!/usr/bin/env node
// axe-check.js — opens each HTML file given in headless Chromium, runs
// axe-core (WCAG 2.0/2.1/2.2 A and AA rules plus best practices), prints every
// violation and writes a full-page screenshot beside the file (FILE.png, or
// into --shots DIR).  Exit status: 0 no violation, 1 violations, 2 could not
// run.  The page is loaded from file:// with every network request refused,
// so a file that needs anything from outside shows up broken.
//
//   node axe-check.js [--shots DIR] [--width PX] [--print] FILE.html...
'use strict';

const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	       '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function usage(msg) {
	if (msg)
		console.error(`axe-check: ${msg}`);
	console.error('usage: node axe-check.js [--shots DIR] [--width PX] [--print] FILE.html...');
	process.exit(2);
}

async function checkFile(browser, file, opts) {
	const page = await browser.newPage();
	await page.setViewport({width: opts.width, height: 900});
	// Self-contained means no request leaves the file: refuse and count them.
	const outside = [];
	await page.setRequestInterception(true);
	page.on('request', req => {
		const u = req.url();
		if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('about:'))
			req.continue();
		else {
			outside.push(u);
			req.abort();
		}
	});
	const errors = [];
	page.on('pageerror', e => errors.push(String(e)));
	await page.goto('file://' + path.resolve(file), {waitUntil: 'load'});
	if (opts.print)
		await page.emulateMediaType('print');
	const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
	await page.evaluate(axeSource);
	const runAxe = () => page.evaluate(async () => {
		// eslint-disable-next-line no-undef
		const r = await axe.run(document, {
			runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
			resultTypes: ['violations'],
		});
		return r.violations.map(v => ({
			id: v.id, impact: v.impact, help: v.help,
			nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
		}));
	});
	const result = await runAxe();
	// A bilingual page's language switch: each state must pass too, and each
	// one-language state must hide every element of the other language.
	const buttons = await page.$$eval('#pps-lang-switch button[data-show]', bs => bs.map(b => b.dataset.show));
	for (const which of buttons) {
		await page.click(`#pps-lang-switch button[data-show="${which}"]`);
		for (const v of await runAxe())
			result.push({...v, id: `${v.id} (switch: ${which})`});
		if (which !== 'both') {
			const shown = await page.evaluate(w => {
				const other = w === 'cy' ? '[lang|="en"]' : '[lang="cy"]';
				return [...document.body.querySelectorAll(other)]
					.filter(e => !e.hasAttribute('data-keep') && e.getClientRects().length > 0)
					.map(e => e.outerHTML.slice(0, 80));
			}, which);
			if (shown.length)
				result.push({id: `language-switch (${which})`, impact: 'serious',
					     help: 'the other language is still shown',
					     nodes: shown.map(t => ({target: t, summary: 'visible'}))});
		}
	}
	if (buttons.length)
		await page.click('#pps-lang-switch button[data-show="both"]');
	const shotDir = opts.shots || path.dirname(file);
	fs.mkdirSync(shotDir, {recursive: true});
	const shot = path.join(shotDir, path.basename(file).replace(/\.html?$/, '') + (opts.print ? '-print' : '') + '.png');
	await page.screenshot({path: shot, fullPage: true});
	await page.close();
	return {violations: result, outside, errors, shot};
}

async function main() {
	const args = process.argv.slice(2);
	const opts = {shots: null, width: 1100, print: false};
	const files = [];
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--shots')
			opts.shots = args[++i] || usage('--shots needs a directory');
		else if (args[i] === '--width')
			opts.width = parseInt(args[++i], 10) || usage('--width needs a number');
		else if (args[i] === '--print')
			opts.print = true;
		else if (args[i].startsWith('--'))
			usage(`unknown option ${args[i]}`);
		else
			files.push(args[i]);
	}
	if (!files.length)
		usage('give at least one HTML file');
	for (const f of files)
		if (!fs.existsSync(f))
			usage(`no such file: ${f}`);

	const browser = await puppeteer.launch({executablePath: CHROMIUM, headless: true, args: FLAGS});
	let failed = 0;
	try {
		for (const f of files) {
			const r = await checkFile(browser, f, opts);
			const n = r.violations.length + r.outside.length + r.errors.length;
			console.log(`${f}: ${r.violations.length} axe violation(s), screenshot ${r.shot}`);
			for (const v of r.violations) {
				console.log(`  [${v.impact}] ${v.id}: ${v.help}`);
				for (const node of v.nodes)
					console.log(`    ${node.target}\n      ${node.summary.replace(/\n/g, '\n      ')}`);
			}
			for (const u of r.outside)
				console.log(`  external request refused (not self-contained): ${u}`);
			for (const e of r.errors)
				console.log(`  script error: ${e}`);
			if (n)
				failed++;
		}
	} finally {
		await browser.close();
	}
	console.log(`${files.length - failed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

main().catch(e => {
	console.error(`axe-check: ${e && e.stack ? e.stack : e}`);
	process.exit(2);
});
