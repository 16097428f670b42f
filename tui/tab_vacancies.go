package tui

import (
	"fmt"

	"github.com/orgplan/orgplan/model"
)

// Tab 2, Vacancies: the posts with no holder or no active candidate, most
// important first, kept up to date edit by edit.

// vacancies is the up-to-date vacancy list.
func (m *Model) vacancies() []model.Vacancy { return m.derived.Vacancies() }

// vacancyRows is the Vacancies tab computed afresh, as rows.
func (m *Model) vacancyRows() []sideRow { return m.vacancyRowsOf(model.Vacancies(m.org)) }

// showVacancies brings the vacancy list up to date and its counts; the
// rows themselves are made from the list when drawn (rowAt), so a list of
// 100,000 costs nothing more.
func (m *Model) showVacancies() {
	if m.big() && !m.derived.VacanciesReady() {
		m.side.vacs, m.side.rows[tabVacancies] = nil, m.working("listing the vacancies")
		return
	}
	vs := m.vacancies()
	m.side.vacs = vs
	m.side.rows[tabVacancies] = nil
	if len(vs) > 0 {
		m.side.vacHead = m.vacancyHeader(vs)
	}
}

func (m *Model) vacancyHeader(vs []model.Vacancy) sideRow {
	vacant := 0
	for _, v := range vs {
		if v.Vacant {
			vacant++
		}
	}
	return m.header(fmt.Sprintf("%d vacant · %d more with no candidate ready", vacant, len(vs)-vacant))
}

func (m *Model) vacancyRowsOf(vs []model.Vacancy) []sideRow {
	if len(vs) == 0 {
		return nil
	}
	rows := make([]sideRow, 0, len(vs)+1)
	rows = append(rows, m.vacancyHeader(vs))
	// A row keeps its vacancy; its cells are made when it is drawn, so a
	// list of 100,000 costs one slice.
	for i := range vs {
		rows = append(rows, sideRow{post: vs[i].Post.ID, vacancy: &vs[i]})
	}
	return rows
}

// vacancyCols draws a row of the Vacancies tab.
func (m *Model) vacancyCols(v *model.Vacancy) []col {
	marker, ms := noCandidateMark, &m.styles.Warning
	if v.Vacant {
		marker, ms = vacantMark, &m.styles.Error
	}
	title := clean(v.Post.Title)
	if v.Required {
		title += requiredMark
	}
	return []col{
		{text: marker, style: ms, w: 2},
		{text: title, w: 20},
		{pathOf: v.Post.Unit().ID, style: &m.styles.Dim, tail: true},
	}
}
