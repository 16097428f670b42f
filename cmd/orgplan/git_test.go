package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	mt "github.com/orgplan/orgplan/model/modeltest"
	"github.com/orgplan/orgplan/storage"
)

// These tests use the real git and the built binary as its drivers, in
// temporary repositories: two clones of one plan, edited apart, merged.

type repo struct {
	t   *testing.T
	dir string
	env []string
}

func (r *repo) git(args ...string) (string, error) {
	r.t.Helper()
	c := exec.Command("git", args...)
	c.Dir = r.dir
	c.Env = append(os.Environ(), r.env...)
	out, err := c.CombinedOutput()
	return string(out), err
}

func (r *repo) mustGit(args ...string) string {
	r.t.Helper()
	out, err := r.git(args...)
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// orgplan runs the built binary in the repository.
func (r *repo) orgplan(args ...string) (int, string) {
	r.t.Helper()
	c := exec.Command(binary(r.t), args...)
	c.Dir = r.dir
	c.Env = append(os.Environ(), r.env...)
	out, err := c.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		r.t.Fatal(err)
	}
	return code, string(out)
}

// edit opens the plan in the clone, applies edits, saves it and commits.
func (r *repo) edit(file, msg string, edits ...mt.Edit) {
	r.t.Helper()
	path := filepath.Join(r.dir, file)
	key := r.key(file)
	o, err := storage.LoadKeyed(path, key)
	if err != nil {
		r.t.Fatal(err)
	}
	if err := mt.Apply(o, edits...); err != nil {
		r.t.Fatal(err)
	}
	if err := storage.SaveKeyed(path, storage.Snapshot(o), key); err != nil {
		r.t.Fatal(err)
	}
	r.mustGit("commit", "-qam", msg)
}

func (r *repo) key(file string) *storage.Key {
	if storage.Encrypted(file) {
		return &storage.Key{Passphrase: "sekret"}
	}
	return nil
}

func (r *repo) load(file string) *model.Org {
	r.t.Helper()
	o, err := storage.LoadKeyed(filepath.Join(r.dir, file), r.key(file))
	if err != nil {
		r.t.Fatalf("the merged plan does not open: %v", err)
	}
	return o
}

// twoClones makes an origin with the 1902 plan committed as file, and two
// clones of it, each set up with orgplan's drivers.
func twoClones(t *testing.T, file string) (ours, theirs *repo) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	env := []string{"GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=a@example.org", "GIT_COMMITTER_NAME=A",
		"GIT_COMMITTER_EMAIL=a@example.org", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"ORGPLAN_PASSPHRASE=sekret", "ORGPLAN_SCRYPT_WORK_FACTOR=10", "XDG_CACHE_HOME=" + filepath.Join(root, "cache")}
	origin := &repo{t: t, dir: filepath.Join(root, "origin"), env: env}
	if err := os.Mkdir(origin.dir, 0o755); err != nil {
		t.Fatal(err)
	}
	origin.mustGit("init", "-q", "-b", "main")
	b, _ := examples.Get("st-petersburg-1902")
	o, err := storage.Decode("x.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if err := storage.SaveKeyed(filepath.Join(origin.dir, file), storage.Snapshot(o), origin.key(file)); err != nil {
		t.Fatal(err)
	}
	if code, out := origin.orgplan("git", "setup", "--command", binary(t)); code != 0 {
		t.Fatalf("git setup: %d %s", code, out)
	}
	origin.mustGit("add", "-A")
	origin.mustGit("commit", "-qm", "the plan")
	clone := func(name string) *repo {
		r := &repo{t: t, dir: filepath.Join(root, name), env: env}
		origin.mustGit("clone", "-q", origin.dir, r.dir)
		if code, out := r.orgplan("git", "check"); code != 1 || !strings.Contains(out, "merges plans as text, silently") {
			t.Fatalf("git check in a clone without drivers: %d %s", code, out)
		}
		if code, out := r.orgplan("git", "setup", "--command", binary(t)); code != 0 || strings.Contains(out, "added") {
			t.Fatalf("git setup in a clone: %d %s", code, out)
		}
		return r
	}
	return clone("ours"), clone("theirs")
}

func (r *repo) pull(from *repo) (string, error) {
	r.t.Helper()
	r.mustGit("fetch", "-q", from.dir, "main")
	return r.git("merge", "--no-edit", "FETCH_HEAD")
}

func TestGitMergesIndependentChangesCleanly(t *testing.T) {
	t.Parallel()
	for _, file := range []string{"plan.json", "plan.age"} {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			ours, theirs := twoClones(t, file)
			ours.edit(file, "ours", mt.Rename("u5", "Vyborg group"), mt.Holder("p15", "m36"), mt.AddUnit("u3", "Ours' group"))
			theirs.edit(file, "theirs", mt.Move("u5", "u4"),
				mt.Candidate("p15", "m40"),
				mt.AddUnit("u3", "Theirs' group"))
			if out, err := ours.pull(theirs); err != nil {
				t.Fatalf("a clean merge failed: %v\n%s", err, out)
			}
			o := ours.load(file)
			u := o.Unit("u5")
			if u.Name != "Vyborg group" || u.Parent().ID != "u4" || o.Post("p15").Holder != "m36" ||
				len(o.Post("p15").Candidates) != 1 || len(o.Conflicts) != 0 {
				t.Fatalf("not both sides' changes: u5 %q under %s, p15 %+v, conflicts %v", u.Name, u.Parent().ID, o.Post("p15"), o.Conflicts)
			}
			names := map[string]bool{}
			for _, c := range o.Unit("u3").Units {
				names[c.Name] = true
			}
			if !names["Ours' group"] || !names["Theirs' group"] {
				t.Fatalf("new units on both sides: %v", names)
			}
			if storage.Encrypted(file) {
				data, _ := os.ReadFile(filepath.Join(ours.dir, file))
				if !storage.EncryptedData(data) || strings.Contains(string(data), "Vyborg") {
					t.Fatal("the merged encrypted plan was written in plaintext")
				}
			}
			// git diff speaks of the plan, not of its lines.
			out := ours.mustGit("diff", "HEAD~1", "--", file)
			if !strings.Contains(out, "orgplan diff") || !strings.Contains(out, "Theirs' group") || strings.Contains(out, "@@") {
				t.Fatalf("git diff:\n%s", out)
			}
		})
	}
}

func TestGitMergeConflictsGiveAPlanThatOpens(t *testing.T) {
	t.Parallel()
	ours, theirs := twoClones(t, "plan.json")
	ours.edit("plan.json", "ours", mt.Holder("p15", "m36"), mt.Op(model.DeleteUnit{ID: "u26"}))
	theirs.edit("plan.json", "theirs", mt.Holder("p15", "m40"), mt.Rename("u26", "Passports"))
	out, err := ours.pull(theirs)
	if err == nil || !strings.Contains(out, "CONFLICT") {
		t.Fatalf("the merge did not stop at the conflicts: %v\n%s", err, out)
	}
	data, _ := os.ReadFile(filepath.Join(ours.dir, "plan.json"))
	if strings.Contains(string(data), "<<<<<<<") {
		t.Fatal("conflict markers in the plan")
	}
	o := ours.load("plan.json")
	if o.Post("p15").Holder != "m36" || o.Unit("u26") != nil || len(o.Conflicts) != 2 {
		t.Fatalf("ours not kept, or conflicts not listed: %+v", o.Conflicts)
	}
	code, report := ours.orgplan("check", "plan.json")
	if code != 1 || strings.Count(report, "merge-conflict") != 2 {
		t.Fatalf("check: %d\n%s", code, report)
	}
}

// TestTmuxResolveConflictsAndCommit: the task end to end, as a person
// does it: a merge stops at two conflicts, the editor opens on them, each
// is decided with enter and a key, the plan is saved and committed, and
// check accepts it.
func TestTmuxResolveConflictsAndCommit(t *testing.T) {
	t.Parallel()
	ours, theirs := twoClones(t, "plan.json")
	ours.edit("plan.json", "ours", mt.Holder("p15", "m36"), mt.Op(model.DeleteUnit{ID: "u26"}))
	theirs.edit("plan.json", "theirs", mt.Holder("p15", "m40"), mt.Rename("u26", "Passports"))
	if out, err := ours.pull(theirs); err == nil {
		t.Fatalf("the merge did not stop:\n%s", out)
	}
	tm := newTermEnv(t, 100, 30, ours.dir, ours.env, "plan.json")
	tm.waitFor("2 merge conflicts")
	// The holder: theirs; the unit ours deleted: ours, so it stays deleted.
	for _, left := range []string{"1 conflict left", "every conflict decided"} {
		tm.keys("Enter")
		take := "o"
		if strings.Contains(tm.waitFor("take theirs"), "changed-both") {
			take = "t"
		}
		tm.keys(take)
		tm.waitFor(left)
	}
	tm.saveQuit("plan.json")
	ours.mustGit("commit", "-qam", "merge theirs, conflicts decided")
	if code, report := ours.orgplan("check", "plan.json"); strings.Contains(report, "merge-conflict") || code > 1 {
		t.Fatalf("check after resolving: %d\n%s", code, report)
	}
	o := ours.load("plan.json")
	if o.Post("p15").Holder != "m40" || o.Unit("u26") != nil || len(o.Conflicts) != 0 {
		t.Fatalf("holder %q, u26 %v, %d conflicts", o.Post("p15").Holder, o.Unit("u26"), len(o.Conflicts))
	}
	if st := ours.mustGit("status", "--porcelain"); strings.TrimSpace(st) != "" {
		t.Fatalf("the clone is not clean after the commit:\n%s", st)
	}
}

// TestGitMergesAJSONFileThatIsNoPlanAsText: the attributes name every
// *.json; one that is no plan is merged by git merge-file, as git would.
func TestGitMergesAJSONFileThatIsNoPlanAsText(t *testing.T) {
	t.Parallel()
	ours, theirs := twoClones(t, "plan.json")
	write := func(r *repo, text string) {
		if err := os.WriteFile(filepath.Join(r.dir, "package.json"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(ours, "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}\n")
	ours.mustGit("add", "package.json")
	ours.mustGit("commit", "-qm", "package")
	theirs.pull(ours)
	write(ours, "{\n  \"a\": 10,\n  \"b\": 2,\n  \"c\": 3\n}\n")
	ours.mustGit("commit", "-qam", "a")
	write(theirs, "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 30\n}\n")
	theirs.mustGit("commit", "-qam", "c")
	if out, err := ours.pull(theirs); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got, _ := os.ReadFile(filepath.Join(ours.dir, "package.json")); string(got) != "{\n  \"a\": 10,\n  \"b\": 2,\n  \"c\": 30\n}\n" {
		t.Fatalf("merged as text:\n%s", got)
	}
}

// TestGitSetupNeverWritesThroughALink: a .gitattributes that is a
// symbolic link is refused, its target left alone.
func TestGitSetupNeverWritesThroughALink(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &repo{t: t, dir: t.TempDir(), env: []string{"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1"}}
	r.mustGit("init", "-q")
	target := filepath.Join(t.TempDir(), "elsewhere")
	if err := os.WriteFile(target, []byte("keep\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(r.dir, ".gitattributes")); err != nil {
		t.Fatal(err)
	}
	code, out := r.orgplan("git", "setup", "--command", binary(t))
	if b, _ := os.ReadFile(target); code != 2 || string(b) != "keep\n" || !strings.Contains(out, "symbolic link") {
		t.Fatalf("exit %d, target %q: %s", code, b, out)
	}
}
