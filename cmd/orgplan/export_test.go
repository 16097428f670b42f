package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportEveryFormat(t *testing.T) {
	t.Parallel()
	for format, want := range map[string]string{
		"json": `"format": "orgplan/1"`, "dot": "digraph orgplan", "mermaid": "flowchart TD",
		"markdown": "## Division of labor", "csv": "id,parentId,name,unitPath",
	} {
		code, out, errs := orgplan(t, "export", "--format", format, "--redact", example1902)
		if code != 0 || !strings.Contains(out, want) || strings.Contains(out, "Grigory Sorokin") {
			t.Errorf("%s: exit %d %s", format, code, errs)
		}
	}
	code, out, _ := orgplan(t, "export", "--format", "csv", "--members", example1902)
	if code != 0 || !strings.HasPrefix(out, "id,alias,name") || !strings.Contains(out, "Grigory Sorokin") {
		t.Errorf("members csv: %d", code)
	}
}

func TestImportThenCheck(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	csvPath, plan := filepath.Join(dir, "chart.csv"), filepath.Join(dir, "plan.json")
	code, out, _ := orgplan(t, "export", "--format", "csv", example1902)
	if code != 0 {
		t.Fatal("export")
	}
	os.WriteFile(csvPath, []byte(out), 0o600)
	if code, _, errs := orgplan(t, "import", "-o", plan, csvPath); code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	if code, out, _ := orgplan(t, "check", plan); code == 2 || !strings.Contains(out, "plan.json") {
		t.Fatalf("the import is not a valid plan: %d", code)
	}
	// Import never overwrites, and a bad CSV names its line.
	if code, _, errs := orgplan(t, "import", "-o", plan, csvPath); code != 2 || !strings.Contains(errs, "already exists") {
		t.Fatalf("overwrite: %d %q", code, errs)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("id,parentId\n1,\n2,7\n"), 0o600)
	if code, _, errs := orgplan(t, "import", bad); code != 2 || !strings.Contains(errs, "bad.csv:3:3: parentId \"7\"") {
		t.Fatalf("bad csv: %d %q", code, errs)
	}
}
