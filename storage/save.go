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

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/google/renameio/v2"

	"github.com/orgplan/orgplan/model"
)

// Encode writes the canonical form of a plan: fixed field order, two-space
// indent, a trailing newline.
func Encode(o *model.Org) ([]byte, error) {
	b, err := json.Marshal(fromModel(o), jsontext.WithIndent("  "))
	if err != nil {
		return nil, fmt.Errorf("encode plan: %w", err)
	}
	return append(b, '\n'), nil
}

// Save writes a plan to path atomically.
func Save(path string, o *model.Org) error { return SaveSnapshot(path, Snapshot(o)) }

// Snapshot takes the file form of a plan as it is now. It shares strings
// and slices with the plan, which edits replace rather than change in
// place, so a snapshot can be written by another goroutine while editing
// goes on: the editor takes one in Update and saves it in a command.
func Snapshot(o *model.Org) *FileDoc { return fromModel(o) }

// SaveSnapshot writes a snapshot atomically, encoding straight into the
// temporary file: a plan of 100,000 units is never held twice in memory.
func SaveSnapshot(path string, d *FileDoc) error {
	return writeAtomic(path, func(w io.Writer) error { return writeDoc(w, d) })
}

// FromSnapshot builds a plan from a snapshot, which it consumes.
func FromSnapshot(d *FileDoc) (*model.Org, error) {
	o := d.toModel()
	if probs := o.Reindex(); len(probs) > 0 {
		return nil, probs[0]
	}
	return o, nil
}

// Write encodes a plan's canonical form to w as it goes.
func Write(w io.Writer, o *model.Org) error { return writeDoc(w, Snapshot(o)) }

func writeDoc(w io.Writer, d *FileDoc) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := json.MarshalWrite(bw, d, jsontext.WithIndent("  ")); err != nil {
		return fmt.Errorf("encode plan: %w", err)
	}
	if err := bw.WriteByte('\n'); err != nil {
		return err
	}
	return bw.Flush()
}

// NewFileMode is the mode of files orgplan creates: membership lists are
// sensitive, so only the owner may read them.
const NewFileMode fs.FileMode = 0o600

// WriteFileAtomic replaces path with data so that a crash at any moment
// leaves either the old file or the new one: a temporary file in the same
// folder, fsync, rename over the target, fsync of the folder. A new file is
// created 0600; an existing file keeps its mode. A symbolic link is followed
// and its target replaced, so that the link survives.
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

func writeAtomic(path string, write func(io.Writer) error) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir := filepath.Dir(path)
	f, err := renameio.NewPendingFile(path,
		renameio.WithTempDir(dir),
		renameio.WithStaticPermissions(NewFileMode),
		renameio.WithExistingPermissions())
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer f.Cleanup() //nolint:errcheck // a no-op once replaced; nothing to do on failure
	if err := write(f); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := f.CloseAtomicallyReplace(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	sweepTemps(dir, filepath.Base(path))
	return syncDir(dir)
}

// sweepTemps removes the temporary files of saves that were killed before
// their rename: ".plan.json" followed by digits, next to the file.
func sweepTemps(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, prefix) || len(n) == len(prefix) || !e.Type().IsRegular() {
			continue
		}
		if strings.Trim(n[len(prefix):], "0123456789") == "" {
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
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
