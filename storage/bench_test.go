package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/go-json-experiment/json"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/model/synth"
	"github.com/orgplan/orgplan/storage/storagetest"
)

func BenchmarkLoadExample(b *testing.B) {
	data, _ := examples.Get(examples.Default)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode("x", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSaveExample(b *testing.B) {
	data, _ := examples.Get(examples.Default)
	o, err := Decode("x", data)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "plan.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if err := Save(path, o); err != nil {
			b.Fatal(err)
		}
	}
}

// synthetic plans are generated once per size and kept on disk for the
// whole benchmark run.
var (
	synthMu    sync.Mutex
	synthFiles = map[int]string{}
)

func synthFile(b *testing.B, units int) string {
	b.Helper()
	synthMu.Lock()
	defer synthMu.Unlock()
	if p, ok := synthFiles[units]; ok {
		return p
	}
	dir, err := storagetest.Dir("orgplan-bench")
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(dir, fmt.Sprintf("synth-%d.json", units))
	if err := Save(p, synth.Generate(synth.Options{Units: units, Seed: 1})); err != nil {
		b.Fatal(err)
	}
	synthFiles[units] = p
	return p
}

var sizes = synth.BenchSizes(10_000, 100_000)

// settle collects the previous iteration's plan outside the timing, so
// that each load starts from the same empty heap, as a program does.
func settle(b *testing.B) {
	b.StopTimer()
	runtime.GC()
	b.StartTimer()
}

// BenchmarkUnmarshalBare is the reference: JSON v2 into the file structs,
// nothing else.
func BenchmarkUnmarshalBare(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			data, err := os.ReadFile(synthFile(b, n))
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				settle(b)
				var d FileDoc
				if err := json.Unmarshal(data, &d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoad is Load from disk: read, decode strictly, convert,
// index and validate.
func BenchmarkLoad(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			path := synthFile(b, n)
			fi, _ := os.Stat(path)
			b.SetBytes(fi.Size())
			for b.Loop() {
				settle(b)
				if _, err := Load(path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSave is Save: encode and write atomically with fsync.
func BenchmarkSave(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			o, _ := loadedSynth(b, n)
			out := filepath.Join(b.TempDir(), "out.json")
			for b.Loop() {
				if err := Save(out, o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoadVsBare alternates the bare unmarshal and Load of the same
// file, each from a collected heap, and reports how many times the bare
// time Load takes: drifts in the machine's speed touch both alike.
func BenchmarkLoadVsBare(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			path := synthFile(b, n)
			bare, load := againstBare(b, path, func() {
				if _, err := Load(path); err != nil {
					b.Fatal(err)
				}
			})
			b.ReportMetric(float64(bare.Milliseconds())/float64(b.N), "bare-ms")
			b.ReportMetric(float64(load.Milliseconds())/float64(b.N), "load-ms")
			b.ReportMetric(float64(load)/float64(bare), "load/bare")
		})
	}
}

// againstBare alternates the bare unmarshal of the file at path and work,
// each from a collected heap, and returns the time of each.
func againstBare(b *testing.B, path string, work func()) (bare, worked time.Duration) {
	for b.Loop() {
		settle(b)
		bare += bareUnmarshal(b, path)
		settle(b)
		t0 := time.Now()
		work()
		worked += time.Since(t0)
	}
	return bare, worked
}

// loadedSynth is the synthetic plan of n units, loaded, and its file.
func loadedSynth(b *testing.B, n int) (*model.Org, string) {
	path := synthFile(b, n)
	o, err := Load(path)
	if err != nil {
		b.Fatal(err)
	}
	return o, path
}

// bareUnmarshal times the unmarshal alone of a file read beforehand; what
// it decoded is garbage once it returns.
func bareUnmarshal(b *testing.B, path string) time.Duration {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	var d FileDoc
	if err := json.Unmarshal(data, &d); err != nil {
		b.Fatal(err)
	}
	return time.Since(t0)
}

// BenchmarkDiffAndMerge compares and merges two versions of a plan that
// differ from it in 100 places each (renames, holders, moves), and
// reports each as a multiple of loading the three files, timed in the
// same loop.
func BenchmarkDiffAndMerge(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			base, err := Load(synthFile(b, n))
			if err != nil {
				b.Fatal(err)
			}
			var units []*model.Unit
			base.Walk(func(u *model.Unit) bool { units = append(units, u); return true })
			paths := []string{filepath.Join(dir, "base.json"), filepath.Join(dir, "ours.json"), filepath.Join(dir, "theirs.json")}
			for i, path := range paths {
				o := base.Clone()
				for k := range 100 * min(i, 1) {
					u := units[(k*7919+i*104729)%len(units)]
					_, _ = o.Apply(model.RenameUnit{ID: u.ID, Name: fmt.Sprintf("renamed %d by %d", k, i)})
					if len(u.Posts) > 0 {
						_, _ = o.Apply(model.SetPeople{Post: u.Posts[0].ID, Holder: ""})
					}
				}
				if err := Save(path, o); err != nil {
					b.Fatal(err)
				}
			}
			var load, diff, merge time.Duration
			for b.Loop() {
				settle(b)
				t0 := time.Now()
				var sides [3]*model.Org
				for i, p := range paths {
					if sides[i], err = Load(p); err != nil {
						b.Fatal(err)
					}
				}
				load += time.Since(t0)
				t0 = time.Now()
				if cs := model.Diff(sides[0], sides[1]); len(cs) == 0 {
					b.Fatal("no changes")
				}
				diff += time.Since(t0)
				t0 = time.Now()
				if _, _, err := model.Merge(sides[0], sides[1], sides[2]); err != nil {
					b.Fatal(err)
				}
				merge += time.Since(t0)
			}
			b.ReportMetric(float64(diff)/float64(load), "diff/load3")
			b.ReportMetric(float64(merge)/float64(load), "merge/load3")
			b.ReportMetric(float64(load.Milliseconds())/float64(b.N), "load3-ms")
		})
	}
}

// BenchmarkSnapshot is taking the file form of a loaded plan (what a save
// does while an edit waits), reported as a share of the bare unmarshal of
// the same file, timed in the same loop.
func BenchmarkSnapshot(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			o, path := loadedSynth(b, n)
			bare, snap := againstBare(b, path, func() { _ = Snapshot(o) })
			b.ReportMetric(float64(snap.Microseconds())/1e3/float64(b.N), "snap-ms")
			b.ReportMetric(float64(snap)/float64(bare), "snap/bare")
		})
	}
}
