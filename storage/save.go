package storage

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

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

// Save writes a plan over its own file, atomically.
func Save(path string, o *model.Org) error { return SaveSnapshot(path, Snapshot(o)) }

// Snapshot takes the file form of a plan as it is now. It shares strings
// and slices with the plan, which edits replace rather than change in
// place, so a snapshot can be written by another goroutine while editing
// goes on: the editor takes one in Update and saves it in a command.
func Snapshot(o *model.Org) *FileDoc { return fromModel(o) }

// SnapshotProgress is Snapshot, saying in pr that it is being taken.
func SnapshotProgress(o *model.Org, pr *Progress) *FileDoc {
	pr.start(StageSnapshot, 0)
	return fromModel(o)
}

// SaveSnapshot writes a snapshot over the plan's own file, encoding
// straight into the temporary file: a plan of 100,000 units is never held
// twice in memory.
func SaveSnapshot(path string, d *FileDoc) error { return SaveKeyed(path, d, nil) }

// FromSnapshot builds a plan from a snapshot, which it consumes.
func FromSnapshot(d *FileDoc) (*model.Org, error) {
	o := d.toModel(nil)
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
