package storage

import (
	"crypto/sha256"
	"encoding/hex"
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
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+recoverySuffix(path))
}

func recoverySuffix(path string) string {
	if Encrypted(path) {
		return ".orgplan-recover.age"
	}
	return ".orgplan-recover"
}

// CacheRecoveryPath is where the copy goes when the plan's folder cannot
// take it (read-only, or something else stands in its place): the user's
// cache folder, under a name made from the plan's absolute path.
func CacheRecoveryPath(path string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(dir, "orgplan", "recover", hex.EncodeToString(sum[:8])+"-"+filepath.Base(path)+recoverySuffix(path)), nil
}

// recoveryPaths lists where a plan's copy may be, in the order tried.
func recoveryPaths(path string) []string {
	ps := []string{RecoveryPath(path)}
	if c, err := CacheRecoveryPath(path); err == nil {
		ps = append(ps, c)
	}
	return ps
}

// SaveRecovery writes a snapshot as the plan's recovery copy (0600,
// atomically, encrypted with the plan's key when the plan is), next to
// the plan, or in the cache folder when that fails. A symbolic link or
// another user's file in its place is refused, never written through. It
// returns where the copy went.
func SaveRecovery(path string, d *FileDoc, key *Key) (string, error) {
	write := func(w io.Writer) error { return writeDoc(w, d) }
	opt := WriteOptions{Target: Side, Replace: true, Key: key}
	first := RecoveryPath(path)
	err := WriteTo(first, opt, write)
	if err == nil {
		_ = removeIfOurs(recoveryPaths(path)[1:]...) // best effort: an older copy in the cache is stale now
		return first, nil
	}
	cache, cerr := CacheRecoveryPath(path)
	if cerr != nil {
		return "", err
	}
	if mkErr := os.MkdirAll(filepath.Dir(cache), 0o700); mkErr != nil {
		return "", err
	}
	if cerr := WriteTo(cache, opt, write); cerr != nil {
		return "", errors.Join(err, cerr)
	}
	return cache, nil
}

// RemoveRecovery deletes the recovery copies, if any.
func RemoveRecovery(path string) error { return removeIfOurs(recoveryPaths(path)...) }

func removeIfOurs(paths ...string) error {
	var errs []error
	for _, p := range paths {
		fi, err := os.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() || !ownedByMe(fi) {
			continue // nothing, or not ours to remove
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// FindRecovery returns the newest recovery copy of a plan when it is newer
// than the file (or the file is gone), loaded and valid, with its time and
// path. A copy that is a symbolic link or belongs to another user is not
// ours and is never read: it could offer someone else's plan as the user's
// own unsaved work.
func FindRecovery(path string, key *Key) (*model.Org, time.Time, bool) {
	var best *model.Org
	var at time.Time
	for _, rp := range recoveryPaths(path) {
		rfi, err := os.Lstat(rp)
		if err != nil || !rfi.Mode().IsRegular() || !ownedByMe(rfi) || !rfi.ModTime().After(at) {
			continue
		}
		if fi, err := os.Stat(path); err == nil && !rfi.ModTime().After(fi.ModTime()) {
			continue
		}
		if o, err := LoadKeyed(rp, key); err == nil {
			best, at = o, rfi.ModTime()
		}
	}
	return best, at, best != nil
}
