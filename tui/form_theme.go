package tui

import (
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// formTheme dresses the forms in the editor's palette, for the background
// the terminal reported: titles and selectors in the accent, errors in
// red, the chosen option in green, buttons in reverse video.
func formTheme(isDark bool) *huh.Styles {
	p := newPalette(isDark)
	t := huh.ThemeBase(isDark)
	f := &t.Focused
	f.Base = f.Base.BorderForeground(p.accent)
	f.Card = f.Base
	f.Title = f.Title.Foreground(p.accent).Bold(true)
	f.NoteTitle = f.NoteTitle.Foreground(p.accent).Bold(true).MarginBottom(1)
	f.Description = f.Description.Foreground(p.dim)
	f.ErrorIndicator = f.ErrorIndicator.Foreground(p.red)
	f.ErrorMessage = f.ErrorMessage.Foreground(p.red)
	f.SelectSelector = f.SelectSelector.Foreground(p.accent)
	f.NextIndicator = f.NextIndicator.Foreground(p.accent)
	f.PrevIndicator = f.PrevIndicator.Foreground(p.accent)
	f.MultiSelectSelector = f.MultiSelectSelector.Foreground(p.accent)
	f.SelectedOption = f.SelectedOption.Foreground(p.green)
	f.SelectedPrefix = lipgloss.NewStyle().Foreground(p.green).SetString("✓ ")
	f.UnselectedPrefix = lipgloss.NewStyle().Foreground(p.dim).SetString("• ")
	f.FocusedButton = lipgloss.NewStyle().Padding(0, 2).MarginRight(1).Reverse(true).Bold(true)
	f.Next = f.FocusedButton
	f.BlurredButton = lipgloss.NewStyle().Padding(0, 2).MarginRight(1).Foreground(p.dim)
	f.TextInput.Cursor = f.TextInput.Cursor.Foreground(p.accent)
	f.TextInput.Placeholder = f.TextInput.Placeholder.Foreground(p.dim)
	f.TextInput.Prompt = f.TextInput.Prompt.Foreground(p.accent)

	t.Blurred = t.Focused
	t.Blurred.Base = t.Focused.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.NextIndicator = lipgloss.NewStyle()
	t.Blurred.PrevIndicator = lipgloss.NewStyle()
	t.Group.Title = t.Focused.Title
	t.Group.Description = t.Focused.Description
	return t
}
