package storage

import (
	"bytes"
	"unicode/utf8"
)

// csvReader reads RFC 4180 CSV from bytes already read, keeping every
// field exactly as written: a CRLF inside a quoted field stays CRLF
// (encoding/csv turns it into LF, so that an exported name would not
// import back the same). Each field knows its line and character column.
type csvReader struct {
	data      []byte
	pos       int
	line, col int // of data[pos], 1-based; col in characters
}

// csvSyntaxError is a CSV syntax problem at a line and column.
type csvSyntaxError struct {
	line, col int
	msg       string
}

func (e *csvSyntaxError) Error() string { return e.msg }

func newCSVReader(data []byte) *csvReader {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	return &csvReader{data: data, line: 1, col: 1}
}

// csvField is one field and where it starts.
type csvField struct {
	text      string
	line, col int
}

// next reads one record; it returns nil at the end. Empty lines are
// skipped, as spreadsheets leave them.
func (r *csvReader) next() ([]csvField, error) {
	for r.pos < len(r.data) && (r.data[r.pos] == '\n' || r.data[r.pos] == '\r') {
		r.newline()
	}
	if r.pos >= len(r.data) {
		return nil, nil
	}
	var rec []csvField
	for {
		f, err := r.field()
		if err != nil {
			return nil, err
		}
		rec = append(rec, f)
		if r.pos >= len(r.data) {
			return rec, nil
		}
		switch r.data[r.pos] {
		case ',':
			r.advance(1)
		default: // a line end
			r.newline()
			return rec, nil
		}
	}
}

func (r *csvReader) field() (csvField, error) {
	f := csvField{line: r.line, col: r.col}
	if r.pos < len(r.data) && r.data[r.pos] == '"' {
		return r.quoted(f)
	}
	start := r.pos
	for r.pos < len(r.data) {
		switch r.data[r.pos] {
		case ',', '\n', '\r':
			f.text = string(r.data[start:r.pos])
			return f, nil
		}
		// A quote inside a field that does not start with one is text
		// (37°36'37.8"N), as spreadsheets read it.
		r.advance(1)
	}
	f.text = string(r.data[start:r.pos])
	return f, nil
}

func (r *csvReader) quoted(f csvField) (csvField, error) {
	r.advance(1)
	var b []byte
	for {
		i := bytes.IndexByte(r.data[r.pos:], '"')
		if i < 0 {
			return f, &csvSyntaxError{f.line, f.col, "a quoted field is never closed"}
		}
		b = append(b, r.data[r.pos:r.pos+i]...)
		r.advanceText(i)
		r.advance(1)
		if r.pos < len(r.data) && r.data[r.pos] == '"' {
			b = append(b, '"')
			r.advance(1)
			continue
		}
		if r.pos < len(r.data) && !bytes.ContainsRune([]byte(",\r\n"), rune(r.data[r.pos])) {
			return f, &csvSyntaxError{r.line, r.col, `text after a closing quote; a quote inside a quoted field is written twice ("")`}
		}
		f.text = string(b)
		return f, nil
	}
}

// advance moves over n bytes of one line.
func (r *csvReader) advance(n int) {
	for _, c := range r.data[r.pos : r.pos+n] {
		if c&0xc0 != 0x80 {
			r.col++
		}
	}
	r.pos += n
}

// advanceText moves over n bytes that may hold line breaks.
func (r *csvReader) advanceText(n int) {
	end := r.pos + n
	for r.pos < end {
		if r.data[r.pos] == '\n' {
			r.line, r.col = r.line+1, 1
			r.pos++
			continue
		}
		_, size := utf8.DecodeRune(r.data[r.pos:end])
		r.advance(size)
	}
}

// newline moves over one line end: LF, CRLF or a lone CR.
func (r *csvReader) newline() {
	if r.data[r.pos] == '\r' && r.pos+1 < len(r.data) && r.data[r.pos+1] == '\n' {
		r.pos++
	}
	r.pos++
	r.line, r.col = r.line+1, 1
}
