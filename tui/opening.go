package tui

import (
	"errors"
	"fmt"
	"io"
	"time"

	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"github.com/dustin/go-humanize"

	"github.com/orgplan/orgplan/storage"
)

// A big plan takes seconds to open (half a minute at a million units):
// until it is loaded, a line says what is being done, with a bar and the
// counts, from the first moment. It is a program of its own, run before
// the editor's, since the editor needs the plan to start.

// ErrOpenCanceled is what Opening returns when the user stops it.
var ErrOpenCanceled = errors.New("opening canceled")

// openTick is how often the line is redrawn.
const openTick = 50 * time.Millisecond

type opening struct {
	name    string
	size    int64
	pr      *storage.Progress
	bar     progress.Model
	started time.Time
	done    bool // the load returned
	stopped bool // q: the user stopped it
	err     error
}

type openTickMsg struct{}
type openedMsg struct{ err error }

// Opening shows the progress of load, which records it in pr, until it
// returns; name and size say what is opened.
func Opening(name string, size int64, pr *storage.Progress, load func() error, in io.Reader, out io.Writer) error {
	m := &opening{name: name, size: size, pr: pr, started: time.Now(),
		bar: progress.New(progress.WithDefaultBlend(), progress.WithWidth(30), progress.WithoutPercentage())}
	p := tea.NewProgram(m, tea.WithInput(in), tea.WithOutput(out))
	go func() { p.Send(openedMsg{load()}) }()
	if _, err := p.Run(); err != nil {
		return err
	}
	if !m.done {
		return ErrOpenCanceled
	}
	return m.err
}

func (m *opening) Init() tea.Cmd { return openTickCmd() }

func openTickCmd() tea.Cmd {
	return tea.Tick(openTick, func(time.Time) tea.Msg { return openTickMsg{} })
}

func (m *opening) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case openedMsg:
		m.done, m.err = true, msg.err
		return m, tea.Quit
	case openTickMsg:
		return m, openTickCmd()
	case tea.WindowSizeMsg:
		// The line is "stage bar percent counts": the bar takes what the
		// words leave, between 10 and 30 cells.
		m.bar.SetWidth(max(10, min(30, msg.Width-50)))
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" || msg.String() == "q" {
			m.stopped = true
			return m, tea.Quit
		}
	}
	return m, nil
}

// View is two lines: what is opened, then the stage, the bar, the counts.
func (m *opening) View() tea.View {
	if m.done || m.stopped {
		return tea.NewView(" ") // cleared: the editor or the error follows
	}
	stage, _, _ := m.pr.Now()
	frac := m.pr.Fraction()
	elapsed := time.Since(m.started).Truncate(time.Second)
	return tea.NewView(fmt.Sprintf("Opening %s · %s · q stops\n%-14s %s %3.0f%%  %s · %s\n",
		clean(m.name), humanize.Bytes(uint64(m.size)), stage, m.bar.ViewAs(frac), 100*frac, m.pr.Counts(), elapsed))
}
