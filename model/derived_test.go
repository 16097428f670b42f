package model_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
)

// TestDerivedMatchesFreshComputations: after each of 300 random edits and
// undos, Derived's checks, labor and vacancies equal ones computed afresh
// from the plan, and each part's stamp moved whenever that part changed.
func TestDerivedMatchesFreshComputations(t *testing.T) {
	t.Parallel()
	o := example(t, "st-petersburg-1902")
	day := time.Date(1902, 10, 1, 0, 0, 0, 0, time.UTC)
	d := model.NewDerived(o)
	d.RunChecks(day)
	var last [3]string
	var stamps [3]uint64
	randomEdits(o, 21, 300, func(step int) {
		d.Sync(day)
		fs := model.CheckPlan(o, day)
		if got, want := d.Checks().Len(), len(fs); got != want {
			t.Fatalf("step %d: %d findings kept, %d fresh", step, got, want)
		}
		for i := range fs {
			if d.Checks().At(i) != fs[i] {
				t.Fatalf("step %d: finding %d differs", step, i)
			}
		}
		fresh := [3]string{fmt.Sprintf("%+v", fs), fmt.Sprintf("%+v", model.NewLaborState(o).Summary(o, 3, 4)), fmt.Sprintf("%+v", model.Vacancies(o))}
		if got := fmt.Sprintf("%+v", d.Labor().Summary(o, 3, 4)); got != fresh[1] {
			t.Fatalf("step %d: labor differs", step)
		}
		if got := fmt.Sprintf("%+v", d.Vacancies()); got != fresh[2] {
			t.Fatalf("step %d: vacancies differ", step)
		}
		now := [3]uint64{d.ChecksStamp(), d.LaborStamp(), d.VacanciesStamp()}
		for i := range fresh {
			if step > 0 && fresh[i] != last[i] && now[i] == stamps[i] {
				t.Fatalf("step %d: part %d changed but its stamp stayed at %d", step, i, now[i])
			}
		}
		last, stamps = fresh, now
	})
}
