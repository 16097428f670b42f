package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/orgplan/orgplan/storage"
)

// form is a dialog holding a huh form. Its fields write into values the
// caller owns; the opener's submit turns them into one undoable change.
type form struct {
	title  string
	f      *huh.Form
	width  int
	isDark bool
}

// openForm opens a form; submit runs when it is completed, not when it
// is canceled.
func (m *Model) openForm(title string, f *huh.Form, submit func()) tea.Cmd {
	fm := &form{title: title, isDark: m.isDark}
	km := huh.NewDefaultKeyMap()
	km.Quit = formCancel
	fm.f = f.WithKeyMap(km).WithShowHelp(true).WithShowErrors(true).
		WithTheme(huh.ThemeFunc(func(bool) *huh.Styles { return formTheme(fm.isDark) }))
	m.push(fm, func(res dialogResult) tea.Cmd {
		if res.canceled {
			m.setStatus("canceled")
			return nil
		}
		submit()
		return nil
	})
	return fm.f.Init()
}

// formCancel leaves a form without a change.
var formCancel = bind("esc", "cancel", "esc", "ctrl+c")

// resize fits the form to the screen: as wide as reads well, and as tall
// as the screen allows, so that a tall terminal shows more fields.
func (f *form) resize(w, h int) {
	f.width = min(max(w-8, 40), 76)
	f.f = f.f.WithWidth(f.width).WithHeight(max(h-8, 6))
}

func (f *form) update(msg tea.Msg) (dialogResult, tea.Cmd) {
	fm, cmd := f.f.Update(msg)
	if hf, ok := fm.(*huh.Form); ok {
		f.f = hf
	}
	switch f.f.State {
	case huh.StateCompleted:
		return dialogResult{done: true}, nil
	case huh.StateAborted:
		return dialogResult{done: true, canceled: true}, nil
	}
	return dialogResult{}, cmd
}

func (f *form) bindings() []key.Binding { return []key.Binding{formCancel} }

func (f *form) view(st *Styles, _, _ int) string {
	body := st.Title.Render(f.title) + "\n\n" + f.f.View()
	return st.Dialog.Width(f.width + 4).Render(lipgloss.NewStyle().MaxWidth(f.width).Render(body))
}

// The form widgets clean what they are given (tabs become spaces, control
// characters go) and cut it at their limits. A field the user did not
// touch must keep its text exactly, so each text field remembers what it
// showed when the form opened: leaving it as shown keeps the original.

// maxText is the file's limit on one string.
const maxText = storage.MaxText

// kept is one text field's original and what the form showed of it.
type kept struct{ orig, shown string }

// keepLine and keepText remember a one-line input's and a text area's
// original, as the widget will show it.
func keepLine(orig string) kept {
	in := textinput.New()
	in.CharLimit = maxText
	in.SetValue(orig)
	return kept{orig: orig, shown: in.Value()}
}

func keepText(orig string) kept {
	ta := textarea.New()
	ta.CharLimit = maxText
	ta.SetValue(orig)
	return kept{orig: orig, shown: ta.Value()}
}

// value is the field's text: the original when left as shown, else what
// the user made of it.
func (k kept) value(edited string) string {
	if edited == k.shown {
		return k.orig
	}
	return edited
}

// line is value for a one-line field, whose edited text loses the spaces
// around it.
func (k kept) line(edited string) string {
	if edited == k.shown {
		return k.orig
	}
	return strings.TrimSpace(edited)
}

// partly is a field description that says when the form cannot show the
// whole text.
func (k kept) partly(desc string) string {
	if k.orig == k.shown {
		return desc
	}
	note := "shown in part (tabs, controls or length): leave it as is to keep it whole"
	if desc == "" {
		return note
	}
	return desc + " · " + note
}

// validText refuses what the file could not hold.
func validText(s string) error {
	if len(s) > maxText {
		return fmt.Errorf("at most %d bytes", maxText)
	}
	return nil
}
