package storage

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/dustin/go-humanize"

	"github.com/orgplan/orgplan/storage/visible"
)

// Every plan and CSV orgplan reads comes through openInput: only a regular
// file (or standard input), never more than MaxInput bytes. ReadInput
// reads it once and whole, and errors are located in what was read; a big
// plaintext plan is decoded as it is read instead (loadstream.go), and
// read whole only to locate a fault.

// MaxInput is the largest input read, in bytes; $ORGPLAN_MAX_INPUT (such
// as "8GiB") changes it.
var MaxInput int64 = 4 << 30

// MaxInputEnv names the environment variable that sets MaxInput.
const MaxInputEnv = "ORGPLAN_MAX_INPUT"

func init() {
	if v := os.Getenv(MaxInputEnv); v != "" {
		if n, err := humanize.ParseBytes(v); err == nil && n > 0 && n < 1<<62 {
			MaxInput = int64(n)
		}
	}
}

// Stdin names standard input as a FILE argument.
const Stdin = "-"

// ReadInput reads a whole input: the file at path, or stdin when path is
// "-". A FIFO, device, socket or folder is refused at once, without
// waiting on it; so is a file larger than MaxInput, before it is read.
func ReadInput(path string, stdin io.Reader) ([]byte, error) { return readInput(path, stdin, nil) }

// ReadInputProgress is ReadInput recording the bytes read in pr.
func ReadInputProgress(path string, stdin io.Reader, pr *Progress) ([]byte, error) {
	return readInput(path, stdin, pr)
}

func readInput(path string, stdin io.Reader, pr *Progress) ([]byte, error) {
	if path == Stdin {
		if stdin == nil {
			return nil, errors.New("standard input: nothing to read")
		}
		return readLimited("standard input", stdin, 0)
	}
	f, size, err := openInput(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pr.start(StageRead, size)
	return readLimited(path, counting{f, pr}, size)
}

// openInput opens the regular file at path, no larger than MaxInput, and
// says its size: what is read from a file, whole or as it is decoded,
// passes here.
func openInput(path string) (*os.File, int64, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNoBlock, 0)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("%s is %s; orgplan reads regular files, or standard input as -",
			visible.String(path), describeMode(fi.Mode()))
	}
	if fi.Size() > MaxInput {
		f.Close()
		return nil, 0, tooLarge(path)
	}
	return f, fi.Size(), nil
}

// readPiece is the most one read asks for.
const readPiece = 16 << 20

// readLimited reads r to its end, refusing more than MaxInput bytes.
// size is what the file says it holds (0 when unknown): the buffer is
// made at that size at once, since growing a gigabyte buffer by doubling
// costs seconds of copying and clearing.
func readLimited(name string, r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, max(size+1, 512))
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow, as a file may have grown
		}
		// In pieces, so that a display of the bytes read moves.
		n, err := r.Read(buf[len(buf):min(cap(buf), len(buf)+readPiece)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > MaxInput {
			return nil, tooLarge(name)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", visible.String(name), unwrapPath(err))
		}
	}
}

func tooLarge(name string) error {
	return fmt.Errorf("%s is larger than the input limit of %s; set %s to read it",
		visible.String(name), humanize.IBytes(uint64(MaxInput)), MaxInputEnv)
}
