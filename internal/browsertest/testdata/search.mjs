// search.mjs: the search on /prisoners/ in the system's Chromium.
//
// Usage: node search.mjs URL_OF_PRISONERS_PAGE SPEC_JSON
//
// SPEC_JSON is {"queries": [{"q": "Ильяшев", "want": "/prisoners/alnur-ilyashev/"}], "country": "kz"}.
// For each query it types the text into the search field with the keyboard
// and records the visible profiles and the live count; then it chooses the
// country in the filter and records the count again, and loads the page
// with ?q= in the address. It prints one JSON document on stdout:
// {"total", "queries": [{q, visible, count}], "country": {visible, count},
//  "fromURL": {visible}, "consoleErrors": [...]}; the Go test decides.

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
const out = { queries: [], consoleErrors: [] };
try {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') out.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => out.consoleErrors.push(String(e)));
  const visible = () => page.$$eval('#profile-list > li:not([hidden]) a', (as) => as.map((a) => new URL(a.href).pathname));
  const count = () => page.textContent('#profile-search-count');

  await page.goto(pageURL, { waitUntil: 'load' });
  await page.waitForSelector('#profile-search:not([hidden])', { timeout: 10_000 });
  out.total = await page.$$eval('#profile-list > li', (l) => l.length);
  // Reach the field with the keyboard: it must be focusable.
  await page.focus('#search-q');
  for (const { q } of spec.queries) {
    await page.fill('#search-q', '');
    await page.keyboard.type(q);
    await page.waitForTimeout(100);
    out.queries.push({ q, visible: await visible(), count: await count(), url: page.url() });
  }
  await page.fill('#search-q', '');
  await page.keyboard.press('Space');
  await page.keyboard.press('Backspace');
  const before = await count();
  await page.selectOption('#search-country', spec.country);
  await page.waitForTimeout(100);
  out.country = { before, visible: await visible(), count: await count(), url: page.url() };

  // Keyboard only, with reduced motion: from a fresh page, Tab until the
  // search field has focus, type, then Tab on to the first profile link.
  const kb = await browser.newPage({ reducedMotion: 'reduce' });
  await kb.goto(pageURL, { waitUntil: 'load' });
  await kb.waitForSelector('#profile-search:not([hidden])', { timeout: 10_000 });
  out.keyboard = { tabs: 0, reached: false, resultFocused: false };
  for (let i = 1; i <= 60 && !out.keyboard.reached; i++) {
    await kb.keyboard.press('Tab');
    out.keyboard.tabs = i;
    out.keyboard.reached = await kb.evaluate(() => document.activeElement && document.activeElement.id === 'search-q');
  }
  if (out.keyboard.reached) {
    await kb.keyboard.type(spec.queries[1].q);
    await kb.waitForTimeout(100);
    for (let i = 0; i < 20 && !out.keyboard.resultFocused; i++) {
      await kb.keyboard.press('Tab');
      out.keyboard.resultFocused = await kb.evaluate(() => {
        const a = document.activeElement;
        return !!(a && a.closest && a.closest('#profile-list > li:not([hidden])'));
      });
    }
  }
  // Under prefers-reduced-motion nothing on the page moves.
  out.moving = await kb.$$eval('*', (els) => els.filter((el) => {
    const cs = getComputedStyle(el);
    const secs = (v) => Math.max(...v.split(',').map((x) => parseFloat(x) * (x.trim().endsWith('ms') ? 0.001 : 1)));
    return (cs.animationName !== 'none' && secs(cs.animationDuration) > 0.01) || secs(cs.transitionDuration) > 0.01;
  }).map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).split(' ')[0] : '')));
  await kb.close();

  const q = spec.queries[0].q;
  await page.goto(pageURL + '?q=' + encodeURIComponent(q), { waitUntil: 'load' });
  await page.waitForSelector('#profile-search:not([hidden])', { timeout: 10_000 });
  await page.waitForTimeout(100);
  out.fromURL = { q, visible: await visible(), value: await page.inputValue('#search-q') };
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + '\n');
