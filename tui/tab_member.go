package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/orgplan/orgplan/model"
)

// Tab 3, Member: the member chosen last, their functions, posts,
// candidacies and exposure.

// showMember puts a member on tab 3.
func (m *Model) showMember(id string) {
	if id == m.side.member {
		return
	}
	m.side.member = id
	m.side.stale[tabMember] = true
	m.side.cursor[tabMember], m.side.offset[tabMember] = 0, 0
	if m.side.tab == tabMember {
		m.ensureTab()
	}
}

// postSel is what the post cursor points at. The Member tab shows the
// member the user chose last: a change of this (another post, another
// candidate picked, a new holder) is such a choice; so are a Labor or
// Checks row, a search jump and the members screen, which call
// showMember themselves. Any other key leaves the tab as it is.
type postSel struct {
	post   *model.Post
	cand   int
	holder string
}

// followCursor shows the post's person on the Member tab when the post
// cursor moved since the last message.
func (m *Model) followCursor() {
	p := m.posts.selected(m.tree.selected())
	sel := postSel{post: p, cand: m.posts.cand}
	if p != nil {
		sel.holder = p.Holder
	}
	if sel == m.lastPost {
		return
	}
	m.lastPost = sel
	m.syncMember()
}

// syncMember shows the candidate picked in the posts pane, else the holder
// of the selected post.
func (m *Model) syncMember() {
	p := m.posts.selected(m.tree.selected())
	switch {
	case p == nil:
	case m.posts.cand >= 0 && m.posts.cand < len(p.Candidates):
		m.showMember(p.Candidates[m.posts.cand])
	case p.Holder != "":
		m.showMember(p.Holder)
	}
}

func (m *Model) memberRows() []sideRow {
	s, ok := model.Summarize(m.org, m.side.member)
	if !ok {
		return nil
	}
	mem := s.Member
	line := func(text string, style *lipgloss.Style) sideRow {
		return sideRow{member: mem.ID, cols: []col{{text: text, style: style}}}
	}
	status := string(mem.Status)
	if status == "" {
		status = string(model.StatusActive)
	}
	sst := &m.styles.OK
	if !mem.Active() {
		sst = &m.styles.Error
	}
	rows := []sideRow{m.header(clean(mem.Label()))}
	if mem.Name != "" {
		if m.showNames {
			rows = append(rows, line(clean(mem.Name), nil))
		} else {
			rows = append(rows, line("real name hidden (v in m shows names)", &m.styles.Dim))
		}
	}
	detail := status
	if mem.Background != "" {
		detail += " · " + clean(mem.Background)
	}
	rows = append(rows, sideRow{member: mem.ID, cols: []col{{text: detail, style: sst}}})
	if len(mem.Skills) > 0 {
		rows = append(rows, line("skills: "+clean(strings.Join(mem.Skills, ", ")), &m.styles.Dim))
	}
	fs := make([]string, len(s.Functions))
	for i, f := range s.Functions {
		fs[i] = clean(m.org.FunctionName(f))
	}
	switch {
	case len(fs) == 0:
		rows = append(rows, line("performs no function", &m.styles.Warning))
	case len(fs) > model.JumbleThreshold:
		rows = append(rows, line(fmt.Sprintf("%d functions — too many: %s", len(fs), strings.Join(fs, ", ")), &m.styles.Warning))
	default:
		rows = append(rows, line("function: "+strings.Join(fs, ", "), nil))
	}
	if len(s.Held) > 0 {
		rows = append(rows, sideRow{header: true}, m.header(fmt.Sprintf("Holds (%d)", len(s.Held))))
		for _, p := range s.Held {
			rows = append(rows, sideRow{post: p.ID, cols: []col{
				{text: clean(p.Title), w: 20},
				{text: clean(m.org.PathString(p.Unit())), style: &m.styles.Dim, tail: true},
			}})
		}
	}
	if len(s.Candidacies) > 0 {
		rows = append(rows, sideRow{header: true}, m.header(fmt.Sprintf("Ready to step in (%d)", len(s.Candidacies))))
		places := make([]string, len(s.Candidacies))
		for i, c := range s.Candidacies {
			places[i] = fmt.Sprintf("#%d", c.Position)
		}
		pw := figureWidth(4, places)
		for i, c := range s.Candidacies {
			rows = append(rows, sideRow{post: c.Post.ID, cols: []col{
				{text: places[i], w: pw},
				{text: clean(c.Post.Title), w: 16},
				{text: clean(m.org.PathString(c.Post.Unit())), style: &m.styles.Dim, tail: true},
			}})
		}
	}
	if len(s.Lines) > 0 {
		rows = append(rows, sideRow{header: true}, m.header(fmt.Sprintf("Carries the line (%d)", len(s.Lines))))
		for _, l := range s.Lines {
			rows = append(rows, sideRow{unit: l.From.ID, cols: []col{
				{text: fmt.Sprintf("carries the line of %s to %s", quoteName(l.From.Name), quoteName(l.To.Name))}}})
		}
	}
	rows = append(rows, sideRow{header: true},
		line(fmt.Sprintf("in %d unit%s; an arrest would expose %d member%s", len(s.Units), plural(len(s.Units)), s.Exposure, plural(s.Exposure)), &m.styles.Warning))
	if r, ok := m.reveals(mem.ID); !ok {
		rows = append(rows, line("their view (orgplan view) would give away … (counting)", &m.styles.Dim))
	} else if r.units > 0 {
		rows = append(rows, line(fmt.Sprintf("their view (orgplan view) would give away %d member%s and %d unit%s", r.members, plural(r.members), r.units, plural(r.units)), &m.styles.Dim))
	}
	return rows
}
