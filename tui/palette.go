package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// The command palette (ctrl+k or :): every action of the editor's screens
// by name, with its key, filtered by typing; enter does what its key does
// (in the pane it belongs to), so the two can never differ. Unbound
// actions are listed, dimmed, and do nothing.

func (m *Model) openPalette() tea.Cmd {
	var items []pickItem
	for _, a := range m.keys.Actions() {
		group := a.Name[:strings.IndexByte(a.Name, '.')]
		if group != "global" && group != "tree" && group != "posts" && group != "side" || a.Name == "global.tab_keys" || a.Name == "global.palette" {
			continue
		}
		keys := a.Binding.Help().Key
		if !a.Binding.Enabled() || len(a.Binding.Keys()) == 0 {
			keys = "unbound (config.toml)"
		}
		where := map[string]string{"global": "", "tree": "tree · ", "posts": "posts · ", "side": "side · "}[group]
		items = append(items, pickItem{id: a.Name, label: where + a.Binding.Help().Desc, note: keys})
	}
	return m.openPicker(newPicker("Do…", nil, items, pickerRows(m.height), func(it pickItem) tea.Cmd {
		return m.runAction(it.id)
	}))
}

// runAction does what the action's first key does, in its pane.
func (m *Model) runAction(name string) tea.Cmd {
	for _, a := range m.keys.Actions() {
		if a.Name != name {
			continue
		}
		ks := a.Binding.Keys()
		if !a.Binding.Enabled() || len(ks) == 0 {
			m.setStatus(name + " is unbound in config.toml")
			return nil
		}
		switch name[:strings.IndexByte(name, '.')] {
		case "tree":
			m.focus = focusTree
		case "posts":
			m.focus = focusPosts
		case "side":
			m.focus = focusSide
		}
		return m.key(keyPress(ks[0]))
	}
	return nil
}

// keyPress is the key press a terminal sends for a key as Bubble Tea
// spells it ("a", "ctrl+s", "shift+tab", "pgdown").
func keyPress(s string) tea.KeyPressMsg {
	var mod tea.KeyMod
	for {
		switch {
		case strings.HasPrefix(s, "ctrl+") && len(s) > 5:
			mod, s = mod|tea.ModCtrl, s[5:]
			continue
		case strings.HasPrefix(s, "alt+") && len(s) > 4:
			mod, s = mod|tea.ModAlt, s[4:]
			continue
		case strings.HasPrefix(s, "shift+") && len(s) > 6:
			mod, s = mod|tea.ModShift, s[6:]
			continue
		}
		break
	}
	named := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
		"backspace": tea.KeyBackspace, "delete": tea.KeyDelete, "insert": tea.KeyInsert,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown}
	if r, ok := named[s]; ok {
		k := tea.KeyPressMsg{Code: r, Mod: mod}
		if s == "space" && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r := []rune(s)[0]
	if mod != 0 {
		return tea.KeyPressMsg{Code: r, Mod: mod}
	}
	return tea.KeyPressMsg{Code: r, Text: s}
}
