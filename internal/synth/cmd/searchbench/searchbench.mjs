// searchbench.mjs: times the search of /prisoners/ in the system's Chromium.
// Run by searchbench (main.go), which builds the site and serves it.
//
// Usage: node searchbench.mjs URL_OF_PRISONERS_PAGE SPEC_JSON
//
// SPEC_JSON: {"loads": 5, "runs": 7, "queries": [{"label", "q", "country",
// "want", "typed"}]}.
//
// Readiness: the page is loaded "loads" times, each in a fresh browser
// context (empty cache); "ready" is the time from navigation start until
// search.js shows the form (index fetched, parsed and prepared, first
// update done), recorded in the page by a MutationObserver installed
// before any script runs.
//
// Queries: on one loaded page, each query is run "runs" times. A run
// clears the field (and sets the country filter of the query, untimed),
// then sets the field's value and fires an input event, as typing or
// pasting does; it measures, inside the page, the time until the live
// count's text changes ("count") and until the next frame after that
// ("frame": requestAnimationFrame then a task, i.e. once style, layout and
// paint of the changed list are done), and until the list shows as many
// rows as the count says ("complete": search.js may add rows in steps
// after the first frame). With "typed", the query is also
// typed one letter at a time and the slowest keystroke is reported.
// Clearing the field again (every profile shown) is timed as well.
//
// It prints one JSON document on stdout; main.go makes the tables.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const [pageURL, specJSON] = process.argv.slice(2);
const spec = JSON.parse(specJSON);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});

// Installed before the page's own scripts: note when the form is shown.
function watchReady() {
  const mark = () => {
    const f = document.getElementById('profile-search');
    if (f && !f.hidden && window.__searchReady === undefined) window.__searchReady = performance.now();
  };
  new MutationObserver(mark).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
}

const out = { chromium: browser.version(), loads: [], queries: [], consoleErrors: [] };
try {
  for (let i = 0; i < spec.loads; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    page.on('pageerror', (e) => out.consoleErrors.push(String(e)));
    await page.addInitScript(watchReady);
    await page.goto(pageURL, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__searchReady !== undefined, null, { timeout: 120_000 });
    out.loads.push(await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const idx = performance.getEntriesByType('resource').find((r) => r.name.includes('search') && r.name.endsWith('.json'));
      return {
        ready: window.__searchReady,
        domContentLoaded: nav.domContentLoadedEventStart,
        load: nav.loadEventEnd,
        htmlBytes: nav.decodedBodySize,
        indexFetchStart: idx ? idx.fetchStart : null,
        indexResponseEnd: idx ? idx.responseEnd : null,
        indexBytes: idx ? idx.decodedBodySize : null,
        heap: performance.memory ? performance.memory.usedJSHeapSize : null,
        rows: document.querySelectorAll('#profile-list > li').length,
      };
    }));
    await ctx.close();
  }

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  page.on('pageerror', (e) => out.consoleErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') out.consoleErrors.push(m.text()); });
  await page.addInitScript(watchReady);
  await page.goto(pageURL, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__searchReady !== undefined, null, { timeout: 120_000 });

  // In the page: helpers to set the fields and time until the count changes
  // and the next frame.
  await page.evaluate(() => {
    const form = document.getElementById('profile-search');
    const input = form.elements.namedItem('q');
    const country = form.elements.namedItem('country');
    const count = document.getElementById('profile-search-count');
    const list = document.getElementById('profile-list');
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    // set changes the fields and resolves with the times (ms) from the
    // change until the count's text changed and until the frame after it.
    // A query that leaves the count as it was (the next letter of a word
    // that already matched) gives the time until the first frame after the
    // input, and "same": true, once no change came within 300 ms more.
    window.__set = (q, c) => new Promise((resolve) => {
      const before = count.textContent;
      let tCount = null;
      const mo = new MutationObserver(() => {
        if (tCount === null && count.textContent !== before) tCount = performance.now();
      });
      mo.observe(count, { subtree: true, childList: true, characterData: true });
      const t0 = performance.now();
      if (c !== undefined && country.value !== c) {
        country.value = c;
        country.dispatchEvent(new Event('change', { bubbles: true }));
      }
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      (async () => {
        await frame();
        const firstFrame = performance.now();
        for (const until = firstFrame + 300; tCount === null && performance.now() < until;) {
          await new Promise((r) => setTimeout(r, 5));
        }
        mo.disconnect();
        if (tCount === null) {
          resolve({ count: null, frame: firstFrame - t0, same: true, text: count.textContent });
          return;
        }
        const tc = tCount;
        if (tc > firstFrame) await frame();
        const tFrame = performance.now();
        // The list may be completed in steps after the first frame: wait
        // until it shows as many rows as the count says (10 s at most).
        const want = Number((count.textContent.match(/\d[\d.,\s\u00a0\u202f]*/) || ['0'])[0].replace(/\D/g, ''));
        const shown = () => list.querySelectorAll(':scope > li:not([hidden])').length;
        for (const until = tFrame + 10_000; shown() !== want && performance.now() < until;) await frame();
        resolve({ count: tc - t0, frame: tFrame - t0, complete: performance.now() - t0, text: count.textContent });
      })();
    });
    window.__visible = (href) => {
      for (const li of document.querySelectorAll('#profile-list > li')) {
        if (new URL(li.querySelector('a').href).pathname === href) return !li.hidden;
      }
      return false;
    };
    window.__frame = frame;
  });

  for (const qs of spec.queries) {
    const res = { label: qs.label, q: qs.q, country: qs.country || '', runs: [], clears: [], keystrokes: [] };
    for (let i = 0; i < spec.runs; i++) {
      // Untimed: the filter of this query, an empty field.
      await page.evaluate(async (c) => { await window.__set('', c); await window.__frame(); }, qs.country || '');
      const r = await page.evaluate((q) => window.__set(q), qs.q);
      res.runs.push(r);
      res.text = r.text;
      if (i === 0) res.found = await page.evaluate((w) => window.__visible(w), qs.want);
      res.clears.push(await page.evaluate(() => window.__set('')));
    }
    if (qs.typed) {
      await page.evaluate(async (c) => { await window.__set('', c); await window.__frame(); }, qs.country || '');
      for (let k = 1; k <= qs.q.length; k++) {
        res.keystrokes.push({ q: qs.q.slice(0, k), ...(await page.evaluate((q) => window.__set(q), qs.q.slice(0, k))) });
      }
    }
    out.queries.push(res);
  }
  await page.evaluate(async () => { await window.__set('', ''); });
  await ctx.close();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + '\n');
