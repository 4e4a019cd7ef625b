package jsonfmt

import (
	"bytes"
	"encoding/json"
)

// An Encoder marshals values to indented JSON as json.MarshalIndent does
// (json.Marshal's, or json.Encoder's without HTML escaping), reusing its
// buffer and encoder from call to call: the generator encodes one value
// per case, tens of thousands per run. It is not safe for concurrent use;
// keep one per goroutine, or in a sync.Pool.
type Encoder struct {
	compact bytes.Buffer
	enc     *json.Encoder
}

// NewEncoder returns an Encoder. With escapeHTML, <, > and & in strings
// are escaped as json.Marshal escapes them.
func NewEncoder(escapeHTML bool) *Encoder {
	e := &Encoder{}
	e.enc = json.NewEncoder(&e.compact)
	e.enc.SetEscapeHTML(escapeHTML)
	return e
}

// AppendIndent appends the JSON of v to dst, indented with prefix and
// indent as json.MarshalIndent(v, prefix, indent) writes it: no prefix
// before the first line, no newline after the last.
func (e *Encoder) AppendIndent(dst []byte, v any, prefix, indent string) ([]byte, error) {
	e.compact.Reset()
	if err := e.enc.Encode(v); err != nil {
		return dst, err
	}
	return AppendIndent(dst, bytes.TrimSuffix(e.compact.Bytes(), []byte("\n")), prefix, indent), nil
}
