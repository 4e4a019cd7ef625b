package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/casebook-project/casebook/internal/casefile"
)

var today = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

// testCases are the checker's good corpus plus one case whose values are
// hard for CSV and spreadsheets: commas, quotes, newlines, leading =+-@,
// Cyrillic and Arabic.
func testCases(t *testing.T) []*casefile.Case {
	t.Helper()
	cases, ps := casefile.Load(filepath.Join("..", "casefile", "testdata", "good"), casefile.Options{Today: today})
	if ps.Err(false) != nil {
		t.Fatalf("testdata/good: %v", ps)
	}
	hard := &casefile.Case{
		Slug:    "hard-values",
		Name:    `Samir "Sam" Haddad, Jr.`,
		Names:   []casefile.Name{{Name: "=HYPERLINK(\"x\")", Lang: "en"}, {Name: "سمير حداد", Lang: "ar"}, {Name: "Самир Хаддад", Lang: "ru"}},
		Country: "EG",
		Status:  "detained",
		Summary: "Line one, with a comma;\nline two with \"quotes\"\r\nand a CRLF.",
		Tags:    []string{"+plus", "-minus", "@at", "=sum(A1)"},
		Story:   "## Heading\n\nText.",
		Events: []casefile.Event{
			{Date: casefile.MustDate("2024-03"), Kind: "arrested", Text: "Arrested, \"for\" posting.", Sources: []string{"a"}},
			{Date: casefile.MustDate("2023"), Kind: "statement", Text: "Earlier.", Sources: []string{"a"}},
		},
		Charges:  []casefile.Charge{{Law: "Penal Code, \"new\"", Article: "80(d)", Offence: "قانون", Sources: []string{"a"}}},
		Reviewed: casefile.MustDate("2026-05-01"),
		Sources: map[string]*casefile.Source{
			"a": {Key: "a", Title: "Title, with comma", Publisher: "Pub\nlisher", URL: "https://example.org/a?x=1,2"},
		},
	}
	return append(cases, hard)
}

func TestJSONMatchesSchema(t *testing.T) {
	people := People(testCases(t), today)
	data, err := JSON(people)
	if err != nil {
		t.Fatal(err)
	}
	schema := loadSchema(t)
	var doc any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	for _, e := range validate(schema, schema, doc, "$") {
		t.Error(e)
	}
	// The validator itself catches what it should.
	var bad []any
	json.Unmarshal(data, &bad)
	p := bad[0].(map[string]any)
	p["status"] = "jailed"
	p["unknown"] = 1
	delete(p, "slug")
	p["events"].([]any)[0].(map[string]any)["date"] = "2020-9"
	if errs := validate(schema, schema, bad, "$"); len(errs) != 4 {
		t.Errorf("a broken document gave %d errors, want 4:\n%s", len(errs), strings.Join(errs, "\n"))
	}
}

func TestJSONContent(t *testing.T) {
	people := People(testCases(t), today)
	var hard *Person
	for i := range people {
		if people[i].Slug == "hard-values" {
			hard = &people[i]
		}
	}
	if hard == nil {
		t.Fatal("hard-values missing")
	}
	if hard.URL != "/prisoners/hard-values/" || !hard.InCustody || hard.CustodyDays < 790 || !hard.CustodyApprox {
		t.Errorf("derived values: url %q in_custody %v custody_days %d approx %v", hard.URL, hard.InCustody, hard.CustodyDays, hard.CustodyApprox)
	}
	if hard.Events[0].Date != "2023" || hard.Events[1].Date != "2024-03" {
		t.Errorf("events not in display order: %+v", hard.Events)
	}
	if hard.SortName != `Jr., Samir "Sam" Haddad,` {
		t.Errorf("sort_name %q", hard.SortName)
	}
	if !slices.IsSortedFunc(people, func(a, b Person) int { return strings.Compare(a.Slug, b.Slug) }) {
		t.Error("people are not in slug order")
	}
}

func TestDeterministic(t *testing.T) {
	cases := testCases(t)
	a, err := Files(cases, today)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(cases)
	b, _ := Files(cases, today)
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between runs", name)
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	people := People(testCases(t), today)
	data, err := CSV(people)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(data, []byte("\r\n")) || bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Error("want CRLF line ends and no byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(people)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(people)+1)
	}
	for j, c := range Columns {
		if rows[0][j] != c.Name {
			t.Errorf("header %d = %q, want %q", j, rows[0][j], c.Name)
		}
	}
	guarded := 0
	for i := range people {
		row := rows[i+1]
		if len(row) != len(Columns) {
			t.Fatalf("row %d has %d cells", i+1, len(row))
		}
		for j, c := range Columns {
			want := c.get(&people[i])
			// encoding/csv reads a quoted \r\n as \n, as RFC 4180 readers do.
			want = strings.ReplaceAll(want, "\r\n", "\n")
			if got := UnguardFormula(row[j]); got != want {
				t.Errorf("%s %s: read back %q, want %q", people[i].Slug, c.Name, got, want)
			}
			if row[j] != "" && strings.ContainsRune("=+-@", rune(row[j][0])) {
				t.Errorf("%s %s: cell %q starts a formula", people[i].Slug, c.Name, row[j])
			}
			if row[j] != UnguardFormula(row[j]) {
				guarded++
			}
		}
	}
	if guarded < 2 {
		t.Errorf("%d guarded cells, want at least 2 (other_names and tags of hard-values)", guarded)
	}
	// (With UseCRLF, encoding/csv writes a newline inside a value as CRLF.)
	for _, want := range []string{"سمير حداد (ar)", "Самир Хаддад (ru)", "Line one, with a comma;\r\nline two"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("CSV lacks %q", want)
		}
	}
}

func TestGuardFormula(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+7 700": "'+7 700", "-x": "'-x", "@a": "'@a", "\t=1": "'\t=1", "\r=1+1": "'\r=1+1", "\n=1": "'\n=1", "a=b": "a=b", " =x": " =x", "": "", "'=x": "'=x"} {
		if got := GuardFormula(in); got != want {
			t.Errorf("GuardFormula(%q) = %q, want %q", in, got, want)
		}
		// (A value that itself starts with an apostrophe and a guarded
		// character reads back without the apostrophe: the documented
		// convention cannot tell the two apart.)
		if back := UnguardFormula(GuardFormula(in)); back != in && !strings.HasPrefix(in, "'") {
			t.Errorf("UnguardFormula(GuardFormula(%q)) = %q", in, back)
		}
	}
}

// Every CSV column and every JSON key is documented on the /data/ page.
func TestDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "content", "data", "_index.md"))
	if err != nil {
		t.Fatal(err)
	}
	csvPart := string(doc[bytes.Index(doc, []byte("## prisoners.csv")):])
	for _, c := range Columns {
		if !strings.Contains(csvPart, "`"+c.Name+"`") {
			t.Errorf("CSV column %s is not documented in content/data/_index.md", c.Name)
		}
	}
	schema := loadSchema(t)
	props := schema["$defs"].(map[string]any)["person"].(map[string]any)["properties"].(map[string]any)
	for key := range props {
		if !strings.Contains(string(doc), "`"+key+"`") {
			t.Errorf("JSON key %s is not documented in content/data/_index.md", key)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	cases := testCases(t)
	if w, err := Write(dir, cases, today); err != nil || len(w) != 0 {
		t.Fatalf("without _index.md: wrote %v, %v", w, err)
	}
	os.WriteFile(filepath.Join(dir, "_index.md"), []byte("---\n---\n"), 0o644)
	if w, err := Write(dir, cases, today); err != nil || len(w) != 2 {
		t.Fatalf("first write: %v, %v", w, err)
	}
	if w, err := Write(dir, cases, today); err != nil || len(w) != 0 {
		t.Fatalf("unchanged: wrote %v, %v", w, err)
	}
}

// A minimal JSON Schema validator for the keywords docs/prisoners.schema.json
// uses: $ref (to #/$defs/...), type, enum, pattern, minLength, minimum,
// minItems, items, properties, required, additionalProperties: false.

func loadSchema(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "prisoners.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("docs/prisoners.schema.json: %v", err)
	}
	return s
}

var known = map[string]bool{"$schema": true, "$id": true, "$defs": true, "title": true, "description": true,
	"$ref": true, "type": true, "enum": true, "pattern": true, "minLength": true, "minimum": true,
	"minItems": true, "items": true, "properties": true, "required": true, "additionalProperties": true}

func validate(root, s map[string]any, v any, path string) (errs []string) {
	fail := func(format string, a ...any) { errs = append(errs, path+": "+fmt.Sprintf(format, a...)) }
	for k := range s {
		if !known[k] {
			fail("the test's validator does not know the schema keyword %q", k)
		}
	}
	if ref, ok := s["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/$defs/")
		def, ok := root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok {
			fail("unknown $ref %s", ref)
			return
		}
		return validate(root, def, v, path)
	}
	if typ, ok := s["type"].(string); ok {
		okType := false
		switch x := v.(type) {
		case string:
			okType = typ == "string"
		case bool:
			okType = typ == "boolean"
		case float64:
			okType = typ == "number" || typ == "integer" && x == float64(int64(x))
		case []any:
			okType = typ == "array"
		case map[string]any:
			okType = typ == "object"
		}
		if !okType {
			fail("%v is not of type %s", v, typ)
			return
		}
	}
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
		fail("%v is not one of %v", v, enum)
	}
	if str, ok := v.(string); ok {
		if p, ok := s["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			fail("%q does not match %s", str, p)
		}
		if n, ok := s["minLength"].(float64); ok && float64(len([]rune(str))) < n {
			fail("%q is shorter than %v", str, n)
		}
	}
	if n, ok := v.(float64); ok {
		if m, ok := s["minimum"].(float64); ok && n < m {
			fail("%v is below %v", n, m)
		}
	}
	if arr, ok := v.([]any); ok {
		if n, ok := s["minItems"].(float64); ok && float64(len(arr)) < n {
			fail("%d items, want at least %v", len(arr), n)
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range arr {
				errs = append(errs, validate(root, items, x, fmt.Sprintf("%s[%d]", path, i))...)
			}
		}
	}
	if obj, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		for _, r := range s["required"].([]any) {
			if _, ok := obj[r.(string)]; !ok {
				fail("missing required %q", r)
			}
		}
		for _, k := range sortedKeys(obj) {
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, validate(root, ps, obj[k], path+"."+k)...)
			} else if s["additionalProperties"] == false {
				fail("unknown key %q", k)
			}
		}
	}
	return errs
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Write builds the files a case at a time (Part, WriteParts); they are
// byte for byte what Files gives, for no case, one and many, and a file
// that differs in any way (content, length) is rewritten.
func TestWriteMatchesFiles(t *testing.T) {
	all := testCases(t)
	for _, cases := range [][]*casefile.Case{nil, all[:1], all} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "_index.md"), []byte("---\n---\n"), 0o644)
		want, err := Files(cases, today)
		if err != nil {
			t.Fatal(err)
		}
		check := func(what string) {
			t.Helper()
			for name, data := range want {
				got, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil || !bytes.Equal(got, data) {
					t.Errorf("%d cases, %s: %s differs from Files (%v)\ngot:\n%s\nwant:\n%s", len(cases), what, name, err, got, data)
				}
			}
		}
		if _, err := Write(dir, cases, today); err != nil {
			t.Fatal(err)
		}
		check("first write")
		for _, edit := range []func([]byte) []byte{
			func(b []byte) []byte { return b[:len(b)-1] },
			func(b []byte) []byte { return append(b, ' ') },
			func(b []byte) []byte { b = bytes.Clone(b); b[len(b)/2]++; return b },
			func(b []byte) []byte { return nil },
		} {
			for name := range want {
				p := filepath.Join(dir, name)
				old, _ := os.ReadFile(p)
				os.WriteFile(p, edit(old), 0o644)
				w, err := Write(dir, cases, today)
				if err != nil || !slices.Equal(w, []string{name}) {
					t.Errorf("%d cases, edited %s: wrote %v, %v", len(cases), name, w, err)
				}
				check("after an edit")
			}
		}
	}
}

// Two writers of the open data at once (a build beside a preview server)
// leave one writer's whole files, never a mix.
func TestWritePartsConcurrent(t *testing.T) {
	mk := func(b byte) []Part {
		ps := make([]Part, 2000)
		for i := range ps {
			ps[i] = Part{JSON: bytes.Repeat([]byte{b}, 1000), CSV: bytes.Repeat([]byte{b}, 1000)}
		}
		return ps
	}
	writers := [][]Part{mk('a'), mk('b')}
	var whole [2][]byte
	for i, ps := range writers {
		dir := t.TempDir()
		if _, err := WriteParts(dir, ps); err != nil {
			t.Fatal(err)
		}
		whole[i], _ = os.ReadFile(filepath.Join(dir, JSONFile))
	}
	dir := t.TempDir()
	for round := range 10 {
		var wg sync.WaitGroup
		for _, ps := range writers {
			wg.Go(func() { WriteParts(dir, ps) })
		}
		wg.Wait()
		data, err := os.ReadFile(filepath.Join(dir, JSONFile))
		if err != nil || !bytes.Equal(data, whole[0]) && !bytes.Equal(data, whole[1]) {
			t.Fatalf("round %d: %s is neither writer's (%d bytes, %v)", round, JSONFile, len(data), err)
		}
		os.Remove(filepath.Join(dir, JSONFile))
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
