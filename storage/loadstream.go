package storage

import (
	"errors"
	"io"
	"slices"
	"sync/atomic"

	"github.com/go-json-experiment/json"

	"github.com/orgplan/orgplan/model"
)

// A big plan is decoded as it is read, never held whole as text: at a
// million units the text is 1.7 GB, more than the plan it makes. Only a
// plan without fault is taken that way; on the first fault the file is
// read again, whole, to say where each problem is, just as a small plan.

// streamFrom is the size of file decoded as it is read.
const streamFrom = collectAfter

// loadStream decodes the plaintext plan at path as it reads it, and says
// false when it did not: a file smaller than from bytes, encrypted or
// faulty, which the caller reads whole.
func loadStream(path string, pr *Progress, from int64) (*model.Org, bool) {
	if path == Stdin || Encrypted(path) {
		return nil, false
	}
	f, size, err := openInput(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	if size < from || size < 1 {
		return nil, false
	}
	head := make([]byte, min(size, 512))
	if _, err := f.ReadAt(head, 0); err != nil || EncryptedData(head) {
		return nil, false
	}
	// A limit of 1.25 of the text cost no time at a million units and
	// 0.7 GB less than the twice of a whole read, when the file structs
	// were held beside the plan (0.9 of the text); the units are made as
	// they are decoded now, and the plan is 0.8 of it.
	defer tuneCollector(size + size/4 + 64<<20)()
	// Each reader has its own offset (pread): the shape pass reads the
	// file a second time on the other core, from the page cache.
	// A fault the shape pass finds stops the decoder too: it may be a
	// gigabyte string, which the decoder would buffer whole.
	shape := make(chan bool, 1)
	var fault atomic.Bool
	go func() {
		ok := shapeClean(io.NewSectionReader(f, 0, size), shapePiece)
		fault.Store(!ok)
		shape <- ok
	}()
	pr.start(StageDecode, size)
	var d FileDoc
	var ud unitDecoder
	in := stoppable{io.NewSectionReader(f, 0, size), &fault}
	err = json.UnmarshalRead(counting{in, pr}, &d, json.RejectUnknownMembers(true), ud.decodeOption())
	clean := <-shape
	if err != nil || !clean || formatProblem(d.Format) != "" {
		return nil, false
	}
	o, err := fromDecoded(&d, &ud, pr)
	if err != nil {
		return nil, false
	}
	d = FileDoc{}
	collectSoon()
	return o, true
}

// shapePiece is how much of the file the shape pass reads at a time.
const shapePiece = 4 << 20

// shapeClean runs the shape pass over r in pieces of piece bytes, and
// says whether it found nothing wrong.
func shapeClean(r io.Reader, piece int) bool {
	var s shapeScan
	buf := make([]byte, 0, piece)
	for {
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		final := err == io.EOF
		if err != nil && !final {
			return false
		}
		k := s.scan(buf, final)
		if final || s.stopped {
			return len(s.probs) == 0
		}
		s.keep()
		buf = buf[:copy(buf, buf[k:])]
		if len(buf) == cap(buf) {
			// One token fills the piece: a string, too long unless the
			// piece is smaller than the longest string allowed.
			if len(buf) > longText {
				return false
			}
			buf = slices.Grow(buf, piece)
		}
	}
}

// stoppable reads r until stop is set.
type stoppable struct {
	r    io.Reader
	stop *atomic.Bool
}

var errStopped = errors.New("stopped: the file has a fault")

func (s stoppable) Read(p []byte) (int, error) {
	if s.stop.Load() {
		return 0, errStopped
	}
	return s.r.Read(p)
}
