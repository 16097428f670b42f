package storage

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

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
)

// required lists, per kind of object, the members the schema requires.
var required = [...][]string{
	objDoc:       {"format", "name"},
	objFunction:  {"id", "name"},
	objKindEntry: {"id", "name"},
	objMember:    {"id", "alias"},
	objPost:      {"id", "title"},
	objUnit:      {"id", "name"},
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
	}
	return objOther
}

type shapeFrame struct {
	kind  objType // of this object, or of the items of this array
	array bool
	key   string // the last member name read, in an object
	seen  uint8  // which required members were read, in an object
	start int64  // offset, for locating a missing member
}

// shapeProblems reports nulls and missing required members, by JSON
// Pointer. It assumes the text is valid JSON (the decoder says otherwise).
func shapeProblems(data []byte) []model.Problem {
	if !bytes.HasPrefix(bytes.TrimLeft(data, " \t\r\n"), []byte("{")) {
		return nil
	}
	dec := jsontext.NewDecoder(bytes.NewReader(data), jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
	var stack []shapeFrame
	var probs []model.Problem
	for len(probs) < 100 {
		tok, err := dec.ReadToken()
		if err != nil {
			break
		}
		k := tok.Kind()
		var top *shapeFrame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		// A name in an object: remember it and which required one it is.
		if _, n := dec.StackIndex(dec.StackDepth()); top != nil && !top.array && k == '"' && n%2 == 1 {
			top.key = tok.String()
			for i, r := range required[top.kind] {
				if top.key == r {
					top.seen |= 1 << i
				}
			}
			continue
		}
		switch k {
		case 'n':
			probs = append(probs, model.Problem{Path: string(dec.StackPointer()), Msg: "null is not allowed here; leave the field out"})
		case '{', '[':
			f := shapeFrame{array: k == '[', start: dec.InputOffset()}
			switch {
			case top == nil:
				f.kind = objDoc
			case top.array:
				f.kind = top.kind
			case k == '[':
				f.kind = itemKind(top.kind, top.key)
			}
			if f.array && top != nil && top.array {
				f.kind = objOther
			}
			stack = append(stack, f)
		case '}', ']':
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if f.array {
				continue
			}
			for i, r := range required[f.kind] {
				if f.seen&(1<<i) == 0 {
					probs = append(probs, model.Problem{Path: string(dec.StackPointer()),
						Msg: fmt.Sprintf("missing %q, which is required", r)})
				}
			}
		}
	}
	return probs
}

// longString finds a string whose text in the file is so long that it
// must be over MaxText once decoded (six bytes of text at most per byte:
// \u0041), and returns its offset, or -1. It runs before decoding, so that
// a hostile gigabyte string is refused at the cost of one scan.
func longString(data []byte) int64 {
	const limit = 6*MaxText + 2
	if len(data) <= limit {
		return -1
	}
	for i := 0; i < len(data); {
		q := bytes.IndexByte(data[i:], '"')
		if q < 0 {
			return -1
		}
		start := i + q
		j := start + 1
		for {
			e := bytes.IndexByte(data[j:], '"')
			if e < 0 {
				return -1 // unterminated: the decoder says so
			}
			j += e
			// A quote preceded by an odd number of backslashes is text.
			bs := 0
			for k := j - 1; k > start && data[k] == '\\'; k-- {
				bs++
			}
			if bs%2 == 0 {
				break
			}
			j++
		}
		if j-start > limit {
			return int64(start)
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
	for end < int64(len(data)) && data[end] != '"' {
		if data[end] == '\\' {
			end++
		}
		end++
	}
	return model.Problem{Path: ptr, Msg: fmt.Sprintf("text of %d bytes is longer than the limit of %d", decodedLen(data[off+1:min(end, int64(len(data)))]), MaxText)}
}

// decodedLen is the length in bytes of a JSON string's text once its
// escapes are decoded.
func decodedLen(raw []byte) int {
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
