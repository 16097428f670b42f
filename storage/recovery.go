package storage

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/orgplan/orgplan/model"
)

// RecoveryPath is where the editor keeps the unsaved state of a plan: a
// hidden file next to it.
// The copy of an encrypted plan is encrypted too (its name ends in ".age").
func RecoveryPath(path string) string {
	p := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".orgplan-recover")
	if Encrypted(path) {
		p += ".age"
	}
	return p
}

// SaveRecovery writes a snapshot as the plan's recovery copy (0600,
// atomically, encrypted with the plan's key when the plan is). A symbolic
// link or another user's file in its place is refused.
func SaveRecovery(path string, d *FileDoc, key *Key) error {
	return WriteTo(RecoveryPath(path), WriteOptions{Target: Side, Replace: true, Key: key},
		func(w io.Writer) error { return writeDoc(w, d) })
}

// RemoveRecovery deletes the recovery copy, if any.
func RemoveRecovery(path string) error {
	err := os.Remove(RecoveryPath(path))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// FindRecovery returns the recovery copy of a plan when there is one newer
// than the file (or the file is gone), loaded and valid, with its time. A
// copy that is a symbolic link or belongs to another user is not ours and
// is never read: it could offer someone else's plan as the user's own
// unsaved work.
func FindRecovery(path string, key *Key) (*model.Org, time.Time, bool) {
	rp := RecoveryPath(path)
	rfi, err := os.Lstat(rp)
	if err != nil || !rfi.Mode().IsRegular() || !ownedByMe(rfi) {
		return nil, time.Time{}, false
	}
	if fi, err := os.Stat(path); err == nil && !rfi.ModTime().After(fi.ModTime()) {
		return nil, time.Time{}, false
	}
	o, err := LoadKeyed(rp, key)
	if err != nil {
		return nil, time.Time{}, false
	}
	return o, rfi.ModTime(), true
}
