package model

// Cover is how many of the posts can be filled at the same time by their
// candidates ready now (active, and not in gone), one person to one post:
// the size of a maximum matching between posts and candidates. Bench
// strength counts a candidate once for every post they stand ready for;
// cover counts them once. A member ready for two posts fills one.
func Cover(o *Org, posts []*Post, gone map[string]bool) int {
	owner := map[string]*Post{} // the post each candidate is matched to
	var try func(p *Post, seen map[string]bool) bool
	try = func(p *Post, seen map[string]bool) bool {
		for _, c := range p.Candidates {
			if seen[c] || gone[c] || p.Later(c) || !o.MemberActive(c) {
				continue
			}
			seen[c] = true
			if q, taken := owner[c]; !taken || try(q, seen) {
				owner[c] = p
				return true
			}
		}
		return false
	}
	n := 0
	for _, p := range posts {
		if try(p, map[string]bool{}) {
			n++
		}
	}
	return n
}

// AllPosts lists the plan's posts in document order.
func AllPosts(o *Org) []*Post {
	var ps []*Post
	o.Walk(func(u *Unit) bool {
		ps = append(ps, u.Posts...)
		return true
	})
	return ps
}
