package storage

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/renameio/v2"

	"github.com/orgplan/orgplan/storage/visible"
)

// Every file orgplan writes goes through WriteTo: saves, exports, imports,
// generated plans and recovery copies. What may happen to what is already
// at the path depends on who named it.

// Target says who chose a path, and so what a write may do to it.
type Target int

const (
	// Output is a path the user named (-o, new, import, save as): "-" is
	// standard output; an existing device, FIFO or descriptor link is
	// written in place, never replaced; an existing regular file only with
	// Replace.
	Output Target = iota
	// Plan is the plan's own file, replaced atomically (through a symbolic
	// link the user opened it by), keeping mode, owner and group.
	Plan
	// Side is a file orgplan names itself next to the plan (recovery copy,
	// the editor's exports): a symbolic link, a special file or another
	// user's file in its place is refused, never followed.
	Side
)

// WriteOptions say how to write one file.
type WriteOptions struct {
	Target  Target
	Replace bool      // an existing regular file may be replaced
	Stdout  io.Writer // where "-" goes (Output only)
	Key     *Key      // encrypts; required when the path ends in .age
	// Exclusive creates the file where it is, failing with fs.ErrExist
	// when anything is there (a lock: two editors racing, one wins).
	Exclusive bool
	// Sealed says that what write produces is encrypted where it must be
	// already (a journal's entries), so the file is not encrypted whole.
	Sealed bool
}

// ExistsError is a refusal to replace an existing regular file.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return visible.String(e.Path) + " already exists" }

// WriteTo writes what write produces to path by the rules of its Target.
// A new or replaced file is written atomically: a temporary file in the
// same folder (created exclusively, 0600), fsync, rename, fsync of the
// folder, so that a crash leaves the old file or the new one.
func WriteTo(path string, opt WriteOptions, write func(io.Writer) error) error {
	if (Encrypted(path) || opt.Key != nil) && !opt.Sealed {
		if opt.Key == nil {
			return ErrNeedKey
		}
		write = encrypting(opt.Key, write)
	}
	if path == "-" && opt.Target == Output && opt.Stdout != nil {
		bw := bufio.NewWriterSize(opt.Stdout, 1<<16)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if opt.Exclusive {
		return createExclusive(path, write)
	}
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return replace(path, nil, write)
	case err != nil:
		return fmt.Errorf("write %s: %w", visible.String(path), unwrapPath(err))
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		if opt.Target == Side {
			return fmt.Errorf("%s is a symbolic link; orgplan does not write through it", visible.String(path))
		}
		// Stat follows the link the way the kernel does, /proc's
		// descriptor links included.
		if fi, err = os.Stat(path); err != nil {
			return fmt.Errorf("write %s: %w", visible.String(path), unwrapPath(err))
		}
		if fi.Mode().IsRegular() {
			target, err := filepath.EvalSymlinks(path)
			if err != nil {
				return fmt.Errorf("write %s: %w", visible.String(path), unwrapPath(err))
			}
			path = target
		}
	}
	if !fi.Mode().IsRegular() {
		if opt.Target != Output {
			return fmt.Errorf("%s is %s, not a regular file; not written", visible.String(path), describeMode(fi.Mode()))
		}
		return writeInPlace(path, write)
	}
	if opt.Target == Side && !ownedByMe(fi) {
		return fmt.Errorf("%s belongs to another user; not written", visible.String(path))
	}
	if !opt.Replace && opt.Target != Plan {
		return &ExistsError{Path: path}
	}
	return replace(path, fi, write)
}

// createExclusive creates a new file, 0600, and never opens what is there
// (O_EXCL fails on a symbolic link too).
func createExclusive(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	err = write(f)
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
	}
	return err
}

// writeInPlace writes into a device, FIFO or descriptor: these are never
// renamed over, which would turn /dev/null into a regular file.
func writeInPlace(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", visible.String(path), unwrapPath(err))
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", visible.String(path), unwrapPath(err))
	}
	return nil
}

// replace writes a temporary file and renames it over path. old is the
// file being replaced, whose mode, owner and group the new one takes.
func replace(path string, old fs.FileInfo, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	perm := NewFileMode
	if old != nil {
		perm = old.Mode().Perm()
	}
	// Created 0600 and exclusively, then given its mode: never readable by
	// others while the plan is being written.
	f, err := renameio.NewPendingFile(path, renameio.WithTempDir(dir), renameio.WithStaticPermissions(perm))
	if err != nil {
		return fmt.Errorf("write %s: %w", visible.String(path), unwrapPath(err))
	}
	defer f.Cleanup() //nolint:errcheck // a no-op once replaced; nothing to do on failure
	if old != nil {
		keepOwner(f.File, old)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.CloseAtomicallyReplace()
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", visible.String(path), unwrapPath(err))
	}
	SweepTemps(path)
	return syncDir(dir)
}

func encrypting(key *Key, write func(io.Writer) error) func(io.Writer) error {
	return func(w io.Writer) error {
		ew, err := encryptTo(w, key)
		if err != nil {
			return err
		}
		if err := write(ew); err != nil {
			return err
		}
		return ew.Close()
	}
}

// tempAge is how long a temporary file must have been left alone before
// it counts as a killed save's: one being written is newer than that.
const tempAge = time.Minute

// SweepTemps removes the temporary files that killed saves of path left
// next to it: ".plan.json" followed by digits, regular, untouched for a
// minute. The editor calls it when it opens a plan; every save does too.
func SweepTemps(path string) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, prefix) || len(n) == len(prefix) || !e.Type().IsRegular() ||
			strings.Trim(n[len(prefix):], "0123456789") != "" {
			continue
		}
		if fi, err := e.Info(); err == nil && time.Since(fi.ModTime()) >= tempAge {
			os.Remove(filepath.Join(dir, n))
		}
	}
}

// syncDir makes the rename itself durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", visible.String(dir), err)
	}
	return nil
}

// unwrapPath drops the path an fs.PathError repeats, since messages name
// the file themselves (quoted).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

func describeMode(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a folder"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}
