package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// prompt is the one-line text entry on the key line, for names, searches
// and file names. Enter accepts, Esc cancels.
type prompt struct {
	label  string
	hint   string // taken when the user accepts an empty prompt
	input  textinput.Model
	start  kept                       // the value it opened with, to keep it exact if left alone
	accept func(value string) tea.Cmd // runs in Update on Enter
}

// maxName bounds what a prompt accepts as typed; a pasted novel is cut,
// not drawn. A longer name the prompt opens with is not cut.
const maxName = 500

func newPrompt(label, value string, width int, accept func(string) tea.Cmd) *prompt {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = max(maxName, len([]rune(value)))
	in.SetValue(value)
	in.CursorEnd()
	in.SetWidth(max(width-len(label)-4, 10))
	in.Focus()
	return &prompt{label: label, input: in, start: kept{orig: value, shown: in.Value()}, accept: accept}
}

// promptResult says what a key did to the prompt.
type promptResult int

const (
	promptEditing promptResult = iota
	promptAccepted
	promptCanceled
)

// promptKeys are the prompt's keys; what is typed edits the text.
var promptKeys = struct{ Accept, Cancel, Recall key.Binding }{
	Accept: bind("enter", "accept", "enter"),
	Cancel: bind("esc", "cancel", "esc", "ctrl+c"),
	Recall: bind("↑", "recall the suggestion", "up"),
}

func (p *prompt) update(msg tea.Msg) (promptResult, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, promptKeys.Accept):
			return promptAccepted, nil
		case key.Matches(k, promptKeys.Cancel):
			return promptCanceled, nil
		case key.Matches(k, promptKeys.Recall):
			if p.hint != "" && p.input.Value() == "" {
				p.input.SetValue(p.hint) // recall the suggestion to edit it
				p.input.CursorEnd()
				return promptEditing, nil
			}
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

// value is what was typed, without the spaces around it; the value the
// prompt opened with, exactly, if it was left alone.
func (p *prompt) value() string {
	if v := p.start.line(p.input.Value()); v != "" || p.hint == "" {
		return v
	}
	return p.hint
}

// withHint shows a suggestion in an empty prompt, taken by enter as it
// is; typing replaces it instead of adding to it.
func (p *prompt) withHint(hint string) *prompt {
	p.hint = hint
	p.input.Placeholder = hint
	return p
}

func (p *prompt) view(st *Styles, width int) string {
	return fit(st.Key.Render(p.label)+" "+p.input.View(), width)
}
