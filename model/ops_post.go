package model

import (
	"errors"
	"fmt"
	"slices"
)

// AddPost inserts a post into a unit at Index (-1: last).
type AddPost struct {
	Unit  string
	Index int
	Post  Post
}

// Label implements Op.
func (a AddPost) Label() string { return "add post " + quote(a.Post.Title) }

func (a AddPost) apply(o *Org) (Op, error) {
	u := o.idx.units.get(a.Unit)
	if u == nil {
		return nil, fmt.Errorf("no unit %q", a.Unit)
	}
	p := clonePost(&a.Post)
	if p.ID == "" || o.idx.posts.get(p.ID) != nil {
		return nil, fmt.Errorf("post id %q is empty or taken", p.ID)
	}
	if err := o.checkPost(p); err != nil {
		return nil, err
	}
	p.unit = u
	u.Posts = insertAt(u.Posts, a.Index, p)
	o.idx.posts.put(p.ID, p)
	o.noteID('p', p.ID)
	o.link(p)
	return DeletePost{ID: p.ID}, nil
}

// checkPost validates a post's references against the document.
func (o *Org) checkPost(p *Post) error {
	if p.Function != "" && o.idx.functions[p.Function] == nil {
		return fmt.Errorf("unknown function %q", p.Function)
	}
	return o.checkPeople(p.Holder, p.Candidates)
}

func (o *Org) checkPeople(holder string, candidates []string) error {
	if holder != "" && o.idx.members.get(holder) == nil {
		return fmt.Errorf("unknown member %q", holder)
	}
	for i, c := range candidates {
		switch {
		case o.idx.members.get(c) == nil:
			return fmt.Errorf("unknown member %q", c)
		case c == holder:
			return fmt.Errorf("%s holds the post and cannot also be its candidate", o.MemberLabel(c))
		case slices.Contains(candidates[:i], c):
			return fmt.Errorf("%s is already a candidate", o.MemberLabel(c))
		}
	}
	return nil
}

// DeletePost removes a post.
type DeletePost struct{ ID string }

// Label implements Op.
func (d DeletePost) Label() string { return "delete post " + d.ID }

func (d DeletePost) apply(o *Org) (Op, error) {
	p := o.idx.posts.get(d.ID)
	if p == nil {
		return nil, fmt.Errorf("no post %q", d.ID)
	}
	u := p.unit
	i := indexOfPost(u.Posts, p)
	u.Posts = deleteAt(u.Posts, i)
	o.idx.posts.del(p.ID)
	o.unlink(p)
	p.unit = nil
	return AddPost{Unit: u.ID, Index: i, Post: *p}, nil
}

// EditPost changes a post's title, function and notes.
type EditPost struct {
	ID       string
	Title    string
	Function string
	Notes    string
}

// Label implements Op.
func (e EditPost) Label() string { return "edit post " + quote(e.Title) }

func (e EditPost) apply(o *Org) (Op, error) {
	p := o.idx.posts.get(e.ID)
	if p == nil {
		return nil, fmt.Errorf("no post %q", e.ID)
	}
	if e.Function != "" && o.idx.functions[e.Function] == nil {
		return nil, fmt.Errorf("unknown function %q", e.Function)
	}
	old := EditPost{ID: p.ID, Title: p.Title, Function: p.Function, Notes: p.Notes}
	p.Title, p.Function, p.Notes = e.Title, e.Function, e.Notes
	o.touch(p)
	o.touchMember(p.Holder)
	return old, nil
}

// MovePost moves a post to another place in its unit or to another unit.
type MovePost struct {
	ID    string
	Unit  string
	Index int
}

// Label implements Op.
func (m MovePost) Label() string { return "move post " + m.ID }

func (m MovePost) apply(o *Org) (Op, error) {
	p := o.idx.posts.get(m.ID)
	if p == nil {
		return nil, fmt.Errorf("no post %q", m.ID)
	}
	to := o.idx.units.get(m.Unit)
	if to == nil {
		return nil, fmt.Errorf("no unit %q", m.Unit)
	}
	from := p.unit
	o.touch(p) // the unit it leaves
	i := indexOfPost(from.Posts, p)
	from.Posts = deleteAt(from.Posts, i)
	to.Posts = insertAt(to.Posts, m.Index, p)
	p.unit = to
	o.touch(p)
	return MovePost{ID: p.ID, Unit: from.ID, Index: i}, nil
}

// SetPeople sets who holds a post and who stands ready for it, in order.
// SetHolder, AddCandidate, RemoveCandidate and MoveCandidate build it.
type SetPeople struct {
	Post       string
	Holder     string
	Candidates []string
	ReadyLater []string // those of Candidates ready later; others are dropped
	Name       string   // the label; set by the builders
}

// Label implements Op.
func (s SetPeople) Label() string {
	if s.Name != "" {
		return s.Name
	}
	return "set people of post " + s.Post
}

func (s SetPeople) apply(o *Org) (Op, error) {
	p := o.idx.posts.get(s.Post)
	if p == nil {
		return nil, fmt.Errorf("no post %q", s.Post)
	}
	if err := o.checkPeople(s.Holder, s.Candidates); err != nil {
		return nil, err
	}
	old := SetPeople{Post: p.ID, Holder: p.Holder, Candidates: cloneStrings(p.Candidates), ReadyLater: cloneStrings(p.ReadyLater), Name: "undo " + s.Label()}
	o.unlink(p)
	p.Holder, p.Candidates = s.Holder, cloneStrings(s.Candidates)
	p.ReadyLater = keepCandidates(s.ReadyLater, s.Candidates)
	o.link(p)
	return old, nil
}

// keepCandidates is later without those who are not candidates (a
// candidate who left the list, or became the holder), nil when empty.
func keepCandidates(later, cands []string) []string {
	var out []string
	for _, id := range later {
		if slices.Contains(cands, id) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// SetReadiness marks a candidate of a post ready later, or ready now.
func (o *Org) SetReadiness(postID, member string, later bool) (Op, error) {
	p := o.idx.posts.get(postID)
	if p == nil {
		return nil, fmt.Errorf("no post %q", postID)
	}
	if !slices.Contains(p.Candidates, member) {
		return nil, fmt.Errorf("%s is not a candidate for this post", o.MemberLabel(member))
	}
	if p.Later(member) == later {
		return nil, fmt.Errorf("%s is already ready %s", o.MemberLabel(member), map[bool]string{true: "later", false: "now"}[later])
	}
	rl := slices.DeleteFunc(cloneStrings(p.ReadyLater), func(c string) bool { return c == member })
	if later {
		rl = append(rl, member)
	}
	return SetPeople{Post: p.ID, Holder: p.Holder, Candidates: cloneStrings(p.Candidates), ReadyLater: rl,
		Name: "mark " + quote(o.MemberLabel(member)) + " ready " + map[bool]string{true: "later", false: "now"}[later] + " for " + quote(p.Title)}, nil
}

// SetHolder makes member (or nobody, for "") the holder of a post. A
// candidate who is made holder leaves the candidate list: a promotion.
func (o *Org) SetHolder(postID, member string) (Op, error) {
	p := o.idx.posts.get(postID)
	if p == nil {
		return nil, fmt.Errorf("no post %q", postID)
	}
	if member != "" && o.idx.members.get(member) == nil {
		return nil, fmt.Errorf("unknown member %q", member)
	}
	if member == p.Holder {
		return nil, fmt.Errorf("%s already holds this post", o.MemberLabel(member))
	}
	name := "vacate " + quote(p.Title)
	if member != "" {
		name = "make " + quote(o.MemberLabel(member)) + " holder of " + quote(p.Title)
	}
	cands := slices.DeleteFunc(cloneStrings(p.Candidates), func(c string) bool { return c == member })
	return SetPeople{Post: p.ID, Holder: member, Candidates: cands, ReadyLater: p.ReadyLater, Name: name}, nil
}

// AddCandidate puts member on a post's succession list at index (-1: last).
func (o *Org) AddCandidate(postID, member string, index int) (Op, error) {
	p := o.idx.posts.get(postID)
	if p == nil {
		return nil, fmt.Errorf("no post %q", postID)
	}
	if o.idx.members.get(member) == nil {
		return nil, fmt.Errorf("unknown member %q", member)
	}
	if member == p.Holder {
		return nil, fmt.Errorf("%s holds this post and cannot also be its candidate", o.MemberLabel(member))
	}
	if slices.Contains(p.Candidates, member) {
		return nil, fmt.Errorf("%s is already a candidate for this post", o.MemberLabel(member))
	}
	return SetPeople{Post: p.ID, Holder: p.Holder, Candidates: insertAt(p.Candidates, index, member), ReadyLater: p.ReadyLater,
		Name: "add " + quote(o.MemberLabel(member)) + " as candidate for " + quote(p.Title)}, nil
}

// RemoveCandidate takes member off a post's succession list.
func (o *Org) RemoveCandidate(postID, member string) (Op, error) {
	p := o.idx.posts.get(postID)
	if p == nil {
		return nil, fmt.Errorf("no post %q", postID)
	}
	i := slices.Index(p.Candidates, member)
	if i < 0 {
		return nil, fmt.Errorf("%s is not a candidate for this post", o.MemberLabel(member))
	}
	return SetPeople{Post: p.ID, Holder: p.Holder, Candidates: deleteAt(p.Candidates, i), ReadyLater: p.ReadyLater,
		Name: "remove " + quote(o.MemberLabel(member)) + " as candidate for " + quote(p.Title)}, nil
}

// MoveCandidate moves member delta places along the succession list.
func (o *Org) MoveCandidate(postID, member string, delta int) (Op, error) {
	p := o.idx.posts.get(postID)
	if p == nil {
		return nil, fmt.Errorf("no post %q", postID)
	}
	i := slices.Index(p.Candidates, member)
	if i < 0 {
		return nil, fmt.Errorf("%s is not a candidate for this post", o.MemberLabel(member))
	}
	j := i + delta
	if j < 0 || j >= len(p.Candidates) {
		return nil, errors.New("already at the end of the list")
	}
	c := cloneStrings(p.Candidates)
	c[i], c[j] = c[j], c[i]
	return SetPeople{Post: p.ID, Holder: p.Holder, Candidates: c, ReadyLater: p.ReadyLater,
		Name: "move candidate " + quote(o.MemberLabel(member))}, nil
}
