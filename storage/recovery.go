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
func RecoveryPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".orgplan-recover")
}

// SaveRecovery writes a snapshot as the plan's recovery copy (0600,
// atomically).
func SaveRecovery(path string, d *FileDoc) error { return SaveSnapshot(RecoveryPath(path), d) }

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
func FindRecovery(path string) (*model.Org, time.Time, bool) {
	rfi, err := os.Stat(RecoveryPath(path))
	if err != nil {
		return nil, time.Time{}, false
	}
	if fi, err := os.Stat(path); err == nil && !rfi.ModTime().After(fi.ModTime()) {
		return nil, time.Time{}, false
	}
	o, err := Load(RecoveryPath(path))
	if err != nil {
		return nil, time.Time{}, false
	}
	return o, rfi.ModTime(), true
}
