package tui

import (
	"flag"
	"os"
	"strings"
	"testing"
)

// The README's keys section is made from the key map's groups, as the
// help screen is: the three are one list. -update writes it.
const (
	keysBegin = "<!-- keys: made from the key map (tui/keys.go); go test ./tui -update rewrites it -->"
	keysEnd   = "<!-- /keys -->"
)

// readmeKeys renders the key map's groups as Markdown tables.
func readmeKeys(k KeyMap) string {
	var b strings.Builder
	for _, g := range k.Groups() {
		b.WriteString("| key | " + strings.ToLower(g.Title[:1]) + g.Title[1:] + " |\n|---|---|\n")
		for _, bd := range g.Keys {
			h := bd.Help()
			b.WriteString("| `" + strings.ReplaceAll(h.Key, "|", `\|`) + "` | " + h.Desc + " |\n")
		}
		b.WriteString("\n")
	}
	b.WriteString("Marks: `" + vacantMark + "` a post is vacant; `" + noCandidateMark + "` a post has no active candidate (in the tree with `C`); `" +
		inactiveMark + "` a member not active; `" + jumbleMark + "` a member with more than two functions; `" +
		requiredMark + "` a post for a function the kind requires; `" + laterMark + "` a candidate ready later, not now; `←` the candidates, first in line first.\n")
	return b.String()
}

func TestReadmeKeysAreTheKeyMap(t *testing.T) {
	const path = "../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i, j := strings.Index(s, keysBegin), strings.Index(s, keysEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md has no keys section between %q and %q", keysBegin, keysEnd)
	}
	want := keysBegin + "\n\n" + readmeKeys(DefaultKeyMap()) + "\n" + keysEnd
	if got := s[i : j+len(keysEnd)]; got != want {
		if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" { // the golden package's flag
			if err := os.WriteFile(path, []byte(s[:i]+want+s[j+len(keysEnd):]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("README.md's keys differ from the key map; go test ./tui -update rewrites them")
	}
}
