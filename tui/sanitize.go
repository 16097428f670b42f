package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/orgplan/orgplan/storage/visible"
)

// clean makes text from a plan safe to draw, through the one sanitizer
// every output shares: escape sequences, control characters, bidi
// overrides and invisible characters are shown as escapes (\x1b, \n,
// U+202E), so nothing in a plan can move the cursor, change colors or
// reorder what the terminal shows, and what is drawn is what is there.
func clean(s string) string { return visible.String(s) }

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
