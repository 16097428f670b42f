package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/orgplan/orgplan/model"
)

// The typed decoder takes a missing field or a null as the empty value;
// the published schema refuses both. shapeProblems finds them in one
// token pass, run beside the decoder on the other core, so that the
// loader refuses exactly what the schema refuses.

type objType uint8

const (
	objOther objType = iota
	objDoc
	objFunction
	objKindEntry
	objMember
	objPost
	objUnit
	objConflict
	objLine
	objOrganizer
)

// required lists, per kind of object, the members the schema requires.
var required = [...][]string{
	objDoc:       {"format", "name"},
	objFunction:  {"id", "name"},
	objKindEntry: {"id", "name"},
	objMember:    {"id", "alias"},
	objPost:      {"id", "title"},
	objUnit:      {"id", "name"},
	objConflict:  {"kind", "record", "id"},
	objLine:      {"to", "member"},
	objOrganizer: {"name", "recipient"},
}

// itemKind is the kind of the objects in an array under key, inside an
// object of kind parent.
func itemKind(parent objType, key string) objType {
	switch {
	case parent == objDoc && key == "functions":
		return objFunction
	case parent == objDoc && key == "kinds":
		return objKindEntry
	case parent == objDoc && key == "members":
		return objMember
	case (parent == objDoc || parent == objUnit) && key == "units":
		return objUnit
	case parent == objUnit && key == "posts":
		return objPost
	case parent == objUnit && key == "reportLiaisons":
		return objLine
	case parent == objDoc && key == "team":
		return objOrganizer
	case parent == objDoc && key == "conflicts":
		return objConflict
	}
	return objOther
}

type shapeFrame struct {
	kind  objType // of this object, or of the items of this array
	array bool
	index int    // the element being read, in an array
	key   []byte // the member being read, in an object (raw, unquoted)
	seen  uint8  // which required members were read, in an object
}

// shapeProblems reports nulls and missing required members, by JSON
// Pointer. It reads the bytes itself, trusting the syntax (the decoder
// running beside it judges that, and its error wins): a token decoder
// would cost more than the typed decode it runs beside.
func shapeProblems(data []byte) []model.Problem {
	var s shapeScan
	s.scan(data, true)
	return s.probs
}

// shapeScan is the state of that pass, which reads a file whole or in
// pieces: a token cut by the end of a piece is read again with the next.
type shapeScan struct {
	stack      []shapeFrame
	probs      []model.Problem
	lastString []byte // the last string read, a name if a ':' follows
	stopped    bool   // past the document's end, or enough problems
	owned      int    // the frames below this hold names of their own
}

// pointer names the value being read in the innermost open frame.
func (s *shapeScan) pointer() string {
	var b strings.Builder
	for _, f := range s.stack {
		b.WriteByte('/')
		if f.array {
			b.WriteString(strconv.Itoa(f.index))
		} else {
			b.WriteString(pointerEscaper.Replace(string(f.key)))
		}
	}
	return b.String()
}

// scan reads data, and returns where the token it could not finish
// begins (len(data) when none was cut); final says no more will come.
func (s *shapeScan) scan(data []byte, final bool) int {
	for i := 0; i < len(data) && !s.stopped; i++ {
		// Two thirds of a plan is indentation: eight spaces at a time.
		for i+8 <= len(data) && binary.LittleEndian.Uint64(data[i:]) == eightSpaces {
			i += 8
		}
		if i == len(data) {
			break
		}
		stack := s.stack
		switch c := data[i]; c {
		case '"':
			j, escaped := stringEnd(data, i+1)
			if j >= len(data) && !final {
				return i
			}
			if j-i > longText {
				s.problem("a string longer than the limit") // found first by longString, when whole
				s.stopped = true
				break
			}
			s.lastString = data[i+1 : min(j, len(data))]
			if escaped {
				s.lastString = unquoteName(data[i:min(j+1, len(data))])
			}
			i = j
		case ':':
			if len(stack) == 0 {
				s.stopped = true
				break
			}
			top := &stack[len(stack)-1]
			top.key = s.lastString
			s.owned = min(s.owned, len(stack)-1)
			for k, r := range required[top.kind] {
				if string(top.key) == r {
					top.seen |= 1 << k
				}
			}
		case ',':
			if len(stack) == 0 {
				s.stopped = true
				break
			}
			if top := &stack[len(stack)-1]; top.array {
				top.index++
			}
		case '{', '[':
			f := shapeFrame{array: c == '['}
			if len(stack) == 0 {
				f.kind = objDoc
			} else if top := stack[len(stack)-1]; top.array && !f.array {
				f.kind = top.kind
			} else if !top.array && f.array {
				f.kind = itemKind(top.kind, string(top.key))
			}
			if len(stack) == maxDepth {
				// The decoder refuses this too, and its error wins; a
				// file of a hundred million '[' would otherwise be a
				// frame for each.
				s.problem(fmt.Sprintf("nested deeper than %d", maxDepth))
				s.stopped = true
				break
			}
			s.stack = append(stack, f)
		case '}', ']':
			if len(stack) == 0 {
				s.stopped = true
				break
			}
			f := stack[len(stack)-1]
			s.stack = stack[:len(stack)-1]
			s.owned = min(s.owned, len(s.stack))
			if !f.array {
				for k, r := range required[f.kind] {
					if f.seen&(1<<k) == 0 {
						s.problem(fmt.Sprintf("missing %q, which is required", r))
					}
				}
			}
		case 'n':
			if len(stack) == 0 {
				s.stopped = true
				break
			}
			if i+4 > len(data) && !final {
				return i
			}
			s.problem("null is not allowed here; leave the field out")
			i += 3
		}
	}
	return len(data)
}

// problem records one at the pointer of the innermost frame.
func (s *shapeScan) problem(msg string) {
	s.probs = append(s.probs, model.Problem{Path: s.pointer(), Msg: msg})
	if len(s.probs) >= 100 {
		s.stopped = true
	}
}

// keep copies the names the frames hold out of a piece about to be
// read over: only those named since the last piece, so that a hostile
// nesting costs nothing per piece.
func (s *shapeScan) keep() {
	for i := s.owned; i < len(s.stack); i++ {
		s.stack[i].key = bytes.Clone(s.stack[i].key)
	}
	s.owned = len(s.stack)
	s.lastString = bytes.Clone(s.lastString)
}

const eightSpaces = 0x2020202020202020

// maxDepth is the deepest nesting the JSON decoder reads.
const maxDepth = 10000

// stringEnd finds the quote that closes a string whose text starts at
// from (len(data) if none), and whether the text has escapes. Most
// strings have none: one search for the quote, one for a backslash.
func stringEnd(data []byte, from int) (end int, escaped bool) {
	q := bytes.IndexByte(data[from:], '"')
	if q < 0 {
		q = len(data) - from
	}
	if bytes.IndexByte(data[from:from+q], '\\') < 0 {
		return from + q, false
	}
	j := from
	for j < len(data) && data[j] != '"' {
		if data[j] == '\\' {
			j++
		}
		j++
	}
	return j, true
}

// pointerEscaper escapes a name inside a JSON Pointer (RFC 6901).
var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// unquoteName decodes a quoted string with escapes (rare in names).
func unquoteName(quoted []byte) []byte {
	var s string
	if json.Unmarshal(quoted, &s) != nil {
		return quoted
	}
	return []byte(s)
}

// longText is the most bytes of text, quotes and escapes, that a string
// within MaxText once decoded can take (six bytes of text at most per
// byte: \u0041).
const longText = 6*MaxText + 2

// longString finds a string whose text in the file is so long that it
// must be over MaxText once decoded (six bytes of text at most per byte:
// \u0041), and returns its offset, or -1. It runs before decoding, so that
// a hostile gigabyte string is refused at the cost of one scan. A JSON
// string holds no raw line break, so only a line longer than the limit
// can hold one: windows of half the limit are probed for a line break,
// and only a window without one is read closely.
func longString(data []byte) int64 {
	const limit = longText
	const window = limit / 2
	for i := 0; i+window <= len(data); i += window {
		if bytes.IndexByte(data[i:i+window], '\n') >= 0 {
			continue
		}
		start := bytes.LastIndexByte(data[:i], '\n') + 1
		stop := bytes.IndexByte(data[i:], '\n')
		if stop < 0 {
			stop = len(data)
		} else {
			stop += i
		}
		if off := longStringIn(data[:stop], start, limit); off >= 0 {
			return off
		}
		i = stop - window
	}
	return -1
}

// longStringIn reads data from start, outside any string, for a string
// longer than limit bytes of text.
func longStringIn(data []byte, start, limit int) int64 {
	for i := start; i < len(data); {
		q := bytes.IndexByte(data[i:], '"')
		if q < 0 {
			return -1
		}
		open := i + q
		j := open + 1
		for {
			e := bytes.IndexByte(data[j:], '"')
			if e < 0 {
				if len(data)-open > limit {
					return int64(open) // never closed, and long already
				}
				return -1
			}
			j += e
			// A quote after an odd number of backslashes is text.
			bs := 0
			for k := j - 1; k > open && data[k] == '\\'; k-- {
				bs++
			}
			if bs%2 == 0 {
				break
			}
			j++
		}
		if j-open > limit {
			return int64(open)
		}
		i = j + 1
	}
	return -1
}

// longStringProblem describes the string longString found: its pointer
// (read from the tokens before it) and its decoded length, counted
// without decoding it.
func longStringProblem(data []byte, off int64) model.Problem {
	dec := jsontext.NewDecoder(bytes.NewReader(data[:off]), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	ptr := ""
	for {
		if _, err := dec.ReadToken(); err != nil {
			break
		}
		ptr = string(dec.StackPointer())
	}
	end := off + 1
	for end < int64(len(data)) {
		q := bytes.IndexByte(data[end:], '"')
		if q < 0 {
			end = int64(len(data))
			break
		}
		end += int64(q)
		bs := 0
		for k := end - 1; k > off && data[k] == '\\'; k-- {
			bs++
		}
		if bs%2 == 0 {
			break
		}
		end++
	}
	return model.Problem{Path: ptr, Msg: fmt.Sprintf("text of %d bytes is longer than the limit of %d", decodedLen(data[off+1:min(end, int64(len(data)))]), MaxText)}
}

// decodedLen is the length in bytes of a JSON string's text once its
// escapes are decoded.
func decodedLen(raw []byte) int {
	if bytes.IndexByte(raw, '\\') < 0 {
		return len(raw)
	}
	n := 0
	for i := 0; i < len(raw); {
		if raw[i] != '\\' || i+1 >= len(raw) {
			n++
			i++
			continue
		}
		if raw[i+1] != 'u' || i+6 > len(raw) {
			n++
			i += 2
			continue
		}
		r, err := strconv.ParseUint(string(raw[i+2:i+6]), 16, 32)
		i += 6
		switch {
		case err != nil:
			n += 3
		case utf16.IsSurrogate(rune(r)) && i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u':
			n += 4
			i += 6
		case utf16.IsSurrogate(rune(r)):
			n += 3 // U+FFFD
		default:
			n += utf8.RuneLen(rune(r))
		}
	}
	return n
}
