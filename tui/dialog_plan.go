package tui

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/orgplan/orgplan/model"
)

// editPlan opens the plan's properties: name, description and as-of date
// ("today" sets it to today), as one undoable change.
func (m *Model) editPlan() tea.Cmd {
	name, desc, asOf := m.org.Name, m.org.Description, m.org.AsOf
	keptName, keptDesc := keepLine(name), keepText(desc)
	f := huh.NewForm(huh.NewGroup(
		huh.NewInput().Title("Name").Description(keptName.partly("")).CharLimit(maxText).Value(&name).Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errors.New("a plan needs a name")
			}
			return validText(s)
		}),
		huh.NewText().Title("Description").Description(keptDesc.partly("")).CharLimit(maxText).Lines(4).Value(&desc).Validate(validText),
		huh.NewInput().Title("As of (YYYY-MM-DD)").Description("the date the plan describes; checks measure against it · today: today's date · empty: none").
			Value(&asOf).Validate(func(s string) error {
			if strings.TrimSpace(s) == "today" {
				return nil
			}
			return validDate(s)
		}),
	))
	return m.openForm("The plan", f, func() {
		day := strings.TrimSpace(asOf)
		if day == "today" {
			day = m.now().Format(model.DateLayout)
		}
		op := model.SetInfo{Name: keptName.line(name), Description: keptDesc.value(desc), AsOf: day}
		if op.Name == m.org.Name && op.Description == m.org.Description && op.AsOf == m.org.AsOf {
			m.setStatus("the plan is unchanged")
			return
		}
		if m.apply(op, "") {
			m.setStatus("edited the plan " + quoteName(op.Name) + " · u undoes")
		}
	})
}
