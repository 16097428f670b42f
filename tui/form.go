package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// form is a dialog holding a huh form. Its fields write into values the
// caller owns; submit turns them into one undoable change.
type form struct {
	title  string
	f      *huh.Form
	submit func() // runs in Update once the form completes
	width  int
}

func (m *Model) openForm(title string, f *huh.Form, submit func()) tea.Cmd {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", "cancel"))
	f = f.WithKeyMap(km).WithShowHelp(true).WithShowErrors(true).
		WithTheme(huh.ThemeFunc(huh.ThemeCharm))
	m.form = &form{title: title, f: f, submit: submit}
	m.form.resize(m.width, m.height)
	m.mode = modeForm
	return m.form.f.Init()
}

func (f *form) resize(w, h int) {
	f.width = min(max(w-8, 40), 76)
	f.f = f.f.WithWidth(f.width)
}

func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	fm, cmd := m.form.f.Update(msg)
	if hf, ok := fm.(*huh.Form); ok {
		m.form.f = hf
	}
	switch m.form.f.State {
	case huh.StateCompleted:
		f := m.form
		m.form = nil
		m.closeDialog()
		f.submit()
		return nil
	case huh.StateAborted:
		m.form = nil
		m.closeDialog()
		m.setStatus("canceled")
		return nil
	}
	return cmd
}

func (f *form) view(st *Styles) string {
	body := st.Title.Render(f.title) + "\n\n" + f.f.View()
	return st.Dialog.Width(f.width + 4).Render(lipgloss.NewStyle().MaxWidth(f.width).Render(body))
}
