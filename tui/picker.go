package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/sahilm/fuzzy"
)

// picker chooses one item from a list by typing a few letters of it
// (fuzzy matching) and Enter. Special items ("new member…", "vacant")
// stay at the top whatever is typed.
type picker struct {
	title    string
	input    textinput.Model
	special  []pickItem
	items    []pickItem
	labels   []string // what fuzzy matching sees, one per item
	shown    []pickItem
	cursor   int
	offset   int
	height   int
	onChoose func(it pickItem) tea.Cmd // what the opener does with the choice
	chosen   pickItem
}

// pickItem is a choice: its id, the line drawn, and a dim note.
type pickItem struct {
	id, label, note string
}

// Ids of the special items.
const (
	pickNewMember = "\x00new"
	pickNobody    = "\x00none"
)

func newPicker(title string, special, items []pickItem, height int, onChoose func(pickItem) tea.Cmd) *picker {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = "type to filter"
	in.CharLimit = 100
	in.Focus()
	p := &picker{title: title, input: in, special: special, items: items, height: height, onChoose: onChoose}
	p.labels = make([]string, len(items))
	for i, it := range items {
		p.labels[i] = it.label + " " + it.note
	}
	p.filter()
	return p
}

// filter recomputes the shown items for the current text: items that
// contain it as typed come first (those where it starts a word before the
// others), then the fuzzy matches, best first.
func (p *picker) filter() {
	q := strings.TrimSpace(p.input.Value())
	p.shown = append(p.shown[:0], p.special...)
	if q == "" {
		p.shown = append(p.shown, p.items...)
	} else {
		lq := strings.ToLower(q)
		taken := make(map[int]bool)
		for pass := 0; pass < 2; pass++ {
			for i, l := range p.labels {
				ll := strings.ToLower(l)
				at := strings.Index(ll, lq)
				wordStart := at == 0 || at > 0 && strings.ContainsRune(" .-_(/", rune(ll[at-1]))
				if at >= 0 && !taken[i] && (pass == 1 || wordStart) {
					taken[i] = true
					p.shown = append(p.shown, p.items[i])
				}
			}
		}
		for _, mt := range fuzzy.Find(q, p.labels) {
			if !taken[mt.Index] {
				p.shown = append(p.shown, p.items[mt.Index])
			}
		}
	}
	p.cursor, p.offset = 0, 0
	if q != "" && len(p.shown) > len(p.special) {
		// Typing means looking for someone: start on the best match.
		p.cursor = len(p.special)
	}
	p.scroll()
}

func (p *picker) scroll() {
	p.cursor = min(max(p.cursor, 0), max(len(p.shown)-1, 0))
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+p.height {
		p.offset = p.cursor - p.height + 1
	}
}

// pickerKeys are the picker's keys; what is typed filters.
var pickerKeys = struct{ Up, Down, PageUp, PageDown, Choose, Cancel key.Binding }{
	Up:       bind("↑", "up", "up", "ctrl+p"),
	Down:     bind("↓", "down", "down", "ctrl+n"),
	PageUp:   bind("pgup", "page up", "pgup"),
	PageDown: bind("pgdn", "page down", "pgdown"),
	Choose:   bind("enter", "pick", "enter"),
	Cancel:   bind("esc", "cancel", "esc", "ctrl+c"),
}

// update handles a message; the result is done when the picker closes,
// with the chosen item's id (and p.chosen) unless canceled.
func (p *picker) update(msg tea.Msg) (dialogResult, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, pickerKeys.Cancel):
			return dialogResult{done: true, canceled: true}, nil
		case key.Matches(k, pickerKeys.Choose):
			if len(p.shown) == 0 {
				return dialogResult{}, nil
			}
			p.chosen = p.shown[p.cursor]
			return dialogResult{done: true, value: p.chosen.id}, nil
		case key.Matches(k, pickerKeys.Up):
			p.cursor--
		case key.Matches(k, pickerKeys.Down):
			p.cursor++
		case key.Matches(k, pickerKeys.PageUp):
			p.cursor -= p.height
		case key.Matches(k, pickerKeys.PageDown):
			p.cursor += p.height
		default:
			return p.typed(msg)
		}
		p.scroll()
		return dialogResult{}, nil
	}
	return p.typed(msg)
}

// typed gives the filter what it takes (letters, pastes, blinks).
func (p *picker) typed(msg tea.Msg) (dialogResult, tea.Cmd) {
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return dialogResult{}, cmd
}

func (p *picker) resize(width, height int) { p.fitTo(width, pickerRows(height)) }

func (p *picker) bindings() []key.Binding {
	k := pickerKeys
	return []key.Binding{k.Up, k.Down, k.Choose, k.Cancel}
}

// pickerRows is how many items a picker lists on a screen this tall.
func pickerRows(height int) int { return max(min(height-10, 12), 3) }

// fitTo lays the picker out for a screen: as many rows as the height
// leaves, the filter as wide as the dialog (so that its placeholder shows
// whole). It runs when the picker opens and on every resize.
func (p *picker) fitTo(width, height int) {
	p.height = height
	p.input.SetWidth(pickerWidth(width) - 4)
	p.scroll()
}

func pickerWidth(screen int) int { return min(max(screen-10, 30), 70) }

func (p *picker) view(st *Styles, width, _ int) string {
	w := pickerWidth(width)
	lines := []string{st.Title.Render(p.title), p.input.View(), ""}
	end := min(p.offset+p.height, len(p.shown))
	for i := p.offset; i < end; i++ {
		it := p.shown[i]
		segs := []seg{{text: it.label}}
		if it.note != "" {
			segs = append(segs, seg{"  " + it.note, &st.Dim})
		}
		lines = append(lines, drawRow(st, segs, w, i == p.cursor, true))
	}
	for i := end - p.offset; i < p.height; i++ {
		lines = append(lines, "")
	}
	lines = append(lines, st.Dim.Render(fmt.Sprintf("%d of %d · ↑↓ choose · enter picks · esc cancels", max(len(p.shown)-len(p.special), 0), len(p.items))))
	return st.Dialog.Render(strings.Join(lines, "\n"))
}
