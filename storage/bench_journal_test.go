package storage

import (
	"fmt"
	"testing"
	"time"

	"github.com/orgplan/orgplan/model"
)

// BenchmarkJournalVsCopy keeps one edit of a plan for recovery both ways,
// in turn: an entry appended to the journal and synced (what the editor
// does now), and the whole plan written as a recovery copy (what it did
// two seconds after each pause); it reports each and their ratio.
func BenchmarkJournalVsCopy(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			o, path := loadedSynth(b, n)
			base, _, err := HashFile(path)
			if err != nil {
				b.Fatal(err)
			}
			dir := b.TempDir()
			plan := dir + "/plan.json"
			j, _, err := CreateJournal(plan, "bench-1", &base, 0, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer j.Remove()
			op, err := model.MarshalOp(model.RenameUnit{ID: o.Units[0].ID, Name: "Renamed"})
			if err != nil {
				b.Fatal(err)
			}
			var journal, whole time.Duration
			seq := uint64(0)
			for b.Loop() {
				seq++
				t0 := time.Now()
				if err := j.Append(JournalEntry{Seq: seq, Op: op}); err != nil {
					b.Fatal(err)
				}
				journal += time.Since(t0)
				t0 = time.Now()
				if _, err := SaveRecovery(plan, "bench-2", Snapshot(o), nil); err != nil {
					b.Fatal(err)
				}
				whole += time.Since(t0)
			}
			b.ReportMetric(float64(journal.Microseconds())/float64(b.N), "journal-µs")
			b.ReportMetric(float64(whole.Milliseconds())/float64(b.N), "copy-ms")
			b.ReportMetric(float64(whole)/float64(journal), "copy/journal")
		})
	}
}
