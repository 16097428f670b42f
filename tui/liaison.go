package tui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/orgplan/orgplan/model"
)

// Who carries a unit's lines, and how many people it organizes: shown in
// the posts pane's title, edited in the unit's details form.

// lineNote is the posts pane title's note of who carries the unit's line
// to its parent: " · line: Nikitich".
func (m *Model) lineNote(u *model.Unit) string {
	if u.Liaison == "" || u.Parent() == nil {
		return ""
	}
	return " · line: " + clean(m.org.MemberLabel(u.Liaison))
}

// maxLiaisonChoices bounds the member list of a liaison field: past it,
// the list holds the people of the unit and of the units its lines go to.
const maxLiaisonChoices = 2000

// liaisonOptions are the members a line can be given to, by alias, with
// "its holders" (nobody named) first.
func (m *Model) liaisonOptions(u *model.Unit, current []string) []huh.Option[string] {
	ids := make([]string, 0, len(m.org.Members))
	if len(m.org.Members) <= maxLiaisonChoices {
		for _, mem := range m.org.Members {
			ids = append(ids, mem.ID)
		}
	} else {
		near := append([]*model.Unit{u}, u.Parent())
		for _, r := range u.ReportsTo {
			near = append(near, m.org.Unit(r))
		}
		for _, x := range near {
			if x == nil {
				continue
			}
			for _, p := range x.Posts {
				ids = append(ids, p.Holder)
				ids = append(ids, p.Candidates...)
			}
		}
		ids = append(ids, current...)
	}
	opts := []huh.Option[string]{huh.NewOption("(its active holders)", "")}
	seen := map[string]bool{"": true}
	for _, id := range ids {
		if seen[id] || m.org.Member(id) == nil {
			continue
		}
		seen[id] = true
		opts = append(opts, huh.NewOption(clean(m.org.MemberLabel(id))+" · "+clean(id), id))
	}
	return opts
}

// linesFields are the details form's fields for the unit's lines and
// headcount; lines are the values they write into.
type linesValues struct {
	headcount string
	liaison   string
	to        []string // the units reported to when the form opened
	carriers  []string // who carries each of those lines
}

func (m *Model) linesGroup(u *model.Unit, d model.Details) (*huh.Group, *linesValues) {
	v := &linesValues{liaison: d.Liaison, to: slices.Clone(d.ReportsTo)}
	if d.Headcount > 0 {
		v.headcount = strconv.Itoa(d.Headcount)
	}
	v.carriers = make([]string, len(v.to))
	current := []string{d.Liaison}
	for i, to := range v.to {
		for _, l := range d.ReportLiaisons {
			if l.To == to {
				v.carriers[i] = l.Member
				current = append(current, l.Member)
			}
		}
	}
	opts := m.liaisonOptions(u, current)
	fields := []huh.Field{
		huh.NewInput().Title("Headcount: people the unit organizes").Description("empty: not recorded").
			Value(&v.headcount).Validate(validCount),
	}
	if p := u.Parent(); p != nil {
		fields = append(fields, huh.NewSelect[string]().Title("Carries the line to "+quoteName(p.Name)).
			Options(opts...).Height(8).Value(&v.liaison))
	}
	for i, to := range v.to {
		name := to
		if t := m.org.Unit(to); t != nil {
			name = t.Name
		}
		fields = append(fields, huh.NewSelect[string]().Title("Carries the line to "+quoteName(name)).
			Options(opts...).Height(8).Value(&v.carriers[i]))
	}
	return huh.NewGroup(fields...), v
}

// apply puts the values into d, whose reportsTo the form may have
// changed: a line no longer reported on loses its carrier.
func (v *linesValues) apply(d *model.Details) {
	d.Headcount, _ = strconv.Atoi(strings.TrimSpace(v.headcount))
	d.Liaison = v.liaison
	d.ReportLiaisons = nil
	for i, to := range v.to {
		if v.carriers[i] != "" && slices.Contains(d.ReportsTo, to) {
			d.ReportLiaisons = append(d.ReportLiaisons, model.ReportLiaison{To: to, Member: v.carriers[i]})
		}
	}
}

func validCount(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if n, err := strconv.Atoi(s); err != nil || n < 0 {
		return errors.New("a whole number of people, or empty")
	}
	return nil
}
