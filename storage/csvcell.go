package storage

import "strings"

// Spreadsheets run a cell that starts with =, +, -, @, a tab or a carriage
// return as a formula: a name such as "=HYPERLINK(…)" in an exported CSV
// would act when opened (CSV injection). Export protects such a cell the
// way OWASP recommends, with a leading "'", which spreadsheets show as
// text; import takes one "'" off again, so a round trip keeps every string
// exactly. A cell that already starts with "'" before such a character
// gets one more, so that no string is ambiguous.

// ProtectCell is a CSV cell's text as export writes it.
func ProtectCell(s string) string {
	if formulaLike(s) {
		return "'" + s
	}
	return s
}

// UnprotectCell undoes ProtectCell.
func UnprotectCell(s string) string {
	if len(s) > 1 && s[0] == '\'' && formulaLike(s[1:]) {
		return s[1:]
	}
	return s
}

func formulaLike(s string) bool {
	s = strings.TrimLeft(s, "'")
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}

// JoinList writes several names in one cell, separated by "; ", with ";"
// and "\" inside a name escaped by "\"; SplitList reads it back.
func JoinList(names []string) string {
	esc := make([]string, len(names))
	for i, n := range names {
		esc[i] = listEscaper.Replace(n)
	}
	return strings.Join(esc, "; ")
}

var listEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`)

// SplitList reads a cell written by JoinList: names separated by ";",
// the one space JoinList puts after each ";" dropped, nothing else, so
// that every name comes back exactly. Empty names are skipped.
func SplitList(cell string) []string {
	if !strings.Contains(cell, `\`) {
		// Nothing escaped, the common cell: its names are slices of it.
		var out []string
		for i := 0; ; i++ {
			name, rest, more := strings.Cut(cell, ";")
			if i > 0 {
				name = strings.TrimPrefix(name, " ")
			}
			if name != "" {
				out = append(out, name)
			}
			if !more {
				return out
			}
			cell = rest
		}
	}
	return splitEscaped(cell)
}

// splitEscaped is SplitList for a cell with "\" escapes.
func splitEscaped(cell string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
		}
		cur.Reset()
	}
	for i := 0; i < len(cell); i++ {
		switch c := cell[i]; {
		case c == '\\' && i+1 < len(cell):
			i++
			cur.WriteByte(cell[i])
		case c == ';':
			flush()
			if i+1 < len(cell) && cell[i+1] == ' ' {
				i++
			}
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return out
}
