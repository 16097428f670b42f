package tui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orgplan/orgplan/model"
)

// treePane is the organization tree as the rows unfolded into view. It
// keeps no list of them: each unfolded unit knows how many rows its
// branch shows, so the row at an index, a unit's index, and folding or
// unfolding cost a walk down or up one branch (depth × branching), at
// 100,000 units as at 100. Drawing finds its first row so and follows
// the tree from there.
type treePane struct {
	org      *model.Org
	cursor   int
	cur      *model.Unit // the unit at cursor
	offset   int         // first row drawn
	height   int         // rows that fit
	expanded map[string]bool
	// shown counts, for each unfolded unit with sub-units, the rows of its
	// branch, itself included (a folded one shows one row). Filled when
	// first needed; folding and unfolding keep it for the ancestors.
	shown map[*model.Unit]int
	total int // rows in all
	// drawn keeps rows as last drawn, but the cursor's: a cursor move
	// redraws two rows, not the pane.
	drawn      map[*model.Unit]drawnRow
	drawnStamp stamp
	// noCandidateMarks adds "?" to units with a post no one is ready
	// for (C); by default the tree marks only vacant posts, what needs
	// action now, so that the marks guide the eye.
	noCandidateMarks bool
	drawnWidth       int
}

type drawnRow struct {
	line        string
	open, match bool
}

// defaultOpenDepth is how many levels are expanded when a plan opens: the
// top units and their children show, deeper branches start folded.
const defaultOpenDepth = 2

func newTreePane(o *model.Org) treePane {
	t := treePane{org: o, expanded: map[string]bool{}, shown: map[*model.Unit]int{}}
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

func (t *treePane) open(u *model.Unit) bool { return len(u.Units) > 0 && t.expanded[u.ID] }

// count is how many rows u's branch shows.
func (t *treePane) count(u *model.Unit) int {
	if !t.open(u) {
		return 1
	}
	if n, ok := t.shown[u]; ok {
		return n
	}
	n := 1
	for _, c := range u.Units {
		n += t.count(c)
	}
	t.shown[u] = n
	return n
}

// rebuild counts the rows again after an edit and puts the cursor on the
// unit with id keep, or as near its old place as there is a row.
func (t *treePane) rebuild(keep string) {
	clear(t.shown)
	t.total = 0
	for _, u := range t.org.Units {
		t.total += t.count(u)
	}
	if keep != "" {
		if i := t.indexOf(keep); i >= 0 {
			t.cursor = i
		}
	}
	t.clamp()
}

// len is the number of rows.
func (t *treePane) len() int { return t.total }

// at is the unit on row i, or nil.
func (t *treePane) at(i int) *model.Unit {
	if i < 0 || i >= t.total {
		return nil
	}
	us := t.org.Units
	for {
		var next []*model.Unit
		for _, u := range us {
			n := t.count(u)
			if i < n {
				if i == 0 {
					return u
				}
				i--
				next = u.Units
				break
			}
			i -= n
		}
		if next == nil {
			return nil
		}
		us = next
	}
}

// after is the row after u's, or nil at the end.
func (t *treePane) after(u *model.Unit) *model.Unit {
	if t.open(u) {
		return u.Units[0]
	}
	for x := u; x != nil; x = x.Parent() {
		sibs := t.org.Siblings(x)
		for i, s := range sibs {
			if s == x && i+1 < len(sibs) {
				return sibs[i+1]
			}
		}
	}
	return nil
}

// indexOf is the row of the unit with id, or -1 when it is folded away.
func (t *treePane) indexOf(id string) int {
	u := t.org.Unit(id)
	if u == nil {
		return -1
	}
	i := 0
	for x := u; x != nil; x = x.Parent() {
		if p := x.Parent(); p != nil {
			if !t.open(p) {
				return -1
			}
			i++ // the parent's own row
		}
		for _, s := range t.org.Siblings(x) {
			if s == x {
				break
			}
			i += t.count(s)
		}
	}
	return i
}

func (t *treePane) clamp() {
	t.cursor = max(min(t.cursor, t.total-1), 0)
	t.cur = t.at(t.cursor)
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
	if maxOff := max(t.total-h, 0); t.offset > maxOff {
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
func (t *treePane) selected() *model.Unit { return t.cur }

// setCursor puts the cursor on row i (clamped).
func (t *treePane) setCursor(i int) {
	t.cursor = i
	t.clamp()
}

func (t *treePane) move(delta int) { t.setCursor(t.cursor + delta) }

func (t *treePane) top()    { t.setCursor(0) }
func (t *treePane) bottom() { t.setCursor(t.total - 1) }

// grow adds d rows to u's branch and to every branch above it.
func (t *treePane) grow(u *model.Unit, d int) {
	for a := u.Parent(); a != nil; a = a.Parent() {
		if n, ok := t.shown[a]; ok {
			t.shown[a] = n + d
		}
	}
	t.total += d
}

// expand opens the unit under the cursor.
func (t *treePane) expand() bool {
	u := t.cur
	if u == nil || len(u.Units) == 0 || t.expanded[u.ID] {
		return false
	}
	t.expanded[u.ID] = true
	t.grow(u, t.count(u)-1)
	t.scroll()
	return true
}

// collapse folds the unit under the cursor.
func (t *treePane) collapse() bool {
	u := t.cur
	if u == nil || !t.open(u) {
		return false
	}
	n := t.count(u)
	delete(t.expanded, u.ID)
	delete(t.shown, u)
	t.grow(u, 1-n)
	t.scroll()
	return true
}

// left collapses, or goes to the parent.
func (t *treePane) left() {
	if t.cur == nil || t.collapse() {
		return
	}
	if p := t.cur.Parent(); p != nil {
		t.setCursor(t.indexOf(p.ID))
	}
}

// right expands, or goes to the first child.
func (t *treePane) right() {
	if t.cur == nil || t.expand() {
		return
	}
	if t.open(t.cur) {
		t.move(1)
	}
}

func (t *treePane) toggle() {
	if t.cur == nil {
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
	model.WalkUnit(u, func(x *model.Unit) bool {
		if len(x.Units) > 0 {
			t.expanded[x.ID] = true
		}
		return true
	})
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
		t.setCursor(i)
		return true
	}
	return false
}

// rowAt maps a screen row inside the pane to a row index, or -1.
func (t *treePane) rowAt(y int) int {
	i := t.offset + y
	if y < 0 || i >= t.total {
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

// view draws the visible rows, each exactly width cells wide. Rows other
// than the cursor's are kept until the plan, the colors, the search or
// the width change.
func (t *treePane) view(st *Styles, width int, focused bool, isMatch func(string) bool, sp stamp) []string {
	if t.drawn == nil || sp != t.drawnStamp || width != t.drawnWidth || len(t.drawn) > 4*t.height+64 {
		t.drawn, t.drawnStamp, t.drawnWidth = map[*model.Unit]drawnRow{}, sp, width
	}
	lines := make([]string, 0, t.height)
	end := min(t.offset+t.height, t.total)
	u := t.at(t.offset)
	for i := t.offset; i < end && u != nil; i++ {
		match, open := isMatch(u.ID), t.open(u)
		if i == t.cursor {
			lines = append(lines, t.rowView(st, u, width, true, focused, match))
		} else if d, ok := t.drawn[u]; ok && d.open == open && d.match == match {
			lines = append(lines, d.line)
		} else {
			line := t.rowView(st, u, width, false, focused, match)
			t.drawn[u] = drawnRow{line: line, open: open, match: match}
			lines = append(lines, line)
		}
		u = t.after(u)
	}
	return lines
}

func (t *treePane) rowView(st *Styles, u *model.Unit, width int, cur, focused, match bool) string {
	// Deep trees keep their indentation to a third of the pane.
	indent := min(u.Depth()*2, width/3)
	glyph := "  "
	switch {
	case len(u.Units) > 0 && t.expanded[u.ID]:
		glyph = st.G.Open
	case len(u.Units) > 0:
		glyph = st.G.Closed
	}
	s := statsOf(t.org, u)
	sec := string(t.org.UnitSecrecy(u))
	counts := strconv.Itoa(s.filled) + "/" + strconv.Itoa(s.total)
	marker := " "
	markStyle := st.Dim
	switch {
	case s.vacant:
		marker, markStyle = vacantMark, st.Error
	case s.noCandidate && t.noCandidateMarks:
		marker, markStyle = noCandidateMark, st.Warning
	}
	kind := ""
	if width >= 56 && u.Kind != "" {
		kind = trunc(clean(t.org.KindName(u.Kind)), min(28, width/4)) // whole on a wide screen
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
		return underlineText(st.Current, line)
	}
	return line
}

// underlineText marks the unfocused cursor row: the style goes on the text
// only, not on the indentation, the padding between columns (two spaces
// or more) or the end of the line.
func underlineText(st lipgloss.Style, line string) string {
	var b strings.Builder
	rs := []rune(line)
	for i := 0; i < len(rs); {
		j := i
		if rs[i] == ' ' {
			for j < len(rs) && rs[j] == ' ' {
				j++
			}
			if j-i >= 2 || i == 0 || j == len(rs) {
				b.WriteString(string(rs[i:j]))
				i = j
				continue
			}
		}
		// A run of text, single spaces inside it included.
		for j < len(rs) && (rs[j] != ' ' || j+1 < len(rs) && rs[j+1] != ' ') {
			j++
		}
		if j == i {
			j++
		}
		b.WriteString(st.Render(string(rs[i:j])))
		i = j
	}
	return b.String()
}

func ansiWidth(s string) int { return ansi.StringWidth(s) }
