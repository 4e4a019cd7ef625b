// matcher.mjs runs the search's matcher (assets/js/search.js) in Node, for
// the table test TestMatcher: node matcher.mjs SEARCH_JS CASES_JSON, where
// CASES_JSON is [{"q": "...", "names": ["..."], "summary": "..."}]; it
// prints [{"words": [...], "match": true|false}] in the same order.
import { pathToFileURL } from 'node:url';

const [searchJS, casesJSON] = process.argv.slice(2);
const { words, prepare, query, matches } = await import(pathToFileURL(searchJS).href);
const out = JSON.parse(casesJSON).map((c) => ({
  words: words(c.q),
  match: matches(prepare({ names: c.names, summary: c.summary || '' }), query(c.q)),
}));
process.stdout.write(JSON.stringify(out));
