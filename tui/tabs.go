package tui

// The side panel's tabs, in key order (1–7). A tab is a tabSpec: its
// names, what it says when it has no rows, and how its rows are built.
// Keys, mouse clicks and jumps all put a tab on show through showTab,
// which builds it when the plan changed since: no way of switching can
// show a tab that was not built. Adding a tab is its build function, in a
// file of its own, and one line here.
const (
	tabLabor = iota
	tabVacancies
	tabMember
	tabChecks
	tabWhatIf
	tabCoverage
	tabConflicts
	tabCount
)

// tabSpec describes one tab.
type tabSpec struct {
	name  string       // in the panel's border and the help
	short string       // when the full names do not fit
	empty string       // shown when the tab has no rows
	build func(*Model) // makes the rows; runs in Update, never in View
	// shown says whether the tab is in the border; nil is always. Its
	// key shows it all the same.
	shown func(*Model) bool
}

var sideTabs = [tabCount]tabSpec{
	tabLabor: {"Labor", "Labor", "No functions in the plan yet.",
		func(m *Model) {
			if m.big() && !m.derived.LaborReady() {
				m.side.rows[tabLabor] = m.working("counting the division of labor")
				return
			}
			m.side.rows[tabLabor] = m.laborRowsOf(m.laborState().Summary(m.org, maxNames, maxListRows))
		}, nil},
	tabVacancies: {"Vacancies", "Vacant", "Every post has a holder and an active candidate.", (*Model).showVacancies, nil},
	tabMember: {"Member", "Member", "Select a post with a holder, or a member in m.",
		func(m *Model) { m.side.rows[tabMember] = m.memberRows() }, nil},
	tabChecks: {"Checks", "Checks", "No findings.", (*Model).showChecks, nil},
	tabWhatIf: {"What-if", "What-if", "Select a unit: its people show here, to mark as taken.", (*Model).buildWhatIf, nil},
	tabCoverage: {"Coverage", "Cover", "No unit records a headcount: e on a unit sets one.", (*Model).showCoverage,
		func(m *Model) bool { return m.side.hasHeadcount || m.side.tab == tabCoverage }},
	tabConflicts: {"Conflicts", "Merge", "No merge conflicts: every one is decided.", (*Model).showConflicts,
		func(m *Model) bool { return len(m.org.Conflicts) > 0 || m.side.tab == tabConflicts }},
}

// tabShown says whether tab t is drawn in the border.
func (m *Model) tabShown(t int) bool { return sideTabs[t].shown == nil || sideTabs[t].shown(m) }

// One symbol per meaning, wherever it is drawn; the help lists them.
const (
	vacantMark      = "!" // a post with no holder
	noCandidateMark = "?" // a post with no active candidate
	inactiveMark    = "†" // a member arrested, exiled or inactive
	jumbleMark      = "+" // a member with more functions than one can carry
	requiredMark    = "*" // a post for a function the unit's kind requires
	laterMark       = "~" // a candidate ready later, not now
)

// showTab puts tab t on show, built.
func (m *Model) showTab(t int) {
	if t < 0 || t >= tabCount {
		return
	}
	m.side.tab = t
	m.ensureTab()
}
