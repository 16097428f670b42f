package storage

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/orgplan/orgplan/storage/storagetest"
)

// loadChild loads one file and exits: 0 loaded, 2 refused. The parent
// reads its peak memory from the kernel.
func loadChild(path string) {
	if _, err := Load(path); err != nil {
		fmt.Fprintln(os.Stderr, strings.SplitN(err.Error(), "\n", 2)[0])
		os.Exit(2)
	}
	os.Exit(0)
}

// BenchmarkLoadPeakMemory loads each file in a fresh process and reports
// its peak resident memory, and that as a multiple of the file's size:
// the 100k plan, and a hostile file of one 1 GiB string (refused),
// written for the run into its temporary folder.
func BenchmarkLoadPeakMemory(b *testing.B) {
	dir, err := storagetest.Dir("orgplan-bench")
	if err != nil {
		b.Fatal(err)
	}
	hostile := filepath.Join(dir, "1gib-string.json")
	f, err := os.Create(hostile)
	if err != nil {
		b.Fatal(err)
	}
	f.WriteString(`{"format":"orgplan/1","name":"`)
	chunk := bytes.Repeat([]byte("x"), 1<<20)
	for range 1 << 10 {
		f.Write(chunk)
	}
	f.WriteString(`"}`)
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name, path string
		refused    bool
	}{{"100k", synthFile(b, 100_000), false}, {"1GiB-string", hostile, true}} {
		// A child's peak counts what the parent held when it forked.
		debug.FreeOSMemory()
		b.Run(c.name, func(b *testing.B) {
			fi, _ := os.Stat(c.path)
			var peak int64
			var took time.Duration
			for b.Loop() {
				cmd := exec.Command(os.Args[0], "-test.run=^$")
				cmd.Env = append(os.Environ(), "ORGPLAN_LOAD_CHILD="+c.path)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				t0 := time.Now()
				err := cmd.Run()
				took += time.Since(t0)
				if (err != nil) != c.refused {
					b.Fatalf("refused %v, want %v: %s", err != nil, c.refused, stderr.String())
				}
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					peak = max(peak, ru.Maxrss*1024)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
			b.ReportMetric(float64(peak)/float64(fi.Size()), "peak/file")
			b.ReportMetric(took.Seconds()/float64(b.N), "s/load")
		})
	}
}
