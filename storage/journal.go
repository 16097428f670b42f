package storage

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"filippo.io/age"
	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage/visible"
)

// A session's recovery copy is a journal: the edits made since the plan
// was opened or saved, appended as they are made and fsynced, so that a
// pause costs a line, not a rewrite of the plan. Its first line says which
// file the edits apply to (its size and SHA-256) and how far that file
// goes; each line after is one entry: an op, or a whole plan when the
// edits cannot be told as ops (a plan with no file yet, a file changed on
// disk, a conflict's resolution undone). Replayed in order the entries
// give the plan as it was at the last one; a line cut short by a crash,
// and whatever follows it, is not read, so a recovery is always the plan
// after some prefix of the edits. A save compacts the journal to the
// edits made since the state it saved.
//
// For an encrypted plan every entry is encrypted with age to a key made
// for the journal, and that key, in the first line, to the plan's own
// key: a passphrase's scrypt runs once per journal, not once per edit.

// journalVersion is the journal's format; a journal of another is not
// read.
const journalVersion = 1

// journalMagic starts every journal, telling it from the whole-plan
// recovery copies of earlier versions.
var journalMagic = []byte(`{"orgplan-journal":`)

// FileBase names the file a journal's edits apply to.
type FileBase struct {
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

type journalHeader struct {
	Version int       `json:"orgplan-journal"`
	Base    *FileBase `json:"base"`          // nil: the entries start with a plan
	Seq     uint64    `json:"seq"`           // the base is the plan at this entry
	Key     string    `json:"key,omitempty"` // the entries' key, encrypted to the plan's
}

// JournalEntry is one entry: the op applied to make edit number Seq
// (model.MarshalOp's data), or the whole plan as it was then.
type JournalEntry struct {
	Seq  uint64
	Op   []byte
	Plan *FileDoc
}

type entryLine struct {
	Seq  uint64         `json:"seq"`
	Op   jsontext.Value `json:"op,omitzero"`
	Plan *FileDoc       `json:"plan,omitzero"`
}

// Journal is a session's journal, open for appending.
type Journal struct {
	path   string
	f      *os.File
	header journalHeader
	to     age.Recipient // nil for a plan that is not encrypted
	kept   []keptLine    // the entries since the base, for compaction
}

type keptLine struct {
	seq  uint64
	line []byte
}

// HashFile names the file at path as a journal's base. It refuses what
// is not a regular file, and a file that changed while it was read.
func HashFile(path string) (FileBase, time.Time, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNoBlock, 0)
	if err != nil {
		return FileBase{}, time.Time{}, err
	}
	defer f.Close()
	before, err := f.Stat()
	if err != nil {
		return FileBase{}, time.Time{}, err
	}
	if !before.Mode().IsRegular() {
		return FileBase{}, time.Time{}, fmt.Errorf("%s is not a regular file", visible.String(path))
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return FileBase{}, time.Time{}, err
	}
	after, err := os.Stat(path)
	if err != nil || n != before.Size() || after.Size() != n || !after.ModTime().Equal(before.ModTime()) {
		return FileBase{}, time.Time{}, fmt.Errorf("%s changed while it was read", visible.String(path))
	}
	return FileBase{Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, before.ModTime(), nil
}

// CreateJournal starts a session's journal of the plan at path, next to
// it or, when its folder refuses, in the cache folder (where says which),
// replacing the session's earlier one: its edits apply to base (nil when
// its first entry will be a whole plan), the plan at entry seq. key is
// the plan's (nil when it is not encrypted) and team its organizers' keys.
func CreateJournal(path, session string, base *FileBase, seq uint64, key *Key, team []string) (j *Journal, where string, err error) {
	j = &Journal{header: journalHeader{Version: journalVersion, Base: base, Seq: seq}}
	if key != nil || Encrypted(path) {
		if key == nil {
			return nil, "", ErrNeedKey
		}
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return nil, "", err
		}
		var sealed bytes.Buffer
		w, err := encryptTo(&sealed, teamKey(key, team))
		if err == nil {
			_, err = io.WriteString(w, id.String())
		}
		if err == nil {
			err = w.Close()
		}
		if err != nil {
			return nil, "", err
		}
		j.header.Key, j.to = base64.StdEncoding.EncodeToString(sealed.Bytes()), id.Recipient()
	}
	for i, p := range recoveryPaths(path, session) {
		if i > 0 {
			if mkErr := os.MkdirAll(filepath.Dir(p), 0o700); mkErr != nil {
				break
			}
		}
		j.path = p
		if werr := j.rewrite(); werr != nil {
			err = errors.Join(err, werr)
			continue
		}
		if i == 0 {
			_ = removeIfOurs(recoveryPaths(path, session)[1:]...) // best effort: an older copy in the cache is stale now
		}
		return j, p, nil
	}
	return nil, "", err
}

// rewrite writes the journal whole, atomically (its header and the entries
// kept), and opens it for appending.
func (j *Journal) rewrite() error {
	if j.f != nil {
		_ = j.f.Close() // replaced below; every append was synced
		j.f = nil
	}
	head, err := json.Marshal(j.header)
	if err != nil {
		return err
	}
	err = WriteTo(j.path, WriteOptions{Target: Side, Replace: true, Sealed: true}, func(w io.Writer) error {
		if _, err := w.Write(append(head, '\n')); err != nil {
			return err
		}
		for _, k := range j.kept {
			if _, err := w.Write(k.line); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_APPEND|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || !ownedByMe(fi) {
		f.Close()
		return fmt.Errorf("%s is not this user's regular file; not written", visible.String(j.path))
	}
	j.f = f
	return nil
}

// Append adds entries to the journal and syncs it: when it returns, a
// crash keeps them.
func (j *Journal) Append(es ...JournalEntry) error {
	if j.f == nil {
		if err := j.rewrite(); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	start := len(j.kept)
	for _, e := range es {
		line, err := j.seal(e)
		if err != nil {
			j.kept = j.kept[:start]
			return err
		}
		buf.Write(line)
		j.kept = append(j.kept, keptLine{seq: e.Seq, line: line})
	}
	if _, err := j.f.Write(buf.Bytes()); err != nil {
		j.kept = j.kept[:start]
		return fmt.Errorf("write %s: %w", visible.String(j.path), unwrapPath(err))
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", visible.String(j.path), unwrapPath(err))
	}
	return nil
}

// seal makes an entry's line: JSON, encrypted and base64 for an encrypted
// plan.
func (j *Journal) seal(e JournalEntry) ([]byte, error) {
	b, err := json.Marshal(entryLine{Seq: e.Seq, Op: e.Op, Plan: e.Plan})
	if err != nil {
		return nil, fmt.Errorf("journal entry: %w", err)
	}
	if j.to != nil {
		var sealed bytes.Buffer
		w, err := age.Encrypt(&sealed, j.to)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		b = base64.StdEncoding.AppendEncode(nil, sealed.Bytes())
	}
	return append(b, '\n'), nil
}

// Rebase compacts the journal once the plan's file holds the plan at entry
// seq: the entries after it are kept, now applying to base. With none
// left the journal is removed (gone reports it): nothing is unsaved; the
// next Append starts it again.
func (j *Journal) Rebase(base FileBase, seq uint64) (gone bool, err error) {
	keep := j.kept[:0:0]
	for _, k := range j.kept {
		if k.seq > seq {
			keep = append(keep, k)
		}
	}
	j.kept, j.header.Base, j.header.Seq = keep, &base, seq
	if len(keep) == 0 {
		return true, j.Remove()
	}
	return false, j.rewrite()
}

// Remove closes the journal and deletes it.
func (j *Journal) Remove() error {
	j.Close()
	return removeIfOurs(j.path)
}

// Close closes the journal, leaving it for a recovery.
func (j *Journal) Close() {
	if j.f != nil {
		_ = j.f.Close() // every append was synced
		j.f = nil
	}
}

// Path is where the journal is.
func (j *Journal) Path() string { return j.path }

// isJournal says whether a recovery copy's bytes are a journal.
func isJournal(data []byte) bool { return bytes.HasPrefix(data, journalMagic) }

// readJournal reads a journal's base and the entries after it, as far as
// they are whole: a line cut short, or one that does not read, ends it.
func readJournal(name string, data []byte, key *Key) (journalHeader, []model.Op, *model.Org, error) {
	var h journalHeader
	r := bufio.NewReader(bytes.NewReader(data))
	first, err := r.ReadBytes('\n')
	if err != nil {
		return h, nil, nil, fmt.Errorf("%s: no header", visible.String(name))
	}
	if err := json.Unmarshal(first, &h); err != nil || h.Version != journalVersion {
		return h, nil, nil, fmt.Errorf("%s: not a journal this version reads", visible.String(name))
	}
	var open age.Identity
	if h.Key != "" {
		sealed, err := base64.StdEncoding.DecodeString(h.Key)
		if err != nil {
			return h, nil, nil, fmt.Errorf("%s: its key: %w", visible.String(name), err)
		}
		plain, err := decrypt(name, sealed, key)
		if err != nil {
			return h, nil, nil, err
		}
		if open, err = age.ParseX25519Identity(string(plain)); err != nil {
			return h, nil, nil, fmt.Errorf("%s: its key: %w", visible.String(name), err)
		}
	} else if key != nil {
		return h, nil, nil, fmt.Errorf("%s: an encrypted plan's journal with no key", visible.String(name))
	}
	var plan *model.Org
	var ops []model.Op
	at := h.Seq
	for {
		line, err := r.ReadBytes('\n')
		if err != nil {
			break // the end, or a line cut short
		}
		e, ok := unseal(line, open)
		if !ok {
			break
		}
		switch {
		case e.Plan != nil:
			o, err := fromFile(e.Plan, nil)
			if err != nil {
				return h, ops, plan, nil
			}
			plan, ops, at = o, nil, e.Seq
		case e.Seq > at:
			op, err := model.UnmarshalOp(e.Op)
			if err != nil {
				return h, ops, plan, nil
			}
			ops, at = append(ops, op), e.Seq
		}
	}
	return h, ops, plan, nil
}

func unseal(line []byte, open age.Identity) (entryLine, bool) {
	var e entryLine
	line = bytes.TrimSuffix(line, []byte("\n"))
	if open != nil {
		sealed, err := base64.StdEncoding.DecodeString(string(line))
		if err != nil {
			return e, false
		}
		r, err := age.Decrypt(bytes.NewReader(sealed), open)
		if err != nil {
			return e, false
		}
		if line, err = io.ReadAll(r); err != nil {
			return e, false
		}
	}
	if json.Unmarshal(line, &e) != nil || (e.Plan == nil && len(e.Op) == 0) {
		return e, false
	}
	return e, true
}
