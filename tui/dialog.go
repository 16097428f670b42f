package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// A dialog is a component drawn over the screen: messages in, a result
// out. It knows nothing of the editor; the root keeps the open dialogs in
// a stack, gives the top one every key and every other message, draws it
// over the screen, lays it out again on every resize, and does with its
// result what the opener asked (then). Opening a dialog is push; there is
// no mode to set and nothing to close by hand.
type dialog interface {
	update(msg tea.Msg) (dialogResult, tea.Cmd)
	view(st *Styles, width, height int) string
	resize(width, height int)
	bindings() []key.Binding // its keys, for the key line and the help
}

// dialogResult is what a dialog says when it closes.
type dialogResult struct {
	done     bool   // the dialog is finished
	canceled bool   // by esc (or ctrl+c)
	value    string // the answer's id, the chosen item's id
}

// openDialog is a dialog on the stack and what its opener does with its
// result; then runs in Update, after the dialog is off the stack, so it
// may open another.
type openDialog struct {
	d    dialog
	then func(dialogResult) tea.Cmd
}

// push opens a dialog over everything else.
func (m *Model) push(d dialog, then func(dialogResult) tea.Cmd) {
	d.resize(m.width, m.height)
	m.dialogs = append(m.dialogs, openDialog{d: d, then: then})
}

// topDialog is the dialog that has the keyboard, or nil.
func (m *Model) topDialog() dialog {
	if len(m.dialogs) == 0 {
		return nil
	}
	return m.dialogs[len(m.dialogs)-1].d
}

// updateDialog gives a message to the top dialog and, when it closes,
// takes it off the stack and runs what its opener asked.
func (m *Model) updateDialog(msg tea.Msg) tea.Cmd {
	top := m.dialogs[len(m.dialogs)-1]
	res, cmd := top.d.update(msg)
	if !res.done {
		return cmd
	}
	m.dialogs = m.dialogs[:len(m.dialogs)-1]
	if top.then == nil {
		return cmd
	}
	return tea.Batch(cmd, top.then(res))
}

// choice is a question with a few answers, each a key: the yes/no
// questions, quit with unsaved changes, a file changed on disk, a
// recovery copy. esc (or ctrl+c) cancels.
type choice struct {
	text    string
	answers []answer
	width   int
}

// answer is one way out of a choice.
type answer struct {
	id  string
	key key.Binding
}

// newChoice asks text; each answer is an id and its key binding.
func newChoice(text string, answers ...answer) *choice {
	return &choice{text: text, answers: answers}
}

// yesNo is the common choice: y (or enter) says "yes"; n or esc cancel.
func yesNo(text string) *choice {
	return newChoice(text,
		answer{"yes", bind("y", "yes", "y", "enter")},
		answer{"", bind("esc", "no", "n", "esc", "ctrl+c")})
}

func (c *choice) update(msg tea.Msg) (dialogResult, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return dialogResult{}, nil
	}
	for _, a := range c.answers {
		if key.Matches(k, a.key) {
			return dialogResult{done: true, value: a.id, canceled: a.id == ""}, nil
		}
	}
	if k.String() == "esc" || k.String() == "ctrl+c" {
		return dialogResult{done: true, canceled: true}, nil
	}
	return dialogResult{}, nil
}

func (c *choice) resize(width, _ int) { c.width = width }

func (c *choice) bindings() []key.Binding {
	bs := make([]key.Binding, len(c.answers))
	for i, a := range c.answers {
		bs[i] = a.key
	}
	return bs
}

func (c *choice) view(st *Styles, width, _ int) string {
	// Wrapped, not cut: a question must be read whole, and so must
	// every answer's key.
	w := max(min(width-8, 72), 20)
	wrap := lipgloss.NewStyle().Width(w)
	lines := strings.Split(c.text, "\n")
	for i, l := range lines {
		lines[i] = wrap.Render(clean(l))
	}
	var keys []string
	line, used := "", 0
	for _, a := range c.answers {
		h := a.key.Help()
		n := ansiWidth(h.Key) + 1 + ansiWidth(h.Desc)
		if used > 0 && used+3+n > w {
			keys, line, used = append(keys, line), "", 0
		}
		if used > 0 {
			line, used = line+"   ", used+3
		}
		line, used = line+st.Key.Render(h.Key)+" "+h.Desc, used+n
	}
	keys = append(keys, line)
	return st.Dialog.Render(strings.Join(lines, "\n") + "\n\n" + strings.Join(keys, "\n"))
}
