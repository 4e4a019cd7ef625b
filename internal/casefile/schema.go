package casefile

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// This file lists the keys of a case file as data, so that editors' tools
// can check and complete a case file while it is being written: JSONSchema
// turns the list into docs/case.schema.json (a JSON Schema, draft 2020-12,
// that Even Better TOML / taplo apply to cases/*.toml). The decoder in
// decode.go stays the authority; TestSchemaMatchesDecoder asks the decoder
// which keys it knows in every table, so the list cannot drift from it.

// valueKind is the kind of value one key takes.
type valueKind int

const (
	kString     valueKind = iota // a string; a required one must not be blank
	kDate                        // "YYYY", "YYYY-MM", "YYYY-MM-DD" or a bare TOML date
	kURL                         // absolute http(s) URL
	kLang                        // BCP 47 language tag
	kCountry                     // ISO 3166-1 alpha-2 code
	kEnum                        // one of enum
	kBool                        // true or false
	kCount                       // whole number from 0 to max
	kStrings                     // array of non-blank strings
	kCountries                   // array of country codes
	kSourceKeys                  // array of source keys (citations)
	kTable                       // a table with the keys of fields
	kTables                      // an array of tables with the keys of fields
	kSourceMap                   // [sources.<key>] tables with the keys of fields
)

// schemaField is one key of a table of the case file.
type schemaField struct {
	key      string
	kind     valueKind
	required bool
	doc      string
	enum     []string      // kEnum
	max      int           // kCount: largest value; kString: most code points (0: no limit)
	pattern  string        // kString: a pattern the value must match, besides not being blank
	fields   []schemaField // kTable, kTables, kSourceMap
}

func enumOf[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// caseFields are the top-level keys of a case file, in the order of the
// case format (docs/case-format.md).
var caseFields = []schemaField{
	{key: "name", kind: kString, required: true, doc: "Name as usually written in English."},
	{key: "names", kind: kTables, doc: "Other names and spellings, each with its BCP 47 language tag.", fields: []schemaField{
		{key: "name", kind: kString, required: true, doc: "The name in this language or script."},
		{key: "lang", kind: kLang, required: true, doc: `BCP 47 language tag, e.g. "kk", "ru", "zh-Hant".`},
	}},
	{key: "sort_name", kind: kString, doc: `For alphabetical lists; set it for names written family name first ("Gao Zhisheng"). Default: last word of name, then the rest.`},
	{key: "born", kind: kDate, doc: "Date of birth; partial dates allowed."},
	{key: "gender", kind: kEnum, enum: enumOf(Genders), doc: "female, male or other."},
	{key: "country", kind: kCountry, required: true, doc: `ISO 3166-1 alpha-2 code (upper case) of the state persecuting the person, e.g. "KZ".`},
	{key: "citizenship", kind: kCountries, doc: "ISO codes, when they differ from country or are several."},
	{key: "occupations", kind: kStrings, doc: `e.g. ["human rights activist", "blogger"].`},
	{key: "affiliations", kind: kStrings, doc: "Movements, parties, faiths or groups the case is tied to."},
	{key: "status", kind: kEnum, required: true, enum: enumOf(Statuses), doc: "Where the person stands now (see docs/case-format.md, Statuses)."},
	{key: "summary", kind: kString, required: true, max: MaxSummary, doc: "Plain text, one or two sentences, at most 300 characters."},
	{key: "story", kind: kString, doc: "Markdown narrative; [^key] cites source key; headings start at ##."},
	{key: "tags", kind: kStrings, doc: `Free keywords, e.g. ["freedom of expression", "HIV/AIDS"]; each names its page's address: a letter or digit, no %, no empty or dots-only part between slashes, not ending in .html, .htm, .xml or .json.`},
	{key: "reviewed", kind: kDate, required: true, doc: "When an editor last checked the whole record against its sources."},
	{key: "wikidata", kind: kString, pattern: wikidataRe.String(), doc: `Wikidata item id, Q and digits, e.g. "Q4734321".`},
	{key: "events", kind: kTables, doc: "The timeline: one [[events]] block per event, in any order.", fields: []schemaField{
		{key: "date", kind: kDate, required: true, doc: "Partial dates allowed; only a hearing may be in the future."},
		{key: "kind", kind: kEnum, required: true, enum: enumOf(EventKinds), doc: "What happened (see docs/case-format.md)."},
		{key: "text", kind: kString, required: true, doc: "What happened, one or two sentences, plain text."},
		{key: "place", kind: kString, doc: "City or court."},
		{key: "facility", kind: kString, doc: "The detention facility the person was taken to or held in."},
		{key: "sources", kind: kSourceKeys, required: true, doc: "At least one source key."},
	}},
	{key: "charges", kind: kTables, doc: "One [[charges]] block per article the person is charged under.", fields: []schemaField{
		{key: "law", kind: kString, required: true, doc: `The code or statute, e.g. "Criminal Code of Kazakhstan".`},
		{key: "article", kind: kString, required: true, doc: `e.g. "274", "174(1)".`},
		{key: "offence", kind: kString, doc: "What the article punishes, in English."},
		{key: "sources", kind: kSourceKeys, required: true, doc: "At least one source key."},
	}},
	{key: "sentences", kind: kTables, doc: "One [[sentences]] block per sentence handed down.", fields: []schemaField{
		{key: "date", kind: kDate, required: true, doc: "When it was handed down."},
		{key: "court", kind: kString, doc: "The court."},
		{key: "terms", kind: kTables, required: true, doc: `The parts of the sentence: { kind = "prison", years = 3, months = 0, text = "..." }.`, fields: []schemaField{
			{key: "kind", kind: kEnum, required: true, enum: enumOf(TermKinds), doc: "The kind of term."},
			{key: "years", kind: kCount, max: 200, doc: "Whole years."},
			{key: "months", kind: kCount, max: 1200, doc: "Whole months."},
			{key: "text", kind: kString, doc: `Detail, e.g. "100 hours a year", "political activity", "life".`},
		}},
		{key: "in_absentia", kind: kBool, doc: "Handed down in the person's absence."},
		{key: "sources", kind: kSourceKeys, required: true, doc: "At least one source key."},
	}},
	{key: "recognitions", kind: kTables, doc: "Recognitions of the person by organisations.", fields: []schemaField{
		{key: "by", kind: kString, required: true, doc: `The organisation, e.g. "Amnesty International".`},
		{key: "as", kind: kString, required: true, doc: `e.g. "prisoner of conscience", "political prisoner", "arbitrarily detained".`},
		{key: "date", kind: kDate, doc: "When."},
		{key: "reference", kind: kString, doc: `The body's own reference, e.g. "UA 65/20".`},
		{key: "withdrawn", kind: kDate, doc: "When the organisation withdrew it."},
		{key: "sources", kind: kSourceKeys, required: true, doc: "At least one source key."},
	}},
	{key: "sources", kind: kSourceMap, doc: "One [sources.<key>] table per source; keys are lowercase letters, digits and hyphens. Every source must be cited.", fields: []schemaField{
		{key: "title", kind: kString, required: true, doc: "Title of the article or report."},
		{key: "publisher", kind: kString, required: true, doc: "Outlet or organisation."},
		{key: "url", kind: kURL, required: true, doc: "Absolute https:// or http:// URL."},
		{key: "date", kind: kDate, doc: "Publication date."},
		{key: "archive", kind: kURL, doc: "A copy in a web archive (https://web.archive.org/...); missing is a warning."},
		{key: "accessed", kind: kDate, doc: "When the source was last read."},
		{key: "lang", kind: kLang, doc: "BCP 47 tag of the source's language."},
	}},
	{key: "photo", kind: kTable, doc: "A portrait beside the case file in cases/.", fields: []schemaField{
		{key: "file", kind: kString, required: true, pattern: `^[^./\\][^/\\]*\.([Jj][Pp][Ee]?[Gg]|[Pp][Nn][Gg]|[Ww][Ee][Bb][Pp])$`, doc: `A file name beside the case file, jpg, png or webp: "alnur-ilyashev.jpg".`},
		{key: "credit", kind: kString, required: true, doc: "Who took or owns the photo."},
		{key: "license", kind: kString, required: true, doc: `e.g. "CC BY-SA 4.0", "used with permission".`},
		{key: "source", kind: kURL, doc: "URL of the original."},
	}},
	{key: "actions", kind: kTables, doc: "Ways a reader can help, each with a link.", fields: []schemaField{
		{key: "text", kind: kString, required: true, doc: `e.g. "Sign the petition".`},
		{key: "url", kind: kURL, required: true, doc: "Absolute https:// or http:// URL."},
	}},
	{key: "letters", kind: kTable, doc: "How readers can write to the person.", fields: []schemaField{
		{key: "address", kind: kString, required: true, doc: "Where letters reach the person (a multi-line string)."},
		{key: "language", kind: kLang, doc: "BCP 47 tag of the language letters must be written in."},
		{key: "note", kind: kString, doc: "Advice for writers."},
	}},
}

// Patterns of the schema (ECMA-262 regular expressions that Go's regexp
// also reads).
const (
	datePattern    = `^([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`
	urlPattern     = `^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#@]+[^\s]*$`
	langPattern    = `^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`
	nonBlank       = `\S`
	schemaDraft    = "https://json-schema.org/draft/2020-12/schema"
	schemaID       = "https://github.com/casebook-project/casebook/blob/main/docs/case.schema.json"
	schemaFileName = "docs/case.schema.json"
)

// countryCodes lists every code ParseCountry accepts, sorted.
func countryCodes() []string {
	var out []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			s := string([]rune{a, b})
			if _, err := ParseCountry(s); err == nil {
				out = append(out, s)
			}
		}
	}
	return out
}

// obj is a JSON object that keeps its keys in the order they were set.
type obj struct {
	keys []string
	vals map[string]any
}

func newObj(kv ...any) *obj {
	o := &obj{vals: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		o.set(kv[i].(string), kv[i+1])
	}
	return o
}

func (o *obj) set(k string, v any) *obj {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
	return o
}

func (o *obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := marshal(o.vals[k])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without escaping <, > and & (the schema is
// read by people too).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func ref(name string) *obj { return newObj("$ref", "#/$defs/"+name) }

// valueSchema is the schema of one key's value.
func valueSchema(f schemaField) *obj {
	var s *obj
	switch f.kind {
	case kString:
		s = newObj("type", "string")
		switch {
		case f.pattern != "":
			s.set("pattern", f.pattern)
		case f.required:
			s.set("pattern", nonBlank)
		}
		if f.max > 0 {
			s.set("maxLength", f.max)
		}
	case kDate:
		s = ref("date")
	case kURL:
		s = ref("url")
	case kLang:
		s = ref("lang")
	case kCountry:
		s = ref("country")
	case kEnum:
		s = newObj("type", "string", "enum", f.enum)
	case kBool:
		s = newObj("type", "boolean")
	case kCount:
		s = newObj("type", "integer", "minimum", 0, "maximum", f.max)
	case kStrings:
		s = newObj("type", "array", "items", newObj("type", "string", "pattern", nonBlank))
	case kCountries:
		s = newObj("type", "array", "items", ref("country"))
	case kSourceKeys:
		s = newObj("type", "array", "items", ref("source-key"))
		if f.required {
			s.set("minItems", 1)
		}
	case kTable:
		s = tableSchema(f.fields)
	case kTables:
		s = newObj("type", "array", "items", tableSchema(f.fields))
		if f.required {
			s.set("minItems", 1) // terms = [] is refused
		}
	case kSourceMap:
		s = newObj("type", "object", "propertyNames", ref("source-key"),
			"additionalProperties", tableSchema(f.fields))
	default:
		panic(fmt.Sprintf("schema: key %q has no kind", f.key))
	}
	if f.doc != "" {
		// "description" first reads better, but $ref siblings are fine in 2020-12.
		s.set("description", f.doc)
	}
	return s
}

func tableSchema(fields []schemaField) *obj {
	props := newObj()
	var required []string
	for _, f := range fields {
		props.set(f.key, valueSchema(f))
		if f.required {
			required = append(required, f.key)
		}
	}
	s := newObj("type", "object", "properties", props)
	if len(required) > 0 {
		s.set("required", required)
	}
	s.set("additionalProperties", false)
	return s
}

// JSONSchema returns the JSON Schema (draft 2020-12) of a case file, as
// written to docs/case.schema.json. Editors' TOML tools check a case file
// against it while it is typed; "casebook check" remains the full check
// (dates in the future, citations, photos, real calendar days...).
func JSONSchema() ([]byte, error) {
	root := newObj(
		"$schema", schemaDraft,
		"$id", schemaID,
		"title", "Casebook case file",
		"description", "One person's record: cases/<slug>.toml. Generated from internal/casefile/schema.go by "+
			"`go test ./internal/casefile -run TestSchemaFile -update`; do not edit. The format: docs/case-format.md.",
	)
	t := tableSchema(caseFields)
	for _, k := range t.keys {
		root.set(k, t.vals[k])
	}
	root.set("$defs", newObj(
		"date", newObj("type", "string", "pattern", datePattern,
			"description", `A date of which only the year or the month may be known: "2019", "2020-09", "2020-06-22" or a bare TOML date 2020-06-22.`),
		"url", newObj("type", "string", "pattern", urlPattern,
			"description", "An absolute https:// or http:// URL."),
		"lang", newObj("type", "string", "pattern", langPattern,
			"description", `A BCP 47 language tag, e.g. "kk", "ru", "fa", "zh-Hant".`),
		"country", newObj("type", "string", "enum", countryCodes(),
			"description", `An ISO 3166-1 alpha-2 country code in upper case, e.g. "KZ".`),
		"source-key", newObj("type", "string", "pattern", sourceKeyRe.String(),
			"description", "The key of a [sources.<key>] table: lowercase letters, digits and hyphens."),
	))
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// schemaTables lists the keys of every table of the schema by a path
// pattern: "" is the top level, "events[]" an [[events]] block,
// "sources.*" a [sources.<key>] table.
func schemaTables() map[string][]schemaField {
	out := map[string][]schemaField{"": caseFields}
	var walk func(prefix string, fs []schemaField)
	walk = func(prefix string, fs []schemaField) {
		for _, f := range fs {
			p := joinPath(prefix, f.key)
			switch f.kind {
			case kTable:
				out[p] = f.fields
			case kTables:
				p += "[]"
				out[p] = f.fields
			case kSourceMap:
				p += ".*"
				out[p] = f.fields
			default:
				continue
			}
			walk(p, f.fields)
		}
	}
	walk("", caseFields)
	return out
}
