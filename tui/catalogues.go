package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/orgplan/orgplan/examples"
	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage"
)

// The catalogues (F): the plan's functions and kinds in a picker, with
// "new function…" and "new kind…" on top; choosing one asks whether to
// edit it (a form of all its fields) or delete it (the question says what
// names it; the deletion takes it out of them). Each change is one
// undoable op. A new, empty plan is offered a starter catalogue.

const (
	pickNewFunction = "\x00newf"
	pickNewKind     = "\x00newk"
)

func (m *Model) openCatalogues() tea.Cmd {
	special := []pickItem{{id: pickNewFunction, label: "new function…"}, {id: pickNewKind, label: "new kind…"}}
	var items []pickItem
	for _, f := range m.org.Functions {
		posts, _, kinds := m.org.Uses(f.ID)
		items = append(items, pickItem{id: "f" + f.ID, label: "function · " + clean(f.Name), note: fmt.Sprintf("%s, %s", count(posts, "post"), count(kinds, "kind"))})
	}
	for _, k := range m.org.Kinds {
		_, units, _ := m.org.Uses(k.ID)
		items = append(items, pickItem{id: "k" + k.ID, label: "kind · " + clean(k.Name), note: count(units, "unit")})
	}
	return m.openPicker(newPicker("Functions and kinds", special, items, pickerRows(m.height), func(it pickItem) tea.Cmd {
		switch {
		case it.id == pickNewFunction:
			return m.editFunction(nil)
		case it.id == pickNewKind:
			return m.editKind(nil)
		case strings.HasPrefix(it.id, "f"):
			return m.askCatalogue(it.id[1:], true)
		default:
			return m.askCatalogue(it.id[1:], false)
		}
	}))
}

// askCatalogue asks what to do with a function or a kind.
func (m *Model) askCatalogue(id string, function bool) tea.Cmd {
	posts, units, kinds := m.org.Uses(id)
	var name, uses string
	if function {
		if f := m.org.Function(id); f != nil {
			name, uses = f.Name, fmt.Sprintf("function, on %s, in %s", count(posts, "post"), count(kinds, "kind"))
		}
	} else if k := m.org.Kind(id); k != nil {
		name, uses = k.Name, fmt.Sprintf("kind of %s", count(units, "unit"))
	}
	d := m.keys.Dialog
	m.push(newChoice(quoteName(name)+" ("+uses+")", answer{"edit", d.EditEntry}, answer{"delete", d.DeleteEntry}, answer{"", d.Cancel}),
		func(r dialogResult) tea.Cmd {
			switch {
			case r.value == "edit" && function:
				return m.editFunction(m.org.Function(id))
			case r.value == "edit":
				return m.editKind(m.org.Kind(id))
			case r.value == "delete" && function:
				if m.apply(model.DeleteFunction{ID: id}, "") {
					m.setStatus(fmt.Sprintf("deleted the function %s: %s and %s no longer name it · u undoes", quoteName(name), count(posts, "post"), count(kinds, "kind")))
				}
			case r.value == "delete":
				if m.apply(model.DeleteKind{ID: id}, "") {
					m.setStatus(fmt.Sprintf("deleted the kind %s: %s have no kind now · u undoes", quoteName(name), count(units, "unit")))
				}
			}
			return nil
		})
	return nil
}

func required(what string) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(what + " needs a name")
		}
		return validText(s)
	}
}

// editFunction edits a function, or makes one (f nil).
func (m *Model) editFunction(f *model.Function) tea.Cmd {
	var name, desc string
	if f != nil {
		name, desc = f.Name, f.Description
	}
	form := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Name").CharLimit(maxText).Value(&name).Validate(required("a function")),
		huh.NewText().Title("Description").CharLimit(maxText).Lines(3).Value(&desc).Validate(validText),
	))
	title := "New function"
	if f != nil {
		title = "Function " + quoteName(f.Name)
	}
	return m.openForm(title, form, func() {
		name = strings.TrimSpace(name)
		if f == nil {
			if m.apply(model.AddFunction{Index: -1, Function: model.Function{ID: m.org.NewID('f'), Name: name, Description: desc}}, "") {
				m.setStatus("added the function " + quoteName(name) + " · u undoes")
			}
			return
		}
		if m.apply(model.EditFunction{ID: f.ID, Name: name, Description: desc}, "") {
			m.setStatus("edited the function " + quoteName(name) + " · u undoes")
		}
	})
}

// editKind edits a kind, or makes one (k nil): every field.
func (m *Model) editKind(k *model.Kind) tea.Cmd {
	var v model.Kind
	if k != nil {
		v = *k
	}
	secrecy, affil := string(v.Secrecy), string(v.Affiliation)
	maxPosts, every, ratio := number(v.MaxPosts), number(v.ReportEveryDays), number(v.CoverageRatio)
	req, allowed := v.RequiredFunctions, v.AllowedFunctions
	var fns []huh.Option[string]
	for _, f := range m.org.Functions {
		fns = append(fns, huh.NewOption(clean(f.Name), f.ID))
	}
	sec := []huh.Option[string]{huh.NewOption("(none)", "")}
	for _, s := range model.SecrecyLevels {
		sec = append(sec, huh.NewOption(string(s), string(s)))
	}
	aff := []huh.Option[string]{huh.NewOption("(none)", "")}
	for _, a := range model.Affiliations {
		aff = append(aff, huh.NewOption(string(a), string(a)))
	}
	groups := []*huh.Group{huh.NewGroup(
		huh.NewInput().Title("Name").CharLimit(maxText).Value(&v.Name).Validate(required("a kind")),
		huh.NewText().Title("Description").CharLimit(maxText).Lines(2).Value(&v.Description).Validate(validText),
		huh.NewSelect[string]().Inline(true).Title("Default secrecy").Options(sec...).Value(&secrecy),
		huh.NewSelect[string]().Inline(true).Title("Default affiliation").Options(aff...).Value(&affil),
	), huh.NewGroup(
		huh.NewInput().Title("At most this many posts").Description("empty: no limit").Value(&maxPosts).Validate(validCount),
		huh.NewInput().Title("Reports every (days)").Description("empty: none expected").Value(&every).Validate(validDays),
		huh.NewInput().Title("Coverage: people per organizer").Description("empty: 10").Value(&ratio).Validate(validCount),
	)}
	if len(fns) > 0 {
		groups = append(groups, huh.NewGroup(
			huh.NewMultiSelect[string]().Title("Requires a post for").Description("space chooses").Options(fns...).Height(8).Value(&req),
			huh.NewMultiSelect[string]().Title("Allows only these functions").Description("none chosen: every function").Options(fns...).Height(8).Value(&allowed),
		))
	}
	title := "New kind"
	if k != nil {
		title = "Kind " + quoteName(k.Name)
	}
	return m.openForm(title, huh.NewForm(groups...), func() {
		v.Name = strings.TrimSpace(v.Name)
		v.Secrecy, v.Affiliation = model.Secrecy(secrecy), model.Affiliation(affil)
		v.MaxPosts, _ = strconv.Atoi(strings.TrimSpace(maxPosts))
		v.ReportEveryDays, _ = strconv.Atoi(strings.TrimSpace(every))
		v.CoverageRatio, _ = strconv.Atoi(strings.TrimSpace(ratio))
		v.RequiredFunctions, v.AllowedFunctions = req, allowed
		if k == nil {
			v.ID = m.org.NewID('k')
			if m.apply(model.AddKind{Index: -1, Kind: v}, "") {
				m.setStatus("added the kind " + quoteName(v.Name) + " · e on a unit gives it · u undoes")
			}
			return
		}
		if m.apply(model.EditKind{Kind: v}, "") {
			m.setStatus("edited the kind " + quoteName(v.Name) + " · u undoes")
		}
	})
}

func number(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// offerStarter asks a new, empty plan whether to begin with the
// catalogue of one of the bundled examples.
func (m *Model) offerStarter() {
	d := m.keys.Dialog
	m.push(newChoice("A new plan has no functions or kinds yet: the division of labor needs them. Start with the catalogue of a bundled example? (F edits them later)",
		answer{"st-petersburg-1902", d.Starter[0]}, answer{"union-organizing-committee", d.Starter[1]},
		answer{"tenant-association", d.Starter[2]}, answer{"", d.Skip}),
		func(r dialogResult) tea.Cmd {
			if r.value == "" {
				return nil
			}
			data, _ := examples.Get(r.value)
			ex, err := storage.Decode(r.value, data)
			if err != nil {
				m.setError(err.Error())
				return nil
			}
			var ops []model.Op
			for _, f := range ex.Functions {
				ops = append(ops, model.AddFunction{Index: -1, Function: *f})
			}
			for _, k := range ex.Kinds {
				ops = append(ops, model.AddKind{Index: -1, Kind: *k})
			}
			if m.apply(model.Batch{Ops: ops, Name: "the catalogue of " + r.value}, "") {
				m.setStatus(fmt.Sprintf("%d functions and %d kinds from %s · F shows them · u undoes", len(ex.Functions), len(ex.Kinds), r.value))
			}
			return nil
		})
}
