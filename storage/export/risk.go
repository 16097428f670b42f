package export

import (
	"fmt"
	"io"
	"strings"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage/visible"
)

// RiskFile is the JSON shape of 'orgplan risk --format json'.
type RiskFile struct {
	Format  string       `json:"format"` // "orgplan-risk/1"
	File    string       `json:"file"`
	Members []RiskMember `json:"members"`
}

// RiskMember is one member and the damage of their removal alone.
type RiskMember struct {
	Rank       int       `json:"rank"`
	Member     MemberRef `json:"member"`
	Damage     int       `json:"damage"`
	Vacated    int       `json:"vacated"`
	Leaderless int       `json:"leaderless"`
	CutOff     int       `json:"cutOff"`
}

// RiskReport writes the ranking of risks as text (one member a line) or
// JSON.
func RiskReport(w io.Writer, format, file string, o *model.Org, rs []model.Risk) error {
	r := RiskFile{Format: "orgplan-risk/1", File: file, Members: make([]RiskMember, len(rs))}
	for i, x := range rs {
		r.Members[i] = RiskMember{Rank: i + 1, Member: MemberRef{ID: x.Member, Alias: o.MemberLabel(x.Member)},
			Damage: x.Damage.Total(), Vacated: x.Damage.Vacated, Leaderless: x.Damage.Leaderless, CutOff: x.Damage.CutOff}
	}
	if format == "json" {
		return writeJSON(w, r)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Damage if taken alone (%d of %d members):\n", len(rs), len(o.Members))
	for _, m := range r.Members {
		fmt.Fprintf(&b, "%3d. %-20s %3d = %d left vacant + %d with no one + %d cut off\n", m.Rank,
			visible.String(m.Member.Alias)+" ("+visible.String(m.Member.ID)+")", m.Damage, m.Vacated, m.Leaderless, m.CutOff)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
