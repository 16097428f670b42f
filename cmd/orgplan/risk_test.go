package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRiskAgreesWithSimulate: every member risk lists, simulated alone,
// vacates, empties and cuts off exactly what risk says; and every member
// it leaves out does no damage.
func TestRiskAgreesWithSimulate(t *testing.T) {
	t.Parallel()
	for _, ex := range []string{"st-petersburg-1902", "tenant-association"} {
		file := "../../examples/" + ex + ".json"
		code, out, errs := orgplan(t, "risk", "--format", "json", file)
		var r struct {
			Format  string
			Members []struct {
				Member                                                 struct{ ID string }
				Damage, Vacated, Leaderless, CutOff, Recoverable, Lost int
			}
		}
		if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.Format != "orgplan-risk/1" || len(r.Members) == 0 {
			t.Fatalf("%s: exit %d %s", ex, code, errs)
		}
		for i, m := range r.Members {
			if i > 0 && m.Damage > r.Members[i-1].Damage {
				t.Errorf("%s: not ranked at %d", ex, i)
			}
			_, sim, _ := orgplan(t, "simulate", "--remove", m.Member.ID, "--format", "json", file)
			var s struct {
				Vacated, Leaderless []json.RawMessage
				CutOff              []struct{ Recoverable bool }
			}
			if err := json.Unmarshal([]byte(sim), &s); err != nil {
				t.Fatal(err)
			}
			lost := 0
			for _, c := range s.CutOff {
				if !c.Recoverable {
					lost++
				}
			}
			if len(s.Vacated) != m.Vacated || len(s.Leaderless) != m.Leaderless || len(s.CutOff) != m.CutOff ||
				m.Lost != lost || m.Recoverable != m.CutOff-lost ||
				m.Damage != m.Vacated+m.Leaderless+m.CutOff+m.Lost || m.Damage == 0 {
				t.Errorf("%s: %s: risk %+v, simulate %d/%d/%d", ex, m.Member.ID, m, len(s.Vacated), len(s.Leaderless), len(s.CutOff))
			}
		}
	}
	code, out, _ := orgplan(t, "risk", "../../examples/tenant-association.json")
	if code != 0 || !strings.Contains(out, "  1. Lin (t3)") || !strings.Contains(out, "left vacant +") {
		t.Errorf("text: %d\n%s", code, out)
	}
}

func TestRemoveTakesAliases(t *testing.T) {
	t.Parallel()
	file := "../../examples/tenant-association.json"
	_, byAlias, _ := orgplan(t, "simulate", "--remove", "Hank", file)
	_, byID, _ := orgplan(t, "simulate", "--remove", "t13", file)
	if byAlias != byID || !strings.Contains(byAlias, "Removed (1): Hank") {
		t.Errorf("by alias:\n%s\nby id:\n%s", byAlias, byID)
	}
	if code, _, errs := orgplan(t, "simulate", "--remove", "Nobody", file); code != 2 || !strings.Contains(errs, `no member "Nobody"`) {
		t.Errorf("unknown: %d %q", code, errs)
	}
	// Two members with one alias: refused, naming both.
	data, _ := os.ReadFile(file)
	dup := strings.Replace(string(data), `"alias": "Hank"`, `"alias": "Lin"`, 1)
	path := filepath.Join(t.TempDir(), "dup.json")
	os.WriteFile(path, []byte(dup), 0o600)
	if code, _, errs := orgplan(t, "simulate", "--remove", "Lin", path); code != 2 || !strings.Contains(errs, `the alias "Lin" names 2 members: t3, t13`) {
		t.Errorf("ambiguous: %d %q", code, errs)
	}
}

func TestRiskKFindsASetAndSaysHow(t *testing.T) {
	t.Parallel()
	code, out, errs := orgplan(t, "risk", "--k", "2", "--format", "json", example1902)
	var r struct {
		KeySet struct {
			Method           string
			Members          []struct{ ID string }
			Damage           struct{ Total, Vacated, Leaderless, CutOff, Lost int }
			ByExposureDamage struct{ Total int }
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.KeySet.Method != "exhaustive" || len(r.KeySet.Members) != 2 {
		t.Fatalf("exit %d %s: %+v", code, errs, r.KeySet)
	}
	ids := r.KeySet.Members[0].ID + "," + r.KeySet.Members[1].ID
	_, sim, _ := orgplan(t, "simulate", "--remove", ids, "--format", "json", example1902)
	var s struct {
		Vacated, Leaderless []json.RawMessage
		CutOff              []struct{ Recoverable bool }
	}
	json.Unmarshal([]byte(sim), &s)
	lost := 0
	for _, c := range s.CutOff {
		if !c.Recoverable {
			lost++
		}
	}
	if len(s.Vacated)+len(s.Leaderless)+len(s.CutOff)+lost != r.KeySet.Damage.Total || lost != r.KeySet.Damage.Lost ||
		r.KeySet.Damage.Total < r.KeySet.ByExposureDamage.Total {
		t.Errorf("the set %s: simulate %d/%d/%d, risk %+v", ids, len(s.Vacated), len(s.Leaderless), len(s.CutOff), r.KeySet.Damage)
	}
	if code, out, _ := orgplan(t, "risk", "--k", "2", example1902); code != 0 || !strings.Contains(out, "Worst set of 2 (exhaustive,") || !strings.Contains(out, "The 2 with the most exposure:") {
		t.Errorf("text:\n%s", out)
	}
}

// TestRemoveUnitTakesNames: --remove-unit takes a unit's name as well as
// its id; a name two units share is refused with both.
func TestRemoveUnitTakesNames(t *testing.T) {
	t.Parallel()
	_, byID, _ := orgplan(t, "simulate", "--remove-unit", "u4", example1902)
	code, byName, errs := orgplan(t, "simulate", "--remove-unit", "Executive group", example1902)
	if code != 0 || byName != byID {
		t.Fatalf("by name: %d %s", code, errs)
	}
	dir := t.TempDir()
	plan := filepath.Join(dir, "p.json")
	if err := os.WriteFile(plan, []byte(`{"format": "orgplan/1", "name": "Twins", "members": [{"id": "m1", "alias": "A"}],
 "units": [{"id": "u1", "name": "Cell", "posts": [{"id": "p1", "title": "Head", "holder": "m1"}]}, {"id": "u2", "name": "Cell"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := orgplan(t, "simulate", "--remove-unit", "Cell", plan); code != 2 || !strings.Contains(errs, "names 2 units: u1 (Cell), u2 (Cell)") {
		t.Fatalf("an ambiguous name: %d %s", code, errs)
	}
}

// TestRiskViewsSaysWhatEachViewGivesAway: --views adds each member's
// compartment, the same counts as view --show.
func TestRiskViewsSaysWhatEachViewGivesAway(t *testing.T) {
	t.Parallel()
	code, out, errs := orgplan(t, "risk", "--views", "--format", "json", example1902)
	var r struct {
		Members []struct {
			Member  struct{ ID, Alias string }
			Reveals *struct{ Members, Units int }
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || len(r.Members) == 0 {
		t.Fatalf("%d %s", code, errs)
	}
	for _, m := range r.Members[:5] {
		if m.Reveals == nil {
			t.Fatalf("%s: no reveals", m.Member.ID)
		}
		_, show, _ := orgplan(t, "view", "--for", m.Member.ID, "--show", example1902)
		want := fmt.Sprintf("reveals %d units", m.Reveals.Units)
		if !strings.Contains(show, want) || !strings.Contains(show, fmt.Sprintf("and %d other members", m.Reveals.Members)) {
			t.Errorf("%s: risk says %+v, view --show says %s", m.Member.Alias, *m.Reveals, show)
		}
	}
	if _, plain, _ := orgplan(t, "risk", "--format", "json", example1902); strings.Contains(plain, "reveals") {
		t.Error("reveals without --views")
	}
}
