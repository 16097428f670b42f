package tui

import (
	"strings"
	"testing"
)

// TestThePaletteListsEveryActionOnce and running one equals pressing its
// key: for every action of the tree, posts, side and global keys, the
// screen after the palette runs it is the screen after its key.
func TestThePaletteListsEveryActionOnce(t *testing.T) {
	t.Parallel()
	m := newModel(t, 120, 40)
	press(m, "ctrl+k")
	p, ok := m.topDialog().(*picker)
	if !ok {
		t.Fatal("ctrl+k opened no palette")
	}
	seen := map[string]int{}
	for _, it := range p.items {
		seen[it.id]++
	}
	for _, a := range m.keys.Actions() {
		g := a.Name[:strings.IndexByte(a.Name, '.')]
		if (g == "tree" || g == "posts" || g == "side" || g == "global") && a.Name != "global.tab_keys" && a.Name != "global.palette" && seen[a.Name] != 1 {
			t.Errorf("%s is in the palette %d times", a.Name, seen[a.Name])
		}
	}
	skip := map[string]bool{"global.quit": true, "global.palette": true, "global.tab_keys": true}
	for _, a := range m.keys.Actions() {
		g := a.Name[:strings.IndexByte(a.Name, '.')]
		if g != "tree" && g != "posts" && g != "side" && g != "global" || skip[a.Name] {
			continue
		}
		byKey, byPalette := newModel(t, 120, 40), newModel(t, 120, 40)
		for _, m := range []*Model{byKey, byPalette} {
			selectUnit(t, m, "Executive group")
			press(m, "esc") // through Update, which follows the cursor
		}
		switch g {
		case "posts":
			byKey.focus = focusPosts
		case "side":
			byKey.focus = focusSide
		}
		pressRun(byKey, a.Binding.Keys()[0])
		run(byPalette, byPalette.runAction(a.Name))
		if k, pl := screen(byKey), screen(byPalette); k != pl {
			t.Errorf("%s: the palette and the key differ:\nkey:\n%s\npalette:\n%s", a.Name, k, pl)
		}
	}
}
