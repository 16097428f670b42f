package tui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

// onPosts selects a unit and focuses its posts pane.
func onPosts(t *testing.T, m *Model, unit string) *model.Unit {
	t.Helper()
	u := selectUnit(t, m, unit)
	m.focus = focusPosts
	m.posts.cursor, m.posts.cand = 0, -1
	return u
}

func TestHolderPickerFuzzyNewMemberAndNobody(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	u := onPosts(t, m, "Executive group")
	press(m, "down") // the vacant treasurer
	p := u.Posts[1]
	press(m, "h")
	if !isOpen[*picker](m) {
		t.Fatal("h did not open the picker")
	}
	typeText(m, "osp") // fuzzy for Osip
	press(m, "enter")
	if p.Holder != "m36" {
		t.Fatalf("holder %q, want Osip (m36)", p.Holder)
	}
	if !strings.Contains(m.status, "make «Osip» holder of «Treasurer»") {
		t.Fatalf("status %q", m.status)
	}
	// The new holder shows on the Member tab.
	if m.side.member != "m36" {
		t.Fatalf("member tab shows %q", m.side.member)
	}
	// nobody: vacate again.
	press(m, "h", "down", "enter")
	if p.Holder != "" {
		t.Fatal("the nobody item did not vacate the post")
	}
	// new member…: the first item; an alias, and the newcomer holds it.
	n := len(m.org.Members)
	press(m, "h", "enter")
	typeText(m, "Gleb")
	press(m, "enter")
	if len(m.org.Members) != n+1 || m.org.MemberLabel(p.Holder) != "Gleb" {
		t.Fatalf("new member: %d members, holder %q", len(m.org.Members), p.Holder)
	}
	// One undo removes both the member and the holding.
	press(m, "u")
	if len(m.org.Members) != n || p.Holder != "" {
		t.Fatal("undo left the new member behind")
	}
	// esc changes nothing.
	press(m, "h", "esc")
	if m.mode != modeNormal || p.Holder != "" {
		t.Fatal("esc in the picker changed something")
	}
}

func TestCandidatesAddRefuseRemoveReorder(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	u := onPosts(t, m, "Executive group")
	p := u.Posts[2] // Organizer: Demyan, candidates Pavel, Fedya
	press(m, "down", "down")
	// The holder and those already in line are not offered.
	press(m, "c")
	for _, it := range topPicker(t, m).items {
		if it.id == p.Holder || slices.Contains(p.Candidates, it.id) {
			t.Fatalf("the candidate picker offers %q", it.label)
		}
	}
	typeText(m, "Demyan")
	if len(topPicker(t, m).shown) != len(topPicker(t, m).special) {
		t.Fatalf("typing the holder's name finds %d", len(topPicker(t, m).shown))
	}
	press(m, "esc")
	press(m, "c")
	typeText(m, "Kolya")
	press(m, "enter")
	if !slices.Equal(p.Candidates, []string{"m13", "m28", "m19"}) {
		t.Fatalf("candidates %v", p.Candidates)
	}
	// → picks the candidates; J moves the picked one later, K earlier.
	press(m, "right")
	if m.candidate(p) != "m13" {
		t.Fatalf("picked %q", m.candidate(p))
	}
	press(m, "J")
	if !slices.Equal(p.Candidates, []string{"m28", "m13", "m19"}) || m.candidate(p) != "m13" {
		t.Fatalf("after J: %v, picked %q", p.Candidates, m.candidate(p))
	}
	press(m, "K")
	if !slices.Equal(p.Candidates, []string{"m13", "m28", "m19"}) {
		t.Fatalf("after K: %v", p.Candidates)
	}
	// x removes the picked one.
	press(m, "right", "x")
	if !slices.Equal(p.Candidates, []string{"m13", "m19"}) {
		t.Fatalf("after x: %v", p.Candidates)
	}
	for i := 0; i < 4; i++ {
		press(m, "u")
	}
	if !slices.Equal(p.Candidates, []string{"m13", "m28"}) {
		t.Fatalf("undo: %v", p.Candidates)
	}
}

func TestAddEditDeletePost(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	u := onPosts(t, m, "Passport bureau")
	pressRun(m, "a")
	if !isOpen[*form](m) {
		t.Fatal("a did not open the post form")
	}
	typeText(m, "Forger")
	pressRun(m, "enter")
	for range 12 { // to Passports in the function list
		pressRun(m, "right")
	}
	pressRun(m, "enter", "enter")
	if len(u.Posts) != 2 || u.Posts[1].Title != "Forger" || u.Posts[1].Function != "passports" {
		t.Fatalf("posts: %d, second %+v", len(u.Posts), *u.Posts[len(u.Posts)-1])
	}
	if m.posts.cursor != 1 {
		t.Fatal("the cursor is not on the new post")
	}
	pressRun(m, "e")
	typeText(m, " of seals")
	pressRun(m, "enter", "enter", "enter")
	if u.Posts[1].Title != "Forger of seals" {
		t.Fatalf("edit: %q", u.Posts[1].Title)
	}
	press(m, "d")
	if len(u.Posts) != 1 {
		t.Fatal("d did not delete the post")
	}
	press(m, "u", "u", "u")
	if len(u.Posts) != 1 || u.Posts[0].Title != "Head of the bureau" {
		t.Fatal("undo did not go back to the one post")
	}
}

func TestMembersScreen(t *testing.T) {
	t.Parallel()
	m := newModel(t, 100, 30)
	press(m, "m")
	if m.mode != modeMembers || !strings.Contains(screen(m), "Members 45") {
		t.Fatalf("m did not open the members:\n%s", screen(m))
	}
	// Real names are hidden until v.
	if strings.Contains(screen(m), "Grigory Sorokin") {
		t.Fatal("a real name shows by default")
	}
	press(m, "v")
	if !strings.Contains(screen(m), "Grigory Sorokin") {
		t.Fatal("v did not show real names")
	}
	press(m, "v")
	// Filter.
	searchFor(m, "nikit")
	if len(m.members.shown) != 1 || m.memberAtCursor().ID != "m4" {
		t.Fatalf("filter shows %d", len(m.members.shown))
	}
	// s cycles the status; u undoes it here too.
	press(m, "s")
	if m.org.Member("m4").Status != model.StatusArrested {
		t.Fatalf("status %q", m.org.Member("m4").Status)
	}
	press(m, "u")
	if !m.org.Member("m4").Active() {
		t.Fatal("undo in the members screen")
	}
	// d asks, naming the posts that fall vacant.
	press(m, "d")
	if !isOpen[*choice](m) || !strings.Contains(screen(m), "holds Propagandist in St. Petersburg Committee") {
		t.Fatalf("delete dialog:\n%s", screen(m))
	}
	press(m, "y")
	if m.org.Member("m4") != nil || m.mode != modeMembers {
		t.Fatal("y did not delete")
	}
	press(m, "u")
	if m.org.Member("m4") == nil || len(m.org.Held("m4")) != 4 {
		t.Fatal("undo did not restore the member and the posts")
	}
	// Add a member through the form.
	press(m, "/", "esc") // clear the filter
	pressRun(m, "a")
	typeText(m, "Gleb")
	pressRun(m, "enter", "enter", "enter", "enter", "enter", "enter")
	if m.org.Members[len(m.org.Members)-1].Alias != "Gleb" || m.mode != modeMembers {
		t.Fatalf("add: mode %d, last %q", m.mode, m.org.Members[len(m.org.Members)-1].Alias)
	}
	// esc leaves, showing the member on tab 3.
	press(m, "esc")
	if m.mode != modeNormal || m.side.tab != tabMember {
		t.Fatal("esc did not go back to the editor on the Member tab")
	}
}

func TestSideTabsJump(t *testing.T) {
	t.Parallel()
	m := newModel(t, 100, 30)
	// 2 Vacancies: Enter on the treasurer jumps to the post.
	press(m, "2")
	m.focus = focusSide
	for i, r := range tabRows(m, tabVacancies) {
		if r.post == "p15" {
			m.side.cursor[tabVacancies] = i
		}
	}
	press(m, "enter")
	if m.focus != focusPosts || selectedName(m) != "Executive group" || m.posts.selected(m.tree.selected()).ID != "p15" {
		t.Fatalf("jump landed on %q post %d", selectedName(m), m.posts.cursor)
	}
	// 1 Labor: the jumble row leads to the member on tab 3.
	laborRowOf(m, "m4")
	press(m, "enter")
	if m.side.tab != tabMember || m.side.member != "m4" || !strings.Contains(screen(m), "4 functions — too many") {
		t.Fatalf("labor jump: tab %d member %q\n%s", m.side.tab, m.side.member, screen(m))
	}
}

// The panels are rebuilt from the plan after every change and undo; what
// shows must equal a fresh computation.
func TestPanelsStayRightAfterRandomEdits(t *testing.T) {
	t.Parallel()
	m := newModel(t, 100, 30)
	r := rand.New(rand.NewPCG(9, 9))
	ops := 0
	for step := 0; step < 400; step++ {
		switch r.IntN(8) {
		case 6:
			// Edits that leave people alone: a rename, an empty unit.
			u := m.org.Units[r.IntN(len(m.org.Units))]
			m.apply(model.RenameUnit{ID: u.ID, Name: u.Name + "'"}, "")
		case 7:
			m.apply(model.AddUnit{Parent: m.org.Units[0].ID, Index: -1, Unit: &model.Unit{ID: m.org.NewID('u'), Name: "empty"}}, "")
		case 0:
			press(m, fmt.Sprint(1+r.IntN(4)))
			// A cursor move changes no plan, but the member tab follows it.
			press(m, []string{"j", "k"}[r.IntN(2)])
		case 1:
			press(m, "u")
		case 2:
			press(m, "ctrl+r")
		default:
			if op := randomEdit(r, m.org); op != nil && m.apply(op, "") {
				ops++
			}
		}
		t0 := m.side.tab
		got := rowsText(tabRows(m, t0))
		var want string
		switch t0 {
		case tabLabor:
			want = rowsText(m.laborRows())
		case tabVacancies:
			want = rowsText(m.vacancyRows())
		case tabMember:
			want = rowsText(m.memberRows())
		case tabChecks:
			want = rowsText(m.checkRows())
		}
		if got != want {
			t.Fatalf("step %d, tab %d: the panel is stale\n got %s\nwant %s", step, t0+1, got, want)
		}
		sameUncached(t, m, step)
	}
	if ops < 100 {
		t.Fatalf("only %d edits applied", ops)
	}
}

func rowsText(rows []sideRow) string {
	var b strings.Builder
	for _, r := range rows {
		cols := r.cols
		if r.vacancy != nil {
			v := r.vacancy
			cols = []col{{text: fmt.Sprint(v.Vacant, v.NoCandidate, v.Required, v.Post.Title), pathOf: v.Post.Unit().ID}}
		}
		for _, c := range cols {
			b.WriteString(c.text + "|" + c.pathOf + "|")
		}
		b.WriteString(r.post + r.member + "\n")
	}
	return b.String()
}

// randomEdit proposes a change to people and posts.
func randomEdit(r *rand.Rand, o *model.Org) model.Op {
	var posts []*model.Post
	o.Walk(func(u *model.Unit) bool { posts = append(posts, u.Posts...); return true })
	p := posts[r.IntN(len(posts))]
	mem := o.Members[r.IntN(len(o.Members))].ID
	var op model.Op
	var err error
	switch r.IntN(5) {
	case 0:
		op, err = o.SetHolder(p.ID, mem)
	case 1:
		op, err = o.AddCandidate(p.ID, mem, -1)
	case 2:
		op, err = o.SetStatus(mem, model.Statuses[r.IntN(4)])
	case 3:
		op = model.DeleteMember{ID: mem}
	case 4:
		op = model.DeletePost{ID: p.ID}
	}
	if err != nil {
		return nil
	}
	return op
}

func TestExportDialogWritesNextToThePlan(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.json")
	m := New(Options{Org: exampleOrg(t, "st-petersburg-1902"), Path: path})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	press(m, "E")
	if !isOpen[*picker](m) {
		t.Fatal("E did not open the export choices")
	}
	typeText(m, "markdown redacted")
	runWaiting(m, press(m, "enter"), 10*time.Second)
	out := filepath.Join(dir, "plan.redacted.md")
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(m.status, "exported "+out) {
		t.Fatalf("%v; status %q", err, m.status)
	}
	if !strings.Contains(string(b), "## Division of labor") || strings.Contains(string(b), "Grigory Sorokin") {
		t.Fatal("the redacted report is wrong")
	}
}

func TestRenameRedrawsPathsWithoutRebuildingPanels(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	press(m, "2")
	built := m.side.people[tabVacancies]
	u := selectUnit(t, m, "Executive group")
	if !m.apply(model.RenameUnit{ID: u.ID, Name: "Inner circle"}, "") {
		t.Fatal("rename refused")
	}
	if m.side.stale[tabVacancies] || m.side.people[tabVacancies] != built {
		t.Fatal("a rename rebuilt the vacancies")
	}
	if !strings.Contains(screen(m), "Inner circle") || strings.Contains(screen(m), "/ Executive group") {
		t.Fatalf("the vacancy paths do not follow the rename:\n%s", screen(m))
	}
}

// The member tab follows the selection though the plan does not change:
// the side panel kept as drawn must not hide that.
func TestMemberTabFollowsTheCursor(t *testing.T) {
	t.Parallel()
	m := newModel(t, 100, 30)
	press(m, "3")
	seen := map[string]bool{}
	for range 12 {
		press(m, "j")
		if m.side.member == "" {
			continue
		}
		alias := m.org.Member(m.side.member).Alias
		seen[alias] = true
		if !strings.Contains(screen(m), alias) {
			t.Fatalf("the member tab shows %s, the screen does not:\n%s", alias, screen(m))
		}
		sameUncached(t, m, len(seen))
	}
	if len(seen) < 3 {
		t.Fatalf("the cursor met only %d members", len(seen))
	}
}
