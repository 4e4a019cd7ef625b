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
// A small matcher is enough for a list of hundreds of profiles and avoids a
// dependency: no search library transliterates Kazakh.

const CYRILLIC = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z',
  и: 'i', і: 'i', ї: 'yi', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  ә: 'a', ғ: 'g', қ: 'q', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h',
};

// normalise returns the words of s: lower case, without diacritics, with
// Cyrillic written in Latin letters.
export function words(s) {
  let out = '';
  for (const ch of (s || '').toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')) {
    out += CYRILLIC[ch] ?? ch;
  }
  return out.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

// skeleton keeps the first letter and the consonants after it, with common
// spelling variants merged and doubled letters collapsed.
export function skeleton(w) {
  const s = w.replace(/kh/g, 'h').replace(/q/g, 'k').replace(/w/g, 'v').replace(/j/g, 'y').replace(/ou/g, 'u');
  return (s[0] + s.slice(1).replace(/[aeiouy]/g, '')).replace(/(.)\1+/g, '$1');
}

function prepare(entry) {
  const nameWords = entry.names.flatMap(words);
  return {
    ...entry,
    words: [...nameWords, ...words(entry.sort_name), ...words(entry.summary)],
    skeletons: nameWords.filter((w) => /^\p{Script=Latin}/u.test(w)).map(skeleton),
  };
}

export function matches(entry, queryWords) {
  return queryWords.every((q) => {
    if (entry.words.some((w) => w.startsWith(q))) return true;
    if (q.length < 3 || !/^\p{Script=Latin}+$/u.test(q)) return false;
    const sq = skeleton(q);
    return sq.length >= 2 && entry.skeletons.some((s) => s.startsWith(sq));
  });
}

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
  const hrefOf = (li) => new URL(li.querySelector('a').href, location.href).pathname;
  let index = null;

  const params = new URLSearchParams(location.search);
  for (const [name, el] of Object.entries(fields)) {
    if (el && params.has(name)) el.value = params.get(name);
  }

  function update(push) {
    if (!index) return;
    const q = words(fields.q.value);
    const want = { country: fields.country.value, status: fields.status.value, charge: fields.charge.value };
    let n = 0;
    for (const li of items) {
      const e = index.get(hrefOf(li));
      const ok = e && (!want.country || e.country === want.country) && (!want.status || e.status === want.status) &&
        (!want.charge || e.charges.includes(want.charge)) && matches(e, q);
      li.hidden = !ok;
      if (ok) n++;
    }
    const tmpl = n === 1 ? count.dataset.one : count.dataset.other;
    count.textContent = tmpl.replace('{n}', n.toLocaleString(document.documentElement.lang)).replace('{total}', items.length.toLocaleString(document.documentElement.lang));
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
      const base = new URL(form.dataset.index, location.href);
      index = new Map(data.map((e) => [new URL(e.url, base).pathname, prepare(e)]));
      form.hidden = false;
      update(false);
    })
    .catch(() => { /* the full list stays as it is */ });
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}
