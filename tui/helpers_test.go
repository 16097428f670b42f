package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
	"github.com/orgplan/orgplan/storage/storagetest"
)

func exampleOrg(t testing.TB, name string) *model.Org {
	t.Helper()
	data, ok := examples.Get(name)
	if !ok {
		t.Fatalf("no example %s", name)
	}
	o, err := storage.Decode(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// newModel opens the 1902 example at a terminal size.
func newModel(t testing.TB, w, h int) *Model {
	t.Helper()
	m := New(Options{Org: exampleOrg(t, examples.Default), Title: examples.FileName(examples.Default)})
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// keyMsg builds the key press a terminal sends for a key name as
// KeyPressMsg.String spells it.
func keyMsg(s string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"backspace": tea.KeyBackspace,
	}
	if strings.HasPrefix(s, "ctrl+") {
		return tea.KeyPressMsg{Code: rune(s[5]), Mod: tea.ModCtrl}
	}
	if s == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	}
	if r, ok := special[s]; ok {
		if s == "space" {
			return tea.KeyPressMsg{Code: r, Text: " "}
		}
		return tea.KeyPressMsg{Code: r}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

// press sends keys and returns the last command.
func press(m *Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		_, cmd = m.Update(keyMsg(k))
	}
	return cmd
}

// typeText types text one character at a time, as a person would.
func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// addUnit adds a unit through the prompt, as a person would: a, the name,
// enter.
func addUnit(m *Model, name string) {
	press(m, "a")
	typeText(m, name)
	press(m, "enter")
}

// run executes a command and feeds its messages back, as the program
// would, and what those return in turn. Commands that wait (cursor blinks)
// are dropped after a moment, so that tests stay fast and in order.
func run(m *Model, cmd tea.Cmd) { runWaiting(m, cmd, 300*time.Millisecond) }

// runWaiting is run for commands that do real work (a save, an export):
// each may take up to wait, as an fsync on a loaded machine can.
func runWaiting(m *Model, cmd tea.Cmd, wait time.Duration) {
	for depth := 0; cmd != nil && depth < 20; depth++ {
		done := make(chan tea.Msg, 1)
		go func() { done <- cmd() }()
		var msg tea.Msg
		select {
		case msg = <-done:
		case <-time.After(wait):
			return
		}
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				runWaiting(m, c, wait)
			}
			return
		}
		// A sequence's message is a list of commands too, of a type of
		// Bubble Tea's own: they run in order.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			for i := range v.Len() {
				runWaiting(m, v.Index(i).Interface().(tea.Cmd), wait)
			}
			return
		}
		if msg == nil {
			return
		}
		_, cmd = m.Update(msg)
	}
}

// settle runs the jobs the editor needs (work.go) until none is left, as
// the program would, however long each takes. Jobs whose commands a test
// dropped (calling Update alone) are started again.
func settle(tb testing.TB, m *Model) {
	tb.Helper()
	for range 50 {
		cmd := restartJobs(m)
		if cmd == nil {
			return
		}
		runWaiting(m, cmd, 5*time.Minute)
	}
	tb.Fatal("the jobs never settle")
}

// restartJobs calls off the running jobs, whose commands a test dropped,
// and starts those needed now.
func restartJobs(m *Model) tea.Cmd {
	for k := range jobCount {
		m.callOff(k)
	}
	return m.startJobs()
}

// pressRun presses keys and runs what each returns, for dialogs whose
// widgets move on through commands.
func pressRun(m *Model, keys ...string) {
	for _, k := range keys {
		run(m, press(m, k))
	}
}

func screen(m *Model) string { return ansi.Strip(m.View().Content) }

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func selectedName(m *Model) string {
	if u := m.tree.selected(); u != nil {
		return u.Name
	}
	return ""
}

// selectUnit puts the tree cursor on the unit with that name.
func selectUnit(t testing.TB, m *Model, name string) *model.Unit {
	t.Helper()
	var found *model.Unit
	m.org.Walk(func(u *model.Unit) bool {
		if u.Name == name {
			found = u
			return false
		}
		return true
	})
	if found == nil || !m.tree.reveal(found.ID) {
		t.Fatalf("no unit %q", name)
	}
	return found
}

// tabRows is every row of a tab, the Checks tab's cells made as drawn.
func tabRows(m *Model, t int) []sideRow {
	rows := make([]sideRow, m.side.rowCount(t))
	for i := range rows {
		rows[i] = m.side.rowAt(t, i)
		if rows[i].finding != 0 {
			rows[i].cols = m.findingCols(rows[i])
		}
	}
	return rows
}

// sameUncached fails when the screen differs from one drawn with no kept
// rows: the tree's and the side panel's caches must never show the past.
func sameUncached(t *testing.T, m *Model, step int) {
	t.Helper()
	got := m.View().Content
	m.tree.drawn, m.side.drawn = nil, nil
	if want := m.View().Content; got != want {
		t.Fatalf("step %d: the kept rows differ from a fresh drawing\n got %s\nwant %s", step, ansi.Strip(got), ansi.Strip(want))
	}
}

func TestMain(m *testing.M) { storagetest.Main(m) }

// isOpen reports whether the top dialog is a T: *choice, *picker or *form.
func isOpen[T dialog](m *Model) bool {
	_, ok := m.topDialog().(T)
	return ok
}

// topPicker is the open picker; the test fails without one.
func topPicker(t testing.TB, m *Model) *picker {
	t.Helper()
	p, ok := m.topDialog().(*picker)
	if !ok {
		t.Fatalf("no picker open:\n%s", screen(m))
	}
	return p
}

// laborRowOf shows the Labor tab, focused, with the cursor on the row of
// member id.
func laborRowOf(m *Model, id string) {
	press(m, "1")
	m.focus = focusSide
	for i, r := range m.side.rows[tabLabor] {
		if r.member == id {
			m.side.cursor[tabLabor] = i
		}
	}
}

// searchFor searches as a person does: /, the text, enter.
func searchFor(m *Model, q string) {
	press(m, "/")
	typeText(m, q)
	press(m, "enter")
}
