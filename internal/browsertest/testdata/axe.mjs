// axe.mjs: accessibility and browser checks of a served Casebook site.
//
// Usage: node axe.mjs BASE_URL PATH...
//
// Opens every PATH under BASE_URL in the system's Chromium at 1280 and 375
// CSS pixels wide, in the light and the dark colour scheme, and for each
// page and mode
//   - runs axe-core with the WCAG 2.0/2.1/2.2 A and AA rules and the
//     best-practice rules, and reports the violations;
//   - records every request to a host other than BASE_URL's (and aborts
//     it: the tests must never reach the network), every console error,
//     every uncaught exception and every failed or 4xx/5xx subresource;
//   - does a keyboard check: the first Tab focuses a visible "skip to
//     content" link whose target exists, and each of the first Tab stops
//     shows a visible focus indicator.
// It prints one JSON document on stdout (see the Report type in
// browser_test.go) and exits 0 whenever it could produce it; the Go test
// decides what fails. Diagnostics go to stderr.
//
// axe-core is injected with page.evaluate, which the page's
// Content-Security-Policy does not govern, so the context keeps the CSP
// (no bypassCSP) and a CSP violation in the site shows up as a console
// error instead of being hidden.
//
// Environment: CHROMIUM (default /usr/bin/chromium), SITE_ALIAS, AXE_CONCURRENCY
// (pages open at once, default 2), AXE_TAB_STOPS (default 8).

import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const axe = require('axe-core');

const WIDTHS = [1280, 375];
const SCHEMES = ['light', 'dark'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const NAV_TIMEOUT = 30_000;

function fail(msg) {
  process.stderr.write(`axe.mjs: ${msg}\n`);
  process.exit(2);
}

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) fail('usage: node axe.mjs BASE_URL PATH...');
const baseURL = new URL(base);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(executablePath)) fail(`no Chromium at ${executablePath}: run make deps (apt-get install chromium)`);
const concurrency = Math.max(1, Number(process.env.AXE_CONCURRENCY || 2));
const tabStops = Math.max(1, Number(process.env.AXE_TAB_STOPS || 8));

// SITE_ALIAS: the origin the site was built for (https://org.github.io)
// when its pages name it in absolute URLs; requests to it are answered
// from BASE_URL and count as the site's own.
const alias = process.env.SITE_ALIAS ? new URL(process.env.SITE_ALIAS).origin : '';

function origin(url) {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

function sameOrigin(url) {
  const o = origin(url);
  return o === baseURL.origin || (alias !== '' && o === alias);
}

// isLocalScheme: URLs that never leave the browser.
function isLocalScheme(url) {
  return /^(data|blob|about|chrome|chrome-extension|javascript):/i.test(url);
}

// keyboardCheck runs in the page after one Tab press and returns a list
// of problems with the focused element as the skip link.
function skipLinkProblems() {
  const problems = [];
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return ['the first Tab focused nothing (expected a "skip to content" link)'];
  }
  const desc = el.outerHTML.slice(0, 160);
  const text = (el.innerText || el.textContent || '').trim();
  const href = el.getAttribute('href') || '';
  if (el.tagName !== 'A' || !href.startsWith('#') || !/skip/i.test(text)) {
    problems.push(`the first Tab focused ${desc}, not a "skip to content" link (<a href="#..."> whose text says "skip")`);
    return problems;
  }
  let id = href.slice(1);
  try { id = decodeURIComponent(id); } catch { /* keep raw */ }
  const target = id && document.getElementById(id);
  if (!target) problems.push(`the skip link's target ${href} is not an id on the page`);
  const r = el.getBoundingClientRect();
  const inView = r.width >= 1 && r.height >= 1 && r.left >= 0 && r.top >= 0 &&
    r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5;
  if (!inView) {
    problems.push(`the focused skip link is not shown inside the viewport (box ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)})`);
  } else {
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !(hit === el || el.contains(hit))) {
      problems.push(`the focused skip link is covered by ${hit ? hit.outerHTML.slice(0, 100) : 'nothing'}`);
    }
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || Number(cs.opacity) === 0) problems.push('the focused skip link is invisible (visibility/opacity)');
  }
  return problems;
}

// focusStyle runs in the page and describes whether the focused element
// shows a focus indicator: an outline, a box-shadow, or else any change of
// colour, background, border or underline against its unfocused style.
function focusIndicator() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { none: true };
  const pick = (cs) => ({
    outlineStyle: cs.outlineStyle, outlineWidth: cs.outlineWidth, outlineColor: cs.outlineColor,
    boxShadow: cs.boxShadow, color: cs.color, backgroundColor: cs.backgroundColor,
    borderColor: cs.borderColor, borderWidth: cs.borderWidth, textDecorationLine: cs.textDecorationLine,
  });
  const focused = pick(getComputedStyle(el));
  const transparent = (c) => /^rgba\(.*,\s*0\)$/.test(c) || c === 'transparent';
  const hasOutline = focused.outlineStyle !== 'none' && parseFloat(focused.outlineWidth) > 0 && !transparent(focused.outlineColor);
  const hasShadow = focused.boxShadow && focused.boxShadow !== 'none';
  let changed = [];
  if (!hasOutline && !hasShadow) {
    el.blur();
    const plain = pick(getComputedStyle(el));
    el.focus();
    changed = Object.keys(plain).filter((k) => plain[k] !== focused[k]);
  }
  return {
    none: false,
    desc: el.outerHTML.slice(0, 140),
    visible: hasOutline || hasShadow || changed.length > 0,
    how: hasOutline ? `outline ${focused.outlineStyle} ${focused.outlineWidth}` : hasShadow ? 'box-shadow' : changed.join(','),
    style: focused,
  };
}

async function checkPage(context, path, mode) {
  const url = new URL(path, baseURL).href;
  const result = { path, mode, url, status: 0, violations: [], thirdParty: [], consoleErrors: [], keyboard: [], error: '' };
  const page = await context.newPage();
  let mainStatus = 0;
  const consoleRaw = [];
  page.on('request', (req) => {
    const u = req.url();
    if (!isLocalScheme(u) && !sameOrigin(u)) result.thirdParty.push(u);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location() || {};
    consoleRaw.push({ text: msg.text(), url: loc.url || '', line: loc.lineNumber || 0 });
  });
  page.on('pageerror', (err) => result.consoleErrors.push(`uncaught exception: ${err.message}`));
  page.on('requestfailed', (req) => {
    if (sameOrigin(req.url())) result.consoleErrors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (resp) => {
    if (resp.url() !== url && sameOrigin(resp.url()) && resp.status() >= 400) {
      result.consoleErrors.push(`subresource ${resp.url()} answered ${resp.status()}`);
    }
  });
  try {
    const resp = await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT });
    mainStatus = resp ? resp.status() : 0;
    result.status = mainStatus;
    await page.evaluate(() => document.fonts && document.fonts.ready);

    // Keyboard: the first Tab goes to the skip link, which shows.
    await page.keyboard.press('Tab');
    result.keyboard.push(...(await page.evaluate(skipLinkProblems)));
    // Focus indicators on the first Tab stops (the skip link included).
    const seen = new Set();
    for (let i = 0; i < tabStops; i++) {
      if (i > 0) await page.keyboard.press('Tab');
      const f = await page.evaluate(focusIndicator);
      if (f.none || seen.has(f.desc)) break;
      seen.add(f.desc);
      if (!f.visible) {
        result.keyboard.push(`Tab stop ${i + 1} has no visible focus indicator (outline ${f.style.outlineStyle} ${f.style.outlineWidth} ${f.style.outlineColor}, box-shadow ${f.style.boxShadow}): ${f.desc}`);
      }
    }
    await page.evaluate(() => document.activeElement && document.activeElement.blur());

    // axe-core.
    await page.evaluate(axe.source);
    const res = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      return await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    }, AXE_TAGS);
    result.violations = res.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html.slice(0, 200), summary: n.failureSummary })),
    }));
  } catch (err) {
    result.error = String(err && err.message ? err.message : err);
  } finally {
    await page.close();
  }
  for (const c of consoleRaw) {
    // The 404 page is served with status 404, which Chromium logs as an
    // error of the document itself: that one is expected.
    if (mainStatus === 404 && c.url === url && /status of 404/.test(c.text)) continue;
    result.consoleErrors.push(`${c.text}${c.url ? ` (${c.url}:${c.line})` : ''}`);
  }
  return result;
}

const started = Date.now();
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});
try {
  const modes = [];
  for (const width of WIDTHS) {
    for (const colorScheme of SCHEMES) {
      const context = await browser.newContext({
        viewport: { width, height: width >= 1000 ? 900 : 800 },
        colorScheme,
        reducedMotion: 'reduce',
        serviceWorkers: 'block',
      });
      // Abort everything off-site: the request is recorded above, and the
      // test must not depend on (or wait for) the network.
      await context.route((u) => !sameOrigin(u.href) && !isLocalScheme(u.href), (route) => route.abort('blockedbyclient'));
      if (alias) {
        await context.route((u) => u.origin === alias, async (route) => {
          const u = new URL(route.request().url());
          const response = await route.fetch({ url: baseURL.origin + u.pathname + u.search });
          await route.fulfill({ response });
        });
      }
      modes.push({ name: `${width}-${colorScheme}`, context, colorScheme });
    }
  }
  const tasks = [];
  for (const path of paths) for (const m of modes) tasks.push({ path, m });
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const i = next++;
      const { path, m } = tasks[i];
      results[i] = await checkPage(m.context, path, m.name);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  process.stdout.write(JSON.stringify({
    axeVersion: axe.version,
    chromium: browser.version(),
    seconds: (Date.now() - started) / 1000,
    pages: results,
  }, null, 1) + '\n');
} finally {
  await browser.close();
}
