package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// clean makes text from a plan safe to draw: escape sequences are removed,
// control characters, bidi overrides and invisible characters dropped, line
// breaks and tabs turned into spaces. Nothing in a plan can move the cursor,
// change colors or reorder what the terminal shows.
func clean(s string) string {
	if isPlain(s) {
		return s
	}
	s = ansi.Strip(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// C0 and C1 controls, including a lone ESC left by a cut sequence.
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			// bidi embeddings, overrides, isolates and marks
		case r == 0x200b || r == 0x2060 || r == 0xfeff || r == 0x00ad:
			// zero-width space, word joiner, BOM, soft hyphen
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlain is the fast path: printable ASCII needs no work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// fit cuts a drawn string to width cells, with an ellipsis when cut, and
// pads it to exactly width.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	w := ansi.StringWidth(s)
	if w > width {
		s = ansi.Truncate(s, width, "…")
		w = ansi.StringWidth(s)
	}
	if w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// trunc cuts plain text to width cells with an ellipsis, without padding.
func trunc(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}
