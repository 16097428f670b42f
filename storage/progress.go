package storage

import (
	"fmt"
	"io"
	"sync/atomic"

	"github.com/dustin/go-humanize"
)

// Progress is how far a load has come, for a display to read while the
// load runs on another goroutine: a stage, and how much of it is done.
// A nil Progress records nothing.
type Progress struct {
	// seq is odd while a stage starts: a reader that sees it move reads
	// again, so that it never pairs one stage's counts with another's.
	seq         atomic.Uint64
	stage       atomic.Int32
	done, total atomic.Int64
}

// Stage is a step of a load, or of a save.
type Stage int32

// The stages of a load, in order: bytes read from the file, bytes
// decoded, units built, then the plan indexed and validated (no count: it
// is done when the load returns). Then those of a save: the snapshot
// taken (no count), bytes written.
const (
	StageRead Stage = iota
	StageDecode
	StageBuild
	StageIndex
	StageSnapshot
	StageWrite
)

// String names the stage as a display shows it.
func (s Stage) String() string {
	return [...]string{"reading", "decoding", "building units", "indexing", "taking a snapshot", "writing"}[s]
}

// Now is the stage and its counts (bytes, or units while building).
func (p *Progress) Now() (s Stage, done, total int64) {
	for {
		seq := p.seq.Load()
		if seq%2 == 1 {
			continue // a stage is starting
		}
		s, total, done = Stage(p.stage.Load()), p.total.Load(), p.done.Load()
		if p.seq.Load() == seq {
			return s, done, total
		}
	}
}

func (p *Progress) start(s Stage, total int64) {
	if p == nil {
		return
	}
	p.seq.Add(1)
	p.done.Store(0)
	p.total.Store(total)
	p.stage.Store(int32(s))
	p.seq.Add(1)
}

func (p *Progress) add(n int64) {
	if p != nil {
		p.done.Add(n)
	}
}

// countingWriter reports what is written through it.
type countingWriter struct {
	w io.Writer
	p *Progress
}

func (c countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.p.add(int64(n))
	return n, err
}

// counting reports what is read through it.
type counting struct {
	r io.Reader
	p *Progress
}

func (c counting) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.p.add(int64(n))
	return n, err
}

// stageWeight is each stage's share of a whole load, as measured at a
// million units (reading 4 s, decoding 14 s, building 2 s, indexing 8 s).
var stageWeight = [...]float64{StageRead: 0.14, StageDecode: 0.50, StageBuild: 0.08, StageIndex: 0.28, StageSnapshot: 0, StageWrite: 0}

// Fraction is how much of the whole load is done, from 0 to 1, each
// stage weighted by its share; indexing, which counts nothing, stays at
// its start until the load returns.
func (p *Progress) Fraction() float64 {
	stage, done, total := p.Now()
	f := 0.0
	for s := StageRead; s < stage; s++ {
		f += stageWeight[s]
	}
	if total > 0 && stage != StageIndex {
		f += stageWeight[stage] * min(float64(done)/float64(total), 1)
	}
	return f
}

// Counts says what the stage has done: bytes, or units.
func (p *Progress) Counts() string {
	stage, done, total := p.Now()
	switch {
	case stage == StageBuild && total > 0:
		return fmt.Sprintf("%s of %s units", humanize.Comma(done), humanize.Comma(total))
	case stage == StageIndex:
		return humanize.Comma(total) + " units"
	case stage == StageSnapshot:
		return ""
	case stage == StageWrite && total > 0:
		return fmt.Sprintf("%s of about %s", humanize.Bytes(uint64(done)), humanize.Bytes(uint64(total)))
	case stage == StageWrite:
		return humanize.Bytes(uint64(done))
	case total > 0:
		return fmt.Sprintf("%s of %s", humanize.Bytes(uint64(done)), humanize.Bytes(uint64(total)))
	}
	return ""
}
