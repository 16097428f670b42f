package export

import (
	"fmt"
	"io"
	"testing"

	"github.com/orgplan/orgplan/model/synth"
)

// BenchmarkExportFormats writes each export of a generated plan to
// nowhere; the memory it reports (B/op) is what a report holds at once.
func BenchmarkExportFormats(b *testing.B) {
	for _, n := range synth.BenchSizes(10_000, 100_000) {
		o := synth.Generate(synth.Options{Units: n, Seed: 1})
		for _, f := range []string{"markdown", "dot", "mermaid"} {
			b.Run(fmt.Sprintf("%s/%d", f, n), func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := Write(io.Discard, o, Options{Format: f}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
