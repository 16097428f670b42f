package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage/visible"
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

// SaveRecovery writes a whole plan as a session's recovery copy: a
// journal whose one entry is the plan (0600, atomically, encrypted with
// the plan's key when the plan is), next to the plan, or in the cache
// folder when that fails. A symbolic link or another user's file in its
// place is refused, never written through. It returns where it went.
func SaveRecovery(path, session string, d *FileDoc, key *Key) (string, error) {
	team := make([]string, len(d.Team))
	for i, t := range d.Team {
		team[i] = t.Recipient
	}
	j, where, err := CreateJournal(path, session, nil, 0, key, team)
	if err != nil {
		return "", err
	}
	defer j.Close()
	return where, j.Append(JournalEntry{Plan: d})
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

// Recovery is the unsaved work of a session that ended: the plan to
// start from (nil: the plan's file as it is) and the edits to apply to it,
// in order.
type Recovery struct {
	Plan *model.Org
	Ops  []model.Op
	At   time.Time // when it was last written
	From string    // the copy it was read from
}

// ReadRecovery reads one recovery copy: what it holds and, for a journal
// of edits to the plan's file, the file they apply to.
func ReadRecovery(copyPath string, key *Key) (*Recovery, *FileBase, error) {
	return readCopy(copyPath, key)
}

func readCopy(copyPath string, key *Key) (*Recovery, *FileBase, error) {
	data, err := ReadInput(copyPath, nil)
	if err != nil {
		return nil, nil, err
	}
	if !isJournal(data) { // a whole plan, as earlier versions wrote
		o, err := DecodeKeyed(copyPath, data, key)
		if err != nil {
			return nil, nil, err
		}
		return &Recovery{Plan: o, From: copyPath}, nil, nil
	}
	h, ops, plan, err := readJournal(copyPath, data, key)
	if err != nil {
		return nil, nil, err
	}
	if plan == nil && len(ops) == 0 {
		return nil, nil, fmt.Errorf("%s: no edits", visible.String(copyPath))
	}
	if plan != nil {
		h.Base = nil // the entries start from the plan, not the file
	}
	return &Recovery{Plan: plan, Ops: ops, From: copyPath}, h.Base, nil
}

// FindRecovery returns the newest recovery copy of a plan left by a
// session that has ended, when it holds work the file does not: a journal
// of edits to the file as it is now, or a whole plan newer than the file
// (or the file is gone). A running editor's copy is its own, never offered
// to another. A copy that is a symbolic link or belongs to another user is
// not ours and is never read: it could offer someone else's plan as the
// user's own unsaved work.
func FindRecovery(path string, key *Key) (*Recovery, bool) {
	var best *Recovery
	var file *FileBase // the plan's file, hashed once a journal needs it
	for _, rp := range RecoveryCopies(path) {
		if SessionAlive(sessionOf(rp)) {
			continue
		}
		rfi, err := os.Lstat(rp)
		if err != nil || !rfi.Mode().IsRegular() || !ownedByMe(rfi) || best != nil && !rfi.ModTime().After(best.At) {
			continue
		}
		fi, ferr := os.Stat(path)
		newer := ferr != nil || rfi.ModTime().After(fi.ModTime())
		rec, base, err := readCopy(rp, key)
		if err != nil {
			continue
		}
		rec.At = rfi.ModTime()
		if rec.Plan == nil {
			if base == nil {
				continue
			}
			if file == nil {
				b, _, err := HashFile(path)
				if err != nil {
					continue
				}
				file = &b
			}
			if *base != *file {
				continue // edits to another state of the file: a save since, or someone else's
			}
		} else if !newer {
			continue
		}
		best = rec
	}
	return best, best != nil
}
