package tui

import (
	"charm.land/bubbles/v2/key"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/sahilm/fuzzy"

	"github.com/orgplan/orgplan/model"
)

// membersScreen is the full-screen member list (m): filter, add, edit, set
// status, delete. The member under its cursor shows on the right, as on
// the side panel's Member tab.
type membersScreen struct {
	filter    textinput.Model
	filtering bool
	shown     []*model.Member
	cursor    int
	offset    int
}

func (m *Model) openMembers() {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "filter by alias, name, background, skill"
	in.CharLimit = 100
	m.members = &membersScreen{filter: in}
	m.mode = modeMembers
	m.refilterMembers()
}

func (m *Model) refilterMembers() {
	ms := m.members
	q := strings.TrimSpace(ms.filter.Value())
	ms.shown = ms.shown[:0]
	if q == "" {
		ms.shown = append(ms.shown, m.org.Members...)
	} else {
		labels := make([]string, len(m.org.Members))
		for i, mem := range m.org.Members {
			labels[i] = mem.Alias + " " + mem.Background + " " + strings.Join(mem.Skills, " ") + " " + string(mem.Status)
			if m.showNames {
				labels[i] += " " + mem.Name
			}
		}
		for _, mt := range fuzzy.Find(q, labels) {
			ms.shown = append(ms.shown, m.org.Members[mt.Index])
		}
	}
	m.clampMembers()
}

func (m *Model) membersListHeight() int { return max(m.height-4, 1) }

func (m *Model) clampMembers() {
	ms := m.members
	ms.cursor = min(max(ms.cursor, 0), max(len(ms.shown)-1, 0))
	h := m.membersListHeight()
	if ms.cursor < ms.offset {
		ms.offset = ms.cursor
	}
	if ms.cursor >= ms.offset+h {
		ms.offset = ms.cursor - h + 1
	}
	ms.offset = max(min(ms.offset, len(ms.shown)-h), 0)
	if mem := m.memberAtCursor(); mem != nil {
		m.showMember(mem.ID)
	}
	m.ensure(tabMember)
}

func (m *Model) memberAtCursor() *model.Member {
	ms := m.members
	if ms == nil || ms.cursor >= len(ms.shown) {
		return nil
	}
	return ms.shown[ms.cursor]
}

func (m *Model) membersUpdate(msg tea.Msg) tea.Cmd {
	ms := m.members
	k, isKey := msg.(tea.KeyPressMsg)
	if ms.filtering {
		if isKey && (k.String() == "enter" || k.String() == "esc") {
			ms.filtering = false
			ms.filter.Blur()
			if k.String() == "esc" {
				ms.filter.SetValue("")
				m.refilterMembers()
			}
			return nil
		}
		before := ms.filter.Value()
		var cmd tea.Cmd
		ms.filter, cmd = ms.filter.Update(msg)
		if ms.filter.Value() != before {
			ms.cursor = 0
			m.refilterMembers()
		}
		return cmd
	}
	if !isKey {
		return nil
	}
	m.status, m.statErr = "", false
	g, mk := m.keys.Global, m.keys.Members
	switch {
	case matches(k, mk.Back):
		m.members, m.mode = nil, modeNormal
		if m.side.member != "" {
			m.showTab(tabMember)
		}
		return nil
	case k.String() == "ctrl+c":
		m.members, m.mode = nil, modeNormal
		return m.quit()
	case matches(k, mk.Up):
		ms.cursor--
	case matches(k, mk.Down):
		ms.cursor++
	case matches(k, mk.PageUp):
		ms.cursor -= m.membersListHeight()
	case matches(k, mk.PageDown):
		ms.cursor += m.membersListHeight()
	case matches(k, mk.Top):
		ms.cursor = 0
	case matches(k, mk.Bottom):
		ms.cursor = len(ms.shown) - 1
	case matches(k, mk.Filter):
		ms.filtering = true
		return ms.filter.Focus()
	case matches(k, mk.Names):
		m.showNames = !m.showNames
		m.side.stale[tabMember] = true
		m.side.stale[tabLabor] = true
		m.refilterMembers()
		m.setStatus(map[bool]string{true: "real names shown", false: "real names hidden"}[m.showNames])
	case matches(k, mk.Add):
		return m.memberForm(nil)
	case matches(k, mk.Edit):
		return m.memberForm(m.memberAtCursor())
	case matches(k, mk.Status):
		m.cycleStatus()
	case matches(k, mk.Delete):
		m.confirmDeleteMember()
	case matches(k, g.Undo):
		m.undo()
		m.refilterMembers()
	case matches(k, g.Redo):
		m.redo()
		m.refilterMembers()
	case matches(k, g.Save):
		return m.saveKey(false)
	case matches(k, g.Help):
		m.mode = modeHelp
		return nil
	}
	m.clampMembers()
	return nil
}

// cycleStatus moves the member to the next status: active, arrested,
// exiled, inactive, active.
func (m *Model) cycleStatus() {
	mem := m.memberAtCursor()
	if mem == nil {
		return
	}
	cur := mem.Status
	if cur == "" {
		cur = model.StatusActive
	}
	next := model.Statuses[0]
	for i, st := range model.Statuses {
		if st == cur {
			next = model.Statuses[(i+1)%len(model.Statuses)]
		}
	}
	op, err := m.org.SetStatus(mem.ID, next)
	if err == nil && m.apply(op, "") {
		m.setStatus(fmt.Sprintf("%s is now %s · s again cycles · u undoes", clean(mem.Label()), next))
	}
}

func (m *Model) confirmDeleteMember() {
	mem := m.memberAtCursor()
	if mem == nil {
		return
	}
	id := mem.ID
	held, cands := m.org.Held(id), m.org.Candidacies(id)
	text := "Delete " + quoteName(mem.Label()) + "?"
	if len(held)+len(cands) > 0 {
		var parts []string
		for _, p := range held {
			parts = append(parts, "holds "+clean(p.Title)+" in "+clean(p.Unit().Name))
		}
		for _, p := range cands {
			parts = append(parts, "candidate for "+clean(p.Title)+" in "+clean(p.Unit().Name))
		}
		if len(parts) > 6 {
			parts = append(parts[:6], fmt.Sprintf("and %d more", len(parts)-6))
		}
		text += "\n\n" + strings.Join(parts, "\n") + "\n\nThose posts fall vacant and the candidacies end."
	}
	m.push(yesNo(text), func(res dialogResult) tea.Cmd {
		if res.canceled {
			m.setStatus("kept")
			return nil
		}
		if m.apply(model.DeleteMember{ID: id}, "") {
			m.setStatus("deleted " + quoteName(mem.Label()) + " · u undoes")
			m.refilterMembers()
		}
		return nil
	})
}

// memberForm adds a member (mem nil) or edits one.
func (m *Model) memberForm(mem *model.Member) tea.Cmd {
	v := model.Member{}
	if mem != nil {
		v = *mem
	}
	status := string(v.Status)
	if status == "" {
		status = string(model.StatusActive)
	}
	skills := strings.Join(v.Skills, ", ")
	statuses := make([]huh.Option[string], len(model.Statuses))
	for i, s := range model.Statuses {
		statuses[i] = huh.NewOption(string(s), string(s))
	}
	alias, name, background := keepLine(v.Alias), keepLine(v.Name), keepLine(v.Background)
	keptSkills, notes := keepLine(skills), keepText(v.Notes)
	f := huh.NewForm(
		huh.NewGroup(
			huh.NewInput().Title("Alias").Description(alias.partly("")).CharLimit(maxText).Value(&v.Alias).Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New("an alias is needed")
				}
				return validText(s)
			}),
			huh.NewInput().Title("Real name").Description(name.partly("hidden by default; dropped by redacted exports")).
				CharLimit(maxText).Value(&v.Name).Validate(validText),
			huh.NewInput().Title("Background").Description(background.partly("")).CharLimit(maxText).Value(&v.Background).Validate(validText),
			huh.NewSelect[string]().Inline(true).Title("Status").Options(statuses...).Value(&status),
		),
		huh.NewGroup(
			huh.NewInput().Title("Skills (comma separated)").Description(keptSkills.partly("")).CharLimit(maxText).Value(&skills),
			huh.NewText().Title("Notes").Description(notes.partly("")).CharLimit(maxText).Lines(4).Value(&v.Notes).Validate(validText),
		),
	)
	origSkills := v.Skills
	title := "New member"
	if mem != nil {
		title = "Member " + quoteName(mem.Label())
	}
	return m.openForm(title, f, func() {
		// An edited line loses the spaces around it; an untouched field
		// keeps its text exactly.
		v.Alias, v.Name = alias.line(v.Alias), name.line(v.Name)
		v.Background, v.Notes = background.line(v.Background), notes.value(v.Notes)
		v.Status = model.Status(status)
		if v.Status == model.StatusActive && (mem == nil || mem.Status == "") {
			v.Status = "" // active is the default; keep files free of it
		}
		v.Skills = origSkills
		if skills != keptSkills.shown {
			v.Skills = nil
			for _, s := range strings.Split(skills, ",") {
				if s = strings.TrimSpace(s); s != "" {
					v.Skills = append(v.Skills, s)
				}
			}
		}
		var op model.Op
		if mem == nil {
			v.ID = m.org.NewID('m')
			op = model.AddMember{Index: -1, Member: v}
		} else {
			op = model.EditMember{Member: v}
		}
		if m.apply(op, "") {
			m.setStatus("saved " + quoteName(v.Alias) + " · u undoes")
			m.refilterMembers()
			if mem == nil {
				m.members.cursor = len(m.members.shown) - 1
				m.clampMembers()
			}
		}
	})
}

// membersView draws the list on the left and the member on the right.
func (m *Model) membersView() string {
	ms := m.members
	leftW := m.lay.leftW
	rightW := m.width - leftW
	h := m.membersListHeight()
	var list []string
	end := min(ms.offset+h, len(ms.shown))
	aliasW := max(leftW/3, 8)
	for i := ms.offset; i < end; i++ {
		mem := ms.shown[i]
		status := string(mem.Status)
		if status == "" {
			status = "active"
		}
		sst := &m.styles.OK
		if !mem.Active() {
			sst = &m.styles.Error
		}
		detail := clean(mem.Background)
		if m.showNames && mem.Name != "" {
			detail = clean(mem.Name) + " · " + detail
		}
		segs := []seg{
			{text: fit(clean(mem.Label()), aliasW-1) + " "},
			{fit(status, 9), sst},
			{text: detail},
		}
		list = append(list, drawRow(&m.styles, segs, leftW-2, i == ms.cursor, true))
	}
	if len(ms.shown) == 0 {
		list = append(list, m.styles.Dim.Render("No member matches."))
	}
	title := fmt.Sprintf("Members %d", len(m.org.Members))
	if q := ms.filter.Value(); q != "" {
		title = fmt.Sprintf("Members %d of %d", len(ms.shown), len(m.org.Members))
	}
	left := m.box(title, list, leftW, h+2, true)
	right := m.box("Member", m.tabView(tabMember, rightW-2), rightW, h+2, false)
	lines := []string{m.titleLine()}
	for i := range left {
		lines = append(lines, left[i]+right[i])
	}
	switch {
	case m.mode == modePrompt && m.prompt != nil:
		lines = append(lines, m.prompt.view(&m.styles, m.width))
	case ms.filtering || ms.filter.Value() != "":
		lines = append(lines, fit(" "+ms.filter.View(), m.width))
	case m.status != "":
		st := m.styles.Status
		if m.statErr {
			st = m.styles.StatusErr
		}
		lines = append(lines, fit(" "+st.Render(clean(m.status)), m.width))
	default:
		mk, g := m.keys.Members, m.keys.Global
		hints := m.keyHints([]key.Binding{mk.Filter, mk.Add, mk.Edit, mk.Status, mk.Delete, mk.Names, g.Undo, mk.Back},
			[]key.Binding{g.Help, g.Quit}, m.width-1)
		lines = append(lines, fit(" "+hints, m.width))
	}
	return strings.Join(lines, "\n")
}
