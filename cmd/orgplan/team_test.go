package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// user is one organizer: their key file and their configuration folder
// (where orgplan pins the rosters they have seen).
type user struct {
	name, key, config, recipient string
}

func newUser(t *testing.T, dir, name string) *user {
	u := &user{name: name, key: filepath.Join(dir, name+".txt"), config: filepath.Join(dir, name+"-config")}
	u.as(t)
	code, out, errs := orgplan(t, "keys", "new", "--no-passphrase")
	if code != 0 || !strings.HasPrefix(out, "age1") {
		t.Fatalf("keys new: %d %s %s", code, out, errs)
	}
	u.recipient = strings.TrimSpace(out)
	if fi, err := os.Stat(u.key); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the key file: %v %v", fi, err)
	}
	return u
}

// teamPlan makes dir/file.age from a bundled example, encrypted to the
// users, the first of whom made it (and runs the commands after).
func teamPlan(t *testing.T, dir, example, file string, users ...*user) string {
	t.Helper()
	plain, plan := filepath.Join(dir, file+".json"), filepath.Join(dir, file+".age")
	if code, _, errs := orgplan(t, "new", "--example", example, plain); code != 0 {
		t.Fatal(errs)
	}
	users[0].as(t)
	for i, u := range users {
		args := []string{"team", "add", u.name, u.recipient, plan}
		if i == 0 {
			args = append(args, "--from", plain)
		}
		if code, out, errs := orgplan(t, args...); code != 0 {
			t.Fatalf("team add %s: %d %s %s", u.name, code, out, errs)
		}
	}
	return plan
}

// as makes the commands run as this user.
func (u *user) as(t *testing.T) {
	t.Setenv("ORGPLAN_IDENTITY", u.key)
	t.Setenv("XDG_CONFIG_HOME", u.config)
}

// TestATeamPlan: three organizers, each opening the plan with their own
// key; one removed can open the old file but not the new one; the file
// names nobody; a key added behind a member's back is refused until
// accepted.
func TestATeamPlan(t *testing.T) {
	t.Setenv("ORGPLAN_PASSPHRASE", "")
	os.Unsetenv("ORGPLAN_PASSPHRASE")
	dir := t.TempDir()
	alice, bob, carol := newUser(t, dir, "alice"), newUser(t, dir, "robert"), newUser(t, dir, "carol")
	plan := teamPlan(t, dir, "st-petersburg-1902", "plan", alice, bob, carol)
	opens := func(u *user, file string) bool {
		u.as(t)
		code, out, _ := orgplan(t, "check", file)
		return code == 1 && strings.Contains(out, "1 error")
	}
	for _, u := range []*user{alice, bob, carol} {
		if !opens(u, plan) {
			t.Fatalf("%s cannot open the team plan", u.name)
		}
	}
	data, _ := os.ReadFile(plan)
	// Names of five letters or more: three random letters turn up in the
	// base64 of age's header now and then.
	for _, s := range []string{"Yeryoma", "alice", "robert", "carol", alice.recipient, bob.recipient, carol.recipient, "Ivan Babushkin"} {
		if bytes.Contains(data, []byte(s)) {
			t.Errorf("the file holds %q", s)
		}
	}
	old := filepath.Join(dir, "old.age")
	if err := os.WriteFile(old, data, 0o600); err != nil {
		t.Fatal(err)
	}
	alice.as(t)
	code, out, errs := orgplan(t, "team", "remove", "carol", plan)
	if code != 0 || !strings.Contains(out, "earlier version") {
		t.Fatalf("team remove: %d %s %s", code, out, errs)
	}
	if opens(carol, plan) {
		t.Fatal("carol, removed, still opens the new file")
	}
	carol.as(t)
	if _, _, errs := orgplan(t, "check", plan); !strings.Contains(errs, "none of your keys is in its team") {
		t.Fatalf("carol's error: %s", errs)
	}
	if !opens(carol, old) {
		t.Fatal("carol cannot open the old file: the README's warning would be wrong")
	}
	// A key added behind bob's back: bob has pinned the roster.
	dave := newUser(t, dir, "david")
	alice.as(t)
	if code, _, errs := orgplan(t, "team", "add", "david", dave.recipient, plan); code != 0 {
		t.Fatal(errs)
	}
	bob.as(t)
	if code, _, errs := orgplan(t, "check", plan); code != 2 || !strings.Contains(errs, "keys you have not seen: david") {
		t.Fatalf("bob was not told of dave: %d %s", code, errs)
	}
	if code, _, errs := orgplan(t, "team", "accept", plan); code != 0 {
		t.Fatal(errs)
	}
	if !opens(bob, plan) {
		t.Fatal("bob cannot open the plan after accepting its roster")
	}
	bob.as(t)
	if code, out, _ := orgplan(t, "team", "list", plan); code != 0 || !strings.Contains(out, "david") || strings.Contains(out, "carol") {
		t.Fatalf("team list: %s", out)
	}
	// In git, the history holds no name either.
	if _, err := exec.LookPath("git"); err == nil {
		r := &repo{t: t, dir: dir, env: []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t"}}
		r.mustGit("init", "-q")
		r.mustGit("add", "plan.age")
		r.mustGit("commit", "-qm", "team plan")
		if log := r.mustGit("log", "-p", "--text"); strings.Contains(log, "Yeryoma") || strings.Contains(log, "david") || strings.Contains(log, dave.recipient) {
			t.Fatal("git log -p shows what the plan holds")
		}
	}
}

// TestATeamIsNoPassphrase: age does not mix a passphrase with keys; the
// refusal says how to make a team plan.
func TestATeamIsNoPassphrase(t *testing.T) {
	t.Setenv("ORGPLAN_PASSPHRASE", "sekret")
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.age")
	if code, _, errs := orgplan(t, "new", "--encrypt", "--example", "tenant-association", plan); code != 0 {
		t.Fatal(errs)
	}
	u := newUser(t, dir, "alice")
	code, _, errs := orgplan(t, "team", "add", "alice", u.recipient, plan)
	if code == 0 || !strings.Contains(errs, "encrypted with a passphrase") || !strings.Contains(errs, "--from") {
		t.Fatalf("%d %s", code, errs)
	}
	if code, _, errs := orgplan(t, "team", "add", "alice", "not-a-key", filepath.Join(dir, "t.age"), "--from", plan); code == 0 || !strings.Contains(errs, "not an age public key") {
		t.Fatalf("a bad key: %d %s", code, errs)
	}
}

// TestAViewForOneMember: a view is a plan check reads; made twice it is
// the same bytes; --to encrypts it to the member's key alone.
func TestAViewForOneMember(t *testing.T) {
	os.Unsetenv("ORGPLAN_PASSPHRASE")
	dir := t.TempDir()
	kolya := newUser(t, dir, "kolya")
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	for _, out := range []string{a, b} {
		if code, _, errs := orgplan(t, "view", "--for", "Kolya", "-o", out, "../../examples/st-petersburg-1902.json"); code != 0 {
			t.Fatal(errs)
		}
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) || !bytes.Contains(da, []byte(`"viewFor": "Kolya"`)) || bytes.Contains(da, []byte("Vyborg")) {
		t.Fatalf("the view:\n%s", da)
	}
	if code, out, errs := orgplan(t, "check", a); code > 1 || !strings.Contains(out, "warnings") {
		t.Fatalf("check of the view: %d %s %s", code, out, errs)
	}
	if code, out, _ := orgplan(t, "view", "--for", "Kolya", "--show", "../../examples/st-petersburg-1902.json"); code != 0 || !strings.Contains(out, "reveals 2 units, 4 posts and 2 other members") {
		t.Fatalf("--show: %s", out)
	}
	sealed := filepath.Join(dir, "kolya.age")
	if code, _, errs := orgplan(t, "view", "--for", "Kolya", "--to", kolya.recipient, "-o", sealed, "../../examples/st-petersburg-1902.json"); code != 0 {
		t.Fatal(errs)
	}
	kolya.as(t)
	if code, out, errs := orgplan(t, "check", sealed); code > 1 || !strings.Contains(out, "warnings") {
		t.Fatalf("Kolya cannot read his view: %d %s %s", code, out, errs)
	}
	other := newUser(t, dir, "other")
	other.as(t)
	if code, _, _ := orgplan(t, "check", sealed); code != 2 {
		t.Fatal("someone else read Kolya's view")
	}
}

// TestTmuxATeamPlanInTheEditor: alice opens the team plan in the real
// editor with her own key, adds a unit and saves; bob reads the unit with
// his; a save with no change leaves the file's bytes; a view opens
// read-only.
func TestTmuxATeamPlanInTheEditor(t *testing.T) {
	os.Unsetenv("ORGPLAN_PASSPHRASE")
	dir := t.TempDir()
	alice, bob := newUser(t, dir, "alice"), newUser(t, dir, "robert")
	plan := teamPlan(t, dir, "st-petersburg-1902", "plan", alice, bob)
	env := []string{"ORGPLAN_IDENTITY=" + alice.key, "XDG_CONFIG_HOME=" + alice.config}
	tm := newTermEnv(t, 100, 30, dir, env, plan)
	tm.waitFor("Organization")
	tm.keys("a")
	tm.waitFor("New unit under")
	tm.typeText("Cipher group")
	tm.keys("Enter")
	tm.waitFor("added «Cipher group»")
	tm.saveQuit("plan.age")
	before, _ := os.ReadFile(plan)
	bob.as(t)
	if code, out, errs := orgplan(t, "export", "--format", "markdown", "--plaintext", plan); code != 0 || !strings.Contains(out, "Cipher group") {
		t.Fatalf("bob does not see alice's unit: %d %s", code, errs)
	}
	tm = newTermEnv(t, 100, 30, dir, env, plan)
	tm.waitFor("Organization")
	tm.keys("C-s")
	tm.waitFor("no changes to save")
	tm.keys("q")
	tm.waitExit()
	if after, _ := os.ReadFile(plan); !bytes.Equal(before, after) {
		t.Fatal("a save with no change rewrote the team plan")
	}
	view := filepath.Join(dir, "kolya.json")
	alice.as(t)
	if code, _, errs := orgplan(t, "view", "--for", "Kolya", "-o", view, plan); code != 0 {
		t.Fatal(errs)
	}
	tm = newTermEnv(t, 100, 30, dir, env, view)
	tm.waitFor("read-only: the view for Kolya")
	tm.keys("a")
	tm.waitFor("read-only: the view for Kolya")
	tm.keys("q")
	tm.waitExit()
}

// TestTeamPlansMerge: three versions of a team plan merge in memory; the
// result is encrypted to the merged roster (theirs added an organizer),
// and both sides' edits are in it.
func TestTeamPlansMerge(t *testing.T) {
	os.Unsetenv("ORGPLAN_PASSPHRASE")
	dir := t.TempDir()
	alice, robert := newUser(t, dir, "alice"), newUser(t, dir, "robert")
	base := teamPlan(t, dir, "tenant-association", "base", alice)
	data, _ := os.ReadFile(base)
	ours, theirs, out := filepath.Join(dir, "ours.age"), filepath.Join(dir, "theirs.age"), filepath.Join(dir, "out.age")
	for _, f := range []string{ours, theirs} {
		if err := os.WriteFile(f, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, errs := orgplan(t, "team", "add", "robert", robert.recipient, theirs); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := orgplan(t, "merge", base, ours, theirs, "-o", out); code != 0 {
		t.Fatalf("merge: %d %s", code, errs)
	}
	robert.as(t)
	if code, _, errs := orgplan(t, "team", "list", out); code != 0 {
		t.Fatalf("robert, added on theirs, cannot open the merge: %s", errs)
	}
	if raw, _ := os.ReadFile(out); bytes.Contains(raw, []byte("Alvarez")) {
		t.Fatal("the merge is in plaintext")
	}
}
