package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-json-experiment/json"

	"github.com/orgplan/orgplan/model/synth"
	"github.com/orgplan/orgplan/storage"
)

// BenchmarkCommandsVsBare runs each command that reads a whole plan, in
// process with its output thrown away, alternated with the bare decode of
// the same file into the file structs, and reports each as a multiple of
// that decode: the "≤ 3× bare", and, across sizes, how each
// command scales. A million units with ORGPLAN_BENCH_1M=1 (minutes).
func BenchmarkCommandsVsBare(b *testing.B) {
	for _, n := range synth.BenchSizes(10_000, 100_000) {
		dir := b.TempDir()
		plan := filepath.Join(dir, "plan.json")
		f, err := os.Create(plan)
		if err != nil {
			b.Fatal(err)
		}
		if err := storage.WriteSource(f, synth.Draw(synth.Options{Units: n, Seed: 1})); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		csv := filepath.Join(dir, "plan.csv")
		if code := run([]string{"export", "--format", "csv", "-o", csv, plan}, nil, io.Discard, io.Discard); code != exitOK {
			b.Fatalf("export csv: exit %d", code)
		}
		for _, args := range [][]string{
			{"check", plan},
			{"check", "--format", "json", plan},
			{"simulate", "--remove-unit", "u2", plan},
			{"risk", plan},
			{"export", "--format", "json", plan},
			{"export", "--format", "csv", plan},
			{"export", "--format", "dot", plan},
			{"export", "--format", "mermaid", plan},
			{"export", "--format", "markdown", plan},
			{"import", csv},
			{"gen", "--units", fmt.Sprint(n)},
		} {
			name := strings.Join(args[:len(args)-1], " ")
			if args[0] == "gen" {
				name = "gen"
			}
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				var bare, cmd time.Duration
				for b.Loop() {
					bare += timed(b, func() { bareDecode(b, plan) })
					cmd += timed(b, func() {
						var stderr bytes.Buffer
						if code := run(args, nil, io.Discard, &stderr); code != exitOK && code != exitFindings {
							b.Fatalf("exit %d: %s", code, stderr.String())
						}
					})
				}
				b.ReportMetric(float64(bare.Milliseconds())/float64(b.N), "bare-ms")
				b.ReportMetric(float64(cmd.Milliseconds())/float64(b.N), "cmd-ms")
				b.ReportMetric(float64(cmd)/float64(bare), "cmd/bare")
			})
		}
	}
}

// timed runs fn from a collected heap, as a fresh process would start.
func timed(b *testing.B, fn func()) time.Duration {
	b.StopTimer()
	runtime.GC()
	b.StartTimer()
	t0 := time.Now()
	fn()
	return time.Since(t0)
}

// bareDecode reads the file and unmarshals it into the file structs: the
// least any command that reads the plan must do.
func bareDecode(b *testing.B, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var d storage.FileDoc
	if err := json.Unmarshal(data, &d); err != nil {
		b.Fatal(err)
	}
}
