package tui

import (
	"charm.land/bubbles/v2/help"
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles holds every style the editor draws with, by meaning. NewStyles
// builds it for a light or dark background; it is rebuilt when the
// terminal reports its background.
type Styles struct {
	Title     lipgloss.Style // the title line
	TitleDim  lipgloss.Style
	Modified  lipgloss.Style
	Border    lipgloss.Style // pane border, blurred
	BorderOn  lipgloss.Style // pane border, focused
	PaneTitle lipgloss.Style
	Selected  lipgloss.Style // the cursor row in the focused pane
	Current   lipgloss.Style // the cursor row in a blurred pane
	Dim       lipgloss.Style
	Match     lipgloss.Style // a search match
	Error     lipgloss.Style // vacant posts, errors
	Warning   lipgloss.Style // posts with no candidate, warnings
	OK        lipgloss.Style
	Key       lipgloss.Style // a key in the key line
	Status    lipgloss.Style
	StatusErr lipgloss.Style
	Dialog    lipgloss.Style
	TabOn     lipgloss.Style
	TabOff    lipgloss.Style
	Secrecy   map[string]lipgloss.Style
	G         Glyphs
}

// Glyphs are the characters of borders and tree marks: box drawing by
// default, plain ASCII for screen readers and limited fonts.
type Glyphs struct {
	TL, TR, BL, BR, H, V string // pane borders
	Open, Closed, From   string // an expanded unit, a collapsed one, "candidates:"
}

var (
	unicodeGlyphs = Glyphs{"┌", "┐", "└", "┘", "─", "│", "▾ ", "▸ ", "← "}
	asciiGlyphs   = Glyphs{"+", "+", "+", "+", "-", "|", "v ", "> ", "<- "}
)

// palette is the editor's few colors, for a light or dark background; the
// styles and the forms' theme are both made from it.
type palette struct{ accent, dim, red, yellow, green color.Color }

// restyle builds the styles for the background and the theme.
func (m *Model) restyle() {
	m.styles = NewStyles(m.isDark)
	if m.theme == "mono" {
		m.styles = monoStyles(m.styles)
	}
	if m.ascii {
		m.styles.G = asciiGlyphs
		m.styles.Dialog = m.styles.Dialog.Border(lipgloss.ASCIIBorder())
	}
	m.help.Styles = help.DefaultStyles(m.isDark)
}

// monoStyles drops every color, keeping bold, faint and reverse video:
// for terminals and readers that show no color.
func monoStyles(s Styles) Styles {
	strip := func(st lipgloss.Style) lipgloss.Style {
		return st.UnsetForeground().UnsetBackground().UnsetBorderForeground()
	}
	for _, st := range []*lipgloss.Style{&s.Title, &s.TitleDim, &s.Modified, &s.Border, &s.BorderOn, &s.PaneTitle, &s.Selected,
		&s.Current, &s.Dim, &s.Match, &s.Error, &s.Warning, &s.OK, &s.Key, &s.Status, &s.StatusErr, &s.Dialog, &s.TabOn, &s.TabOff} {
		*st = strip(*st)
	}
	s.Dim, s.TitleDim = s.Dim.Faint(true), s.TitleDim.Faint(true)
	s.Error, s.StatusErr, s.TabOn = s.Error.Bold(true), s.StatusErr.Bold(true), s.TabOn.Reverse(true)
	sec := map[string]lipgloss.Style{}
	for k, v := range s.Secrecy {
		sec[k] = strip(v)
	}
	s.Secrecy = sec
	return s
}

func newPalette(isDark bool) palette {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(dark)) }
	return palette{
		accent: c("#5A3FC0", "#B7A6FF"),
		dim:    c("#6B6B6B", "#8A8A8A"),
		red:    c("#B00020", "#FF6B6B"),
		yellow: c("#8A5A00", "#F2C14E"),
		green:  c("#1E7B34", "#7BD88F"),
	}
}

// NewStyles builds the styles for a dark or light background. Selection uses
// reverse video, so that it shows without colors too (NO_COLOR).
func NewStyles(isDark bool) Styles {
	p := newPalette(isDark)
	accent, dim, red, yellow, green := p.accent, p.dim, p.red, p.yellow, p.green
	s := Styles{
		G:         unicodeGlyphs,
		Title:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		TitleDim:  lipgloss.NewStyle().Foreground(dim),
		Modified:  lipgloss.NewStyle().Bold(true).Foreground(yellow),
		Border:    lipgloss.NewStyle().Foreground(dim),
		BorderOn:  lipgloss.NewStyle().Foreground(accent),
		PaneTitle: lipgloss.NewStyle().Bold(true),
		Selected:  lipgloss.NewStyle().Reverse(true).Bold(true),
		Current:   lipgloss.NewStyle().Underline(true),
		Dim:       lipgloss.NewStyle().Foreground(dim),
		Match:     lipgloss.NewStyle().Bold(true).Underline(true).Foreground(accent),
		Error:     lipgloss.NewStyle().Bold(true).Foreground(red),
		Warning:   lipgloss.NewStyle().Foreground(yellow),
		OK:        lipgloss.NewStyle().Foreground(green),
		Key:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Status:    lipgloss.NewStyle().Foreground(green),
		StatusErr: lipgloss.NewStyle().Bold(true).Foreground(red),
		Dialog:    lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		TabOn:     lipgloss.NewStyle().Bold(true).Reverse(true),
		TabOff:    lipgloss.NewStyle().Foreground(dim),
	}
	s.Secrecy = map[string]lipgloss.Style{
		"open":   lipgloss.NewStyle().Foreground(green),
		"low":    lipgloss.NewStyle().Foreground(green),
		"medium": lipgloss.NewStyle().Foreground(dim),
		"high":   lipgloss.NewStyle().Foreground(yellow),
		"strict": lipgloss.NewStyle().Foreground(red),
	}
	return s
}
