package storage

import (
	"errors"
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
// atomically, encrypted with the plan's key when the plan is).
func SaveRecovery(path string, d *FileDoc, key *Key) error {
	return SaveKeyed(RecoveryPath(path), d, key)
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
// than the file (or the file is gone), loaded and valid, with its time.
func FindRecovery(path string, key *Key) (*model.Org, time.Time, bool) {
	rfi, err := os.Stat(RecoveryPath(path))
	if err != nil {
		return nil, time.Time{}, false
	}
	if fi, err := os.Stat(path); err == nil && !rfi.ModTime().After(fi.ModTime()) {
		return nil, time.Time{}, false
	}
	o, err := LoadKeyed(RecoveryPath(path), key)
	if err != nil {
		return nil, time.Time{}, false
	}
	return o, rfi.ModTime(), true
}
