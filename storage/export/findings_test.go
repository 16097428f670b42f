package export

import (
	"bytes"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
)

// The check report is written a finding at a time; it must read exactly
// as the whole CheckReport marshalled at once, for hostile names (every
// escape) and for a plan with no findings (an empty list).
func TestFindingsJSONIsTheWholeReport(t *testing.T) {
	t.Parallel()
	day := time.Date(1902, 12, 1, 0, 0, 0, 0, time.UTC)
	plans := []*model.Org{model.New("empty")}
	for _, s := range hostileStrings(t)[:80] {
		plans = append(plans, hostilePlan(t, s))
	}
	for _, o := range plans {
		fs := model.CheckAll(o, day)
		all := model.CheckPlan(o, day)
		errs, warns := model.Count(all)
		whole := CheckReport{Format: "orgplan-check/1", File: o.Name, AsOf: "1902-12-01",
			Errors: errs, Warnings: warns, Findings: []FindingReport{}}
		for _, f := range all {
			whole.Findings = append(whole.Findings, FindingReport{Check: f.Check, Severity: string(f.Severity),
				Message: f.Message, Path: f.Path, Unit: f.Unit, Post: f.Post, Member: f.Member})
		}
		var want, got bytes.Buffer
		if err := writeJSON(&want, whole); err != nil {
			t.Fatal(err)
		}
		if err := Findings(&got, "json", o.Name, day, fs); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("plan %q:\n got %s\nwant %s", o.Name, got.String(), want.String())
		}
	}
}
