package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	path := filepath.Join(dir, "orgplan", "config.toml")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestConfigCheckSaysWhereAndWhat: an unknown setting, an unknown action,
// a bad key and a conflict, each with its line; a good file is fine and
// its remap shows in config keys.
func TestConfigCheckSaysWhereAndWhat(t *testing.T) {
	path := writeConfig(t, "theme = \"sepia\"\ncolour = 3\n[keys]\n\"tree.rename\" = [\"a\"]\n\"tree.fly\" = [\"f\"]\n\"tree.delete\" = [\"ctrl+\"]\n")
	code, _, errs := orgplan(t, "config", "check")
	for _, want := range []string{
		path + `:1: theme "sepia" is not one of auto, dark, light, mono`,
		path + `:2: unknown setting "colour"`,
		path + `:5: no action "tree.fly"`,
		path + `:6: tree.delete: "ctrl+" is not a key`,
		path + `:4: "a" is both tree.add_child and tree.rename`,
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("%q not in:\n%s", want, errs)
		}
	}
	if code != 2 {
		t.Errorf("exit %d", code)
	}
	if c := editorConfig(); !strings.Contains(c.Problem, "opened with the defaults") || c.Keys != nil {
		t.Errorf("a broken config is used: %+v", c)
	}
	writeConfig(t, "theme = \"mono\"\nmouse = false\n[keys]\n\"tree.add_child\" = [\"A\"]\n\"tree.paste\" = []\n")
	if code, out, errs := orgplan(t, "config", "check"); code != 0 || !strings.Contains(out, "fine") {
		t.Fatalf("a good config: %d %s %s", code, out, errs)
	}
	_, out, _ := orgplan(t, "config", "keys")
	if !strings.Contains(out, "tree.add_child               A ") || !strings.Contains(out, "tree.paste                   (unbound)") {
		t.Fatalf("config keys:\n%s", out)
	}
	if c := editorConfig(); c.Theme != "mono" || !c.NoMouse || c.Keys["tree.add_child"][0] != "A" {
		t.Fatalf("the editor's config: %+v", c)
	}
}
