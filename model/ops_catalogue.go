package model

import (
	"fmt"
	"slices"
)

// The catalogues: functions and kinds, added, edited and deleted. A
// deletion takes the entry out of whatever names it (posts, kinds,
// units) in the same undoable change.

// AddFunction adds a function to the catalogue.
type AddFunction struct {
	Index    int // -1: at the end
	Function Function
}

// Label implements Op.
func (a AddFunction) Label() string { return "add function " + quote(a.Function.Name) }

func (a AddFunction) apply(o *Org) (Op, error) {
	defer func() { o.touchedAll = true }() // names and rules of every post may change
	f := a.Function
	if f.ID == "" || o.idx.functions[f.ID] != nil {
		return nil, fmt.Errorf("function id %q is empty or taken", f.ID)
	}
	o.Functions = insertAt(o.Functions, a.Index, &f)
	o.idx.functions[f.ID] = &f
	o.noteID('f', f.ID)
	return removeFunction{f.ID}, nil
}

// removeFunction undoes AddFunction; functions in use are never removed.
type removeFunction struct{ ID string }

func (r removeFunction) Label() string { return "remove function " + r.ID }

func (r removeFunction) apply(o *Org) (Op, error) {
	defer func() { o.touchedAll = true }() // names and rules of every post may change
	f := o.idx.functions[r.ID]
	if f == nil {
		return nil, fmt.Errorf("no function %q", r.ID)
	}
	for p := range o.idx.posts.all() {
		if p.Function == r.ID {
			return nil, fmt.Errorf("function %q is in use", r.ID)
		}
	}
	i := indexOfPtr(o.Functions, f)
	o.Functions = deleteAt(o.Functions, i)
	delete(o.idx.functions, r.ID)
	return AddFunction{Index: i, Function: *f}, nil
}

// AddKind adds a kind to the catalogue.
type AddKind struct {
	Index int // -1: at the end
	Kind  Kind
}

// Label implements Op.
func (a AddKind) Label() string { return "add kind " + quote(a.Kind.Name) }

func (a AddKind) apply(o *Org) (Op, error) {
	defer func() { o.touchedAll = true }() // names and rules of every post may change
	k := a.Kind
	k.RequiredFunctions = cloneStrings(k.RequiredFunctions)
	k.AllowedFunctions = cloneStrings(k.AllowedFunctions)
	if k.ID == "" || o.idx.kinds[k.ID] != nil {
		return nil, fmt.Errorf("kind id %q is empty or taken", k.ID)
	}
	if k.Secrecy != "" && !k.Secrecy.Valid() || k.Affiliation != "" && !k.Affiliation.Valid() ||
		k.MaxPosts < 0 || k.ReportEveryDays < 0 {
		return nil, fmt.Errorf("kind %q has an invalid default", k.ID)
	}
	for _, f := range append(cloneStrings(k.RequiredFunctions), k.AllowedFunctions...) {
		if o.idx.functions[f] == nil {
			return nil, fmt.Errorf("unknown function %q", f)
		}
	}
	o.Kinds = insertAt(o.Kinds, a.Index, &k)
	o.idx.kinds[k.ID] = &k
	o.noteID('k', k.ID)
	return removeKind{k.ID}, nil
}

// removeKind undoes AddKind; kinds in use are never removed.
type removeKind struct{ ID string }

func (r removeKind) Label() string { return "remove kind " + r.ID }

func (r removeKind) apply(o *Org) (Op, error) {
	defer func() { o.touchedAll = true }() // names and rules of every post may change
	k := o.idx.kinds[r.ID]
	if k == nil {
		return nil, fmt.Errorf("no kind %q", r.ID)
	}
	for u := range o.idx.units.all() {
		if u.Kind == r.ID {
			return nil, fmt.Errorf("kind %q is in use", r.ID)
		}
	}
	i := indexOfPtr(o.Kinds, k)
	o.Kinds = deleteAt(o.Kinds, i)
	delete(o.idx.kinds, r.ID)
	return AddKind{Index: i, Kind: *k}, nil
}

// EditFunction changes a function's name and description.
type EditFunction struct {
	ID, Name, Description string
}

// Label implements Op.
func (e EditFunction) Label() string { return "edit function " + quote(e.Name) }

func (e EditFunction) apply(o *Org) (Op, error) {
	f := o.idx.functions[e.ID]
	if f == nil {
		return nil, fmt.Errorf("no function %q", e.ID)
	}
	o.touchedAll = true // its name shows on every post of it
	old := EditFunction{f.ID, f.Name, f.Description}
	f.Name, f.Description = e.Name, e.Description
	return old, nil
}

// EditKind replaces a kind's fields (its id stays).
type EditKind struct{ Kind Kind }

// Label implements Op.
func (e EditKind) Label() string { return "edit kind " + quote(e.Kind.Name) }

func (e EditKind) apply(o *Org) (Op, error) {
	k := o.idx.kinds[e.Kind.ID]
	if k == nil {
		return nil, fmt.Errorf("no kind %q", e.Kind.ID)
	}
	n := e.Kind
	if n.Secrecy != "" && !n.Secrecy.Valid() || n.Affiliation != "" && !n.Affiliation.Valid() ||
		n.MaxPosts < 0 || n.ReportEveryDays < 0 || n.CoverageRatio < 0 {
		return nil, fmt.Errorf("kind %q has an invalid default", n.ID)
	}
	for _, f := range append(slices.Clone(n.RequiredFunctions), n.AllowedFunctions...) {
		if o.idx.functions[f] == nil {
			return nil, fmt.Errorf("unknown function %q", f)
		}
	}
	o.touchedAll = true // its rules apply to every unit of it
	old := EditKind{*k}
	n.RequiredFunctions, n.AllowedFunctions = cloneStrings(n.RequiredFunctions), cloneStrings(n.AllowedFunctions)
	*k = n
	return old, nil
}

// DeleteFunction removes a function: its posts keep their titles and lose
// the function, kinds stop requiring or allowing it.
type DeleteFunction struct{ ID string }

// Label implements Op.
func (d DeleteFunction) Label() string { return "delete function " + d.ID }

func (d DeleteFunction) apply(o *Org) (Op, error) {
	f := o.idx.functions[d.ID]
	if f == nil {
		return nil, fmt.Errorf("no function %q", d.ID)
	}
	restore := []Op{AddFunction{Index: indexOfPtr(o.Functions, f), Function: *f}}
	for _, k := range o.Kinds {
		if slices.Contains(k.RequiredFunctions, d.ID) || slices.Contains(k.AllowedFunctions, d.ID) {
			restore = append(restore, EditKind{*k})
			k.RequiredFunctions = slices.DeleteFunc(cloneStrings(k.RequiredFunctions), func(s string) bool { return s == d.ID })
			k.AllowedFunctions = slices.DeleteFunc(cloneStrings(k.AllowedFunctions), func(s string) bool { return s == d.ID })
		}
	}
	var posts []string
	o.Walk(func(u *Unit) bool {
		for _, p := range u.Posts {
			if p.Function == d.ID {
				p.Function = ""
				posts = append(posts, p.ID)
			}
		}
		return true
	})
	if len(posts) > 0 {
		restore = append(restore, setFunction{Posts: posts, Function: d.ID})
	}
	if _, err := removeFunction(d).apply(o); err != nil {
		return nil, err
	}
	return Batch{Ops: restore, Name: "restore function " + quote(f.Name)}, nil
}

// setFunction gives posts a function: how a deletion is undone.
type setFunction struct {
	Posts    []string
	Function string
}

func (s setFunction) Label() string { return "set function " + s.Function }

func (s setFunction) apply(o *Org) (Op, error) {
	if o.idx.functions[s.Function] == nil {
		return nil, fmt.Errorf("no function %q", s.Function)
	}
	for _, id := range s.Posts {
		if p := o.idx.posts.get(id); p != nil {
			p.Function = s.Function
		}
	}
	o.touchedAll = true
	return clearFunction(s), nil
}

type clearFunction setFunction

func (c clearFunction) Label() string { return "clear function " + c.Function }

func (c clearFunction) apply(o *Org) (Op, error) {
	for _, id := range c.Posts {
		if p := o.idx.posts.get(id); p != nil {
			p.Function = ""
		}
	}
	o.touchedAll = true
	return setFunction(c), nil
}

// DeleteKind removes a kind: its units keep everything else and have no
// kind.
type DeleteKind struct{ ID string }

// Label implements Op.
func (d DeleteKind) Label() string { return "delete kind " + d.ID }

func (d DeleteKind) apply(o *Org) (Op, error) {
	k := o.idx.kinds[d.ID]
	if k == nil {
		return nil, fmt.Errorf("no kind %q", d.ID)
	}
	restore := []Op{AddKind{Index: indexOfPtr(o.Kinds, k), Kind: *k}}
	var units []*Unit
	o.Walk(func(u *Unit) bool {
		if u.Kind == d.ID {
			units = append(units, u)
		}
		return true
	})
	for _, u := range units {
		restore = append(restore, SetDetails{ID: u.ID, Details: u.Details()})
		u.Kind = ""
	}
	if _, err := removeKind(d).apply(o); err != nil {
		return nil, err
	}
	return Batch{Ops: restore, Name: "restore kind " + quote(k.Name)}, nil
}

// Uses says what names a function or a kind: the posts and units of it.
func (o *Org) Uses(id string) (posts, units, kinds int) {
	o.Walk(func(u *Unit) bool {
		if u.Kind == id {
			units++
		}
		for _, p := range u.Posts {
			if p.Function == id {
				posts++
			}
		}
		return true
	})
	for _, k := range o.Kinds {
		if slices.Contains(k.RequiredFunctions, id) || slices.Contains(k.AllowedFunctions, id) {
			kinds++
		}
	}
	return posts, units, kinds
}
