package tui

import (
	"fmt"
	"runtime"
	"slices"

	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

// whatIf is the simulation on tab 5: who is marked as taken, and what
// follows.
type whatIf struct {
	marked []string
	// sim is the simulation of marked (keyed by marksKey), worked out
	// within the key on a small plan and in a job on a big one.
	sim ready
	// risks is the ranking of weak points, shown when nothing is marked,
	// as of the plan's version risksAt.
	risks   []model.Risk
	risksAt uint64
	risksOK bool
	// On a big plan the ranking is made on a copy of the plan in a command
	// (running), with its progress; wantRisks asks Update to start one.
	running   bool
	wantRisks bool
	done      float64
}

// riskMsg carries what the ranking's command reports: progress, or the
// ranking of the plan at version.
type riskMsg struct {
	version uint64
	done    float64
	risks   []model.Risk
	final   bool
	ch      chan riskMsg
}

// startRisks ranks the weak points of the plan as it is now, on a copy
// made from a snapshot (which edits do not change; taken in the command,
// as a save's is), so that the editor answers keys meanwhile.
func (m *Model) startRisks() tea.Cmd {
	if m.whatif.running {
		return nil
	}
	m.whatif.running, m.whatif.done = true, 0
	v, snapshot := m.org.Version(), m.snapshotter()
	ch := make(chan riskMsg, 1)
	go func() {
		defer close(ch)
		snap, ok := snapshot()
		if !ok {
			ch <- riskMsg{version: v, final: true} // edited first: ranked again
			return
		}
		o, err := storage.FromSnapshot(snap)
		if err != nil {
			ch <- riskMsg{version: v, final: true}
			return
		}
		rs := model.RisksProgress(o, max(1, runtime.GOMAXPROCS(0)-1), func(done, total int) {
			select {
			case ch <- riskMsg{version: v, done: float64(done) / float64(max(total, 1))}:
			default: // the last report is still unread: skip this one
			}
		})
		ch <- riskMsg{version: v, risks: rs, final: true}
	}()
	return waitRisks(ch)
}

func waitRisks(ch chan riskMsg) tea.Cmd {
	return func() tea.Msg {
		msg, ok := <-ch
		if !ok {
			return nil
		}
		msg.ch = ch
		return msg
	}
}

// risksArrived takes a report of the ranking's command.
func (m *Model) risksArrived(msg riskMsg) tea.Cmd {
	if !msg.final {
		m.whatif.done = msg.done
		m.refreshTab(tabWhatIf)
		return waitRisks(msg.ch)
	}
	m.whatif.running = false
	if msg.version == m.org.Version() {
		m.whatif.risks, m.whatif.risksAt, m.whatif.risksOK = msg.risks, msg.version, true
	}
	m.refreshTab(tabWhatIf)
	return nil
}

// maxRiskRows is how many weak points the tab lists.
const maxRiskRows = 10

// syncRisks is the largest plan whose weak points are ranked within the
// keystroke (5 ms at 1,000 units); a larger one is ranked in a command,
// so that an edit with the tab on show never waits (33 ms at 5,000).
const syncRisks = 1000

// weakPoints is the ranking of risks, kept until the plan changes. On a
// plan past syncRisks units it is made in a command: until it arrives, ok is false and Update
// is asked to start it.
func (m *Model) weakPoints() ([]model.Risk, bool) {
	if m.whatif.risksOK && m.whatif.risksAt == m.org.Version() {
		return m.whatif.risks, true
	}
	if m.org.UnitCount() > syncRisks {
		m.whatif.wantRisks = true
		return nil, false
	}
	m.whatif.risks, m.whatif.risksAt, m.whatif.risksOK = model.Risks(m.org), m.org.Version(), true
	return m.whatif.risks, true
}

// marksKey names a set of marks, in the order they were made.
func marksKey(marked []string) string { return fmt.Sprintf("%q", marked) }

// simulation is the simulation of the marked members on the plan as it
// is: nil when none are marked, or while its job runs (pending).
func (m *Model) simulation() (w *model.WhatIf, pending bool) {
	if len(m.whatif.marked) == 0 {
		return nil, false
	}
	v, ok := m.readyFor(m.whatif.sim, marksKey(m.whatif.marked))
	if !ok {
		return nil, true
	}
	return v.(*model.WhatIf), false
}

// simulate works out the marks anew after they or the plan changed: at
// once on a small plan; on a big one a removal near the top reaches a
// quarter of the plan, so the job (needWhatIf) does it.
func (m *Model) simulate() {
	// Marks on members since deleted fall away.
	m.whatif.marked = slices.DeleteFunc(m.whatif.marked, func(id string) bool { return m.org.Member(id) == nil })
	if len(m.whatif.marked) > 0 && !m.big() {
		w := model.Simulate(m.org, m.whatif.marked)
		m.whatif.sim = m.keep(marksKey(m.whatif.marked), &w)
	}
	m.refreshTab(tabWhatIf)
}

func (m *Model) toggleMark(id string) {
	if i := slices.Index(m.whatif.marked, id); i >= 0 {
		m.whatif.marked = slices.Delete(m.whatif.marked, i, i+1)
	} else {
		m.whatif.marked = append(m.whatif.marked, id)
	}
	m.simulate()
}

// markUnit marks every holder of the selected unit: the arrest of a
// committee.
func (m *Model) markUnit() {
	u := m.tree.selected()
	if u == nil {
		return
	}
	for _, id := range model.UnitHolders(m.org, u.ID) {
		if !slices.Contains(m.whatif.marked, id) {
			m.whatif.marked = append(m.whatif.marked, id)
		}
	}
	m.simulate()
	m.setStatus("marked the holders of " + quoteName(u.Name) + " · enter applies · x clears")
}

func (m *Model) applyWhatIf() {
	w, pending := m.simulation()
	if pending {
		m.setStatus("still working out what follows: enter applies it once it shows")
		return
	}
	if w == nil {
		m.setStatus("nothing marked: space marks a member, U the whole unit")
		return
	}
	op := w.Apply(m.org)
	if m.apply(op, "") {
		m.whatif.marked = nil
		m.simulate()
		m.setStatus("applied: marked members are arrested and their successors in place · u undoes")
	}
}

// buildWhatIf makes tab 5: the summary pinned above, the report below.
func (m *Model) buildWhatIf() {
	m.side.pinned[tabWhatIf] = m.whatIfSummary()
	m.side.rows[tabWhatIf] = m.whatIfRows()
}

// whatIfSummary is the simulation's answer in two lines that stay in view
// however far the report is scrolled.
func (m *Model) whatIfSummary() []sideRow {
	w, pending := m.simulation()
	if pending {
		return []sideRow{{header: true, cols: []col{{text: fmt.Sprintf("Taken %d · … working out what follows", len(m.whatif.marked)), style: &m.styles.PaneTitle}}}, {header: true}}
	}
	if w == nil {
		return nil
	}
	// Each line's parts are packed to the panel's width, so that every
	// figure shows whole however narrow the panel is.
	lines := [][]string{
		{fmt.Sprintf("Taken %d", len(m.whatif.marked)), fmt.Sprintf("%d step in", len(w.Promotions)), fmt.Sprintf("%d left vacant", len(w.Vacated))},
		{fmt.Sprintf("%d with no one left", len(w.Leaderless)), fmt.Sprintf("%d cut off (%d lost)", len(w.CutOff), w.Damage().Lost)},
		// cover: of the posts the removed held, how many could be filled
		// at once by candidates ready now
		{fmt.Sprintf("Bench strength %.0f%% → %.0f%%", 100*w.BenchBefore.Ratio(), 100*w.BenchAfter.Ratio()), fmt.Sprintf("cover %d/%d", w.Cover.Filled, w.Cover.Held)},
	}
	if w.BenchBefore.Any != w.BenchBefore.Ready || w.BenchAfter.Any != w.BenchAfter.Ready {
		// The bench counted again with those ready later, as the reports do.
		lines = slices.Insert(lines, len(lines)-1, []string{fmt.Sprintf("with ready later %.0f%% → %.0f%%", 100*anyRatio(w.BenchBefore), 100*anyRatio(w.BenchAfter))})
	}
	var rows []sideRow
	for i, parts := range lines {
		st := &m.styles.PaneTitle
		if i == len(lines)-1 {
			st = &m.styles.Warning
		}
		for _, l := range pack(parts, " · ", m.lay.rightW-2) {
			rows = append(rows, sideRow{header: true, cols: []col{{text: l, style: st}}})
		}
	}
	return append(rows, sideRow{header: true})
}

func (m *Model) whatIfRows() []sideRow {
	var rows []sideRow
	check := func(id string) string {
		if slices.Contains(m.whatif.marked, id) {
			return "[x] "
		}
		return "[ ] "
	}
	if u := m.tree.selected(); u != nil {
		rows = append(rows, m.header("In "+quoteName(u.Name)+" (space marks, U marks all)"))
		seen := map[string]bool{}
		for _, p := range u.Posts {
			for _, id := range append([]string{p.Holder}, p.Candidates...) {
				if id == "" || seen[id] {
					continue
				}
				seen[id] = true
				role := clean(p.Title)
				if id != p.Holder {
					role = "ready for " + role
				}
				rows = append(rows, sideRow{whatifMember: id, cols: []col{
					{text: check(id) + clean(m.org.MemberLabel(id)), w: 20},
					{text: role, style: &m.styles.Dim},
				}})
			}
		}
	}
	if len(m.whatif.marked) > 0 {
		rows = append(rows, sideRow{header: true}, m.header(fmt.Sprintf("Taken (%d) · enter applies · x clears", len(m.whatif.marked))))
		for _, id := range m.whatif.marked {
			rows = append(rows, sideRow{whatifMember: id, cols: []col{{text: check(id) + clean(m.org.MemberLabel(id))}}})
		}
	}
	w, pending := m.simulation()
	if pending {
		return append(append(rows, sideRow{header: true}), m.working("working out who steps in")...)
	}
	if w == nil {
		return append(rows, m.weakPointRows()...)
	}
	rows = append(rows, sideRow{header: true}, m.header(fmt.Sprintf("Who steps in (%d)", len(w.Promotions))))
	for _, p := range w.Promotions {
		from := "vacant"
		if p.From != "" {
			from = clean(m.org.MemberLabel(p.From))
		}
		// Who, then where: the post's whole path takes the rest of the
		// width, cut from the left so that its end (the post) shows.
		rows = append(rows, sideRow{post: p.Post.ID, cols: []col{
			{text: from + " → " + clean(m.org.MemberLabel(p.To)), w: 26},
			{text: clean(m.org.PostPathString(p.Post)), style: &m.styles.Dim, tail: true},
		}})
	}
	if len(w.Skipped) > 0 {
		rows = append(rows, sideRow{header: true}, m.header(fmt.Sprintf("Not moved down (%d)", len(w.Skipped))))
		for _, s := range w.Skipped {
			rows = append(rows, sideRow{post: s.Holds.ID, cols: []col{
				{text: clean(m.org.MemberLabel(s.Member)) + " stays", w: 26},
				{text: clean(m.org.PostPathString(s.Holds)), style: &m.styles.Dim, tail: true},
			}})
		}
	}
	section := func(title string, n int) {
		rows = append(rows, sideRow{header: true}, m.header(fmt.Sprintf("%s (%d)", title, n)))
	}
	section("Left vacant", len(w.Vacated))
	for _, p := range w.Vacated {
		rows = append(rows, sideRow{post: p.ID, cols: []col{{text: vacantMark, style: &m.styles.Error, w: 2}, {text: clean(m.org.PostPathString(p)), tail: true}}})
	}
	section("No one left", len(w.Leaderless))
	for _, u := range w.Leaderless {
		rows = append(rows, sideRow{unit: u.ID, cols: []col{{text: clean(m.org.PathString(u)), tail: true, style: &m.styles.Error}}})
	}
	section("Cut off from the center", len(w.CutOff))
	for _, u := range w.CutOff {
		how := "lost"
		if w.Recoverable[u] {
			how = "recoverable" // its contacts are deposited: the center can re-form the line
		}
		rows = append(rows, sideRow{unit: u.ID, cols: []col{{text: how, style: &m.styles.Dim, w: 12},
			{text: clean(m.org.PathString(u)), tail: true, style: &m.styles.Warning}}})
	}
	return rows
}

// whatIfKey handles the keys of tab 5 when the side panel has the focus;
// it reports whether it used the key.
func (m *Model) whatIfKey(msg tea.KeyPressMsg) bool {
	t := tabWhatIf
	k := m.keys.Side
	switch {
	case matches(msg, k.Mark):
		rows := m.side.rows[t]
		if c := m.side.cursor[t]; c < len(rows) && rows[c].whatifMember != "" {
			m.toggleMark(rows[c].whatifMember)
		}
	case matches(msg, k.MarkUnit):
		m.markUnit()
	case matches(msg, k.Clear):
		m.whatif.marked = nil
		m.simulate()
		m.setStatus("marks cleared")
	case matches(msg, k.Jump):
		m.applyWhatIf()
	default:
		return false
	}
	return true
}

// weakPointRows lists, when nothing is marked, the members whose loss
// alone would do the most damage (Risks), with the parts.
func (m *Model) weakPointRows() []sideRow {
	rs, ok := m.weakPoints()
	if !ok {
		bar := progress.New(progress.WithWidth(24), progress.WithColors(newPalette(m.isDark).accent))
		return []sideRow{{header: true}, m.header("Weak points: ranking every member…"),
			{header: true, cols: []col{{text: bar.ViewAs(m.whatif.done)}}}}
	}
	rows := []sideRow{{header: true}, m.header(fmt.Sprintf("Weak points: damage if taken alone (%d)", len(rs)))}
	shown := rs[:min(len(rs), maxRiskRows)]
	// The totals right-aligned to the widest, which is first.
	digits := 3
	if len(shown) > 0 {
		digits = max(digits, len(fmt.Sprint(shown[0].Damage.Total())))
	}
	totals := make([]string, len(shown))
	for i, r := range shown {
		totals[i] = fmt.Sprintf("%*d", digits, r.Damage.Total())
	}
	tw := figureWidth(5, totals)
	for i, r := range shown {
		d := r.Damage
		rows = append(rows, sideRow{whatifMember: r.Member, member: r.Member, cols: []col{
			{text: totals[i], style: &m.styles.Warning, w: tw},
			{text: clean(m.org.MemberLabel(r.Member)), w: 20},
			{text: fmt.Sprintf("%d vacant · %d with no one · %d cut off, %d lost", d.Vacated, d.Leaderless, d.CutOff, d.Lost), style: &m.styles.Dim},
		}})
	}
	if len(rs) > len(shown) {
		rows = append(rows, sideRow{header: true, cols: []col{{text: fmt.Sprintf("and %d more: orgplan risk lists them all", len(rs)-len(shown)), style: &m.styles.Dim}}})
	}
	return rows
}

// pack joins parts with sep into lines no wider than width, as many parts
// to a line as fit.
func pack(parts []string, sep string, width int) []string {
	var lines []string
	for _, p := range parts {
		if n := len(lines); n > 0 && ansiWidth(lines[n-1])+ansiWidth(sep)+ansiWidth(p) <= width {
			lines[n-1] += sep + p
			continue
		}
		lines = append(lines, p)
	}
	return lines
}

// anyRatio is the bench counting candidates ready later too.
func anyRatio(b model.Bench) float64 {
	if b.Posts == 0 {
		return 0
	}
	return float64(b.Any) / float64(b.Posts)
}
