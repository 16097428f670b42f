package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/orgplan/orgplan/model"
)

// View implements tea.Model.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	if !m.noMouse {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "orgplan · " + clean(m.org.Name)
	return v
}

// render draws the whole screen as text.
func (m *Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.lay.tooSmall {
		return m.tooSmallView()
	}
	if m.mode == modeHelp {
		return m.helpScreen()
	}
	screen := m.mainView()
	if m.members != nil {
		screen = m.membersView()
	}
	if d := m.topDialog(); d != nil {
		return m.overlay(screen, d.view(&m.styles, m.width, m.height))
	}
	return screen
}

// mainView draws the title line, the three panes and the key line.
func (m *Model) mainView() string {
	lines := make([]string, 0, m.height)
	lines = append(lines, m.titleLine())
	left := m.box("Organization", m.tree.view(&m.styles, m.lay.leftW-2, m.focus == focusTree, m.isMatch, m.frameStamp()),
		m.lay.leftW, m.lay.treeH, m.focus == focusTree)
	sel := m.tree.selected()
	postsTitle := "Posts"
	if sel != nil {
		postsTitle = "Posts: " + clean(sel.Name) + m.lineNote(sel)
	}
	left = append(left, m.box(postsTitle, m.posts.view(&m.styles, m.org, sel, m.lay.leftW-2, m.focus == focusPosts),
		m.lay.leftW, m.lay.postsH, m.focus == focusPosts)...)
	right := m.sideBox()
	for i := 0; i < m.lay.bodyH; i++ {
		lines = append(lines, left[i]+right[i])
	}
	lines = append(lines, m.keyLine())
	return strings.Join(lines, "\n")
}

// stamp is what every drawn row depends on besides its own state: the
// plan's version and the colors.
type stamp struct {
	version uint64
	dark    bool
}

func (m *Model) frameStamp() stamp { return stamp{version: m.org.Version(), dark: m.isDark} }

// sideKey is everything the side panel's box is drawn from.
type sideKey struct {
	stamp
	tab, width, height, offset, cursor int
	focused                            bool
	build                              uint64
}

// sideBox draws the side panel, or returns it as last drawn when nothing
// it shows has changed: a cursor move in the tree leaves it as it was.
func (m *Model) sideBox() []string {
	s := &m.side
	k := sideKey{m.frameStamp(), s.tab, m.lay.rightW, m.lay.bodyH, s.offset[s.tab], s.cursor[s.tab], m.focus == focusSide, s.build}
	if s.drawn == nil || k != s.drawnKey {
		s.drawn = m.box(m.tabsTitle(m.lay.rightW-5), m.sideView(m.lay.rightW-2), m.lay.rightW, m.lay.bodyH, m.focus == focusSide)
		s.drawnKey = k
	}
	return s.drawn
}

func (m *Model) tooSmallView() string {
	msg := fmt.Sprintf("Terminal too small: %dx%d.\norgplan needs at least %dx%d.\nq quits.", m.width, m.height, minWidth, minHeight)
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		lines[i] = trunc(l, m.width)
	}
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
}

// titleLine: plan name · file · modified · as of date, and the size on the
// right.
// The right part (as-of date, finding counts) and "modified" always show;
// the name gives way first, then the file name.
func (m *Model) titleLine() string {
	sep := m.styles.TitleDim.Render(" · ")
	var right []string
	if m.org.AsOf != "" {
		right = append(right, m.styles.TitleDim.Render("as of "+clean(m.org.AsOf)))
	}
	switch {
	case m.derived.Checks() == nil:
		right = append(right, m.styles.TitleDim.Render("checking…"))
	case m.checkErrs > 0:
		right = append(right, m.styles.Error.Render(fmt.Sprintf("%d error%s", m.checkErrs, plural(m.checkErrs))))
	case m.checkWarns == 0:
		right = append(right, m.styles.OK.Render("no findings"))
	}
	if m.checkWarns > 0 && m.derived.Checks() != nil {
		right = append(right, m.styles.Warning.Render(fmt.Sprintf("%d warning%s", m.checkWarns, plural(m.checkWarns))))
	}
	if m.busy(jobRecount) {
		right[len(right)-1] += m.styles.TitleDim.Render(" …") // big branches' coverage being counted
	}
	r := strings.Join(right, sep) + " "
	file := sep + m.styles.TitleDim.Render(clean(m.fileLabel()))
	mod := ""
	if m.modified() {
		mod = sep + m.styles.Modified.Render("modified")
	}
	room := m.width - ansiWidth(r) - ansiWidth(mod) - 3 // at least two spaces before the right part
	if room-ansiWidth(file) < 14 {
		file = ""
	}
	name := m.styles.Title.Render(trunc(clean(m.org.Name), max(room-ansiWidth(file), 4)))
	left := " " + name + file + mod
	gap := m.width - ansiWidth(left) - ansiWidth(r)
	if gap < 1 {
		return fit(left, m.width)
	}
	return left + strings.Repeat(" ", gap) + r
}

// tabSpan is a tab as drawn in the side panel's top border.
type tabSpan struct {
	label string
	x, w  int // from the start of the title, in cells
}

// tabLayout lays the tabs out in width cells, the first that fits of:
// numbered full names, padded; numbered short names, the active tab
// padded; short names alone, the active tab shown by its color (the key
// line says 1–6); numbers, the active tab named. A tab not shown has no
// width. Drawing and mouse clicks both use it.
func (m *Model) tabLayout(width int) []tabSpan {
	try := func(short, padAll, numbers, namesOff bool) []tabSpan {
		spans := make([]tabSpan, tabCount)
		x := 0
		for i, t := range sideTabs {
			if !m.tabShown(i) {
				spans[i] = tabSpan{x: x}
				continue
			}
			n := t.name
			if short {
				n = t.short
			}
			l := n
			switch {
			case namesOff && i != m.side.tab:
				l = fmt.Sprintf("%d", i+1)
			case numbers:
				l = fmt.Sprintf("%d %s", i+1, n)
			}
			if padAll || i == m.side.tab && (numbers || namesOff) {
				l = " " + l + " "
			}
			spans[i] = tabSpan{label: l, x: x, w: ansiWidth(l)}
			x += spans[i].w + 1
		}
		return spans
	}
	fits := func(sp []tabSpan) bool {
		end := 0
		for _, s := range sp {
			end = max(end, s.x+s.w)
		}
		return end <= width
	}
	for _, sp := range [][]tabSpan{try(false, true, true, false), try(true, false, true, false), try(true, false, false, false)} {
		if fits(sp) {
			return sp
		}
	}
	return try(false, false, true, true)
}

// tabsTitle draws the tabs into the side panel's top border.
func (m *Model) tabsTitle(width int) string {
	var b strings.Builder
	for i, sp := range m.tabLayout(width) {
		if sp.w == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		if i == m.side.tab {
			b.WriteString(m.styles.TabOn.Render(sp.label))
		} else {
			b.WriteString(m.styles.TabOff.Render(sp.label))
		}
	}
	return b.String()
}

// keyLine is the prompt when one is open, else the last message, else the
// short help of the focused pane.
func (m *Model) keyLine() string {
	switch {
	case m.mode == modePrompt && m.prompt != nil:
		return m.prompt.view(&m.styles, m.width)
	case m.status != "" && m.statErr:
		return fit(" "+m.styles.StatusErr.Render(clean(m.status)), m.width)
	case m.status != "":
		return fit(" "+m.styles.Status.Render(clean(m.status)), m.width)
	}
	return fit(" "+m.shortHelp(m.width-1), m.width)
}

// shortHelp is the focused pane's keys that fit in width, always ending
// with "? help" and "q quit": the keys a newcomer needs to find the rest.
func (m *Model) shortHelp(width int) string {
	var bs []key.Binding
	g := m.keys.Global
	switch m.focus {
	case focusTree:
		t := m.keys.Tree
		bs = []key.Binding{t.AddChild, t.Rename, t.Edit, t.Delete, g.Undo, g.Save, g.Search, g.Focus}
	case focusPosts:
		p := m.keys.Posts
		bs = []key.Binding{p.Add, p.Edit, p.Holder, p.Candidate, p.RemoveCandidate, p.Delete, g.Undo, g.Save, g.Focus}
	case focusSide:
		s := m.keys.Side
		bs = []key.Binding{s.Jump, g.TabKeys, g.Undo, g.Save, g.Focus}
		if m.side.tab == tabChecks {
			bs = []key.Binding{s.Jump, s.Filter, s.HideWarnings, g.TabKeys, g.Undo, g.Save, g.Focus}
		}
	}
	return m.keyHints(bs, []key.Binding{g.Help, g.Quit}, width)
}

// keyHints draws bindings as "key desc · key desc", dropping optional ones
// from the end until the line fits; the last ones always show.
func (m *Model) keyHints(optional, always []key.Binding, width int) string {
	sep := m.styles.Dim.Render(" · ")
	draw := func(b key.Binding) string {
		h := b.Help()
		return m.styles.Key.Render(h.Key) + " " + m.styles.Dim.Render(h.Desc)
	}
	var tail []string
	for _, b := range always {
		if b.Enabled() {
			tail = append(tail, draw(b))
		}
	}
	var head []string
	for _, b := range optional {
		if b.Enabled() {
			head = append(head, draw(b))
		}
	}
	for len(head) > 0 && ansiWidth(strings.Join(append(append([]string(nil), head...), tail...), sep)) > width {
		head = head[:len(head)-1]
	}
	return strings.Join(append(head, tail...), sep)
}

// overlay draws a dialog centered over the screen, cut to the screen if
// it is larger: nothing is ever drawn outside it.
func (m *Model) overlay(screen, dialog string) string {
	dialog = lipgloss.NewStyle().MaxWidth(m.width).MaxHeight(m.height).Render(dialog)
	w, h := lipgloss.Width(dialog), lipgloss.Height(dialog)
	x, y := max((m.width-w)/2, 0), max((m.height-h)/2, 0)
	return lipgloss.NewCompositor(
		lipgloss.NewLayer(screen),
		lipgloss.NewLayer(dialog).X(x).Y(y).Z(1),
	).Render()
}

// helpLines lists every key, from the key map's groups, in as many
// columns as fit.
func (m *Model) helpLines(width int) []string {
	groups := m.keys.Groups()
	const colW = 30
	var blocks []string
	q := strings.ToLower(m.helpFilter)
	for _, gr := range groups {
		lines := []string{m.styles.PaneTitle.Render(gr.Title)}
		for _, b := range gr.Keys {
			h := b.Help()
			if q != "" && !strings.Contains(strings.ToLower(h.Key+" "+h.Desc+" "+gr.Title), q) {
				continue
			}
			lines = append(lines, m.styles.Key.Render(fmt.Sprintf("%-9s", h.Key))+" "+trunc(h.Desc, colW-12))
		}
		if len(lines) == 1 {
			continue
		}
		blocks = append(blocks, lipgloss.NewStyle().Width(colW).Render(strings.Join(lines, "\n")))
	}
	perRow := max((width-2)/colW, 1)
	var rows []string
	for i := 0; i < len(blocks); i += perRow {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, blocks[i:min(i+perRow, len(blocks))]...), "")
	}
	out := strings.Split(strings.Join(rows, "\n"), "\n")
	if q != "" {
		if len(blocks) == 0 {
			out = []string{m.styles.Dim.Render("no key does " + clean(m.helpFilter))}
		}
		for i := range out {
			out[i] = " " + out[i]
		}
		return out
	}
	out = append(out,
		m.styles.Error.Render(vacantMark)+" a post is vacant",
		m.styles.Warning.Render(noCandidateMark)+" a post has no active candidate (in the tree: C)",
		inactiveMark+" not active (arrested, exiled, inactive)",
		jumbleMark+fmt.Sprintf(" more than %d functions (Labor)", model.JumbleThreshold),
		requiredMark+" a post for a function the kind requires (Vacancies)",
		laterMark+" a candidate ready later, not now (L)",
		"← the candidates, first in line first")
	for i := range out {
		out[i] = " " + out[i]
	}
	return out
}

// helpScreen shows the keys full screen, scrolled by helpOffset.
func (m *Model) helpScreen() string {
	lines := m.helpLines(m.width)
	h := m.height - 2
	m.helpOffset = max(min(m.helpOffset, len(lines)-h), 0)
	end := min(m.helpOffset+h, len(lines))
	title := " " + m.styles.Title.Render("orgplan keys")
	if m.helpFilter != "" {
		title += m.styles.Dim.Render(" · showing those with ") + clean(m.helpFilter)
	}
	out := []string{fit(title, m.width)}
	for _, l := range lines[m.helpOffset:end] {
		out = append(out, fit(l, m.width))
	}
	for len(out) < m.height-1 {
		out = append(out, strings.Repeat(" ", m.width))
	}
	more := ""
	if len(lines) > h {
		more = "↑/↓ scroll · "
	}
	out = append(out, fit(" "+m.styles.Dim.Render(more+"type to filter · backspace · esc or enter closes"), m.width))
	return strings.Join(out, "\n")
}

// helpKey scrolls the help or closes it, back to the screen it was opened
// over.
func (m *Model) helpKey(msg tea.KeyPressMsg) {
	h := m.keys.Help
	switch {
	case matches(msg, h.Down):
		m.helpOffset++
	case matches(msg, h.Up):
		m.helpOffset = max(m.helpOffset-1, 0)
	case matches(msg, h.PageDown):
		m.helpOffset += max(m.height-3, 1)
	case matches(msg, h.PageUp):
		m.helpOffset = max(m.helpOffset-m.height+3, 0)
	case msg.String() == "backspace":
		if r := []rune(m.helpFilter); len(r) > 0 {
			m.helpFilter, m.helpOffset = string(r[:len(r)-1]), 0
		}
	case msg.Text != "" && msg.String() != "enter" && msg.Mod == 0:
		m.helpFilter, m.helpOffset = m.helpFilter+msg.Text, 0
	default:
		m.mode, m.helpOffset, m.helpFilter = modeNormal, 0, ""
		if m.members != nil {
			m.mode = modeMembers
		}
	}
}
