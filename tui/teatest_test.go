package tui

import (
	"bytes"
	"image/color"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/orgplan/orgplan/examples"
)

// startProgram runs the editor on the 1902 example in a real program.
func startProgram(t *testing.T, w, h int) (*teatest.TestModel, *Model) {
	t.Helper()
	m := New(Options{Org: exampleOrg(t, examples.Default), Title: examples.FileName(examples.Default)})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	waitFor(t, tm, "Organization")
	return tm, m
}

func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

// finish quits the program and returns the final model's screen.
func finish(t *testing.T, tm *teatest.TestModel) *Model {
	t.Helper()
	if err := tm.Quit(); err != nil {
		t.Fatal(err)
	}
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
}

var sizes = []struct {
	name string
	w, h int
}{{"80x24", 80, 24}, {"120x40", 120, 40}, {"200x60", 200, 60}}

func TestGoldenOpened(t *testing.T) {
	for _, sz := range sizes {
		t.Run(sz.name, func(t *testing.T) {
			tm, _ := startProgram(t, sz.w, sz.h)
			golden.RequireEqual(t, []byte(screen(finish(t, tm))))
		})
	}
}

func TestGoldenUnitAddedAndRenamed(t *testing.T) {
	for _, sz := range sizes {
		t.Run(sz.name, func(t *testing.T) {
			tm, _ := startProgram(t, sz.w, sz.h)
			send(tm, "j", "j", "l", "a") // under the executive group
			tm.Type("Cipher group")
			send(tm, "enter", "r")
			for range len("Cipher group") {
				send(tm, "backspace")
			}
			tm.Type("Cipher and codes group")
			send(tm, "enter")
			waitFor(t, tm, "renamed to")
			golden.RequireEqual(t, []byte(screen(finish(t, tm))))
		})
	}
}

func TestGoldenHelp(t *testing.T) {
	for _, sz := range sizes {
		t.Run(sz.name, func(t *testing.T) {
			tm, _ := startProgram(t, sz.w, sz.h)
			send(tm, "?")
			waitFor(t, tm, "type to filter")
			golden.RequireEqual(t, []byte(screen(finish(t, tm))))
		})
	}
}

func TestGoldenQuitPrompt(t *testing.T) {
	for _, sz := range sizes {
		t.Run(sz.name, func(t *testing.T) {
			tm, _ := startProgram(t, sz.w, sz.h)
			send(tm, "d", "y", "q")
			waitFor(t, tm, "before quitting")
			golden.RequireEqual(t, []byte(screen(finish(t, tm))))
		})
	}
}

func TestGoldenTinyTerminal(t *testing.T) {
	m := New(Options{Org: exampleOrg(t, examples.Default)})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(40, 10))
	waitFor(t, tm, "too small")
	golden.RequireEqual(t, []byte(screen(finish(t, tm))))
}

func TestTypingAQuitFlowFinishes(t *testing.T) {
	tm, _ := startProgram(t, 80, 24)
	send(tm, "a")
	tm.Type("Night school")
	send(tm, "enter", "q", "d")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	// d in the quit prompt discards: the program ended with the edit
	// still unsaved in the model.
	out := tm.FinalModel(t).(*Model)
	if !strings.Contains(screen(out), "Night school") || !out.modified() {
		t.Fatal("the typed unit never showed, or was saved")
	}
}

func TestGoldenTabs(t *testing.T) {
	for _, tab := range []string{"1", "2", "3"} {
		for _, sz := range sizes {
			t.Run(tab+"/"+sz.name, func(t *testing.T) {
				tm, _ := startProgram(t, sz.w, sz.h)
				// The executive group's posts: the secretary's holder shows on tab 3.
				send(tm, "j", "j", "l", "tab", tab)
				waitFor(t, tm, "Posts: Executive group")
				golden.RequireEqual(t, []byte(screen(finish(t, tm))))
			})
		}
	}
}

func TestGoldenMembersScreen(t *testing.T) {
	tm, _ := startProgram(t, 100, 30)
	send(tm, "m", "j", "j", "j")
	waitFor(t, tm, "Members 45")
	golden.RequireEqual(t, []byte(screen(finish(t, tm))))
}

func TestGoldenChecksAndWhatIf(t *testing.T) {
	for _, sz := range sizes {
		t.Run("checks/"+sz.name, func(t *testing.T) {
			tm, _ := startProgram(t, sz.w, sz.h)
			send(tm, "4")
			waitFor(t, tm, "inactive-holder")
			golden.RequireEqual(t, []byte(screen(finish(t, tm))))
		})
		t.Run("whatif/"+sz.name, func(t *testing.T) {
			tm, _ := startProgram(t, sz.w, sz.h)
			send(tm, "j", "j", "l", "5", "tab", "tab", "U")
			waitFor(t, tm, "Taken (4)")
			golden.RequireEqual(t, []byte(screen(finish(t, tm))))
		})
	}
}

// With NO_COLOR (the Ascii profile) no color reaches the terminal, and the
// cursor row still shows, in reverse video.
func TestNoColorKeepsTheCursorVisible(t *testing.T) {
	m := New(Options{Org: exampleOrg(t, examples.Default)})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	var out []byte
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { out = append(out, b...); return bytes.Contains(out, []byte("Organization")) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	finish(t, tm)
	if bytes.Contains(out, []byte("38;")) || bytes.Contains(out, []byte("48;")) {
		t.Fatal("colors reached a NO_COLOR terminal")
	}
	if !regexp.MustCompile(`\x1b\[[0-9;]*7m`).Match(out) {
		t.Fatal("no reverse video: the cursor row is invisible without color")
	}
}

// A light terminal gets the light styles.
func TestBackgroundColorPicksStyles(t *testing.T) {
	m := newModel(t, 80, 24)
	dark := m.styles.Title.GetForeground()
	m.Update(tea.BackgroundColorMsg{Color: color.White})
	if m.isDark || m.styles.Title.GetForeground() == dark {
		t.Fatal("a light background kept the dark styles")
	}
}
