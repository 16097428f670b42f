// Package storage reads and writes plans: the orgplan/1 JSON format and its
// schema, atomic saves, recovery copies, exports and imports.
package storage

import "github.com/orgplan/orgplan/model"

// FormatVersion is the value of "format" this package reads and writes.
const FormatVersion = "orgplan/1"

// The file structs mirror the format field for field, in the order they are
// written; model types stay free of file concerns. Required fields are
// always written, optional ones only when set, so that load then save of a
// canonical file gives the same bytes.

// FileDoc is a whole orgplan/1 file.
type FileDoc struct {
	Format      string          `json:"format"`
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	AsOf        string          `json:"asOf,omitempty"`
	Functions   []FileFunction  `json:"functions,omitempty"`
	Kinds       []FileKind      `json:"kinds,omitempty"`
	Members     []FileMember    `json:"members,omitempty"`
	Units       []FileUnit      `json:"units,omitempty"`
	Conflicts   []FileConflict  `json:"conflicts,omitempty"`
	Team        []FileOrganizer `json:"team,omitempty"`
	ViewFor     string          `json:"viewFor,omitempty"`
}

// FileOrganizer is one organizer of the team the plan is encrypted to.
type FileOrganizer struct {
	Name      string `json:"name"`
	Recipient string `json:"recipient"`
}

// FileFunction is a function in the catalogue.
type FileFunction struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// FileKind is a kind of unit in the catalogue.
type FileKind struct {
	ID                string   `json:"id"`
	Name              string   `json:"name"`
	Description       string   `json:"description,omitempty"`
	Secrecy           string   `json:"secrecy,omitempty"`
	Affiliation       string   `json:"affiliation,omitempty"`
	MaxPosts          int      `json:"maxPosts,omitzero"`
	RequiredFunctions []string `json:"requiredFunctions,omitempty"`
	AllowedFunctions  []string `json:"allowedFunctions,omitempty"`
	ReportEveryDays   int      `json:"reportEveryDays,omitzero"`
	CoverageRatio     int      `json:"coverageRatio,omitzero"`
}

// FileMember is a member.
type FileMember struct {
	ID         string   `json:"id"`
	Alias      string   `json:"alias"`
	Name       string   `json:"name,omitempty"`
	Background string   `json:"background,omitempty"`
	Status     string   `json:"status,omitempty"`
	Skills     []string `json:"skills,omitempty"`
	Notes      string   `json:"notes,omitempty"`
}

// FileUnit is a unit with its posts and sub-units.
type FileUnit struct {
	ID                string     `json:"id"`
	Name              string     `json:"name"`
	Kind              string     `json:"kind,omitempty"`
	Secrecy           string     `json:"secrecy,omitempty"`
	Affiliation       string     `json:"affiliation,omitempty"`
	Purpose           string     `json:"purpose,omitempty"`
	Headcount         int        `json:"headcount,omitzero"`
	ReportsTo         []string   `json:"reportsTo,omitempty"`
	Liaison           string     `json:"liaison,omitempty"`
	ReportLiaisons    []FileLine `json:"reportLiaisons,omitempty"`
	ReportEveryDays   int        `json:"reportEveryDays,omitzero"`
	LastReport        string     `json:"lastReport,omitempty"`
	ContactsDeposited bool       `json:"contactsDeposited,omitzero"`
	Notes             string     `json:"notes,omitempty"`
	Posts             []FilePost `json:"posts,omitempty"`
	Units             []FileUnit `json:"units,omitempty"`
}

// FileLine names who carries a unit's line to a unit it reports to.
type FileLine struct {
	To     string `json:"to"`
	Member string `json:"member"`
}

func linesToModel(ls []FileLine) []model.ReportLiaison {
	if len(ls) == 0 {
		return nil
	}
	out := make([]model.ReportLiaison, len(ls))
	for i, l := range ls {
		out[i] = model.ReportLiaison{To: l.To, Member: l.Member}
	}
	return out
}

func linesFromModel(ls []model.ReportLiaison) []FileLine {
	if len(ls) == 0 {
		return nil
	}
	out := make([]FileLine, len(ls))
	for i, l := range ls {
		out[i] = FileLine{To: l.To, Member: l.Member}
	}
	return out
}

// FilePost is a post.
type FilePost struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Function   string   `json:"function,omitempty"`
	Holder     string   `json:"holder,omitempty"`
	Candidates []string `json:"candidates,omitempty"`
	ReadyLater []string `json:"readyLater,omitempty"`
	Notes      string   `json:"notes,omitempty"`
}

// toModel builds an unindexed model.Org; strings and slices are shared,
// not copied, since the FileDoc is thrown away.
func (d *FileDoc) toModel(p *Progress) *model.Org {
	o := &model.Org{Name: d.Name, Description: d.Description, AsOf: d.AsOf}
	fs := make([]model.Function, len(d.Functions))
	for i, f := range d.Functions {
		fs[i] = model.Function{ID: f.ID, Name: f.Name, Description: f.Description}
	}
	o.Functions = pointers(fs)
	ks := make([]model.Kind, len(d.Kinds))
	for i, k := range d.Kinds {
		ks[i] = model.Kind{ID: k.ID, Name: k.Name, Description: k.Description,
			Secrecy: model.Secrecy(k.Secrecy), Affiliation: model.Affiliation(k.Affiliation),
			MaxPosts: k.MaxPosts, RequiredFunctions: k.RequiredFunctions,
			AllowedFunctions: k.AllowedFunctions, ReportEveryDays: k.ReportEveryDays,
			CoverageRatio: k.CoverageRatio}
	}
	o.Kinds = pointers(ks)
	ms := make([]model.Member, len(d.Members))
	for i, m := range d.Members {
		ms[i] = model.Member{ID: m.ID, Alias: m.Alias, Name: m.Name, Background: m.Background,
			Status: model.Status(m.Status), Skills: m.Skills, Notes: m.Notes}
	}
	o.Members = pointers(ms)
	o.Units = unitsToModel(d.Units, p)
	o.Conflicts = conflictsToModel(d.Conflicts)
	for _, t := range d.Team {
		o.Team = append(o.Team, model.Organizer{Name: t.Name, Recipient: t.Recipient})
	}
	o.ViewFor = d.ViewFor
	return o
}

func unitsToModel(fus []FileUnit, pr *Progress) []*model.Unit {
	if len(fus) == 0 {
		return nil
	}
	pr.add(int64(len(fus)))
	// One backing array per sibling list keeps allocations few at 100k units.
	us := make([]model.Unit, len(fus))
	for i := range fus {
		f := &fus[i]
		us[i] = unitToModel(f)
		us[i].Units = unitsToModel(f.Units, pr)
		f.Units, f.Posts = nil, nil // converted: let it go
	}
	return pointers(us)
}

// unitToModel is a unit's record and posts, without its sub-units.
func unitToModel(f *FileUnit) model.Unit {
	u := model.Unit{ID: f.ID, Name: f.Name, Kind: f.Kind, Secrecy: model.Secrecy(f.Secrecy),
		Affiliation: model.Affiliation(f.Affiliation), Purpose: f.Purpose, ReportsTo: f.ReportsTo,
		ReportEveryDays: f.ReportEveryDays, LastReport: f.LastReport,
		ContactsDeposited: f.ContactsDeposited, Notes: f.Notes, Headcount: f.Headcount,
		Liaison: f.Liaison, ReportLiaisons: linesToModel(f.ReportLiaisons)}
	if len(f.Posts) > 0 {
		ps := make([]model.Post, len(f.Posts))
		for j, p := range f.Posts {
			ps[j] = model.Post{ID: p.ID, Title: p.Title, Function: p.Function, Holder: p.Holder,
				Candidates: p.Candidates, ReadyLater: p.ReadyLater, Notes: p.Notes}
		}
		u.Posts = pointers(ps)
	}
	return u
}

// pointers points at each element of xs.
func pointers[T any](xs []T) []*T {
	out := make([]*T, len(xs))
	for i := range xs {
		out[i] = &xs[i]
	}
	return out
}

// fromModel builds the file form of an Org.
func fromModel(o *model.Org) *FileDoc {
	d := &FileDoc{Format: FormatVersion, Name: o.Name, Description: o.Description, AsOf: o.AsOf}
	d.Functions = make([]FileFunction, len(o.Functions))
	for i, f := range o.Functions {
		d.Functions[i] = FileFunction{ID: f.ID, Name: f.Name, Description: f.Description}
	}
	d.Kinds = make([]FileKind, len(o.Kinds))
	for i, k := range o.Kinds {
		d.Kinds[i] = FileKind{ID: k.ID, Name: k.Name, Description: k.Description,
			Secrecy: string(k.Secrecy), Affiliation: string(k.Affiliation), MaxPosts: k.MaxPosts,
			RequiredFunctions: k.RequiredFunctions, AllowedFunctions: k.AllowedFunctions,
			ReportEveryDays: k.ReportEveryDays, CoverageRatio: k.CoverageRatio}
	}
	d.Members = make([]FileMember, len(o.Members))
	for i, m := range o.Members {
		d.Members[i] = memberFromModel(m)
	}
	d.Units = unitsFromModel(o.Units)
	d.Conflicts = conflictsFromModel(o.Conflicts)
	for _, t := range o.Team {
		d.Team = append(d.Team, FileOrganizer{Name: t.Name, Recipient: t.Recipient})
	}
	d.ViewFor = o.ViewFor
	return d
}

func memberFromModel(m *model.Member) FileMember {
	return FileMember{ID: m.ID, Alias: m.Alias, Name: m.Name, Background: m.Background,
		Status: string(m.Status), Skills: m.Skills, Notes: m.Notes}
}

func unitsFromModel(us []*model.Unit) []FileUnit {
	if len(us) == 0 {
		return nil
	}
	out := make([]FileUnit, len(us))
	for i, u := range us {
		out[i] = unitFromModel(u)
		out[i].Units = unitsFromModel(u.Units)
	}
	return out
}

// unitFromModel is a unit's record without its sub-units.
func unitFromModel(u *model.Unit) FileUnit {
	f := FileUnit{ID: u.ID, Name: u.Name, Kind: u.Kind, Secrecy: string(u.Secrecy),
		Affiliation: string(u.Affiliation), Purpose: u.Purpose, ReportsTo: u.ReportsTo,
		ReportEveryDays: u.ReportEveryDays, LastReport: u.LastReport,
		ContactsDeposited: u.ContactsDeposited, Notes: u.Notes, Headcount: u.Headcount,
		Liaison: u.Liaison, ReportLiaisons: linesFromModel(u.ReportLiaisons)}
	if len(u.Posts) > 0 {
		f.Posts = make([]FilePost, len(u.Posts))
		for j, p := range u.Posts {
			f.Posts[j] = FilePost{ID: p.ID, Title: p.Title, Function: p.Function, Holder: p.Holder,
				Candidates: p.Candidates, ReadyLater: p.ReadyLater, Notes: p.Notes}
		}
	}
	return f
}
