// Package visible is the one sanitizer for text from a plan or a file name
// on its way to a terminal or a text report: every character that could
// move the cursor, change colors, reorder the line or hide itself is shown
// as an escape instead (ESC as \x1b, a bidi override as U+202E), so that
// what is drawn is what the plan holds, and nothing in it acts.
package visible

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Hidden reports whether r would act on a terminal or not show: C0 and C1
// controls, DEL, bidi embeddings, overrides, isolates and marks, and the
// invisible characters (zero-width space, word joiner, BOM,
// soft hyphen, line and paragraph separators).
func Hidden(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0x200b, r == 0x2060, r == 0xfeff, r == 0x00ad, r == 0x2028, r == 0x2029:
		return true
	case r == utf8.RuneError:
		return true
	}
	return false
}

// Plain reports whether s needs no change: printable ASCII, or text with
// no hidden character.
func Plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return plainSlow(s[i:])
		}
	}
	return true
}

func plainSlow(s string) bool {
	for i, r := range s {
		if Hidden(r) {
			if r == utf8.RuneError {
				if _, n := utf8.DecodeRuneInString(s[i:]); n == 3 {
					continue // a real U+FFFD in the text is printable
				}
			}
			return false
		}
	}
	return true
}

// String shows every hidden character of s as an escape: a tab, line
// feed and carriage return as \t, \n and \r, other C0 controls, DEL and
// invalid bytes as \xHH, C1 controls and the other hidden characters as
// U+XXXX. A backslash is left alone: the result is for reading, not for
// parsing back.
func String(s string) string {
	if Plain(s) {
		return s
	}
	return string(escape(make([]byte, 0, len(s)+16), []byte(s)))
}

// AppendString appends s to dst as String shows it, making nothing when
// s needs no change.
func AppendString(dst []byte, s string) []byte {
	if Plain(s) {
		return append(dst, s...)
	}
	return escape(dst, []byte(s))
}

// AppendBytes appends b to dst as String shows it.
func AppendBytes(dst, b []byte) []byte {
	for _, c := range b {
		if c < 0x20 || c >= 0x7f {
			return escape(dst, b)
		}
	}
	return append(dst, b...)
}

// escape is the one place that words hidden characters; the runs of
// text between them are copied whole.
func escape(dst, s []byte) []byte {
	const digits = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f {
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		if !Hidden(r) || (r == utf8.RuneError && n == 3) {
			i += n
			continue
		}
		dst = append(dst, s[start:i]...)
		switch {
		case r == '\t':
			dst = append(dst, `\t`...)
		case r == '\n':
			dst = append(dst, `\n`...)
		case r == '\r':
			dst = append(dst, `\r`...)
		case r < 0x80 || n == 1: // a control, DEL or a byte that is no character
			dst = append(dst, '\\', 'x', digits[s[i]>>4], digits[s[i]&0xf])
		default:
			h := strings.ToUpper(strconv.FormatInt(int64(r), 16))
			dst = append(append(append(dst, "U+"...), strings.Repeat("0", 4-len(h))...), h...)
		}
		i += n
		start = i
	}
	return append(dst, s[start:]...)
}

// Quote is String between double quotes, for a name inside a message.
func Quote(s string) string { return `"` + String(s) + `"` }

// Writer passes text on with every hidden character but the line break
// and the tab shown as String shows it: for data formats (CSV, JSON)
// written to a terminal, which must stay exact in a file but must not act
// on a screen.
type Writer struct {
	w       io.Writer
	pending []byte // the start of a character cut by the last Write
}

// NewWriter returns a Writer to w; Flush passes on what is pending.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

func (v *Writer) Write(p []byte) (int, error) {
	buf := append(v.pending, p...)
	cut := len(buf)
	// Keep back an incomplete character at the end for the next Write.
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				cut = i
			}
			break
		}
	}
	v.pending = append([]byte(nil), buf[cut:]...)
	if err := v.emit(buf[:cut]); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is pending.
func (v *Writer) Flush() error {
	err := v.emit(v.pending)
	v.pending = nil
	return err
}

func (v *Writer) emit(b []byte) error {
	var out strings.Builder
	start := 0
	for i := 0; i <= len(b); i++ {
		if i == len(b) || b[i] == '\n' || b[i] == '\t' {
			out.WriteString(String(string(b[start:i])))
			if i < len(b) {
				out.WriteByte(b[i])
			}
			start = i + 1
		}
	}
	_, err := io.WriteString(v.w, out.String())
	return err
}
