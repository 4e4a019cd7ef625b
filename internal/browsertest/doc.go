// Package browsertest holds the tests that check a built Casebook site as a
// reader's browser gets it: every internal link and asset answers, every
// page is valid HTML (the Nu Html Checker, vnu), and the main kinds of page
// pass axe-core's WCAG 2.x A/AA and best-practice rules in headless
// Chromium at desktop and phone widths, in the light and the dark colour
// scheme, with a working skip link and visible keyboard focus, no request
// to another host and no console error.
//
// The tests run in "go test ./..." against the site in CASEBOOK_SITE, or
// else against one they build with "go run ./cmd/casebook build". They need
// Node.js with the npm packages of package.json installed (make deps),
// Chromium at /usr/bin/chromium (or CHROMIUM) and Java 11+ (java on PATH);
// without them they fail, saying how to install them, unless
// CASEBOOK_SKIP_BROWSER=1, which skips the HTML and browser checks (the
// link check still runs).
//
// TestGitHubPages builds the site twice more, as GitHub Pages publishes it
// at a user site's root and at a project site's sub-path (/sub/path/), and
// crawls each: no broken link or asset, no link out of the sub-path, a
// 404.html that works from a deep URL, and a "suggest a correction" link on
// every profile to {repo}/edit/{branch}/cases/<slug>.toml (config.toml).
package browsertest
