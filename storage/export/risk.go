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
	KeySet  *KeySetFile  `json:"keySet,omitempty"`
}

// KeySearch is what 'risk --k' found, and the comparison.
type KeySearch struct {
	K                int
	Found            model.KeySet
	ByExposure       []string
	ByExposureDamage model.Damage
}

// KeySetFile is the JSON of a key-player search.
type KeySetFile struct {
	K           int         `json:"k"`
	Method      string      `json:"method"`
	Evaluations int         `json:"evaluations"`
	Members     []MemberRef `json:"members"`
	Damage      DamageFile  `json:"damage"`
	ByExposure  []MemberRef `json:"byExposure"`
	ExposureDmg DamageFile  `json:"byExposureDamage"`
}

// DamageFile is a damage with its parts: cutOff is recoverable + lost,
// and the lost count twice in the total.
type DamageFile struct {
	Total       int `json:"total"`
	Vacated     int `json:"vacated"`
	Leaderless  int `json:"leaderless"`
	CutOff      int `json:"cutOff"`
	Recoverable int `json:"recoverable"`
	Lost        int `json:"lost"`
}

func damageFile(d model.Damage) DamageFile {
	return DamageFile{Total: d.Total(), Vacated: d.Vacated, Leaderless: d.Leaderless, CutOff: d.CutOff,
		Recoverable: d.Recoverable(), Lost: d.Lost}
}

// words is the damage's sum in words, after its total.
func (d DamageFile) words() string {
	s := fmt.Sprintf("= %d left vacant + %d with no one + %d cut off", d.Vacated, d.Leaderless, d.CutOff)
	if d.Lost > 0 {
		s += fmt.Sprintf(" + %d lost", d.Lost)
	}
	return s
}

// RiskMember is one member and the damage of their removal alone.
type RiskMember struct {
	Rank        int       `json:"rank"`
	Member      MemberRef `json:"member"`
	Damage      int       `json:"damage"`
	Vacated     int       `json:"vacated"`
	Leaderless  int       `json:"leaderless"`
	CutOff      int       `json:"cutOff"`
	Recoverable int       `json:"recoverable"`
	Lost        int       `json:"lost"`
	// Reveals is what a seized need-to-know view of theirs would give
	// away: the compartment an arrest opens.
	Reveals *RevealsFile `json:"reveals,omitempty"`
}

// RevealsFile counts the other members and the units a view names.
type RevealsFile struct {
	Members int `json:"members"`
	Units   int `json:"units"`
}

// RiskReport writes the ranking of risks as text (one member a line) or
// JSON.
// With views, each member's line also says what a seized need-to-know
// view of theirs would give away (it costs a view's scope per member).
func RiskReport(w io.Writer, format, file string, o *model.Org, rs []model.Risk, keys *KeySearch, views bool) error {
	r := RiskFile{Format: "orgplan-risk/1", File: file, Members: make([]RiskMember, len(rs))}
	for i, x := range rs {
		d := x.Damage
		r.Members[i] = RiskMember{Rank: i + 1, Member: MemberRef{ID: x.Member, Alias: o.MemberLabel(x.Member)},
			Damage: d.Total(), Vacated: d.Vacated, Leaderless: d.Leaderless, CutOff: d.CutOff,
			Recoverable: d.Recoverable(), Lost: d.Lost}
		if views {
			rv := &RevealsFile{}
			rv.Members, rv.Units = model.Reveals(o, x.Member)
			r.Members[i].Reveals = rv
		}
	}
	refs := func(ids []string) []MemberRef {
		out := make([]MemberRef, len(ids))
		for i, id := range ids {
			out[i] = MemberRef{ID: id, Alias: o.MemberLabel(id)}
		}
		return out
	}
	if keys != nil {
		r.KeySet = &KeySetFile{K: keys.K, Method: keys.Found.Method, Evaluations: keys.Found.Evaluations,
			Members: refs(keys.Found.Members), Damage: damageFile(keys.Found.Damage),
			ByExposure: refs(keys.ByExposure), ExposureDmg: damageFile(keys.ByExposureDamage)}
	}
	if format == "json" {
		return writeJSON(w, r)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Damage if taken alone (%d of %d members):\n", len(rs), len(o.Members))
	for _, m := range r.Members {
		d := DamageFile{Total: m.Damage, Vacated: m.Vacated, Leaderless: m.Leaderless, CutOff: m.CutOff, Lost: m.Lost}
		view := ""
		if m.Reveals != nil {
			view = fmt.Sprintf(" · their view: %d members, %d units", m.Reveals.Members, m.Reveals.Units)
		}
		fmt.Fprintf(&b, "%3d. %-20s %3d %s%s\n", m.Rank, visible.String(m.Member.Alias)+" ("+visible.String(m.Member.ID)+")",
			d.Total, d.words(), view)
	}
	if ks := r.KeySet; ks != nil {
		names := func(ms []MemberRef) string {
			parts := make([]string, len(ms))
			for i, m := range ms {
				parts[i] = visible.String(m.Alias)
			}
			return strings.Join(parts, ", ")
		}
		parts := func(d DamageFile) string { return fmt.Sprintf("damage %d %s", d.Total, d.words()) }
		fmt.Fprintf(&b, "\nWorst set of %d (%s, %d simulations): %s — %s\n", ks.K, ks.Method, ks.Evaluations, names(ks.Members), parts(ks.Damage))
		fmt.Fprintf(&b, "The %d with the most exposure: %s — %s\n", ks.K, names(ks.ByExposure), parts(ks.ExposureDmg))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
