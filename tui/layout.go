package tui

import "strings"

// The smallest terminal the editor draws in; below it a message says so.
const (
	minWidth  = 60
	minHeight = 15
)

// layout is where everything goes, computed once per window size.
type layout struct {
	tooSmall      bool
	leftW, rightW int // outer widths of the two columns
	bodyH         int // rows between the title line and the key line
	treeH, postsH int // outer heights of the tree and posts boxes
}

func computeLayout(w, h int) layout {
	l := layout{tooSmall: w < minWidth || h < minHeight}
	if l.tooSmall {
		return l
	}
	l.bodyH = h - 2
	l.leftW = w / 2
	if w >= 100 {
		l.leftW = max(48, w*2/5)
	}
	l.rightW = w - l.leftW
	l.postsH = max(6, l.bodyH*2/5)
	l.treeH = l.bodyH - l.postsH
	return l
}

func (m *Model) relayout() {
	m.lay = computeLayout(m.width, m.height)
	m.help.SetWidth(m.width)
	if m.lay.tooSmall {
		return
	}
	m.tree.setHeight(m.lay.treeH - 2)
	m.posts.height = m.lay.postsH - 2
	m.side.height = m.lay.bodyH - 2
	m.side.clamp()
	m.refreshTab(tabWhatIf) // its summary is packed to the width
	for _, d := range m.dialogs {
		d.d.resize(m.width, m.height)
	}
}

// box frames lines in a border with a title in the top edge; every line
// of the result is exactly w cells wide, and there are exactly h lines.
func (m *Model) box(title string, lines []string, w, h int, focused bool) []string {
	bs, g := m.styles.Border, m.styles.G
	if focused {
		bs = m.styles.BorderOn
	}
	inner := w - 2
	out := make([]string, 0, h)
	t := ""
	if title != "" {
		t = " " + trunc(title, max(inner-3, 0)) + " "
	}
	fill := max(inner-1-ansiWidth(t), 0)
	out = append(out, bs.Render(g.TL+g.H)+t+bs.Render(strings.Repeat(g.H, fill)+g.TR))
	side := bs.Render(g.V)
	for i := 0; i < h-2; i++ {
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		out = append(out, side+fit(l, inner)+side)
	}
	out = append(out, bs.Render(g.BL+strings.Repeat(g.H, inner)+g.BR))
	return out
}
