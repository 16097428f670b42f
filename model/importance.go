package model

// The importance of a post, used everywhere posts are ranked (the
// Vacancies tab, who is filled first in a succession, reports): a post in
// a shallower unit comes first, then, at one depth, a post whose function
// the unit's kind requires; that is its rank. Among posts of one rank,
// document order decides the order, but neither is more important than
// the other.

// Rank is how important a post is: lower Depth is more important, and at
// one depth Required is.
type Rank struct {
	Depth    int
	Required bool
}

// RankOf is a post's rank in o.
func RankOf(o *Org, p *Post) Rank {
	u := p.unit
	r := Rank{Depth: u.Depth()}
	if k := o.idx.kinds[u.Kind]; k != nil && p.Function != "" {
		r.Required = indexOf(k.RequiredFunctions, p.Function) >= 0
	}
	return r
}

// Above reports whether rank r is strictly more important than s.
func (r Rank) Above(s Rank) bool {
	if r.Depth != s.Depth {
		return r.Depth < s.Depth
	}
	return r.Required && !s.Required
}

// ComparePosts orders posts by importance, most important first, then in
// document order: -1, 0 or 1.
func ComparePosts(o *Org, a, b *Post) int {
	if a == b {
		return 0
	}
	ra, rb := RankOf(o, a), RankOf(o, b)
	switch {
	case ra.Above(rb):
		return -1
	case rb.Above(ra):
		return 1
	case placedBefore(o, a, b):
		return -1
	}
	return 1
}

// placedBefore reports whether post a comes before post b, a different
// one, in document order.
func placedBefore(o *Org, a, b *Post) bool {
	if a.unit != b.unit {
		return o.unitBefore(a.unit, b.unit)
	}
	return indexOfPost(a.unit.Posts, a) < indexOfPost(b.unit.Posts, b)
}
