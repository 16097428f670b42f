package tui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// prompt is the one-line text entry on the key line, for names, searches
// and file names. Enter accepts, Esc cancels.
type prompt struct {
	label  string
	input  textinput.Model
	accept func(value string) tea.Cmd // runs in Update on Enter
}

// maxName bounds what a prompt accepts; a pasted novel is cut, not drawn.
const maxName = 500

func newPrompt(label, value string, width int, accept func(string) tea.Cmd) *prompt {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = maxName
	in.SetValue(value)
	in.CursorEnd()
	in.SetWidth(max(width-len(label)-4, 10))
	in.Focus()
	return &prompt{label: label, input: in, accept: accept}
}

// promptResult says what a key did to the prompt.
type promptResult int

const (
	promptEditing promptResult = iota
	promptAccepted
	promptCanceled
)

func (p *prompt) update(msg tea.Msg) (promptResult, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "enter":
			return promptAccepted, nil
		case "esc", "ctrl+c":
			return promptCanceled, nil
		}
	}
	if paste, ok := msg.(tea.PasteMsg); ok {
		// One line only: a pasted block becomes one line, cut to the limit.
		msg = tea.PasteMsg{Content: strings.Join(strings.Fields(paste.Content), " ")}
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return promptEditing, cmd
}

func (p *prompt) value() string { return strings.TrimSpace(p.input.Value()) }

func (p *prompt) view(st *Styles, width int) string {
	return fit(st.Key.Render(p.label)+" "+p.input.View(), width)
}
