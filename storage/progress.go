package storage

import (
	"io"
	"sync/atomic"
)

// Progress is how far a load has come, for a display to read while the
// load runs on another goroutine: a stage, and how much of it is done.
// A nil Progress records nothing.
type Progress struct {
	stage       atomic.Int32
	done, total atomic.Int64
}

// Stage is a step of a load.
type Stage int32

// The stages, in order: bytes read from the file, bytes decoded, units
// built, then the plan indexed and validated (no count: it is done when
// the load returns).
const (
	StageRead Stage = iota
	StageDecode
	StageBuild
	StageIndex
)

// String names the stage as a display shows it.
func (s Stage) String() string {
	return [...]string{"reading", "decoding", "building units", "indexing"}[s]
}

// Now is the stage and its counts (bytes, or units while building).
func (p *Progress) Now() (s Stage, done, total int64) {
	return Stage(p.stage.Load()), p.done.Load(), p.total.Load()
}

func (p *Progress) start(s Stage, total int64) {
	if p == nil {
		return
	}
	p.done.Store(0)
	p.total.Store(total)
	p.stage.Store(int32(s))
}

func (p *Progress) add(n int64) {
	if p != nil {
		p.done.Add(n)
	}
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
