package storage

import (
	"strings"
	"unicode/utf8"
)

// csvReader reads RFC 4180 CSV from text already read, keeping every
// field exactly as written: a CRLF inside a quoted field stays CRLF
// (encoding/csv turns it into LF, so that an exported name would not
// import back the same). Each field knows its line and character column.
// A field is a slice of the text, not a copy, unless it holds a doubled
// quote: the three million fields of a 300,000-row file are not each
// allocated.
type csvReader struct {
	data      string
	pos       int
	line, col int // of data[pos], 1-based; col in characters
	slab      []csvField
}

// csvSyntaxError is a CSV syntax problem at a line and column.
type csvSyntaxError struct {
	line, col int
	msg       string
}

func (e *csvSyntaxError) Error() string { return e.msg }

func newCSVReader(data string) *csvReader {
	return &csvReader{data: strings.TrimPrefix(data, "\ufeff"), line: 1, col: 1}
}

// csvField is one field and where it starts.
type csvField struct {
	text      string
	line, col int
}

// next reads one record; it returns nil at the end. Empty lines are
// skipped, as spreadsheets leave them. Records are cut from one slab of
// fields, a few thousand at a time, each capped so that none grows into
// the next.
func (r *csvReader) next() ([]csvField, error) {
	for r.pos < len(r.data) && (r.data[r.pos] == '\n' || r.data[r.pos] == '\r') {
		r.newline()
	}
	if r.pos >= len(r.data) {
		return nil, nil
	}
	start := len(r.slab)
	for {
		f, err := r.field()
		if err != nil {
			return nil, err
		}
		if len(r.slab) == cap(r.slab) {
			// A new slab, the record so far moved to its start.
			grown := make([]csvField, len(r.slab)-start, max(4096, 2*(len(r.slab)-start)))
			copy(grown, r.slab[start:])
			r.slab, start = grown, 0
		}
		r.slab = append(r.slab, f)
		if r.pos >= len(r.data) || r.data[r.pos] != ',' {
			if r.pos < len(r.data) {
				r.newline()
			}
			return r.slab[start:len(r.slab):len(r.slab)], nil
		}
		r.pos++
		r.col++
	}
}

func (r *csvReader) field() (csvField, error) {
	f := csvField{line: r.line, col: r.col}
	if r.pos < len(r.data) && r.data[r.pos] == '"' {
		return r.quoted(f)
	}
	// A quote inside a field that does not start with one is text
	// (37°36'37.8"N), as spreadsheets read it.
	end := strings.IndexAny(r.data[r.pos:], ",\r\n")
	if end < 0 {
		end = len(r.data) - r.pos
	}
	f.text = r.data[r.pos : r.pos+end]
	r.advance(end)
	return f, nil
}

func (r *csvReader) quoted(f csvField) (csvField, error) {
	r.advance(1)
	var b []byte // only when the field holds a doubled quote
	start := r.pos
	for {
		i := strings.IndexByte(r.data[r.pos:], '"')
		if i < 0 {
			return f, &csvSyntaxError{f.line, f.col, "a quoted field is never closed"}
		}
		text := r.data[r.pos : r.pos+i]
		r.advanceText(i)
		r.advance(1)
		if r.pos < len(r.data) && r.data[r.pos] == '"' {
			b = append(append(b, text...), '"')
			r.advance(1)
			continue
		}
		if r.pos < len(r.data) && !strings.ContainsRune(",\r\n", rune(r.data[r.pos])) {
			return f, &csvSyntaxError{r.line, r.col, `text after a closing quote; a quote inside a quoted field is written twice ("")`}
		}
		if b == nil {
			f.text = r.data[start : r.pos-1]
		} else {
			f.text = string(append(b, text...))
		}
		return f, nil
	}
}

// advance moves over n bytes of one line.
func (r *csvReader) advance(n int) {
	r.col += utf8.RuneCountInString(r.data[r.pos : r.pos+n])
	r.pos += n
}

// advanceText moves over n bytes that may hold line breaks.
func (r *csvReader) advanceText(n int) {
	end := r.pos + n
	for r.pos < end {
		i := strings.IndexByte(r.data[r.pos:end], '\n')
		if i < 0 {
			r.advance(end - r.pos)
			return
		}
		r.advance(i)
		r.line, r.col = r.line+1, 1
		r.pos++
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
