package casefile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaPath is docs/case.schema.json from this package's folder.
var schemaPath = filepath.Join("..", "..", filepath.FromSlash(schemaFileName))

// TestSchemaFile checks that docs/case.schema.json is what JSONSchema
// generates; "go test ./internal/casefile -run TestSchemaFile -update"
// rewrites it.
func TestSchemaFile(t *testing.T) {
	got, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(schemaPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatalf("%v (go test ./internal/casefile -run TestSchemaFile -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go test ./internal/casefile -run TestSchemaFile -update", schemaFileName)
	}
}

// compileSchema compiles the generated schema (which also checks it
// against the draft 2020-12 meta-schema).
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schemaID, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(schemaID)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return s
}

// tomlToJSON turns a decoded TOML tree into the JSON value editors' tools
// validate: dates and times become strings (as taplo writes them), numbers
// json.Numbers.
func tomlToJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = tomlToJSON(e)
		}
		return m
	case []map[string]any:
		a := make([]any, len(v))
		for i, e := range v {
			a[i] = tomlToJSON(e)
		}
		return a
	case []any:
		a := make([]any, len(v))
		for i, e := range v {
			a[i] = tomlToJSON(e)
		}
		return a
	case int64:
		return json.Number(strconv.FormatInt(v, 10))
	case float64:
		return json.Number(strconv.FormatFloat(v, 'g', -1, 64))
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return v.Format("2006-01-02")
		case "datetime-local":
			return v.Format("2006-01-02T15:04:05.999999999")
		case "time-local":
			return v.Format("15:04:05.999999999")
		}
		return v.Format(time.RFC3339Nano)
	}
	return v
}

// validateTOML validates TOML source against the schema.
func validateTOML(s *jsonschema.Schema, src []byte) error {
	var raw map[string]any
	if _, err := toml.Decode(string(src), &raw); err != nil {
		return fmt.Errorf("malformed TOML: %w", err)
	}
	return s.Validate(tomlToJSON(raw))
}

// TestSchemaGoodCases validates every case in cases/ and testdata/good
// against the schema: a file the checker passes, the schema passes.
func TestSchemaGoodCases(t *testing.T) {
	s := compileSchema(t)
	for _, dir := range []string{filepath.Join("..", "..", "cases"), filepath.Join("testdata", "good")} {
		entries, err := os.ReadDir(dir)
		if os.IsNotExist(err) && strings.HasSuffix(dir, "cases") {
			t.Logf("no %s folder: only testdata/good is validated", dir)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range entries {
			if e.IsDir() || !IsCaseFile(e.Name()) {
				continue
			}
			n++
			file := filepath.Join(dir, e.Name())
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := validateTOML(s, src); err != nil {
				t.Errorf("%s: the schema rejects a good case:\n%v", file, err)
			}
		}
		if n == 0 && strings.HasSuffix(dir, "good") {
			t.Errorf("no case files in %s", dir)
		}
	}
}

// schemaRejects are the files of testdata/bad whose problem the schema
// sees too (unknown keys, types, enums, patterns, required keys). Every
// other bad file must pass the schema: its rule needs the checker (dates
// in the future or not in the calendar, citations, photos on disk, story
// headings, registered country and language codes, the timeline).
var schemaRejects = []string{
	"citizenship-bad", "citizenship-not-string", "country-lowercase", "country-name",
	"country-unknown", "country-withdrawn", "date-bare-integer", "date-format",
	"date-no-such-month", "date-offset-time", "date-time", "date-year-zero",
	"empty-string", "event-empty-sources", "event-kind-unknown", "event-no-sources",
	"charge-no-sources", "gender-unknown", "lang-bad", "letters-missing-address",
	"missing-key-event", "missing-key-top", "missing-terms", "terms-empty", "names-missing-lang",
	"photo-gif", "photo-missing-credit", "photo-outside", "recognition-no-sources",
	"sentence-no-sources", "source-key-invalid", "status-unknown", "summary-too-long",
	"term-kind-unknown", "term-months-float", "term-years-huge", "term-years-negative",
	"unknown-key-event", "unknown-key-source", "unknown-key-term", "unknown-key-top",
	"url-action-bad", "url-archive-bad", "url-blank", "url-javascript",
	"url-photo-source-bad", "url-relative", "wikidata-bad", "wrong-type-string",
	"several-errors",
}

// TestSchemaBadCases checks that the schema rejects the bad files whose
// problem is a schema-level one, and passes the others.
func TestSchemaBadCases(t *testing.T) {
	s := compileSchema(t)
	files, err := filepath.Glob(filepath.Join("testdata", "bad", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no bad files: %v", err)
	}
	seen := map[string]bool{}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		seen[name] = true
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		err = validateTOML(s, src)
		if name == "malformed-toml" {
			if err == nil || !strings.HasPrefix(err.Error(), "malformed TOML") {
				t.Errorf("%s: want a TOML syntax error, got %v", name, err)
			}
			continue
		}
		want := slices.Contains(schemaRejects, name)
		switch {
		case want && err == nil:
			t.Errorf("%s: the schema accepts it, but its problem is a schema-level one", name)
		case !want && err != nil:
			t.Errorf("%s: the schema rejects it; if that is right, add it to schemaRejects:\n%v", name, err)
		}
	}
	for _, name := range schemaRejects {
		if !seen[name] {
			t.Errorf("schemaRejects names %s, which is not in testdata/bad", name)
		}
	}
}

// unknownKey is a key no table of a case file has.
const unknownKey = "zz_not_a_key"

// docWith builds a TOML tree with one instance of every table of the
// schema, each holding what leaf(field) returns for each key (nothing when
// it returns nil).
func docWith(fields []schemaField, leaf func(schemaField) any) map[string]any {
	m := map[string]any{}
	for _, f := range fields {
		var v any
		switch f.kind {
		case kTable:
			v = docWith(f.fields, leaf)
		case kTables:
			v = []map[string]any{docWith(f.fields, leaf)}
		case kSourceMap:
			v = map[string]any{"s": docWith(f.fields, leaf)}
		default:
			v = leaf(f)
		}
		if v != nil {
			m[f.key] = v
		}
	}
	return m
}

func encodeTOML(t *testing.T, m map[string]any) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := toml.NewEncoder(&b).Encode(m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// tablePattern turns a problem's key path into the schemaTables pattern of
// its table: "events[1].zz" gives "events[]", "sources.s.zz" "sources.*".
var indexRe = regexp.MustCompile(`\[\d+\]`)

func tablePattern(path string) string {
	p := indexRe.ReplaceAllString(path, "[]")
	if i := strings.LastIndex(p, "."); i >= 0 {
		p = p[:i]
	} else {
		p = ""
	}
	if p == "sources.s" {
		p = "sources.*"
	}
	return p
}

// TestSchemaMatchesDecoder asks the decoder, by decoding files, which keys
// each table has and which are required, and compares with the schema.
func TestSchemaMatchesDecoder(t *testing.T) {
	tables := schemaTables()

	// Keys: an unknown key in every table makes the decoder list the keys
	// it knows there.
	doc := docWith(caseFields, func(schemaField) any { return nil })
	var addUnknown func(m map[string]any)
	addUnknown = func(m map[string]any) {
		m[unknownKey] = int64(1)
		for _, v := range m {
			switch v := v.(type) {
			case map[string]any:
				addUnknown(v)
			case []map[string]any:
				for _, e := range v {
					addUnknown(e)
				}
			}
		}
	}
	sourcesOnly := doc["sources"].(map[string]any)
	addUnknown(doc)
	delete(sourcesOnly, unknownKey) // "sources" itself holds only source tables
	_, ps := Decode("x.toml", encodeTOML(t, doc))
	knownRe := regexp.MustCompile(`^unknown key.*\(known keys here: (.*)\)$`)
	found := map[string]bool{}
	for _, p := range ps {
		m := knownRe.FindStringSubmatch(p.Msg)
		if m == nil || !strings.HasSuffix(p.Path, "."+unknownKey) && p.Path != unknownKey {
			continue
		}
		tp := tablePattern(p.Path)
		found[tp] = true
		decoderKeys := strings.Split(m[1], ", ")
		var schemaKeys []string
		for _, f := range tables[tp] {
			schemaKeys = append(schemaKeys, f.key)
		}
		sort.Strings(decoderKeys)
		sort.Strings(schemaKeys)
		if !slices.Equal(decoderKeys, schemaKeys) {
			t.Errorf("table %q: the decoder knows %v, the schema lists %v", tp, decoderKeys, schemaKeys)
		}
	}
	for tp := range tables {
		if !found[tp] {
			t.Errorf("table %q of the schema: the decoder reported no unknown key there (%v)", tp, ps)
		}
	}

	// Required keys: every table empty. The decoder requires a subset of
	// what the schema requires; the rest are the sources lists, which the
	// checker requires after decoding ("has no source").
	// A second document has the top-level tables only, without the tables
	// nested in them (sentences[].terms), to ask about those too.
	empty := docWith(caseFields, func(schemaField) any { return nil })
	shallow := docWith(caseFields, func(schemaField) any { return nil })
	for _, v := range shallow {
		var ms []map[string]any
		switch v := v.(type) {
		case map[string]any:
			ms = append(ms, v)
			if s, ok := v["s"].(map[string]any); ok {
				ms = append(ms, s)
			}
		case []map[string]any:
			ms = v
		}
		for _, m := range ms {
			for k, e := range m {
				if _, isTables := e.([]map[string]any); isTables {
					delete(m, k)
				}
			}
		}
	}
	decoderRequired := map[string]bool{}
	for _, d := range []map[string]any{empty, shallow} {
		_, ps = Decode("x.toml", encodeTOML(t, d))
		for _, p := range ps {
			if strings.HasPrefix(p.Msg, "missing required key") {
				decoderRequired[indexRe.ReplaceAllString(strings.Replace(p.Path, "sources.s.", "sources.*.", 1), "[]")] = true
			}
		}
	}
	for tp, fs := range tables {
		for _, f := range fs {
			key := joinPath(tp, f.key)
			switch {
			case decoderRequired[key] && !f.required:
				t.Errorf("%s: the decoder requires it, the schema does not", key)
			case !decoderRequired[key] && f.required && !(f.key == "sources" && f.kind == kSourceKeys):
				t.Errorf("%s: the schema requires it, the decoder does not", key)
			}
		}
	}

	// Types: a document with a sample value for every key decodes without a
	// problem and passes the schema; the same with any one leaf of a wrong
	// type fails both.
	s := compileSchema(t)
	good := docWith(caseFields, sampleValue)
	src := encodeTOML(t, good)
	if _, ps := Decode("x.toml", src); len(ps) > 0 {
		t.Fatalf("the decoder rejects the schema's sample document:\n%v\n%s", ps, src)
	}
	if err := validateTOML(s, src); err != nil {
		t.Fatalf("the schema rejects its sample document:\n%v\n%s", err, src)
	}
	for tp, fs := range tables {
		for _, f := range fs {
			switch f.kind {
			case kTable, kTables, kSourceMap:
				continue
			}
			target := f
			bad := docWith(caseFields, func(g schemaField) any {
				if g.key == target.key && sameField(g, target) {
					if g.kind == kBool {
						return "yes"
					}
					return true
				}
				return sampleValue(g)
			})
			src := encodeTOML(t, bad)
			path := joinPath(tp, f.key)
			_, ps := Decode("x.toml", src)
			if len(ps) == 0 {
				t.Errorf("%s of the wrong type: the decoder accepts it", path)
			}
			if err := validateTOML(s, src); err == nil {
				t.Errorf("%s of the wrong type: the schema accepts it", path)
			}
		}
	}
}

// sameField tells whether two fields are the same entry of caseFields (the
// same key may be in several tables).
func sameField(a, b schemaField) bool {
	return a.key == b.key && a.kind == b.kind && a.doc == b.doc
}

// sampleValue is a valid value of a field, as decoded from TOML.
func sampleValue(f schemaField) any {
	switch f.kind {
	case kString:
		switch f.key {
		case "wikidata":
			return "Q42"
		case "file":
			return "portrait.png"
		}
		return "x"
	case kDate:
		return "2020-06"
	case kURL:
		return "https://example.org/a"
	case kLang:
		return "kk"
	case kCountry:
		return "KZ"
	case kEnum:
		return f.enum[0]
	case kBool:
		return true
	case kCount:
		return int64(1)
	case kStrings:
		return []any{"x"}
	case kCountries:
		return []any{"KZ"}
	case kSourceKeys:
		return []any{"s"}
	}
	return nil
}
