package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/model"
)

func TestChecksTabAndTitleCount(t *testing.T) {
	t.Parallel()
	m := newModel(t, 100, 30)
	errs, warns := model.Count(model.CheckPlan(m.org, m.checkDay()))
	if errs != 1 || !strings.Contains(screen(m), fmt.Sprintf("1 error · %d warnings", warns)) {
		t.Fatalf("title lacks the counts:\n%s", strings.SplitN(screen(m), "\n", 2)[0])
	}
	press(m, "4")
	m.focus = focusSide
	r := m.side.rowAt(tabChecks, m.side.cursor[tabChecks])
	if r.check != "inactive-holder" {
		t.Fatalf("cursor on %q, want the error first", r.check)
	}
	press(m, "enter")
	p := m.posts.selected(m.tree.selected())
	if m.focus != focusPosts || p == nil || p.Holder != "m12" {
		t.Fatal("enter did not jump to the arrested organizer's post")
	}
	// Vacating it clears the error; the count follows at once.
	press(m, "h", "down", "enter")
	if m.checkErrs != 0 || !strings.Contains(screen(m), fmt.Sprintf("%d warnings", warns+1)) {
		t.Fatalf("after vacating: %d errors\n%s", m.checkErrs, strings.SplitN(screen(m), "\n", 2)[0])
	}
	press(m, "u")
	if m.checkErrs != 1 {
		t.Fatal("undo did not bring the error back")
	}
}

func TestWhatIfMarkApplyUndo(t *testing.T) {
	t.Parallel()
	m := newModel(t, 100, 30)
	selectUnit(t, m, "Executive group")
	press(m, "5")
	m.focus = focusSide
	press(m, "U")
	if w, _ := m.simulation(); len(m.whatif.marked) != 4 || w == nil || len(w.Promotions) != 4 {
		t.Fatalf("U marked %v", m.whatif.marked)
	}
	if !strings.Contains(screen(m), "Who steps in (4)") {
		t.Fatalf("the report does not show:\n%s", screen(m))
	}
	// space unmarks the member under the cursor (the first row: Yeryoma).
	press(m, "space")
	if len(m.whatif.marked) != 3 {
		t.Fatalf("space: %v", m.whatif.marked)
	}
	press(m, "space")
	before := m.org.Post("p8").Holder
	press(m, "enter")
	if m.org.Member("m1").Status != model.StatusArrested || m.org.Post("p8").Holder != "m3" {
		t.Fatalf("apply: Yeryoma %q, committee secretary %q", m.org.Member("m1").Status, m.org.Post("p8").Holder)
	}
	if len(m.whatif.marked) != 0 {
		t.Fatal("marks stay after applying")
	}
	press(m, "u")
	if !m.org.Member("m1").Active() || m.org.Post("p8").Holder != before {
		t.Fatal("one undo did not take back the whole what-if")
	}
	press(m, "U", "x")
	if w, _ := m.simulation(); len(m.whatif.marked) != 0 || w != nil {
		t.Fatal("x did not clear")
	}
}

// However the plan's name is cut, the title keeps two spaces before the
// date and the counts, modified or not.
func TestTitleKeepsTheRightPartApart(t *testing.T) {
	t.Parallel()
	for _, w := range []int{60, 80, 100, 120} {
		m := newModel(t, w, 30)
		for _, edit := range []bool{false, true} {
			if edit {
				press(m, "r")
				typeText(m, "x")
				press(m, "enter")
			}
			title := strings.SplitN(screen(m), "\n", 2)[0]
			i := strings.Index(title, "as of")
			if i < 2 || title[i-2:i] != "  " && title[i-3:i] != " · " {
				t.Fatalf("width %d, edited %v: %q", w, edit, title)
			}
		}
	}
}
