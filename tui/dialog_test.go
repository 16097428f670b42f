package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// Dialogs tested alone: a key in, a result out, no editor around them.

func TestChoiceAnswersByKey(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		key            string
		done, canceled bool
		value          string
	}{
		{"y", true, false, "yes"}, {"enter", true, false, "yes"},
		{"n", true, true, ""}, {"esc", true, true, ""}, {"ctrl+c", true, true, ""},
		{"x", false, false, ""}, {"j", false, false, ""},
	} {
		res, _ := yesNo("Delete «x»?").update(keyMsg(c.key))
		if res.done != c.done || res.canceled != c.canceled || res.value != c.value {
			t.Errorf("%s: %+v", c.key, res)
		}
	}
	k := DefaultKeyMap().Dialog
	quit := newChoice("Save?", answer{"save", k.SaveQuit}, answer{"discard", k.DiscardQuit}, answer{"", k.Cancel})
	for key, want := range map[string]string{"s": "save", "d": "discard", "esc": "", "q": ""} {
		if res, _ := quit.update(keyMsg(key)); !res.done || res.value != want {
			t.Errorf("quit %s: %+v", key, res)
		}
	}
}

func TestChoiceFitsTheScreenAndListsItsKeys(t *testing.T) {
	t.Parallel()
	st := NewStyles(true)
	c := yesNo("Delete «" + strings.Repeat("very long name ", 20) + "»?")
	c.resize(60, 15)
	v := c.view(&st, 60, 15)
	for _, l := range strings.Split(stripped(v), "\n") {
		if len([]rune(l)) > 60 {
			t.Fatalf("a line wider than the screen: %q", l)
		}
	}
	if !strings.Contains(stripped(v), "y yes") || !strings.Contains(stripped(v), "esc no") || len(c.bindings()) != 2 {
		t.Errorf("keys not shown:\n%s", stripped(v))
	}
}

func TestPickerFiltersAndReturnsTheChoice(t *testing.T) {
	t.Parallel()
	items := []pickItem{{id: "m1", label: "Starik"}, {id: "m2", label: "Yeryoma"}, {id: "m3", label: "Yegor"}}
	p := newPicker("Holder", []pickItem{{id: pickNewMember, label: "new member…"}}, items, 5, nil)
	p.resize(80, 24)
	for _, r := range "yeg" {
		p.update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	res, _ := p.update(keyMsg("enter"))
	if !res.done || res.value != "m3" || p.chosen.label != "Yegor" {
		t.Fatalf("enter after yeg: %+v %+v", res, p.chosen)
	}
	if res, _ := p.update(keyMsg("esc")); !res.done || !res.canceled {
		t.Errorf("esc: %+v", res)
	}
	// With nothing typed, down then enter takes the first member.
	p = newPicker("Holder", []pickItem{{id: pickNewMember, label: "new member…"}}, items, 5, nil)
	p.update(keyMsg("down"))
	if res, _ := p.update(keyMsg("enter")); res.value != "m1" {
		t.Errorf("down, enter: %+v", res)
	}
}

// TestDialogsStack: a dialog opened from another's answer takes the
// keyboard; closing the last gives it back to the screen it came from.
func TestDialogsStack(t *testing.T) {
	t.Parallel()
	m := newModel(t, 80, 24)
	press(m, "m") // the members screen
	asked := 0
	m.push(yesNo("first?"), func(res dialogResult) tea.Cmd {
		asked++
		m.push(yesNo("second?"), func(dialogResult) tea.Cmd { asked++; return nil })
		return nil
	})
	press(m, "y")
	if !isOpen[*choice](m) || !strings.Contains(screen(m), "second?") {
		t.Fatalf("the second question is not on top:\n%s", screen(m))
	}
	press(m, "esc")
	if asked != 2 || m.topDialog() != nil || m.mode != modeMembers {
		t.Fatalf("asked %d, dialog %v, mode %d", asked, m.topDialog(), m.mode)
	}
}

func TestChoiceWrapsALongQuestion(t *testing.T) {
	t.Parallel()
	st := NewStyles(true)
	c := yesNo("Delete «St. Petersburg Committee» with 31 sub-units and 75 posts (68 held)?")
	v := stripped(c.view(&st, 60, 15))
	if !strings.Contains(v, "(68") || !strings.Contains(v, "held)?") {
		t.Errorf("the question was cut:\n%s", v)
	}
}
