// Package tui is the orgplan editor: a Bubble Tea program over a plan.
package tui

import (
	"io"

	tea "charm.land/bubbletea/v2"

	"github.com/orgplan/orgplan/model"
)

// Options say what the editor opens.
type Options struct {
	Org   *model.Org
	Path  string // where ctrl+s saves; "" for an unsaved example
	Title string // the name shown when there is no Path
	New   bool   // Path does not exist yet
}

type app struct{ opts Options }

func (a app) Init() tea.Cmd { return nil }

func (a app) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "q" || k.String() == "ctrl+c") {
		return a, tea.Quit
	}
	return a, nil
}

func (a app) View() tea.View {
	v := tea.NewView(a.opts.Org.Name + "\n\nq quits")
	v.AltScreen = true
	return v
}

// Run opens the editor and returns when the user quits.
func Run(opts Options, in io.Reader, out io.Writer) error {
	_, err := tea.NewProgram(app{opts}, tea.WithInput(in), tea.WithOutput(out)).Run()
	return err
}
