package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/model"
	mt "github.com/orgplan/orgplan/model/modeltest"
	"github.com/orgplan/orgplan/storage"
)

// editedCopy saves the 1902 example after edits as name in dir.
func editedCopy(t *testing.T, dir, name string, edits ...mt.Edit) string {
	t.Helper()
	_, src := exampleFile(t, "st-petersburg-1902")
	o, err := storage.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := mt.Apply(o, edits...); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := storage.Save(path, o); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDiffSpeaksOfThePlan(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	old := editedCopy(t, dir, "old.json")
	renamed := editedCopy(t, dir, "new.json", mt.Rename("u5", "Vyborg group"), mt.Holder("p15", "m36"), mt.Move("u24", "u4"),
		mt.Candidate("p9", "m40"), func(o *model.Org) (model.Op, error) {
			m := *o.Member("m3")
			m.Name = "Irina Secretname"
			return model.EditMember{Member: m}, nil
		})
	if code, out, errs := orgplan(t, "diff", old, old); code != 0 || out != "" {
		t.Fatalf("equal plans: exit %d, %q %q", code, out, errs)
	}
	code, out, _ := orgplan(t, "diff", old, renamed)
	for _, want := range []string{
		`unit u5 name: St. Petersburg Committee / Vyborg group: "Vyborg district group" → "Vyborg group"`,
		"unit u24 moved: St. Petersburg Committee / Printing group → St. Petersburg Committee / Executive group / Printing group",
		"post p15 filled: St. Petersburg Committee / Executive group › Treasurer: Osip",
		"post p9 candidates: St. Petersburg Committee › Treasurer: + Timofei",
		"member m3 name changed: Ira (shown with --names)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	if code != 1 || strings.Contains(out, "Secretname") {
		t.Fatalf("exit %d; a real name shown without --names:\n%s", code, out)
	}
	if _, out, _ := orgplan(t, "diff", "--names", old, renamed); !strings.Contains(out, "Secretname") {
		t.Fatalf("--names:\n%s", out)
	}
	if _, out, _ := orgplan(t, "diff", "--stat", old, renamed); strings.TrimSpace(out) != "member: 1 changed; unit: 2 changed; post: 2 changed" {
		t.Fatalf("--stat: %q", out)
	}
	_, js, _ := orgplan(t, "diff", "--format", "json", renamed, old)
	var r struct {
		Format  string
		Changes []struct{ Record, ID, Change, Field string }
	}
	if err := json.Unmarshal([]byte(js), &r); err != nil || r.Format != "orgplan-diff/1" || len(r.Changes) != 5 {
		t.Fatalf("json: %v %+v\n%s", err, r, js)
	}
	if code, _, errs := orgplan(t, "diff", old, filepath.Join(dir, "missing.json")); code != 2 || !strings.Contains(errs, "missing.json: no such file") {
		t.Fatalf("a missing file: %d %q", code, errs)
	}
}

func TestMergeExitsByOutcome(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := editedCopy(t, dir, "base.json")
	ours := editedCopy(t, dir, "ours.json", mt.Holder("p15", "m36"))
	clean := editedCopy(t, dir, "clean.json", mt.Rename("u5", "North"))
	clash := editedCopy(t, dir, "clash.json", mt.Holder("p15", "m40"))
	out := filepath.Join(dir, "merged.json")
	if code, _, errs := orgplan(t, "merge", base, ours, clean, "-o", out); code != 0 {
		t.Fatalf("clean merge: exit %d %s", code, errs)
	}
	o, err := storage.Load(out)
	if err != nil || o.Post("p15").Holder != "m36" || o.Unit("u5").Name != "North" {
		t.Fatalf("clean merge: %v", err)
	}
	code, _, errs := orgplan(t, "merge", base, ours, clash, "-o", out, "--force")
	if code != 1 || !strings.Contains(errs, "both sides changed the holder: ours Osip, theirs Timofei (was nobody)") {
		t.Fatalf("conflict: exit %d %s", code, errs)
	}
	if o, err := storage.Load(out); err != nil || len(o.Conflicts) != 1 || o.Post("p15").Holder != "m36" {
		t.Fatalf("the merged plan: %v", err)
	}
	if code, _, _ := orgplan(t, "merge", base, ours, filepath.Join(dir, "nope.json")); code != 2 {
		t.Fatalf("a missing side: exit %d", code)
	}
}
