package tui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orgplan/orgplan/model"
)

// clickTab clicks tab t in the side panel's border, as a mouse does.
func clickTab(m *Model, t int) {
	sp := m.tabLayout(m.lay.rightW - 5)[t]
	m.Update(tea.MouseClickMsg{X: m.lay.leftW + 3 + sp.x, Y: 1, Button: tea.MouseLeft})
}

// TestAClickedTabShowsWhatItsKeyShows: every tab, switched by a click,
// shows the same rows as switched by its number key; none shows its empty
// text while the plan has what it lists.
func TestAClickedTabShowsWhatItsKeyShows(t *testing.T) {
	t.Parallel()
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		byKey, byClick := newModel(t, size[0], size[1]), newModel(t, size[0], size[1])
		// A unit with people, so that What-if has rows too.
		for _, m := range []*Model{byKey, byClick} {
			press(m, "j", "j")
		}
		for tab := tabCount - 1; tab >= 0; tab-- {
			if !byClick.tabShown(tab) {
				continue // Conflicts, with none: TestConflictsTab clicks it
			}
			press(byKey, string(rune('1'+tab)))
			byKey.focus = focusSide // a click focuses the panel too
			clickTab(byClick, tab)
			if byClick.side.tab != tab {
				t.Fatalf("%v: the click on tab %d showed tab %d", size, tab, byClick.side.tab)
			}
			k, c := strings.Join(byKey.sideView(40), "\n"), strings.Join(byClick.sideView(40), "\n")
			if k != c {
				t.Errorf("%v tab %s: clicked\n%s\nby key\n%s", size, sideTabs[tab].name, c, k)
			}
			if strings.Contains(c, sideTabs[tab].empty) {
				t.Errorf("%v tab %s: a click shows %q", size, sideTabs[tab].name, sideTabs[tab].empty)
			}
		}
	}
}

// TestTheKeyLineAlwaysOffersHelpAndQuit, in every pane and at every width.
func TestTheKeyLineAlwaysOffersHelpAndQuit(t *testing.T) {
	t.Parallel()
	for _, w := range []int{60, 80, 120, 200} {
		m := newModel(t, w, 24)
		for range focusCount {
			line := stripped(m.keyLine())
			if !strings.Contains(line, "? help") || !strings.HasSuffix(strings.TrimRight(stripped(line), " "), "q quit") {
				t.Errorf("%d columns, focus %d: %q", w, m.focus, stripped(line))
			}
			press(m, "tab")
		}
	}
	// At 80 columns every tab is named.
	m := newModel(t, 80, 24)
	top := strings.Split(screen(m), "\n")[1]
	for i, tab := range sideTabs {
		if m.tabShown(i) && !strings.Contains(top, tab.short) {
			t.Errorf("80 columns: tab %s not named in %q", tab.short, top)
		}
	}
}

// TestSearchingForNothingThenNextSaysSo: the crash of n after a search
// that found nothing.
func TestSearchingForNothingThenNextSaysSo(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	searchFor(m, "zzzz")
	for _, k := range []string{"n", "N"} {
		press(m, k)
		if !strings.Contains(m.status, `no match for "zzzz"`) {
			t.Errorf("%s: %q", k, m.status)
		}
	}
	// The prompt starts empty, offering the last query: typing replaces
	// it, ↑ recalls it.
	press(m, "/")
	if m.prompt.input.Value() != "" || m.prompt.input.Placeholder != "zzzz" {
		t.Fatalf("the search prompt holds %q", m.prompt.input.Value())
	}
	typeText(m, "Vyborg")
	press(m, "enter")
	if m.search.query != "Vyborg" || len(m.search.matches) == 0 {
		t.Fatalf("second search: %q, %d matches", m.search.query, len(m.search.matches))
	}
	press(m, "/", "up")
	if m.prompt.input.Value() != "Vyborg" {
		t.Errorf("↑ recalled %q", m.prompt.input.Value())
	}
	press(m, "esc", "esc")
	if len(m.search.units) != 0 {
		t.Error("esc did not clear the highlights")
	}
}

func stripped(s string) string { return ansi.Strip(s) }

// TestTheMemberTabShowsTheMemberChosenLast: a Labor row, the members
// screen and a search jump each choose a member; keys that move nothing
// in the posts pane leave the choice alone.
func TestTheMemberTabShowsTheMemberChosenLast(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	laborRowOf(m, "m4")
	press(m, "enter")
	for _, k := range []string{"j", "j", "k", "3"} {
		press(m, k)
		if m.side.member != "m4" {
			t.Fatalf("after %s the Member tab shows %q, not the chosen Nikitich", k, m.side.member)
		}
	}

	// The members screen: the member left selected stays on the tab.
	press(m, "m", "/")
	typeText(m, "Yasha")
	press(m, "enter", "esc")
	chosen := m.side.member
	if mem := m.org.Member(chosen); mem == nil || mem.Alias != "Yasha" {
		t.Fatalf("the members screen chose %q", chosen)
	}
	press(m, "j", "k")
	if m.side.member != chosen || m.side.tab != tabMember {
		t.Fatalf("after the members screen and j: %q on tab %d", m.side.member, m.side.tab)
	}

	// A search jump moves the post cursor: the post's holder shows.
	searchFor(m, "Treasurer")
	press(m, "3")
	p := m.posts.selected(m.tree.selected())
	if p == nil || p.Holder == "" || m.side.member != p.Holder {
		t.Fatalf("after the search jump the Member tab shows %q, the post's holder is %v", m.side.member, p)
	}
}

// TestWhatIfShowsItsWholeAnswer: after U on the executive group, the
// summary with bench strength is in view at 80x24, pgdn and the wheel
// scroll the report to its last line, vacated posts carry the vacancy
// mark, and every "who steps in" row names where.
func TestWhatIfShowsItsWholeAnswer(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	press(m, "j", "j", "l", "5", "tab", "tab", "U")
	scr := screen(m)
	w, _ := m.simulation()
	bench := fmt.Sprintf("Bench strength %.0f%% → %.0f%%", 100*w.BenchBefore.Ratio(), 100*w.BenchAfter.Ratio())
	if !strings.Contains(scr, bench) {
		t.Fatalf("no bench line at 80x24:\n%s", scr)
	}
	rows := m.side.rows[tabWhatIf]
	last := rows[len(rows)-1]
	for range 20 {
		press(m, "pgdown")
	}
	end := strings.Join(m.sideView(m.lay.rightW-2), "\n")
	if !strings.Contains(end, "Bench strength") {
		t.Error("the summary scrolled away")
	}
	lastText := ""
	if len(last.cols) > 0 {
		lastText = last.cols[len(last.cols)-1].text
	}
	if lastText == "" || !strings.Contains(ansiStripAll(end), lastText[len(lastText)-min(len(lastText), 10):]) {
		t.Errorf("pgdn never reached the last row %q:\n%s", lastText, ansiStripAll(end))
	}
	// The wheel goes back up.
	for range 60 {
		m.Update(tea.MouseWheelMsg{X: m.lay.leftW + 5, Y: 8, Button: tea.MouseWheelUp})
	}
	if m.side.offset[tabWhatIf] != 0 {
		t.Errorf("the wheel left the report at %d", m.side.offset[tabWhatIf])
	}
	vacated, steps := 0, 0
	for _, r := range rows {
		if len(r.cols) == 2 && r.cols[0].text == vacantMark {
			vacated++
		}
		if len(r.cols) == 2 && strings.Contains(r.cols[0].text, " → ") {
			steps++
			if !strings.Contains(r.cols[1].text, "›") {
				t.Errorf("a who-steps-in row names no unit: %q", r.cols[1].text)
			}
		}
	}
	if vacated != len(w.Vacated) || steps != len(w.Promotions) {
		t.Errorf("%d vacated rows marked %s of %d, %d step-in rows of %d", vacated, vacantMark, len(w.Vacated), steps, len(w.Promotions))
	}
	// At 200 columns the post titles are not cut.
	wide := newModel(t, 200, 60)
	press(wide, "j", "j", "l", "5", "tab", "tab", "U")
	if s := screen(wide); !strings.Contains(s, "Executive group › Secretary") {
		t.Errorf("at 200 columns a path is cut:\n%s", s)
	}
}

func ansiStripAll(s string) string { return ansi.Strip(s) }

// TestPickersFitTheScreenAndRankWhatIsTyped: a picker opened large and
// resized small keeps the title, its borders and its hints on screen; its
// placeholder shows whole; "dot" ranks the Graphviz export first.
func TestPickersFitTheScreenAndRankWhatIsTyped(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	press(m, "tab", "h")
	if !strings.Contains(screen(m), "type to filter") {
		t.Fatalf("the placeholder is cut:\n%s", screen(m))
	}
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 15})
	lines := strings.Split(screen(m), "\n")
	if len(lines) != 15 {
		t.Fatalf("%d lines on a 15-line screen", len(lines))
	}
	scr := strings.Join(lines, "\n")
	for _, want := range []string{"Holder of", "esc cancels", "╰"} {
		if !strings.Contains(scr, want) {
			t.Errorf("after the resize the picker lost %q:\n%s", want, scr)
		}
	}
	press(m, "esc")

	m = newModel(t, 120, 40)
	press(m, "E")
	typeText(m, "dot")
	if first := topPicker(t, m).shown[topPicker(t, m).cursor]; !strings.Contains(first.label, "Graphviz") {
		t.Errorf("dot ranks %q first", first.label)
	}
}

// TestChecksTabGroupsFiltersAndJumps: one line per finding under a header
// per check with its count, errors first; w hides warnings; / filters; enter
// goes to the finding's post.
func TestChecksTabGroupsFiltersAndJumps(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	press(m, "4", "tab", "tab")
	rows := tabRows(m, tabChecks)
	if len(rows) == 0 || !rows[0].header || !strings.Contains(rows[0].cols[1].text, "inactive-holder (1)") {
		t.Fatalf("first row %+v", rows[0])
	}
	findings, groups := 0, 0
	for _, r := range rows {
		if r.header {
			groups++
		} else {
			findings++
		}
	}
	if findings != m.checkErrs+m.checkWarns || groups < 3 {
		t.Fatalf("%d finding rows in %d groups for %d findings", findings, groups, m.checkErrs+m.checkWarns)
	}
	press(m, "w")
	for _, r := range tabRows(m, tabChecks) {
		if r.header && strings.Contains(r.cols[0].text, "▲") {
			t.Fatal("w left a warning group")
		}
	}
	press(m, "w", "/")
	typeText(m, "Treasurer")
	press(m, "enter")
	rows = tabRows(m, tabChecks)
	if len(rows) < 2 || !strings.Contains(screen(m), "shown for «Treasurer»") {
		t.Fatalf("filter: %d rows\n%s", len(rows), screen(m))
	}
	for _, r := range rows {
		if !r.header && !strings.Contains(r.cols[1].text+r.cols[2].text, "Treasurer") {
			t.Errorf("the filter kept %q", r.cols[2].text)
		}
	}
	press(m, "enter")
	p := m.posts.selected(m.tree.selected())
	if m.focus != focusPosts || p == nil || p.Title != "Treasurer" {
		t.Fatalf("enter went to %v, focus %d", p, m.focus)
	}
}

// TestFormsWearTheEditorsPalette: no Charm pink in a form; the editor's
// accent on its title, for dark and light backgrounds.
func TestFormsWearTheEditorsPalette(t *testing.T) {
	t.Parallel()
	for _, dark := range []bool{true, false} {
		m := newModel(t, 120, 40)
		m.Update(tea.BackgroundColorMsg{Color: map[bool]color.Color{true: color.Black, false: color.White}[dark]})
		pressRun(m, "e")
		raw := m.View().Content
		if strings.Contains(raw, "247;128;226") {
			t.Errorf("dark %v: the form is in Charm's fuchsia", dark)
		}
		r, g, b, _ := newPalette(dark).accent.RGBA()
		accent := fmt.Sprintf("%d;%d;%d", r>>8, g>>8, b>>8)
		if !strings.Contains(raw, accent) {
			t.Errorf("dark %v: no accent %s in the form", dark, accent)
		}
	}
}

// TestTheTreeMarksWhatNeedsAction: by default only units with a vacant
// post carry a mark; C adds the no-candidate marks and takes them away.
func TestTheTreeMarksWhatNeedsAction(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	press(m, "*")
	count := func(mark string) int {
		n := 0
		for _, l := range strings.Split(screen(m), "\n")[2:m.lay.treeH] { // the tree box only
			if i := strings.Index(l, "││"); i > 0 && strings.HasSuffix(strings.TrimRight(l[:i], " "), " "+mark) {
				n++
			}
		}
		return n
	}
	if count(noCandidateMark) != 0 || count(vacantMark) == 0 {
		t.Fatalf("by default: %d ? and %d ! marks", count(noCandidateMark), count(vacantMark))
	}
	press(m, "C")
	if count(noCandidateMark) == 0 {
		t.Fatal("C shows no ? marks")
	}
	press(m, "C")
	if count(noCandidateMark) != 0 {
		t.Fatal("a second C leaves ? marks")
	}
}

// TestTheBlurredCursorUnderlinesTextOnly: the unfocused cursor row's
// underline leaves the indentation and the padding between columns.
func TestTheBlurredCursorUnderlinesTextOnly(t *testing.T) {
	t.Parallel()
	st := NewStyles(true)
	st.Current = st.Current.Underline(true)
	out := underlineText(st.Current, "    Executive group     strict 4/5 !   ")
	if ansi.Strip(out) != "    Executive group     strict 4/5 !   " {
		t.Fatalf("the text changed: %q", ansi.Strip(out))
	}
	if !strings.HasPrefix(out, "    ") || !strings.HasSuffix(out, "   ") || !strings.Contains(out, "     ") {
		t.Errorf("the underline runs over the padding: %q", out)
	}
}

// TestWhatIfListsTheWeakPointsWhenNothingIsMarked: the top of the risk
// ranking, agreeing with model.Risks; space on one marks it.
func TestWhatIfListsTheWeakPointsWhenNothingIsMarked(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	press(m, "5", "tab", "tab")
	rs := model.Risks(m.org)
	if len(rs) == 0 || !strings.Contains(screen(m), "Weak points: damage if taken alone") ||
		!strings.Contains(screen(m), m.org.MemberLabel(rs[0].Member)) {
		t.Fatalf("no weak points:\n%s", screen(m))
	}
	for i, r := range m.side.rows[tabWhatIf] {
		if r.whatifMember == rs[0].Member && !r.header {
			m.side.cursor[tabWhatIf] = i
			break
		}
	}
	press(m, "space")
	if w, _ := m.simulation(); len(m.whatif.marked) != 1 || m.whatif.marked[0] != rs[0].Member || w.Damage() != rs[0].Damage {
		t.Fatalf("marked %v, damage %+v, want %+v", m.whatif.marked, w.Damage(), rs[0].Damage)
	}
}

// TestLMarksAPickedCandidateReadyLater: L on a picked candidate marks
// them ready later (shown with the mark), undoable; a post whose only
// candidate is ready later is flagged as having no one ready now.
func TestLMarksAPickedCandidateReadyLater(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	u := selectUnit(t, m, "Executive group")
	press(m, "tab")
	p := u.Posts[0] // Secretary: Yeryoma, candidate Sasha
	if len(p.Candidates) != 1 {
		t.Fatalf("fixture: %v", p.Candidates)
	}
	press(m, "right", "L")
	if !p.Later(p.Candidates[0]) || !strings.Contains(screen(m), m.org.MemberLabel(p.Candidates[0])+laterMark) {
		t.Fatalf("L: later %v, status %q\n%s", p.ReadyLater, m.status, screen(m))
	}
	if m.org.HasActiveCandidate(p) {
		t.Fatal("a post whose only candidate is ready later still counts as backed")
	}
	press(m, "u")
	if p.Later(p.Candidates[0]) {
		t.Fatal("u did not undo L")
	}
}

// TestPlanPropertiesAreAnUndoableForm: P edits the plan's name and as-of
// date ("today" is today), as one change that u undoes.
func TestPlanPropertiesAreAnUndoableForm(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	m.clock = func() time.Time { return time.Date(1902, 12, 2, 0, 0, 0, 0, time.UTC) }
	before := m.org.Name
	pressRun(m, "P")
	if !isOpen[*form](m) {
		t.Fatalf("P opened no form:\n%s", screen(m))
	}
	typeText(m, " (revised)")
	pressRun(m, "enter", "enter", "ctrl+u")
	typeText(m, "today")
	acceptForm(t, m)
	if m.org.Name != before+" (revised)" || m.org.AsOf != "1902-12-02" {
		t.Fatalf("name %q, as of %q", m.org.Name, m.org.AsOf)
	}
	press(m, "u")
	if m.org.Name != before || m.org.AsOf != "1902-10-01" {
		t.Fatalf("undo: %q %q", m.org.Name, m.org.AsOf)
	}
}

// TestWhatIfCountsTheBenchBothWays: once a candidate is ready later, the
// What-if summary gives the bench counting them too, as the reports do.
func TestWhatIfCountsTheBenchBothWays(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	press(m, "j", "j", "l", "5", "tab", "tab", "U")
	if strings.Contains(screen(m), "with ready later") {
		t.Fatalf("a plan with every candidate ready now shows the second count:\n%s", screen(m))
	}
	u := selectUnit(t, m, "Executive group")
	for m.focus != focusPosts {
		press(m, "tab")
	}
	press(m, "right", "L")
	if p := u.Posts[0]; !p.Later(p.Candidates[0]) {
		t.Fatal("fixture: L did not mark the candidate")
	}
	w, _ := m.simulation()
	if w == nil || w.BenchBefore.Any == w.BenchBefore.Ready {
		t.Fatalf("the simulation does not see the candidate ready later: %+v", w)
	}
	want := fmt.Sprintf("with ready later %.0f%% → %.0f%%", 100*float64(w.BenchBefore.Any)/float64(w.BenchBefore.Posts), 100*float64(w.BenchAfter.Any)/float64(w.BenchAfter.Posts))
	if !strings.Contains(screen(m), want) {
		t.Fatalf("no %q:\n%s", want, screen(m))
	}
}
