package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/orgplan/orgplan/model"
)

// postsPane lists the posts of the selected unit.
type postsPane struct {
	cursor, offset, height int
	cand                   int // the candidate picked with ← →, or -1
}

func (p *postsPane) clamp(n int) {
	if p.cursor >= n {
		p.cursor = n - 1
	}
	if p.cursor < 0 {
		p.cursor = 0
	}
	h := max(p.height, 1)
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+h {
		p.offset = p.cursor - h + 1
	}
	p.offset = max(min(p.offset, n-h), 0)
}

func (p *postsPane) selected(u *model.Unit) *model.Post {
	if u == nil || p.cursor < 0 || p.cursor >= len(u.Posts) {
		return nil
	}
	return u.Posts[p.cursor]
}

// view draws the posts: title, holder (or —), the succession list after ←,
// and ! for a vacancy or ? for no active candidate.
func (p *postsPane) view(st *Styles, o *model.Org, u *model.Unit, width int, focused bool) []string {
	if u == nil {
		return []string{st.Dim.Render(fit("No units yet: a adds one.", width))}
	}
	if len(u.Posts) == 0 {
		hint := "No posts."
		if focused {
			hint = "No posts: a adds one."
		}
		return []string{st.Dim.Render(fit(hint, width))}
	}
	p.clamp(len(u.Posts))
	titleW := max(width*2/5, 8)
	holderW := max(width/4, 6)
	lines := make([]string, 0, p.height)
	end := min(p.offset+p.height, len(u.Posts))
	for i := p.offset; i < end; i++ {
		post := u.Posts[i]
		segs := []seg{{text: fit(clean(post.Title), titleW-1) + " "}}
		if post.Holder == "" {
			segs = append(segs, seg{fit("—", holderW-1), &st.Error}, seg{text: " "})
		} else {
			var hs *lipgloss.Style // an inactive holder stands out
			if !o.MemberActive(post.Holder) {
				hs = &st.Error
			}
			segs = append(segs, seg{fit(clean(o.MemberLabel(post.Holder)), holderW-1), hs}, seg{text: " "})
		}
		ready := false
		var names []string
		for j, c := range post.Candidates {
			label := clean(o.MemberLabel(c))
			switch {
			case !o.MemberActive(c):
				label += inactiveMark
			case post.Later(c):
				label += laterMark
			default:
				ready = true
			}
			if i == p.cursor && j == p.cand && focused {
				label = "[" + label + "]"
			}
			names = append(names, label)
		}
		marker, ms := " ", &st.Dim
		switch {
		case post.Holder == "":
			marker, ms = vacantMark, &st.Error
		case !ready:
			marker, ms = noCandidateMark, &st.Warning
		}
		candW := max(width-titleW-holderW-2, 0)
		if len(names) == 0 {
			segs = append(segs, seg{fit(st.G.From+"(none)", candW), &st.Dim})
		} else {
			segs = append(segs, seg{text: fit(st.G.From+strings.Join(names, ", "), candW)})
		}
		segs = append(segs, seg{text: " "}, seg{marker, ms})
		lines = append(lines, drawRow(st, segs, width, i == p.cursor, focused))
	}
	return lines
}
