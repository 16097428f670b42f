package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/orgplan/orgplan/model"
)

// Each editor session keeps its own recovery copy of the unsaved state
// of a plan: a hidden file next to it, named with the session (host and
// process), so that two editors of one file never overwrite, delete or
// offer each other's copies. The copy of an encrypted plan is encrypted
// too (its name ends in ".age").

// RecoveryPath is where a session keeps its copy of a plan.
func RecoveryPath(path, session string) string {
	return filepath.Join(filepath.Dir(path), recoveryPrefix(path)+session+ageSuffix(path))
}

// recoveryPrefix starts every recovery copy's name of a plan; the copies
// of sessions before there were sessions are this without the last dot.
func recoveryPrefix(path string) string { return "." + filepath.Base(path) + ".orgplan-recover." }

func ageSuffix(path string) string {
	if Encrypted(path) {
		return ".age"
	}
	return ""
}

// cacheDir is where copies go when the plan's folder cannot take them.
func cacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "orgplan", "recover"), nil
}

// cachePrefix names a plan's copies in the cache folder by its absolute
// path.
func cachePrefix(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs))
	return hex.EncodeToString(sum[:8]) + "-" + filepath.Base(path) + ".orgplan-recover.", nil
}

// CacheRecoveryPath is where the copy goes when the plan's folder cannot
// take it (read-only, or something else stands in its place): the user's
// cache folder, under a name made from the plan's absolute path.
func CacheRecoveryPath(path, session string) (string, error) {
	dir, err := cacheDir()
	if err != nil {
		return "", err
	}
	prefix, err := cachePrefix(path)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, prefix+session+ageSuffix(path)), nil
}

// recoveryPaths lists where a session's copy may be, in the order tried.
func recoveryPaths(path, session string) []string {
	ps := []string{RecoveryPath(path, session)}
	if c, err := CacheRecoveryPath(path, session); err == nil {
		ps = append(ps, c)
	}
	return ps
}

// RecoveryCopies lists every recovery copy of a plan, of any session,
// next to it and in the cache folder.
func RecoveryCopies(path string) []string {
	var out []string
	find := func(dir, prefix string) {
		es, _ := os.ReadDir(dir)
		for _, e := range es {
			name := e.Name()
			if strings.HasPrefix(name, prefix) || name == strings.TrimSuffix(prefix, ".")+ageSuffix(path) {
				if strings.HasSuffix(name, ".age") == Encrypted(path) {
					out = append(out, filepath.Join(dir, name))
				}
			}
		}
	}
	find(filepath.Dir(path), recoveryPrefix(path))
	if dir, err := cacheDir(); err == nil {
		if prefix, err := cachePrefix(path); err == nil {
			find(dir, prefix)
		}
	}
	return out
}

// sessionOf is the session a copy's name gives ("" for a copy from
// before there were sessions).
func sessionOf(copyPath string) string {
	name := strings.TrimSuffix(filepath.Base(copyPath), ".age")
	i := strings.LastIndex(name, ".orgplan-recover.")
	if i < 0 {
		return ""
	}
	return name[i+len(".orgplan-recover."):]
}

// SaveRecovery writes a snapshot as the plan's recovery copy (0600,
// atomically, encrypted with the plan's key when the plan is), next to
// the plan, or in the cache folder when that fails. A symbolic link or
// another user's file in its place is refused, never written through. It
// returns where the copy went.
func SaveRecovery(path, session string, d *FileDoc, key *Key) (string, error) {
	write := func(w io.Writer) error { return writeDoc(w, d) }
	opt := WriteOptions{Target: Side, Replace: true, Key: keyForDoc(key, d)}
	first := RecoveryPath(path, session)
	err := WriteTo(first, opt, write)
	if err == nil {
		_ = removeIfOurs(recoveryPaths(path, session)[1:]...) // best effort: an older copy in the cache is stale now
		return first, nil
	}
	cache, cerr := CacheRecoveryPath(path, session)
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

// RemoveRecovery deletes a session's recovery copies, if any: never
// another session's.
func RemoveRecovery(path, session string) error { return removeIfOurs(recoveryPaths(path, session)...) }

// RemoveCopy deletes one recovery copy (one FindRecovery offered, once
// restored or discarded), if it is a regular file of this user's.
func RemoveCopy(copyPath string) error { return removeIfOurs(copyPath) }

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

// FindRecovery returns the newest recovery copy of a plan left by a
// session that has ended, when it is newer than the file (or the file is
// gone), loaded and valid, with its time and path. A running editor's copy
// is its own, never offered to another. A copy that is a symbolic link or
// belongs to another user is not ours and is never read: it could offer
// someone else's plan as the user's own unsaved work.
func FindRecovery(path string, key *Key) (*model.Org, time.Time, string, bool) {
	var best *model.Org
	var at time.Time
	var where string
	for _, rp := range RecoveryCopies(path) {
		if SessionAlive(sessionOf(rp)) {
			continue
		}
		rfi, err := os.Lstat(rp)
		if err != nil || !rfi.Mode().IsRegular() || !ownedByMe(rfi) || !rfi.ModTime().After(at) {
			continue
		}
		if fi, err := os.Stat(path); err == nil && !rfi.ModTime().After(fi.ModTime()) {
			continue
		}
		if o, err := LoadKeyed(rp, key); err == nil {
			best, at, where = o, rfi.ModTime(), rp
		}
	}
	return best, at, where, best != nil
}
