package tui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/orgplan/orgplan/model"
)

// detailsValues are the form's fields as text, the way the user edits them.
type detailsValues struct {
	kind, secrecy, affiliation, purpose, notes string
	every, last, reportsTo                     string
	deposited                                  bool
}

// editDetails opens the unit's details form: kind, secrecy, affiliation,
// purpose, reporting, notes, headcount and who carries its lines.
func (m *Model) editDetails() tea.Cmd {
	u := m.tree.selected()
	if u == nil {
		m.setStatus("no unit to edit; a adds one")
		return nil
	}
	id := u.ID
	d := u.Details()
	v := &detailsValues{
		kind: d.Kind, secrecy: string(d.Secrecy), affiliation: string(d.Affiliation),
		purpose: d.Purpose, notes: d.Notes, last: d.LastReport, deposited: d.ContactsDeposited,
		reportsTo: strings.Join(d.ReportsTo, ", "),
	}
	if d.ReportEveryDays > 0 {
		v.every = strconv.Itoa(d.ReportEveryDays)
	}
	kinds := []huh.Option[string]{huh.NewOption("(no kind)", "")}
	for _, k := range m.org.Kinds {
		kinds = append(kinds, huh.NewOption(clean(k.Name), k.ID))
	}
	kindDefault := func(what string) string { return what + " of the kind" }
	secrecy := []huh.Option[string]{huh.NewOption(kindDefault("default"), "")}
	for _, s := range model.SecrecyLevels {
		secrecy = append(secrecy, huh.NewOption(string(s), string(s)))
	}
	affil := []huh.Option[string]{huh.NewOption(kindDefault("default"), "")}
	for _, a := range model.Affiliations {
		affil = append(affil, huh.NewOption(string(a), string(a)))
	}
	purpose, notes := keepText(v.purpose), keepText(v.notes)
	lines, lv := m.linesGroup(u, d)
	reports, chosen := m.reportsField(u, d.ReportsTo, &v.reportsTo)
	f := huh.NewForm(
		huh.NewGroup(
			huh.NewSelect[string]().Inline(true).Title("Kind").Options(kinds...).Value(&v.kind),
			huh.NewSelect[string]().Inline(true).Title("Secrecy").Options(secrecy...).Value(&v.secrecy),
			huh.NewSelect[string]().Inline(true).Title("Affiliation").Options(affil...).Value(&v.affiliation),
		),
		huh.NewGroup(
			huh.NewText().Title("Purpose").Description(purpose.partly("")).CharLimit(maxText).Lines(3).Value(&v.purpose).Validate(validText),
			huh.NewText().Title("Notes").Description(notes.partly("")).CharLimit(maxText).Lines(3).Value(&v.notes).Validate(validText),
		),
		huh.NewGroup(
			huh.NewInput().Title("Report every (days)").Description("empty: the kind's interval").
				Value(&v.every).Validate(validDays),
			huh.NewInput().Title("Last report (YYYY-MM-DD)").Value(&v.last).Validate(validDate),
			reports,
			huh.NewConfirm().Title("Contacts deposited with the center?").Value(&v.deposited),
		),
		lines,
	)
	return m.openForm("Details of "+quoteName(u.Name), f, func() {
		d := model.Details{
			Kind: v.kind, Secrecy: model.Secrecy(v.secrecy), Affiliation: model.Affiliation(v.affiliation),
			Purpose: purpose.value(v.purpose), Notes: notes.value(v.notes),
			LastReport: strings.TrimSpace(v.last), ContactsDeposited: v.deposited,
			ReportsTo: chosen(),
		}
		d.ReportEveryDays, _ = strconv.Atoi(strings.TrimSpace(v.every))
		lv.apply(&d)
		if m.apply(model.SetDetails{ID: id, Details: d}, id) {
			m.setStatus("details saved in the plan · u undoes")
		}
	})
}

func validDays(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return errors.New("a whole number of days, or empty")
	}
	return nil
}

func validDate(s string) error {
	if s = strings.TrimSpace(s); s != "" && !model.ValidDate(s) {
		return errors.New("a date as YYYY-MM-DD, or empty")
	}
	return nil
}

// maxUnitChoices bounds the list of units to report to; past it, the
// field takes ids (a plan that big is navigated by search, not a list).
const maxUnitChoices = 2000

// reportsField chooses the units a unit also reports to, by path, from
// every unit but itself and those under it (that would be a cycle).
func (m *Model) reportsField(u *model.Unit, current []string, ids *string) (huh.Field, func() []string) {
	if m.org.UnitCount() > maxUnitChoices {
		return huh.NewInput().Title("Also reports to (unit ids, comma separated)").
			Value(ids).Validate(m.validUnitList(u.ID)), func() []string { return splitIDs(*ids) }
	}
	inside := map[*model.Unit]bool{}
	model.WalkUnit(u, func(x *model.Unit) bool { inside[x] = true; return true })
	var opts []huh.Option[string]
	m.org.Walk(func(x *model.Unit) bool {
		if inside[x] {
			return false
		}
		opts = append(opts, huh.NewOption(clean(m.org.PathString(x)), x.ID).Selected(containsStr(current, x.ID)))
		return true
	})
	chosen := slices.Clone(current)
	f := huh.NewMultiSelect[string]().Title("Also reports to").Description("space chooses, / filters").
		Options(opts...).Filterable(true).Height(8).Value(&chosen)
	return f, func() []string { return chosen }
}

func (m *Model) validUnitList(self string) func(string) error {
	return func(s string) error {
		for _, id := range splitIDs(s) {
			if id == self {
				return errors.New("a unit cannot report to itself")
			}
			if m.org.Unit(id) == nil {
				return fmt.Errorf("no unit %q", id)
			}
		}
		return nil
	}
}

func splitIDs(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		if !containsStr(out, f) {
			out = append(out, f)
		}
	}
	return out
}

func containsStr(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
