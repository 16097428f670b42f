package tui

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

func TestNavigationKeys(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	if selectedName(m) != "Central Organ (abroad)" {
		t.Fatalf("starts on %q", selectedName(m))
	}
	press(m, "j")
	press(m, "down")
	if selectedName(m) != "St. Petersburg Committee" {
		t.Fatalf("j, down: on %q", selectedName(m))
	}
	press(m, "k")
	if selectedName(m) != "Central Committee" {
		t.Fatalf("k: on %q", selectedName(m))
	}
	press(m, "up")
	if selectedName(m) != "Central Organ (abroad)" {
		t.Fatalf("up: on %q", selectedName(m))
	}
	press(m, "G")
	last := m.tree.at(m.tree.len() - 1).Name
	if selectedName(m) != last {
		t.Fatalf("G: on %q, want %q", selectedName(m), last)
	}
	press(m, "g")
	if m.tree.cursor != 0 {
		t.Fatal("g did not go to the top")
	}
	press(m, "end")
	press(m, "home")
	if m.tree.cursor != 0 {
		t.Fatal("home did not go to the top")
	}
	press(m, "pgdown")
	if m.tree.cursor != m.tree.height-1 {
		t.Fatalf("pgdn: cursor %d, page %d", m.tree.cursor, m.tree.height)
	}
	press(m, "pgup")
	if m.tree.cursor != 0 {
		t.Fatal("pgup did not go back")
	}
}

func TestCollapseExpandAndParentChild(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	spc := selectUnit(t, m, "St. Petersburg Committee")
	rows := m.tree.len()
	press(m, "left") // collapse
	if m.tree.len() != rows-countVisibleBelow(m, spc) || m.tree.expanded[spc.ID] {
		t.Fatalf("left did not collapse: %d rows", m.tree.len())
	}
	press(m, "right") // expand
	if m.tree.len() != rows {
		t.Fatalf("right did not expand back: %d rows, want %d", m.tree.len(), rows)
	}
	press(m, "l") // first child
	if selectedName(m) != "Executive group" {
		t.Fatalf("l: on %q", selectedName(m))
	}
	press(m, "h") // leaf: to parent
	if selectedName(m) != "St. Petersburg Committee" {
		t.Fatalf("h: on %q", selectedName(m))
	}
	press(m, "space")
	if m.tree.expanded[spc.ID] {
		t.Fatal("space did not collapse")
	}
	press(m, "space")
	if !m.tree.expanded[spc.ID] {
		t.Fatal("space did not expand")
	}
	press(m, "-")
	if m.tree.len() != len(m.org.Units) {
		t.Fatalf("- left %d rows, want the %d top-level units", m.tree.len(), len(m.org.Units))
	}
	press(m, "*")
	// - left the cursor on the committee; * opens every branch under it,
	// and the two other top-level units have none: every unit shows.
	if m.tree.len() != m.org.UnitCount() {
		t.Fatalf("* shows %d rows of %d", m.tree.len(), m.org.UnitCount())
	}
}

// unfoldedRows lays out the rows unfolded into view the plain way: every unit
// of us, each followed by its sub-units when it is expanded.
func unfoldedRows(us []*model.Unit, expanded map[string]bool) []*model.Unit {
	var rows []*model.Unit
	for _, u := range us {
		rows = append(rows, u)
		if expanded[u.ID] {
			rows = append(rows, unfoldedRows(u.Units, expanded)...)
		}
	}
	return rows
}

// countVisibleBelow counts the rows under u that expansion shows.
func countVisibleBelow(m *Model, u *model.Unit) int {
	return len(unfoldedRows(u.Units, m.tree.expanded))
}

// The tree keeps no row list; what it shows row by row must be the plain
// layout, through folds, unfolds, moves and edits.
func TestTreeRowsMatchThePlainLayout(t *testing.T) {
	t.Parallel()
	m := newModel(t, 100, 30)
	r := rand.New(rand.NewPCG(4, 2))
	keys := []string{"space", "left", "right", "l", "h", "j", "k", "J", "G", "g", "*", "-", "pgdown", "u", "ctrl+r"}
	for step := 0; step < 400; step++ {
		switch r.IntN(6) {
		case 0:
			if u := m.tree.selected(); u != nil {
				m.apply(model.AddUnit{Parent: u.ID, Index: -1, Unit: &model.Unit{ID: m.org.NewID('u'), Name: "new"}}, "")
			}
		case 1:
			if u := m.tree.selected(); u != nil && len(u.Units) == 0 && u.Parent() != nil {
				press(m, "d")
			}
		default:
			press(m, keys[r.IntN(len(keys))])
		}
		want := unfoldedRows(m.org.Units, m.tree.expanded)
		if m.tree.len() != len(want) {
			t.Fatalf("step %d: %d rows, want %d", step, m.tree.len(), len(want))
		}
		u := m.tree.at(0)
		for i, w := range want {
			if got := m.tree.at(i); got != w || u != w {
				t.Fatalf("step %d: row %d is %v (walking: %v), want %s", step, i, got, u, w.Name)
			}
			if j := m.tree.indexOf(w.ID); j != i {
				t.Fatalf("step %d: %s found at %d, want %d", step, w.Name, j, i)
			}
			u = m.tree.after(u)
		}
		if u != nil || m.tree.selected() != want[m.tree.cursor] {
			t.Fatalf("step %d: the cursor's unit is off", step)
		}
		sameUncached(t, m, step)
	}
}

func TestAddChildAndSiblingWithThePrompt(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	exec := selectUnit(t, m, "Executive group")
	n := m.org.UnitCount()
	press(m, "a")
	if m.mode != modePrompt {
		t.Fatal("a did not open the prompt")
	}
	typeText(m, "Printing group")
	press(m, "enter")
	if m.org.UnitCount() != n+1 {
		t.Fatal("no unit added")
	}
	added := m.tree.selected()
	if added.Name != "Printing group" || added.Parent() != exec {
		t.Fatalf("added %q under %v", added.Name, added.Parent())
	}
	press(m, "o")
	typeText(m, "Cipher group")
	press(m, "enter")
	sib := m.tree.selected()
	if sib.Name != "Cipher group" || sib.Parent() != exec || m.org.IndexOf(sib) != m.org.IndexOf(added)+1 {
		t.Fatal("o did not add a sibling just below")
	}
	// Esc adds nothing.
	press(m, "a")
	typeText(m, "Never mind")
	press(m, "esc")
	if m.org.UnitCount() != n+2 || m.mode != modeNormal {
		t.Fatal("esc added a unit or left the prompt open")
	}
	// An empty name adds nothing.
	press(m, "a", "enter")
	if m.org.UnitCount() != n+2 {
		t.Fatal("an empty name added a unit")
	}
}

func TestRenameUndoRedo(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	u := selectUnit(t, m, "Army group")
	press(m, "r")
	for range len("Army group") {
		press(m, "backspace")
	}
	typeText(m, "Garrison group")
	press(m, "enter")
	if u.Name != "Garrison group" {
		t.Fatalf("renamed to %q", u.Name)
	}
	if !m.modified() || !strings.Contains(screen(m), "modified") {
		t.Fatal("no modified mark")
	}
	press(m, "u")
	if u.Name != "Army group" || !strings.Contains(m.status, "undid: rename «Army group» to «Garrison group»") {
		t.Fatalf("undo: %q, status %q", u.Name, m.status)
	}
	if m.modified() {
		t.Fatal("back at the opened state but modified")
	}
	press(m, "ctrl+r")
	if u.Name != "Garrison group" {
		t.Fatal("redo did not rename again")
	}
}

func TestDeletePasteMoveIndentOutdent(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	before := m.org.UnitCount()
	putilov := selectUnit(t, m, "Putilov works subcommittee")
	subs := len(putilov.Units)
	press(m, "d")
	if !isOpen[*choice](m) || !strings.Contains(screen(m), "with 2 sub-units and") {
		t.Fatalf("no question before deleting a unit with sub-units:\n%s", screen(m))
	}
	press(m, "y")
	if m.org.UnitCount() != before-1-subs || m.clip == nil {
		t.Fatal("d did not cut the unit with its sub-units")
	}
	if !strings.Contains(m.status, "and 2 sub-units") {
		t.Fatalf("status %q", m.status)
	}
	selectUnit(t, m, "Narva district group")
	press(m, "p")
	pasted := m.org.Unit(putilov.ID)
	if pasted == nil || pasted.Parent().Name != "Narva district group" || len(pasted.Units) != subs {
		t.Fatal("p did not paste the cut unit under the selection")
	}
	units := m.org.UnitCount()
	press(m, "p")
	if !strings.Contains(screen(m), "is pasted already. Paste a copy") {
		t.Fatalf("the second p does not ask:\n%s", screen(m))
	}
	press(m, "n")
	if m.org.UnitCount() != units {
		t.Fatal("no, and a copy was pasted all the same")
	}
	press(m, "p", "y")
	if !strings.Contains(m.status, "pasted a copy of «Putilov works subcommittee»: new ids, its posts vacant") || m.org.UnitCount() != units+1+subs {
		t.Fatalf("the second p says %q", m.status)
	}
	m.org.Walk(func(u *model.Unit) bool {
		if u.Name == "Putilov works subcommittee" && u.ID != putilov.ID {
			for _, p := range u.Posts {
				if p.Holder != "" || len(p.Candidates) > 0 {
					t.Fatalf("the copy's post %s has people", p.Title)
				}
			}
		}
		return true
	})
	press(m, "u")
	if !strings.Contains(m.status, "undid: add unit «Putilov works subcommittee»") {
		t.Fatalf("undo says %q", m.status)
	}
	// K and J move among siblings.
	army := selectUnit(t, m, "Army group")
	i := m.org.IndexOf(army)
	press(m, "K")
	if m.org.IndexOf(army) != i-1 || m.status != "moved «Army group» up · u undoes" {
		t.Fatalf("K did not move up, or did not say so: %q", m.status)
	}
	press(m, "J")
	if m.org.IndexOf(army) != i {
		t.Fatal("J did not move down")
	}
	// > indents under the sibling above; < outdents back after it.
	above := m.org.Siblings(army)[i-1]
	press(m, ">")
	if army.Parent() != above {
		t.Fatalf("> put it under %v", army.Parent().Name)
	}
	press(m, "<")
	if army.Parent() != above.Parent() || m.org.IndexOf(army) != i {
		t.Fatal("< did not outdent back")
	}
	// Everything undoes back to the start.
	for m.hist.CanUndo() {
		press(m, "u")
	}
	if m.org.UnitCount() != before || m.org.Unit(putilov.ID).Parent().Name != "St. Petersburg Committee" {
		t.Fatal("undo did not restore the plan")
	}
}

func TestSearchNextPrevious(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	searchFor(m, "district")
	// The seven district groups, and the Vasilievsky group's "District
	// propagandist" post among them.
	districts := 0
	for id := range m.search.units {
		if strings.HasSuffix(m.org.Unit(id).Name, "district group") {
			districts++
		}
	}
	if districts != 7 || len(m.search.units) != 8 {
		t.Fatalf("%d district groups among %d units matched, want 7 of 8", districts, len(m.search.units))
	}
	first := selectedName(m)
	if !m.search.units[m.tree.selected().ID] {
		t.Fatalf("search landed on %q, not a match", first)
	}
	press(m, "n")
	second := selectedName(m)
	press(m, "N")
	if second == first || selectedName(m) != first {
		t.Fatal("n and N do not move between matches")
	}
	// Members match through the posts they hold: Nikitich holds four.
	press(m, "/")
	for range len("district") {
		press(m, "backspace")
	}
	typeText(m, "nikitich")
	press(m, "enter")
	if len(m.search.matches) < 4 || m.tree.selected().Posts[m.posts.cursor].Holder != "m4" && !contains(m.tree.selected().Posts[m.posts.cursor].Candidates, "m4") {
		t.Fatalf("%d matches; post under cursor not Nikitich's", len(m.search.matches))
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestFocusTabsAndHelp(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	press(m, "tab")
	if m.focus != focusPosts {
		t.Fatal("tab did not focus the posts")
	}
	press(m, "tab")
	if m.focus != focusSide {
		t.Fatal("tab did not focus the side panel")
	}
	press(m, "shift+tab", "shift+tab")
	if m.focus != focusTree {
		t.Fatal("shift+tab did not go back")
	}
	for i := 5; i >= 1; i-- {
		press(m, string(rune('0'+i)))
		if m.side.tab != i-1 {
			t.Fatalf("%d chose tab %d", i, m.side.tab)
		}
	}
	press(m, "?")
	if m.mode != modeHelp || !strings.Contains(screen(m), "orgplan keys") {
		t.Fatal("? did not show help")
	}
	// Typing filters: only the keys that match show; esc closes.
	typeText(m, "paste")
	if s := screen(m); !strings.Contains(s, "paste as sub-unit") || strings.Contains(s, "add sub-unit") {
		t.Fatalf("typing does not filter the help:\n%s", s)
	}
	press(m, "backspace", "backspace", "backspace", "backspace", "backspace")
	if !strings.Contains(screen(m), "add sub-unit") {
		t.Fatal("backspace does not widen the filter")
	}
	press(m, "esc")
	if m.mode != modeNormal {
		t.Fatal("esc did not close help")
	}
}

func TestQuitAsksOnlyWhenModified(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	if !isQuit(press(m, "q")) {
		t.Fatal("q with nothing changed did not quit")
	}
	m = newModel(t, 80, 24)
	press(m, "r")
	typeText(m, "!")
	press(m, "enter")
	if cmd := press(m, "q"); isQuit(cmd) || !isOpen[*choice](m) {
		t.Fatal("q with changes did not ask")
	}
	press(m, "esc")
	if m.mode != modeNormal {
		t.Fatal("esc did not cancel the quit")
	}
	if cmd := press(m, "ctrl+c"); isQuit(cmd) || !isOpen[*choice](m) {
		t.Fatal("ctrl+c with changes did not ask")
	}
	if !isQuit(press(m, "d")) {
		t.Fatal("d did not discard and quit")
	}
}

func TestSaveWritesTheFileAndClearsModified(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "plan.json")
	m := New(Options{Org: exampleOrg(t, "tenant-association"), Path: path, New: true})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	// A file that does not exist yet is not "modified" until something
	// changes: quitting loses nothing.
	if m.modified() || isQuit(press(m, "q")) == false {
		t.Fatal("a new plan with no change counts as modified")
	}
	m = New(Options{Org: exampleOrg(t, "tenant-association"), Path: path, New: true})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(m, "a")
	typeText(m, "Laundry room committee")
	press(m, "enter")
	run(m, press(m, "ctrl+s"))
	if m.modified() || !strings.Contains(m.status, "saved plan.json") {
		t.Fatalf("after save: modified %v, status %q", m.modified(), m.status)
	}
	back, err := storage.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	back.Walk(func(u *model.Unit) bool { found = found || u.Name == "Laundry room committee"; return true })
	if !found {
		t.Fatal("the saved file lacks the new unit")
	}
	// Save and quit from the quit prompt.
	press(m, "r")
	typeText(m, "!")
	press(m, "enter")
	press(m, "q")
	cmd := press(m, "s")
	if cmd == nil {
		t.Fatal("s in the quit prompt did not save")
	}
	msg := cmd()
	_, quit := m.Update(msg)
	if !isQuit(quit) {
		t.Fatal("save and quit did not quit after saving")
	}
}

func TestSaveAsForAnExample(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	m := newModel(t, 80, 24)
	press(m, "ctrl+s")
	if m.mode != modePrompt {
		t.Fatal("saving an example did not ask for a file name")
	}
	for range 40 {
		press(m, "backspace")
	}
	path := filepath.Join(dir, "mine.json")
	typeText(m, path)
	run(m, press(m, "enter"))
	if m.path != path {
		t.Fatalf("path %q", m.path)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	// Save as never overwrites another file.
	m2 := newModel(t, 80, 24)
	press(m2, "ctrl+s")
	for range 40 {
		press(m2, "backspace")
	}
	typeText(m2, path)
	run(m2, press(m2, "enter"))
	if m2.path != "" || !m2.statErr {
		t.Fatal("save as overwrote an existing file")
	}
}

func TestMouseClickAndWheel(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	// Row 3 of the tree pane is the third unit: screen y = 1 (title) + 1 (border) + 2.
	m.Update(tea.MouseClickMsg{X: 5, Y: 4, Button: tea.MouseLeft})
	if m.tree.cursor != 2 {
		t.Fatalf("click chose row %d", m.tree.cursor)
	}
	// A second click on the cursor row folds it.
	m.Update(tea.MouseClickMsg{X: 5, Y: 4, Button: tea.MouseLeft})
	if m.tree.expanded[m.tree.selected().ID] {
		t.Fatal("second click did not fold")
	}
	m.Update(tea.MouseClickMsg{X: 5, Y: 4, Button: tea.MouseLeft})
	m.Update(tea.MouseWheelMsg{X: 5, Y: 6, Button: tea.MouseWheelDown})
	if m.tree.cursor != 5 {
		t.Fatalf("wheel moved to %d", m.tree.cursor)
	}
	// A click on a tab in the side panel's border switches to it.
	second := m.tabLayout(m.lay.rightW - 5)[1]
	m.Update(tea.MouseClickMsg{X: m.lay.leftW + 3 + second.x, Y: 1, Button: tea.MouseLeft})
	if m.side.tab != 1 || m.focus != focusSide {
		t.Fatalf("tab click: tab %d focus %d", m.side.tab, m.focus)
	}
	// A click in the posts pane focuses it and selects the post.
	m.Update(tea.MouseClickMsg{X: 3, Y: 2 + m.lay.treeH + 1, Button: tea.MouseLeft})
	if m.focus != focusPosts || m.posts.cursor != 1 {
		t.Fatalf("posts click: focus %d cursor %d", m.focus, m.posts.cursor)
	}
}

func TestEmptyPlanCanBeStartedFromTheKeyboard(t *testing.T) {
	t.Parallel()
	m := New(Options{Org: model.New("Fresh"), Path: "fresh.json", New: true})
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(screen(m), "No units yet") {
		t.Fatalf("empty plan screen:\n%s", screen(m))
	}
	for _, k := range []string{"j", "k", "h", "l", "space", "g", "G", "r", "e", "d", "p", "K", "J", "<", ">", "*", "-", "n"} {
		press(m, k)
		if m.mode == modePrompt {
			press(m, "esc")
		}
	}
	press(m, "a")
	typeText(m, "Organizing committee")
	press(m, "enter")
	if m.org.UnitCount() != 1 || len(m.org.Units) != 1 {
		t.Fatal("a in an empty plan did not add a top-level unit")
	}
}

func TestEditDetailsForm(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	u := selectUnit(t, m, "Obukhov works subcommittee")
	pressRun(m, "e")
	if !isOpen[*form](m) {
		t.Fatal("e did not open the form")
	}
	pressRun(m, "enter", "right", "enter") // kind kept; secrecy: one right of the default is open
	pressRun(m, "enter")                   // affiliation kept
	pressRun(m, "enter", "enter")          // purpose, notes
	pressRun(m, "enter", "enter", "enter") // reporting
	pressRun(m, "left", "enter")           // contacts deposited: yes
	if !strings.Contains(screen(m), "Carries the line to «St. Petersburg Committee»") {
		t.Fatalf("no liaison field:\n%s", screen(m))
	}
	typeText(m, "250")
	pressRun(m, "enter")         // headcount
	pressRun(m, "home", "enter") // the top: nobody named, its holders carry it
	if isOpen[*form](m) {
		t.Fatalf("form still open:\n%s", screen(m))
	}
	if u.Secrecy != model.SecrecyOpen || !u.ContactsDeposited || u.Kind != "factory-subcommittee" || u.Headcount != 250 || u.Liaison != "" {
		t.Fatalf("kind %q secrecy %q deposited %v headcount %d liaison %q", u.Kind, u.Secrecy, u.ContactsDeposited, u.Headcount, u.Liaison)
	}
	press(m, "u")
	if u.Secrecy != "" || u.ContactsDeposited || u.Headcount != 0 || u.Liaison != "m13" {
		t.Fatal("undo did not restore the details")
	}
	// enter opens it too, and esc cancels without a change.
	pressRun(m, "enter")
	if !isOpen[*form](m) {
		t.Fatal("enter did not open the form")
	}
	pressRun(m, "esc")
	if m.mode != modeNormal || !m.hist.CanRedo() {
		t.Fatal("esc did not cancel the form cleanly")
	}
}
