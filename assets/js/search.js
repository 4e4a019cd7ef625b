// search.js: search and filters on /prisoners/, as progressive enhancement.
//
// Without JavaScript the page lists every profile and the search form stays
// hidden. With it, the form appears; typing or choosing a filter hides the
// profiles that do not match, updates the live count and keeps the query in
// the address (?q=&country=&status=&charge=) so a search can be shared.
//
// Matching: every word of the query must match a word of the entry (names
// in every script, country, summary) at its start, after normalisation:
// lower case, no diacritics, Cyrillic (Russian, Ukrainian, Belarusian,
// Kazakh letters) transliterated to Latin. Name words also match on a
// "skeleton" (consonants after the first letter), so that spelling
// variants meet: Ilyashev, Ilyashov, Ильяшев and Ілияшев all give "ilshv".
// A small matcher is enough and avoids a dependency: no search library
// transliterates Kazakh.
//
// Speed (docs/search-performance.md: 10,000 profiles): each entry's words
// are normalised once, when the index is loaded, into one string
// (" word word ..."), so a query word matches with one substring search;
// the query is normalised once per update; the list rows are paired with
// their entries once. Rows that do not match are taken out of the list
// (not hidden: Chromium updates list items hidden or shown one by one in a
// time that grows with the square of their number, 18 s for 10,000 rows).
// When many rows change, the list is rebuilt out of the document with its
// first FIRST matching rows, and the others are appended CHUNK at a time,
// one step per frame, so that the first results and the count show at
// once even when thousands of rows come back; a new update cancels the
// steps left.

const CYRILLIC = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z',
  и: 'i', і: 'i', ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ә: 'a', ғ: 'g', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
};

const NON_ASCII = /[^\x00-\x7f]/;
const CYRILLIC_LETTER = /[\u0400-\u04ff]/g;
const SHORT_I = /[йї]/g;
// Latin letters that Unicode does not decompose into a letter and a mark.
const LATIN_SPECIAL = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', ħ: 'h', þ: 'th' };
const LATIN_SPECIAL_LETTER = /[łøđðßæœıħþ]/g;
const LATIN_WORD = /^\p{Script=Latin}+$/u;
const LATIN_START = /^\p{Script=Latin}/u;

// words returns the words of s: lower case, without diacritics, with
// Cyrillic (and Latin letters such as ł, ø, ß) written in plain Latin
// letters.
export function words(s) {
  s = (s || '').toLowerCase();
  if (!NON_ASCII.test(s)) return s.split(/[^a-z0-9]+/).filter(Boolean);
  // й and ї are letters of their own (y, yi), not и and і with a mark:
  // they are written in Latin letters before the marks go.
  s = s.replace(SHORT_I, (ch) => CYRILLIC[ch]);
  s = s.normalize('NFD').replace(/\p{M}/gu, '').replace(CYRILLIC_LETTER, (ch) => CYRILLIC[ch] ?? ch)
    .replace(LATIN_SPECIAL_LETTER, (ch) => LATIN_SPECIAL[ch]);
  return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

// skeleton keeps the first letter and the consonants after it, with common
// spelling variants merged (kh h, q k, w v, j y, ou u) and doubled letters
// collapsed.
export function skeleton(w) {
  const s = w.replace(/kh/g, 'h').replace(/ou/g, 'u');
  let out = '';
  let prev = '';
  for (let i = 0; i < s.length; i++) {
    let c = s[i];
    if (c === 'q') c = 'k';
    else if (c === 'w') c = 'v';
    else if (c === 'j') c = 'y';
    if ((i > 0 && VOWELS.includes(c)) || c === prev) continue;
    out += c;
    prev = c;
  }
  return out;
}

const VOWELS = 'aeiouy';

// text returns the words of s as one string, each after a space.
function text(s) {
  s = (s || '').toLowerCase();
  if (!NON_ASCII.test(s)) return (' ' + s.replace(/[^a-z0-9]+/g, ' ')).trimEnd().replace(/^ +/, ' ');
  const w = words(s);
  return w.length ? ' ' + w.join(' ') : '';
}

// prepare turns an entry of the index into what matches needs: its words
// and the skeletons of its Latin (or transliterated) name words, each as
// one string with a space before every word. skeletons caches the
// skeletons of name words (given and family names repeat).
export function prepare(entry, skeletons = new Map()) {
  const nameWords = [...new Set((entry.names || []).flatMap(words))];
  let sk = '';
  for (const w of nameWords) {
    if (!LATIN_START.test(w)) continue;
    let k = skeletons.get(w);
    if (k === undefined) skeletons.set(w, (k = skeleton(w)));
    sk += ' ' + k;
  }
  return {
    country: entry.country,
    status: entry.status,
    charges: entry.charges || [],
    text: (nameWords.length ? ' ' + nameWords.join(' ') : '') + text(entry.sort_name) + text(entry.summary),
    skeletons: sk,
  };
}

// query returns the words of the query s, each with the skeleton it also
// matches by (Latin words of three letters or more), ready for matches.
export function query(s) {
  return words(s).map((w) => {
    const sk = w.length >= 3 && LATIN_WORD.test(w) ? skeleton(w) : '';
    return { word: ' ' + w, skeleton: sk.length >= 2 ? ' ' + sk : null };
  });
}

// matches tells whether every word of the query q (from query) starts a
// word of the prepared entry, or its skeleton starts a name's skeleton.
export function matches(entry, q) {
  for (const t of q) {
    if (entry.text.includes(t.word)) continue;
    if (t.skeleton && entry.skeletons.includes(t.skeleton)) continue;
    return false;
  }
  return true;
}

// FEW is the number of changed rows up to which rows are taken out or put
// back one by one, in place; from it on the list is rebuilt out of the
// document. FIRST rows are shown at once after a rebuild, the others
// CHUNK rows per frame.
const FEW = 50;
const FIRST = 100;
const CHUNK = 250;

function init() {
  const form = document.getElementById('profile-search');
  const list = document.getElementById('profile-list');
  const count = document.getElementById('profile-search-count');
  if (!form || !list || !count) return;
  const fields = {
    q: form.elements.namedItem('q'),
    country: form.elements.namedItem('country'),
    status: form.elements.namedItem('status'),
    charge: form.elements.namedItem('charge'),
  };
  const items = [...list.querySelectorAll(':scope > li')];
  const lang = document.documentElement.lang;
  const total = items.length.toLocaleString(lang);
  let rows = null; // the prepared entry of each item (undefined: not in the index)
  let inList = items.map((li) => li.parentNode === list && !li.hidden); // row i is in the list, shown
  let generation = 0; // of show: a CHUNK step of an earlier call does nothing
  let last = null; // the field values of the last update

  const params = new URLSearchParams(location.search);
  for (const [name, el] of Object.entries(fields)) {
    if (el && params.has(name)) el.value = params.get(name);
  }
  const value = (el) => (el ? el.value : '');

  // show makes the rows of next (true: shown) the list, in their order.
  function show(next) {
    const g = ++generation;
    let changed = 0;
    for (let i = 0; i < items.length; i++) if (next[i] !== inList[i]) changed++;
    if (changed === 0) return;
    if (changed < FEW) {
      let before = null; // the next row in the list after i
      for (let i = items.length - 1; i >= 0; i--) {
        if (next[i] && !inList[i]) {
          items[i].hidden = false;
          list.insertBefore(items[i], before);
        } else if (!next[i] && inList[i]) {
          items[i].remove();
        }
        if (next[i]) before = items[i];
      }
      inList = next;
      return;
    }
    const want = [];
    for (let i = 0; i < items.length; i++) if (next[i]) want.push(i);
    const parent = list.parentNode;
    const after = list.nextSibling;
    list.remove();
    list.replaceChildren(...want.slice(0, FIRST).map((i) => { items[i].hidden = false; return items[i]; }));
    parent.insertBefore(list, after);
    inList = items.map(() => false);
    for (const i of want.slice(0, FIRST)) inList[i] = true;
    let from = FIRST;
    const later = () => requestAnimationFrame(() => setTimeout(step, 0));
    const step = () => {
      if (g !== generation) return;
      const part = want.slice(from, from + CHUNK);
      list.append(...part.map((i) => { items[i].hidden = false; return items[i]; }));
      for (const i of part) inList[i] = true;
      from += CHUNK;
      if (from < want.length) later();
    };
    if (from < want.length) later();
  }

  function update(push) {
    if (!rows) return;
    const values = Object.values(fields).map(value);
    const key = values.join('\n');
    if (key === last) return;
    last = key;
    const q = query(fields.q.value);
    const [, country, status, charge] = values;
    const next = new Array(items.length);
    let n = 0;
    for (let i = 0; i < items.length; i++) {
      const e = rows[i];
      const ok = !!e && (!country || e.country === country) && (!status || e.status === status) &&
        (!charge || e.charges.includes(charge)) && matches(e, q);
      next[i] = ok;
      if (ok) n++;
    }
    show(next);
    const tmpl = n === 1 ? count.dataset.one : count.dataset.other;
    count.textContent = tmpl.replace('{n}', n.toLocaleString(lang)).replace('{total}', total);
    if (push) {
      const p = new URLSearchParams();
      for (const [name, el] of Object.entries(fields)) if (el && el.value) p.set(name, el.value);
      const qs = p.toString();
      history.replaceState(null, '', qs ? '?' + qs : location.pathname);
    }
  }

  form.addEventListener('input', () => update(true));
  form.addEventListener('change', () => update(true));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); update(true); });
  form.addEventListener('reset', () => setTimeout(() => update(true), 0));

  fetch(form.dataset.index, { credentials: 'same-origin' })
    .then((r) => { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then((data) => {
      // The index lists the profiles in the order of the list: pair them
      // by position, and by address where that fails.
      let byPath = null;
      const base = new URL(form.dataset.index, location.href);
      const skeletons = new Map();
      rows = items.map((li, i) => {
        const a = li.querySelector('a');
        if (!a) return undefined;
        let e = data[i];
        if (!e || e.url !== a.getAttribute('href')) {
          byPath ??= new Map(data.map((d) => [new URL(d.url, base).pathname, d]));
          e = byPath.get(a.pathname);
        }
        return e && prepare(e, skeletons);
      });
      form.hidden = false;
      update(false);
    })
    .catch(() => { /* the full list stays as it is */ });
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}
