package tui

import (
	"errors"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/orgplan/orgplan/model"
)

// postsKey handles keys when the posts pane has the focus.
func (m *Model) postsKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys.Posts
	u := m.tree.selected()
	n := 0
	if u != nil {
		n = len(u.Posts)
	}
	p := m.posts.selected(u)
	switch {
	case matches(msg, k.Up):
		m.posts.cursor--
		m.posts.cand = -1
	case matches(msg, k.Down):
		m.posts.cursor++
		m.posts.cand = -1
	case matches(msg, k.PickCandidate) && p != nil:
		if msg.String() == "left" {
			m.posts.cand = max(m.posts.cand-1, -1)
		} else {
			m.posts.cand = min(m.posts.cand+1, len(p.Candidates)-1)
		}
	case matches(msg, k.Add):
		return m.postForm(u, nil)
	case matches(msg, k.Edit):
		return m.postForm(u, p)
	case matches(msg, k.Holder):
		return m.pickHolder(p)
	case matches(msg, k.Candidate):
		return m.pickCandidate(p)
	case matches(msg, k.RemoveCandidate):
		m.removeCandidate(p)
	case matches(msg, k.Delete):
		if p == nil {
			m.setStatus("no post to delete")
		} else if m.apply(model.DeletePost{ID: p.ID}, "") {
			m.setStatus("deleted post " + quoteName(p.Title) + " · u undoes")
		}
	case matches(msg, k.Readiness):
		m.toggleReadiness(p)
	case matches(msg, k.MoveUp):
		m.moveCandidate(p, -1)
	case matches(msg, k.MoveDown):
		m.moveCandidate(p, 1)
	default:
		return nil
	}
	if u != nil {
		n = len(u.Posts)
	}
	m.posts.clamp(n)
	return nil
}

// candidate is the candidate picked with ← →, or "".
func (m *Model) candidate(p *model.Post) string {
	if p == nil || m.posts.cand < 0 || m.posts.cand >= len(p.Candidates) {
		return ""
	}
	return p.Candidates[m.posts.cand]
}

func (m *Model) removeCandidate(p *model.Post) {
	switch {
	case p == nil:
		m.setStatus("no post selected")
		return
	case len(p.Candidates) == 0:
		m.setStatus("this post has no candidates")
		return
	}
	c := m.candidate(p)
	if c == "" {
		if len(p.Candidates) > 1 {
			m.setStatus("← → pick the candidate to remove, then x")
			return
		}
		c = p.Candidates[0]
	}
	op, err := m.org.RemoveCandidate(p.ID, c)
	if err != nil {
		m.setError(err.Error())
		return
	}
	if m.apply(op, "") {
		m.posts.cand = min(m.posts.cand, len(p.Candidates)-1)
		m.setStatus(clean(op.Label()) + " · u undoes")
	}
}

// toggleReadiness marks the picked candidate ready later, or now again.
func (m *Model) toggleReadiness(p *model.Post) {
	c := m.candidate(p)
	if c == "" {
		m.setStatus("← → pick a candidate first, then L marks them ready later or now")
		return
	}
	op, err := m.org.SetReadiness(p.ID, c, !p.Later(c))
	if err != nil {
		m.setError(err.Error())
		return
	}
	if m.apply(op, "") {
		m.setStatus(clean(op.Label()) + " · u undoes")
	}
}

func (m *Model) moveCandidate(p *model.Post, d int) {
	c := m.candidate(p)
	if c == "" {
		m.setStatus("← → pick a candidate first, then K or J moves it")
		return
	}
	op, err := m.org.MoveCandidate(p.ID, c, d)
	if err != nil {
		m.setStatus(err.Error())
		return
	}
	if m.apply(op, "") {
		m.posts.cand += d
		m.setStatus("moved " + quoteName(m.org.MemberLabel(c)) + " " + map[bool]string{true: "earlier", false: "later"}[d < 0] +
			" in line for " + quoteName(p.Title) + " · u undoes")
	}
}

// memberItems lists the members for a picker.
func (m *Model) memberItems() []pickItem {
	items := make([]pickItem, len(m.org.Members))
	for i, mem := range m.org.Members {
		var notes []string
		if !mem.Active() {
			notes = append(notes, string(mem.Status))
		}
		if m.showNames && mem.Name != "" {
			notes = append(notes, clean(mem.Name))
		}
		if n := len(m.org.Held(mem.ID)); n > 0 {
			notes = append(notes, "holds "+strconv.Itoa(n))
		}
		items[i] = pickItem{id: mem.ID, label: clean(mem.Label()), note: strings.Join(notes, " · ")}
	}
	return items
}

// openPicker opens a picker; its onChoose runs on the item chosen.
func (m *Model) openPicker(p *picker) tea.Cmd {
	m.push(p, func(res dialogResult) tea.Cmd {
		if res.canceled {
			return nil
		}
		return p.onChoose(p.chosen)
	})
	return textinputBlink()
}

// pickHolder chooses who holds the post, or a new member, or nobody.
func (m *Model) pickHolder(p *model.Post) tea.Cmd {
	if p == nil {
		m.setStatus("no post selected: a adds one")
		return nil
	}
	special := []pickItem{{id: pickNewMember, label: "new member…"}}
	if p.Holder != "" {
		special = append(special, pickItem{id: pickNobody, label: "nobody: leave the post vacant"})
	}
	postID := p.ID
	return m.openPicker(newPicker("Holder of "+quoteName(p.Title), special, m.memberItems(), pickerRows(m.height), func(it pickItem) tea.Cmd {
		switch it.id {
		case pickNewMember:
			return m.newMemberThen(func(id string, post *model.Post) model.Op {
				return model.SetPeople{Post: post.ID, Holder: id, Candidates: post.Candidates, ReadyLater: post.ReadyLater}
			}, postID)
		case pickNobody:
			it.id = ""
		}
		op, err := m.org.SetHolder(postID, it.id)
		if err != nil {
			m.setError(err.Error())
			return nil
		}
		if m.apply(op, "") {
			m.setStatus(clean(op.Label()) + " · u undoes")
		}
		return nil
	}))
}

// pickCandidate adds someone to the post's succession list.
func (m *Model) pickCandidate(p *model.Post) tea.Cmd {
	if p == nil {
		m.setStatus("no post selected: a adds one")
		return nil
	}
	postID := p.ID
	special := []pickItem{{id: pickNewMember, label: "new member…"}}
	// The holder and those already in line cannot be added again.
	var items []pickItem
	for _, it := range m.memberItems() {
		if it.id != p.Holder && !containsStr(p.Candidates, it.id) {
			items = append(items, it)
		}
	}
	return m.openPicker(newPicker("Candidate for "+quoteName(p.Title), special, items, pickerRows(m.height), func(it pickItem) tea.Cmd {
		if it.id == pickNewMember {
			return m.newMemberThen(func(id string, post *model.Post) model.Op {
				return model.SetPeople{Post: post.ID, Holder: post.Holder, Candidates: append(append([]string(nil), post.Candidates...), id), ReadyLater: post.ReadyLater}
			}, postID)
		}
		op, err := m.org.AddCandidate(postID, it.id, -1)
		if err != nil {
			m.setError(err.Error())
			return nil
		}
		if m.apply(op, "") {
			m.setStatus(clean(op.Label()) + " · u undoes")
		}
		return nil
	}))
}

// newMemberThen asks for an alias, adds the member and puts them on the
// post, as one undoable change.
func (m *Model) newMemberThen(place func(id string, p *model.Post) model.Op, postID string) tea.Cmd {
	m.openPrompt("Alias of the new member:", "", func(alias string) tea.Cmd {
		p := m.org.Post(postID)
		if alias == "" || p == nil {
			m.setStatus("no alias given; nobody added")
			return nil
		}
		id := m.org.NewID('m')
		op := model.Batch{Name: "add member " + alias, Ops: []model.Op{
			model.AddMember{Index: -1, Member: model.Member{ID: id, Alias: alias}},
			place(id, p),
		}}
		if m.apply(op, "") {
			m.setStatus("added " + quoteName(alias) + " · m edits members · u undoes")
		}
		return nil
	})
	return textinputBlink()
}

// postForm adds a post (p nil) after the cursor, or edits p.
func (m *Model) postForm(u *model.Unit, p *model.Post) tea.Cmd {
	if u == nil {
		m.setStatus("no unit selected: add a unit first")
		return nil
	}
	title, fn, notes := "", "", ""
	if p != nil {
		title, fn, notes = p.Title, p.Function, p.Notes
	}
	opts := []huh.Option[string]{huh.NewOption("(no function)", "")}
	for _, f := range m.org.Functions {
		opts = append(opts, huh.NewOption(clean(f.Name), f.ID))
	}
	keptTitle, keptNotes := keepLine(title), keepText(notes)
	f := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Title").Description(keptTitle.partly("")).CharLimit(maxText).Value(&title).Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errors.New("a post needs a title")
			}
			return validText(s)
		}),
		huh.NewSelect[string]().Inline(true).Title("Function").Options(opts...).Value(&fn),
		huh.NewText().Title("Notes").Description(keptNotes.partly("")).CharLimit(maxText).Lines(3).Value(&notes).Validate(validText),
	))
	// An edited title loses the spaces around it; an untouched field
	// keeps its text exactly.
	finalTitle := func() string { return keptTitle.line(title) }
	unitID := u.ID
	if p == nil {
		index := m.posts.cursor + 1
		if len(u.Posts) == 0 {
			index = 0
		}
		return m.openForm("New post in "+quoteName(u.Name), f, func() {
			id := m.org.NewID('p')
			op := model.AddPost{Unit: unitID, Index: index, Post: model.Post{ID: id, Title: finalTitle(), Function: fn, Notes: keptNotes.value(notes)}}
			if m.apply(op, unitID) {
				m.posts.cursor = index
				m.setStatus("added post " + quoteName(title) + " · h chooses its holder · c adds a candidate")
			}
		})
	}
	postID := p.ID
	return m.openForm("Post "+quoteName(p.Title), f, func() {
		if m.apply(model.EditPost{ID: postID, Title: finalTitle(), Function: fn, Notes: keptNotes.value(notes)}, unitID) {
			m.setStatus("post saved · u undoes")
		}
	})
}
