package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/storage/storagetest"
)

// orgplan runs the command in-process and returns its exit code and output.
func orgplan(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return orgplanIn(t, "", args...)
}

// orgplanIn runs the command with stdin as its standard input.
func orgplanIn(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestExamplesListsTheThree(t *testing.T) {
	t.Parallel()
	code, out, _ := orgplan(t, "examples")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, name := range []string{"st-petersburg-1902", "union-organizing-committee", "tenant-association"} {
		if !strings.Contains(out, name) {
			t.Errorf("examples does not list %s:\n%s", name, out)
		}
	}
}

func TestNewCheckExportRoundTrip(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "x.json")
	if code, _, errs := orgplan(t, "new", "--example", "st-petersburg-1902", path); code != 0 {
		t.Fatalf("new: exit %d: %s", code, errs)
	}
	// Valid, with findings: exit 1 for the arrested holder, never 2.
	if code, _, errs := orgplan(t, "check", path); code != 1 || errs != "" {
		t.Fatalf("check: exit %d: %s", code, errs)
	}
	code, out, _ := orgplan(t, "export", "--format", "json", path)
	file, _ := os.ReadFile(path)
	if code != 0 || out != string(file) {
		t.Fatalf("export json (exit %d) is not the file's exact bytes", code)
	}
	want, _ := examples.Get("st-petersburg-1902")
	if !bytes.Equal(file, want) {
		t.Fatal("new --example did not copy the example")
	}
	// new never overwrites.
	if code, _, errs := orgplan(t, "new", path); code != 2 || !strings.Contains(errs, "already exists") {
		t.Fatalf("new over an existing file: exit %d, %q", code, errs)
	}
}

func TestNewEmptyPlanIsValid(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "empty.json")
	if code, _, errs := orgplan(t, "new", path); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if code, out, errs := orgplan(t, "check", path); code != 0 || !strings.Contains(out, "0 errors, 0 warnings") {
		t.Fatalf("check of a new empty plan: exit %d: %s%s", code, out, errs)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
}

func TestExportToAFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.json"), filepath.Join(dir, "out.json")
	orgplan(t, "new", "--example", "tenant-association", in)
	if code, _, errs := orgplan(t, "export", "-o", out, in); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	a, _ := os.ReadFile(in)
	b, _ := os.ReadFile(out)
	if !bytes.Equal(a, b) {
		t.Fatal("export -o wrote something else")
	}
}

func TestEveryBadFileExitsTwoWithLocatedLines(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("../../storage/testdata/bad/*.json")
	if len(files) < 15 {
		t.Fatalf("found %d bad files", len(files))
	}
	for _, f := range files {
		code, out, errs := orgplan(t, "check", f)
		if code != 2 || out != "" {
			t.Errorf("%s: exit %d, stdout %q", f, code, out)
		}
		for _, line := range strings.Split(strings.TrimSpace(errs), "\n") {
			if !strings.HasPrefix(line, "orgplan: "+f+":") {
				t.Errorf("%s: line without file:line:column: %q", f, line)
			}
		}
	}
}

func TestUsageErrorsExitTwoWithOneLine(t *testing.T) {
	t.Parallel()
	cases := [][]string{
		{"check"},
		{"check", "a.json", "b.json"},
		{"check", "/no/such/file.json"},
		{"export", "--format", "pdf", "../../examples/tenant-association.json"},
		{"new", "--example", "no-such-example", filepath.Join(t.TempDir(), "x.json")},
		{"check", "--no-such-flag", "x.json"},
		{"a.json", "b.json"},
	}
	for _, args := range cases {
		code, _, errs := orgplan(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if n := strings.Count(strings.TrimSpace(errs), "\n"); n != 0 || !strings.HasPrefix(errs, "orgplan: ") {
			t.Errorf("%v: want one line, got %q", args, errs)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	t.Parallel()
	if code, out, _ := orgplan(t, "version"); code != 0 || !strings.HasPrefix(out, "orgplan ") {
		t.Errorf("version: %d %q", code, out)
	}
	for _, sub := range []string{"new", "examples", "check", "export", "version"} {
		code, out, _ := orgplan(t, sub, "--help")
		if code != 0 || !strings.Contains(out, "Usage:") {
			t.Errorf("%s --help: exit %d\n%s", sub, code, out)
		}
	}
}

func TestMain(m *testing.M) { storagetest.Main(m) }

// TestATypoIsNotAPlan: a mistyped subcommand is an error with a
// suggestion, not an editor on a new plan named like it.
func TestATypoIsNotAPlan(t *testing.T) {
	t.Parallel()
	for typo, want := range map[string]string{"exmaples": "examples", "chek": "check", "simulat": "simulate", "exprot": "export"} {
		code, _, errs := orgplan(t, typo)
		if code != 2 || !strings.Contains(errs, "did you mean "+want+"?") {
			t.Errorf("%s: exit %d, %q", typo, code, errs)
		}
	}
}
