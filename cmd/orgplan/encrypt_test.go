package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/storage"
)

func init() { storage.ScryptWorkFactor = 10 }

// scanForPlaintext fails if any file in dir holds the alias.
func scanForPlaintext(t *testing.T, dir, alias string) {
	t.Helper()
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return nil
		}
		data, _ := os.ReadFile(p)
		if bytes.Contains(data, []byte(alias)) {
			t.Errorf("%s holds the plaintext alias %q", p, alias)
		}
		return nil
	})
}

func TestEncryptedPlanFromTheCommandLine(t *testing.T) {
	t.Setenv("ORGPLAN_PASSPHRASE", "sekret")
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.age")
	if code, _, errs := orgplan(t, "new", "--encrypt", "--example", "st-petersburg-1902", plan); code != 0 {
		t.Fatalf("new --encrypt: %d %s", code, errs)
	}
	if code, out, errs := orgplan(t, "check", plan); code != 1 || !strings.Contains(out, "1 error") {
		t.Fatalf("check: %d %s %s", code, out, errs)
	}
	for _, f := range []string{"report.md.age", "chart.dot.age", "copy.age"} {
		format := map[string]string{"report.md.age": "markdown", "chart.dot.age": "dot", "copy.age": "json"}[f]
		if code, _, errs := orgplan(t, "export", "--format", format, "-o", filepath.Join(dir, f), plan); code != 0 {
			t.Fatalf("export %s: %s", f, errs)
		}
	}
	if code, out, _ := orgplan(t, "export", "--format", "json", filepath.Join(dir, "copy.age")); code != 0 || !strings.Contains(out, "Yeryoma") {
		t.Fatal("the encrypted export does not decrypt with the same passphrase")
	}
	// A plaintext file from an encrypted plan needs --plaintext.
	out := filepath.Join(dir, "report.md")
	if code, _, errs := orgplan(t, "export", "--format", "markdown", "-o", out, plan); code != 2 || !strings.Contains(errs, "--plaintext") {
		t.Fatalf("plaintext export: %d %q", code, errs)
	}
	if _, err := os.Lstat(out); err == nil {
		t.Fatal("the refused export was written")
	}
	scanForPlaintext(t, dir, "Yeryoma")
	if code, _, errs := orgplan(t, "export", "--format", "markdown", "--plaintext", "-o", out, plan); code != 0 {
		t.Fatalf("export --plaintext: %d %q", code, errs)
	}

	t.Setenv("ORGPLAN_PASSPHRASE", "wrong")
	code, _, errs := orgplan(t, "check", plan)
	if code != 2 || strings.TrimSpace(errs) != "orgplan: "+plan+": wrong passphrase" {
		t.Fatalf("wrong passphrase: %d %q", code, errs)
	}
	if code, _, errs := orgplan(t, "new", "--encrypt", filepath.Join(dir, "x.json")); code != 2 || !strings.Contains(errs, "ends in .age") {
		t.Fatalf("--encrypt without .age: %d %q", code, errs)
	}
}

func TestTmuxEncryptedPlanLeavesNoPlaintext(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan := filepath.Join(dir, "plan.age")
	data, _ := os.ReadFile(example1902)
	if err := storage.WriteTo(plan, storage.WriteOptions{Key: &storage.Key{Passphrase: "sekret"}}, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		t.Fatal(err)
	}
	tm := newTermEnv(t, 80, 24, dir, []string{"ORGPLAN_PASSPHRASE=sekret", "ORGPLAN_SCRYPT_WORK_FACTOR=10"}, plan)
	tm.waitFor("Organization")
	tm.keys("a")
	tm.typeText("Cipher bureau")
	tm.keys("Enter")
	tm.waitFor("added «Cipher bureau»")
	// Wait for the recovery copy, then save, export, quit.
	waitForCopy(t, plan)
	scanForPlaintext(t, dir, "Yeryoma")
	scanForPlaintext(t, dir, "Cipher bureau") // the journal's entry too
	tm.keys("C-s")
	tm.waitFor("saved plan.age")
	tm.keys("E")
	tm.typeText("markdown report")
	tm.keys("Enter")
	tm.waitFor("exported")
	tm.keys("q")
	tm.waitExit()
	scanForPlaintext(t, dir, "Yeryoma")
	scanForPlaintext(t, dir, "Cipher bureau")
	o, err := storage.LoadKeyed(plan, &storage.Key{Passphrase: "sekret"})
	if err != nil || findUnit(o, "Cipher bureau") == nil {
		t.Fatalf("the saved encrypted plan lacks the edit: %v", err)
	}
}
