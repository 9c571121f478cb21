package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/sfcheck/sfcheck/metadata"
)

// parse reads a baseline file strictly, the way sfcheck writes one: an
// object with "version" (1) and "findings", each finding an object of rule,
// type, component, element (strings) and count (a whole number above 0). A
// key given twice, a key sfcheck does not write and a value of the wrong
// kind are errors at their line and column: encoding/json would keep the
// last of two keys and drop unknown ones, so a hand-edited baseline could
// silently accept other findings than its reader sees.
func parse(path string, data []byte) (*Baseline, error) {
	r := &reader{path: path, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	r.dec.UseNumber()
	b := &Baseline{Findings: []Entry{}}
	start, err := r.delim('{', "a baseline file is a JSON object")
	if err != nil {
		return nil, err
	}
	seen, err := r.object(func(key string, at int) error {
		switch key {
		case "version":
			n, at, err := r.whole()
			if err != nil {
				return err
			}
			if n != 1 {
				return r.failAt(at, "baseline version %d is not supported (want 1)", n)
			}
			b.Version = 1
		case "findings":
			var err error
			if b.Findings, err = r.entries(); err != nil {
				return err
			}
		default:
			return r.failAt(at, "unknown key %s (a baseline has version and findings)", strconv.Quote(key))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, ok := seen["version"]; !ok {
		return nil, r.failAt(start, "no version: not a baseline written by sfcheck --write-baseline")
	}
	if _, ok := seen["findings"]; !ok {
		return nil, r.failAt(start, "no findings: not a baseline written by sfcheck --write-baseline")
	}
	if tok, at, err := r.next(); err != io.EOF {
		if err != nil {
			return nil, err
		}
		return nil, r.failAt(at, "%v after the baseline's object", tok)
	}
	return b, nil
}

// entries reads the findings array.
func (r *reader) entries() ([]Entry, error) {
	if _, err := r.delim('[', "findings is an array"); err != nil {
		return nil, err
	}
	out := []Entry{}
	for {
		tok, at, err := r.must()
		if err != nil {
			return nil, err
		}
		if tok == json.Delim(']') {
			return out, nil
		}
		if tok != json.Delim('{') {
			return nil, r.failAt(at, "each finding is an object")
		}
		var e Entry
		_, err = r.object(func(key string, at int) error {
			var field *string
			switch key {
			case "rule":
				field = &e.Rule
			case "type":
				field = &e.Type
			case "component":
				field = &e.Component
			case "element":
				field = &e.Element
			case "count":
				n, at, err := r.whole()
				if err != nil {
					return err
				}
				if n < 1 {
					return r.failAt(at, "count %d: a finding is recorded at least once", n)
				}
				e.Count = n
				return nil
			default:
				return r.failAt(at, "unknown key %s in a finding (rule, type, component, element, count)", strconv.Quote(key))
			}
			tok, at, err := r.must()
			if err != nil {
				return err
			}
			s, ok := tok.(string)
			if !ok {
				return r.failAt(at, "%s is a string", key)
			}
			*field = s
			return nil
		})
		if err != nil {
			return nil, err
		}
		if e.Rule == "" || e.Count == 0 {
			return nil, r.failAt(at, "a finding needs a rule and a count")
		}
		out = append(out, e)
	}
}

// object reads the keys of an object whose '{' has been read, calling each
// with the key and where it starts to read its value, up to the '}'. It
// returns where each key was.
func (r *reader) object(each func(key string, at int) error) (map[string]int, error) {
	seen := map[string]int{}
	for {
		key, at, err := r.key(seen)
		if err != nil {
			return nil, err
		}
		if key == "" {
			return seen, nil
		}
		if err := each(key, at); err != nil {
			return nil, err
		}
	}
}

// reader walks the tokens of a baseline and knows where each starts.
type reader struct {
	path string
	data []byte
	dec  *json.Decoder
}

// next returns the next token and the offset where it starts.
func (r *reader) next() (json.Token, int, error) {
	at := int(r.dec.InputOffset())
	tok, err := r.dec.Token()
	for at < len(r.data) && bytes.IndexByte([]byte(" \t\r\n,:"), r.data[at]) >= 0 {
		at++
	}
	var syn *json.SyntaxError
	switch {
	case err == io.EOF:
		return nil, at, io.EOF
	case errors.As(err, &syn):
		return nil, at, r.failAt(int(syn.Offset), "malformed JSON: %v", err)
	case err != nil:
		return nil, at, r.failAt(at, "malformed JSON: %v", err)
	}
	return tok, at, nil
}

// must is next where the file may not end.
func (r *reader) must() (json.Token, int, error) {
	tok, at, err := r.next()
	if err == io.EOF {
		return nil, at, r.failAt(at, "unexpected end of file")
	}
	return tok, at, err
}

// delim reads the opening delimiter want.
func (r *reader) delim(want json.Delim, what string) (int, error) {
	tok, at, err := r.must()
	if err != nil {
		return at, err
	}
	if tok != want {
		return at, r.failAt(at, "%s", what)
	}
	return at, nil
}

// key reads the next key of an object, or "" at its end; a key seen before
// in the same object is an error that says where the first one is.
func (r *reader) key(seen map[string]int) (string, int, error) {
	tok, at, err := r.must()
	if err != nil {
		return "", at, err
	}
	if tok == json.Delim('}') {
		return "", at, nil
	}
	key, _ := tok.(string)
	if first, ok := seen[key]; ok {
		line, col := metadata.LineCol(r.data, first)
		return "", at, r.failAt(at, "key %s appears twice (first at %d:%d): which one counts is unclear", strconv.Quote(key), line, col)
	}
	seen[key] = at
	return key, at, nil
}

// whole reads a whole number.
func (r *reader) whole() (int, int, error) {
	tok, at, err := r.must()
	if err != nil {
		return 0, at, err
	}
	num, ok := tok.(json.Number)
	if !ok {
		return 0, at, r.failAt(at, "expected a whole number")
	}
	n, err := strconv.Atoi(num.String())
	if err != nil {
		return 0, at, r.failAt(at, "expected a whole number, not %s", num)
	}
	return n, at, nil
}

func (r *reader) failAt(off int, format string, args ...any) error {
	line, col := metadata.LineCol(r.data, off)
	return fmt.Errorf("%s:%d:%d: not a baseline file: %s", r.path, line, col, fmt.Sprintf(format, args...))
}
