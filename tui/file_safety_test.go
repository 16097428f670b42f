package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

func TestAFailedSaveOffersSaveAs(t *testing.T) {
	t.Parallel()
	dir, path, m := openTenantCopy(t)
	addUnit(m, "Unsaved work")
	// The folder goes away: the save cannot be made.
	gone := filepath.Join(dir, "gone")
	if err := os.Mkdir(gone, 0o700); err != nil {
		t.Fatal(err)
	}
	m.path = filepath.Join(gone, "plan.json")
	m.disk = StatFile(m.path)
	os.Remove(gone)
	run(m, press(m, "ctrl+s"))
	if m.mode != modePrompt || !strings.Contains(screen(m), "Not saved") || !strings.Contains(screen(m), "Save as:") {
		t.Fatalf("no save-as after the failed save:\n%s", screen(m))
	}
	other := filepath.Join(dir, "elsewhere.json")
	typeText(m, other)
	run(m, press(m, "enter"))
	o, err := storage.Load(other)
	if err != nil || m.modified() || m.path != other {
		t.Fatalf("save as after a failure: %v, modified %v, path %s", err, m.modified(), m.path)
	}
	found := false
	o.Walk(func(u *model.Unit) bool { found = found || u.Name == "Unsaved work"; return true })
	if !found {
		t.Error("the saved copy lacks the edit")
	}
	_ = path
}

func TestExportAsksBeforeReplacingAndSparesThePlan(t *testing.T) {
	t.Parallel()
	dir, _, m := openTenantCopy(t)
	md := filepath.Join(dir, "plan.md")
	if err := os.WriteFile(md, []byte("my notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	pressRun(m, "E")
	typeText(m, "Markdown report")
	pressRun(m, "enter")
	if !isOpen[*choice](m) || !strings.Contains(screen(m), "already exists. Replace it?") {
		t.Fatalf("no question before replacing plan.md:\n%s", screen(m))
	}
	pressRun(m, "esc")
	if b, _ := os.ReadFile(md); string(b) != "my notes" {
		t.Fatal("plan.md was replaced after no")
	}
	pressRun(m, "E")
	typeText(m, "Markdown report")
	pressRun(m, "enter", "y")
	if b, _ := os.ReadFile(md); !strings.HasPrefix(string(b), "# ") {
		t.Fatalf("plan.md after yes: %.40q", b)
	}

	// A plan named team.md: its Markdown report would be the plan itself.
	team := filepath.Join(dir, "team.md")
	if err := storage.Save(team, exampleOrg(t, "tenant-association")); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(team)
	m2 := openFile(t, team)
	pressRun(m2, "E")
	typeText(m2, "Markdown report")
	pressRun(m2, "enter")
	if after, _ := os.ReadFile(team); string(after) != string(before) || !strings.Contains(screen(m2), "the plan's own file") {
		t.Fatalf("the plan was exported over:\n%s", screen(m2))
	}
}
