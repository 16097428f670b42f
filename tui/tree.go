package tui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orgplan/orgplan/model"
)

// treePane is the organization tree as a flat list of the rows that are
// expanded into view. Cursor moves only change an index; collapsing and
// expanding splice rows in and out; only edits rebuild the list. Nothing
// per keystroke walks the whole tree.
type treePane struct {
	org      *model.Org
	rows     []row
	cursor   int
	offset   int // first row drawn
	height   int // rows that fit
	expanded map[string]bool
}

type row struct {
	u     *model.Unit
	depth int
}

// defaultOpenDepth is how many levels are expanded when a plan opens: the
// top units and their children show, deeper branches start folded.
const defaultOpenDepth = 2

func newTreePane(o *model.Org) treePane {
	t := treePane{org: o, expanded: map[string]bool{}}
	var walk func(us []*model.Unit, depth int)
	walk = func(us []*model.Unit, depth int) {
		if depth >= defaultOpenDepth {
			return
		}
		for _, u := range us {
			if len(u.Units) > 0 {
				t.expanded[u.ID] = true
				walk(u.Units, depth+1)
			}
		}
	}
	walk(o.Units, 0)
	t.rebuild("")
	return t
}

// rebuild lays the rows out again after an edit and puts the cursor on the
// unit with id keep, or as near its old place as there is a row.
func (t *treePane) rebuild(keep string) {
	t.rows = t.rows[:0]
	t.rows = appendVisible(t.rows, t.org.Units, 0, t.expanded)
	if keep != "" {
		if i := t.indexOf(keep); i >= 0 {
			t.cursor = i
		}
	}
	t.clamp()
}

func appendVisible(rows []row, us []*model.Unit, depth int, expanded map[string]bool) []row {
	for _, u := range us {
		rows = append(rows, row{u: u, depth: depth})
		if expanded[u.ID] && len(u.Units) > 0 {
			rows = appendVisible(rows, u.Units, depth+1, expanded)
		}
	}
	return rows
}

func (t *treePane) indexOf(id string) int {
	for i, r := range t.rows {
		if r.u.ID == id {
			return i
		}
	}
	return -1
}

func (t *treePane) clamp() {
	if t.cursor >= len(t.rows) {
		t.cursor = len(t.rows) - 1
	}
	if t.cursor < 0 {
		t.cursor = 0
	}
	t.scroll()
}

// scroll keeps the cursor in view.
func (t *treePane) scroll() {
	h := max(t.height, 1)
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+h {
		t.offset = t.cursor - h + 1
	}
	if maxOff := max(len(t.rows)-h, 0); t.offset > maxOff {
		t.offset = maxOff
	}
	if t.offset < 0 {
		t.offset = 0
	}
}

func (t *treePane) setHeight(h int) {
	t.height = h
	t.scroll()
}

// selected is the unit under the cursor, or nil in an empty plan.
func (t *treePane) selected() *model.Unit {
	if t.cursor < 0 || t.cursor >= len(t.rows) {
		return nil
	}
	return t.rows[t.cursor].u
}

func (t *treePane) move(delta int) {
	t.cursor += delta
	t.clamp()
}

func (t *treePane) top()    { t.cursor = 0; t.clamp() }
func (t *treePane) bottom() { t.cursor = len(t.rows) - 1; t.clamp() }

// expand opens the unit under the cursor, splicing its visible rows in.
func (t *treePane) expand() bool {
	r := t.rows[t.cursor]
	if len(r.u.Units) == 0 || t.expanded[r.u.ID] {
		return false
	}
	t.expanded[r.u.ID] = true
	sub := appendVisible(nil, r.u.Units, r.depth+1, t.expanded)
	rows := make([]row, 0, len(t.rows)+len(sub))
	rows = append(rows, t.rows[:t.cursor+1]...)
	rows = append(rows, sub...)
	t.rows = append(rows, t.rows[t.cursor+1:]...)
	t.scroll()
	return true
}

// collapse folds the unit under the cursor, cutting its rows out.
func (t *treePane) collapse() bool {
	r := t.rows[t.cursor]
	if !t.expanded[r.u.ID] {
		return false
	}
	delete(t.expanded, r.u.ID)
	end := t.cursor + 1
	for end < len(t.rows) && t.rows[end].depth > r.depth {
		end++
	}
	t.rows = append(t.rows[:t.cursor+1], t.rows[end:]...)
	t.scroll()
	return true
}

// left collapses, or goes to the parent.
func (t *treePane) left() {
	if len(t.rows) == 0 || t.collapse() {
		return
	}
	d := t.rows[t.cursor].depth
	for i := t.cursor - 1; i >= 0; i-- {
		if t.rows[i].depth < d {
			t.cursor = i
			t.scroll()
			return
		}
	}
}

// right expands, or goes to the first child.
func (t *treePane) right() {
	if len(t.rows) == 0 || t.expand() {
		return
	}
	if t.cursor+1 < len(t.rows) && t.rows[t.cursor+1].depth > t.rows[t.cursor].depth {
		t.move(1)
	}
}

func (t *treePane) toggle() {
	if len(t.rows) == 0 {
		return
	}
	if !t.collapse() {
		t.expand()
	}
}

// expandAll opens every branch under the cursor.
func (t *treePane) expandAll() {
	u := t.selected()
	if u == nil {
		return
	}
	var open func(u *model.Unit)
	open = func(u *model.Unit) {
		if len(u.Units) > 0 {
			t.expanded[u.ID] = true
			for _, c := range u.Units {
				open(c)
			}
		}
	}
	open(u)
	t.rebuild(u.ID)
}

// collapseAll folds everything, leaving the cursor on the top-level unit
// that held it.
func (t *treePane) collapseAll() {
	u := t.selected()
	if u == nil {
		return
	}
	for u.Parent() != nil {
		u = u.Parent()
	}
	clear(t.expanded)
	t.rebuild(u.ID)
}

// openUnder unfolds parent (if any) after a unit was put under it, and
// puts the cursor on the unit.
func (t *treePane) openUnder(parent, id string) {
	if parent != "" {
		t.expanded[parent] = true
		t.rebuild(id)
	}
}

// reveal expands the ancestors of a unit and puts the cursor on it.
func (t *treePane) reveal(id string) bool {
	u := t.org.Unit(id)
	if u == nil {
		return false
	}
	changed := false
	for p := u.Parent(); p != nil; p = p.Parent() {
		if !t.expanded[p.ID] {
			t.expanded[p.ID] = true
			changed = true
		}
	}
	if changed {
		t.rebuild(id)
	}
	if i := t.indexOf(id); i >= 0 {
		t.cursor = i
		t.scroll()
		return true
	}
	return false
}

// rowAt maps a screen row inside the pane to a row index, or -1.
func (t *treePane) rowAt(y int) int {
	i := t.offset + y
	if y < 0 || i >= len(t.rows) {
		return -1
	}
	return i
}

// unitStats summarizes a unit's posts for its tree row.
type unitStats struct {
	filled, total int
	vacant        bool // some post has no holder
	noCandidate   bool // some post has no active candidate
}

func statsOf(o *model.Org, u *model.Unit) unitStats {
	var s unitStats
	s.total = len(u.Posts)
	for _, p := range u.Posts {
		if p.Holder != "" {
			s.filled++
		} else {
			s.vacant = true
		}
		ready := false
		for _, c := range p.Candidates {
			if o.MemberActive(c) {
				ready = true
				break
			}
		}
		if !ready {
			s.noCandidate = true
		}
	}
	return s
}

// view draws the visible rows, each exactly width cells wide.
func (t *treePane) view(st *Styles, width int, focused bool, isMatch func(string) bool) []string {
	lines := make([]string, 0, t.height)
	end := min(t.offset+t.height, len(t.rows))
	for i := t.offset; i < end; i++ {
		lines = append(lines, t.rowView(st, t.rows[i], width, i == t.cursor, focused, isMatch(t.rows[i].u.ID)))
	}
	return lines
}

func (t *treePane) rowView(st *Styles, r row, width int, cur, focused, match bool) string {
	u := r.u
	// Deep trees keep their indentation to a third of the pane.
	indent := min(r.depth*2, width/3)
	glyph := "  "
	switch {
	case len(u.Units) > 0 && t.expanded[u.ID]:
		glyph = "▾ "
	case len(u.Units) > 0:
		glyph = "▸ "
	}
	s := statsOf(t.org, u)
	sec := string(t.org.UnitSecrecy(u))
	counts := strconv.Itoa(s.filled) + "/" + strconv.Itoa(s.total)
	marker := " "
	markStyle := st.Dim
	switch {
	case s.vacant:
		marker, markStyle = "!", st.Error
	case s.noCandidate:
		marker, markStyle = "?", st.Warning
	}
	kind := ""
	if width >= 56 && u.Kind != "" {
		kind = trunc(clean(t.org.KindName(u.Kind)), min(18, width/4))
	}
	right := len(sec) + 1 + len(counts) + 1 + len(marker)
	if kind != "" {
		right += ansiWidth(kind) + 1
	}
	nameW := width - indent - 2 - right - 1
	if nameW < 6 {
		// Too narrow for the badges: the name comes first.
		kind, right = "", len(marker)+1
		nameW = width - indent - 2 - right
	}
	name := trunc(clean(u.Name), nameW)
	if name == "" {
		name = "(unnamed)"
	}
	segs := []seg{{text: strings.Repeat(" ", indent) + glyph}}
	if match && !cur {
		segs = append(segs, seg{name, &st.Match})
	} else {
		segs = append(segs, seg{text: name})
	}
	segs = append(segs, seg{text: strings.Repeat(" ", max(nameW-ansiWidth(name), 0)+1)})
	if right > len(marker)+1 {
		if kind != "" {
			segs = append(segs, seg{kind, &st.Dim}, seg{text: " "})
		}
		sst := st.Secrecy[sec]
		segs = append(segs, seg{sec, &sst}, seg{text: " " + counts + " "})
	}
	segs = append(segs, seg{marker, &markStyle})
	return drawRow(st, segs, width, cur, focused)
}

// seg is a piece of a row with its style (nil: plain).
type seg struct {
	text  string
	style *lipgloss.Style
}

// drawRow renders a row's pieces to exactly width cells. The cursor row is
// drawn plain under its own style: lipgloss cannot lay one style over text
// already styled.
func drawRow(st *Styles, segs []seg, width int, cur, focused bool) string {
	var b strings.Builder
	for _, s := range segs {
		if s.style != nil && !cur {
			b.WriteString(s.style.Render(s.text))
		} else {
			b.WriteString(s.text)
		}
	}
	line := fit(b.String(), width)
	switch {
	case cur && focused:
		return st.Selected.Render(line)
	case cur:
		return st.Current.Render(line)
	}
	return line
}

func ansiWidth(s string) int { return ansi.StringWidth(s) }
