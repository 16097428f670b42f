package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/orgplan/orgplan/storage/visible"
)

// The command line's writing and reading rules, end to end.

func TestOutputToADeviceStaysADevice(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mknod needs root")
	}
	t.Parallel()
	dev := filepath.Join(t.TempDir(), "null")
	if err := syscall.Mknod(dev, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skip(err)
	}
	for _, args := range [][]string{
		{"export", "-o", dev, example1902},
		{"export", "--format", "markdown", "--force", "-o", dev, example1902},
		{"gen", "--units", "50", "-o", dev},
	} {
		if code, _, stderr := orgplan(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		if fi, err := os.Lstat(dev); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
			t.Fatalf("%v turned the device into %v", args, fi.Mode())
		}
	}
}

func TestEveryOutputRefusesAnExistingFileWithoutForce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	csv := filepath.Join(dir, "chart.csv")
	if err := os.WriteFile(csv, []byte("id,parentId,name\n1,,Root\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"export", "-o", out, example1902},
		{"gen", "--units", "10", "-o", out},
		{"new", out},
		{"import", "-o", out, csv},
	} {
		if err := os.WriteFile(out, []byte("keep me"), 0o600); err != nil {
			t.Fatal(err)
		}
		code, _, stderr := orgplan(t, args...)
		if code != 2 || !strings.Contains(stderr, "already exists; give --force") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
		if b, _ := os.ReadFile(out); string(b) != "keep me" {
			t.Errorf("%v changed the existing file", args)
		}
		if code, _, stderr := orgplan(t, append([]string{args[0], "--force"}, args[1:]...)...); code != 0 {
			t.Errorf("%v --force: exit %d %s", args, code, stderr)
		}
		if b, _ := os.ReadFile(out); string(b) == "keep me" {
			t.Errorf("%v --force left the file as it was", args)
		}
	}
}

func TestSpecialFilesAsInputAreRefusedAtOnce(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "plan.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for _, args := range [][]string{
		{"check", fifo}, {"export", fifo}, {"import", fifo}, {"simulate", "--remove", "m1", fifo},
		{"check", "/dev/zero"}, {"export", "/dev/urandom"},
	} {
		start := time.Now()
		code, _, stderr := orgplan(t, args...)
		if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "regular files") {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
		if d := time.Since(start); d > slowdown*time.Second {
			t.Errorf("%v took %v", args, d)
		}
	}
}

func TestStandardInputIsReadOnce(t *testing.T) {
	t.Parallel()
	bad := `{"format": "orgplan/1", "name": "x", "bogus": 1}`
	code, _, stderr := orgplanIn(t, bad, "check", "-")
	if code != 2 || strings.Contains(stderr, "empty") || !strings.Contains(stderr, "-:1:") {
		t.Errorf("invalid plan on stdin: exit %d, %q", code, stderr)
	}
	plan, _ := os.ReadFile(example1902)
	if code, stdout, _ := orgplanIn(t, string(plan), "export", "--format", "csv", "-"); code != 0 || !strings.Contains(stdout, "Starik") {
		t.Errorf("plan on stdin: exit %d", code)
	}
}

// TestTmuxDataFormatsOnATerminalShowEscapes: CSV and JSON stay exact in a
// file or a pipe, but on a terminal nothing in them acts.
func TestTmuxDataFormatsOnATerminalShowEscapes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan := filepath.Join(dir, "evil.json")
	doc := `{"format": "orgplan/1", "name": "x", "units": [{"id": "u1", "name": "Red \u001b[31mgroup\u001b]0;pwned\u0007 \u202eredro"}]}`
	if err := os.WriteFile(plan, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	tm := newTerm(t, 120, 20, dir, "export", "--format", "csv", plan)
	scr := tm.waitFor("u1")
	if !strings.Contains(scr, `Red \x1b[31mgroup\x1b]0;pwned\x07 U+202Eredro`) {
		t.Errorf("the terminal shows:\n%s", scr)
	}
	// Through a pipe the bytes are exact.
	code, out, _ := orgplan(t, "export", "--format", "csv", plan)
	if code != 0 || !strings.Contains(out, "Red \x1b[31mgroup") {
		t.Errorf("piped CSV changed: %q", out)
	}
}

// TestNoRawControlReachesTheTerminal: hostile file names, keys, ids and
// CSV headers come back in messages as visible escapes.
func TestNoRawControlReachesTheTerminal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	evil := filepath.Join(dir, "evil\x1b]0;pwned\x07.json")
	if err := os.WriteFile(evil, []byte("{\"format\": \"orgplan/1\", \"name\": \"x\", \"\x1b[2J\u202e\": 1}"), 0o600); err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(dir, "chart\x1b[31m.csv")
	if err := os.WriteFile(csv, []byte("id,\x1b[2Jparent\n1,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	plan, _ := os.ReadFile(example1902)
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, plan, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"check", evil}, {"export", evil}, {"check", filepath.Join(dir, "missing\x1b[2J.json")},
		{"import", csv}, {"simulate", "--remove", "m\x1b[2J", good}, {"simulate", "--remove-unit", "\u202eu", good},
		{"export", "-o", filepath.Join(dir, "no\x1b/such/dir.md"), good},
	} {
		code, stdout, stderr := orgplan(t, args...)
		if code != 2 {
			t.Errorf("%q: exit %d", args, code)
		}
		for _, out := range []string{stdout, stderr} {
			for _, r := range out {
				if r != '\n' && visible.Hidden(r) {
					t.Errorf("%q: a raw %U in %q", args, r, out)
					break
				}
			}
		}
		if !strings.Contains(stderr, `\x1b`) && !strings.Contains(stderr, "U+202E") {
			t.Errorf("%q: the hostile part is not shown: %q", args, stderr)
		}
	}
}
