package main

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"os/exec"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

const example1902 = "../../examples/st-petersburg-1902.json"

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := "testdata/" + name + ".golden"
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/orgplan -update creates it)", err)
	}
	if got != string(want) {
		t.Fatalf("output differs from %s:\n%s", path, got)
	}
}

func TestCheck1902Golden(t *testing.T) {
	t.Parallel()
	code, out, errs := orgplan(t, "check", "--as-of", "1902-10-01", example1902)
	if code != 1 {
		t.Fatalf("exit %d (%s), want 1: the example has an arrested holder", code, errs)
	}
	golden(t, "check-1902", out)
	// The example's known gaps all show.
	for _, want := range []string{
		"Executive group › Treasurer: warning vacant-post",
		"error inactive-holder: held by Fyodor, who is arrested",
		"member Nikitich: warning jumble: performs 4 functions",
		"Vyborg district group: warning report-overdue",
		"Obukhov works subcommittee: warning contacts-not-deposited",
		"District propagandist: warning function-not-allowed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q", want)
		}
	}
}

func TestCheckJSONAndAsOf(t *testing.T) {
	t.Parallel()
	code, out, _ := orgplan(t, "check", "--format", "json", "--as-of", "1902-09-18", example1902)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var r struct {
		Format   string `json:"format"`
		AsOf     string `json:"asOf"`
		Errors   int    `json:"errors"`
		Warnings int    `json:"warnings"`
		Findings []struct {
			Check, Severity, Message, Path, Unit, Post, Member string
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Format != "orgplan-check/1" || r.AsOf != "1902-09-18" || r.Errors != 1 || len(r.Findings) != r.Errors+r.Warnings {
		t.Fatalf("report %+v", r)
	}
	// Two weeks earlier, fewer reports are overdue than on October 1.
	overdue := 0
	for _, f := range r.Findings {
		if f.Check == "report-overdue" {
			overdue++
		}
		if f.Check == "vacant-post" && (f.Unit == "" || f.Post == "") {
			t.Fatalf("a post finding without its location: %+v", f)
		}
	}
	// Vyborg (due 09-17), the army group (09-16) and the locomotive shop
	// circle (never reported).
	if overdue != 3 {
		t.Fatalf("%d overdue on 1902-09-18, want 3", overdue)
	}
	if code, _, errs := orgplan(t, "check", "--as-of", "soon", example1902); code != 2 || !strings.Contains(errs, "not a date") {
		t.Fatalf("bad --as-of: %d %q", code, errs)
	}
}

func TestCheckCleanPlanExitsZero(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := dir + "/p.json"
	os.WriteFile(path, []byte(`{"format":"orgplan/1","name":"Clean","members":[{"id":"m1","alias":"A"},{"id":"m2","alias":"B"}],
	 "units":[{"id":"u1","name":"Group","contactsDeposited":true,"posts":[{"id":"p1","title":"Organizer","holder":"m1","candidates":["m2"]}]}]}`), 0o600)
	code, out, _ := orgplan(t, "check", path)
	if code != 0 || !strings.Contains(out, "0 errors, 0 warnings") {
		t.Fatalf("exit %d: %s", code, out)
	}
}

func TestSimulateTheArrestOfTheExecutiveGroup(t *testing.T) {
	t.Parallel()
	code, out, errs := orgplan(t, "simulate", "--remove-unit", "u4", example1902)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"Removed (4): Yeryoma, Demyan, Baron, Sasha",
		"Who steps in (4):",
		"St. Petersburg Committee › Secretary: Yeryoma → Ira",
		"Not moved down (6):",
		"Posts left vacant (16):",
		"Units with no one left (3):",
		"Units cut off from the center (0):",
		"47 of 82 posts have someone ready (57%) → 41 of 82 (50%)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("simulate output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = orgplan(t, "simulate", "--remove", "m1,m2", "--format", "json", example1902)
	var r struct {
		Removed    []struct{ ID string }
		Promotions []struct {
			To struct{ ID string }
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || len(r.Removed) != 2 || len(r.Promotions) == 0 {
		t.Fatalf("json: exit %d %+v", code, r)
	}
}

func TestSimulateUsageErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"simulate", example1902},
		{"simulate", "--remove", "m1", "--remove-unit", "u4", example1902},
		{"simulate", "--remove", "m999", example1902},
		{"simulate", "--remove-unit", "u999", example1902},
		{"simulate", "--remove", "m1", "--format", "xml", example1902},
	} {
		if code, _, errs := orgplan(t, args...); code != 2 || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
			t.Errorf("%v: exit %d %q", args, code, errs)
		}
	}
}

// TestBinaryReportIsWhole runs the built binary, whose standard output is
// buffered: a report through a pipe is the report made in-process, to its
// last line, whether the command fails (check) or not (export).
func TestBinaryReportIsWhole(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"check", "--as-of", "1902-10-01", example1902},
		{"export", "--format", "markdown", example1902},
	} {
		wantCode, want, _ := orgplan(t, args...)
		got, err := exec.Command(binary(t), args...).Output()
		code := 0
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if code != wantCode || string(got) != want {
			t.Fatalf("%s: the binary exited %d with %d bytes, in-process %d with %d", args[0], code, len(got), wantCode, len(want))
		}
	}
}
