// Package export writes a plan, its checks and its simulations in the
// formats people share: text and JSON reports, Graphviz, Mermaid,
// Markdown and CSV.
package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/orgplan/orgplan/model"
	"github.com/orgplan/orgplan/storage/visible"
)

// CheckReport is the JSON shape of `orgplan check --format json`. Its
// fields are stable: new ones may be added, none renamed or removed.
type CheckReport struct {
	Format   string          `json:"format"` // "orgplan-check/1"
	File     string          `json:"file"`
	AsOf     string          `json:"asOf"`
	Errors   int             `json:"errors"`
	Warnings int             `json:"warnings"`
	Findings []FindingReport `json:"findings"`
}

// FindingReport is one finding.
type FindingReport struct {
	Check    string `json:"check"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Path     string `json:"path"`
	Unit     string `json:"unit,omitempty"`
	Post     string `json:"post,omitempty"`
	Member   string `json:"member,omitempty"`
}

// Findings writes check findings as text (one per line, then a summary
// line) or JSON, one finding at a time: a million-unit plan's report is
// never held whole.
func Findings(w io.Writer, format, file string, asOf time.Time, fs *model.Findings) error {
	errs, warns := fs.Count()
	switch format {
	case "json":
		return findingsJSON(w, CheckReport{Format: "orgplan-check/1", File: file, AsOf: asOf.Format(model.DateLayout),
			Errors: errs, Warnings: warns}, fs)
	case "text", "":
		if err := findingsText(w, fs); err != nil {
			return err
		}
		_, err := fmt.Fprintf(w, "%s: %d error%s, %d warning%s (as of %s)\n", visible.String(file), errs, plural(errs), warns, plural(warns), asOf.Format(model.DateLayout))
		return err
	}
	return fmt.Errorf("unknown format %q (text, json)", format)
}

// findingsText writes a line a finding, "path: severity check: message",
// in pieces of 64 KiB made in one buffer: at a million units a line
// made with fmt, its path a string, was half of the time of printing.
func findingsText(w io.Writer, fs *model.Findings) error {
	const piece = 64 << 10
	buf := make([]byte, 0, piece+1024)
	for f, path := range fs.AllPaths() {
		buf = append(visible.AppendBytes(buf, path), ": "...)
		buf = append(append(append(append(buf, f.Severity...), ' '), f.Check...), ": "...)
		buf = append(visible.AppendString(buf, f.Message), '\n')
		if len(buf) >= piece {
			if _, err := w.Write(buf); err != nil {
				return err
			}
			buf = buf[:0]
		}
	}
	_, err := w.Write(buf)
	return err
}

// findingsJSON writes the report as writeJSON would write a CheckReport
// whole (a test holds them to it): its head, then each finding as it
// comes.
func findingsJSON(w io.Writer, head CheckReport, fs *model.Findings) error {
	enc := jsontext.NewEncoder(w, jsontext.WithIndent("  "))
	for _, tok := range []jsontext.Token{jsontext.BeginObject,
		jsontext.String("format"), jsontext.String(head.Format),
		jsontext.String("file"), jsontext.String(head.File),
		jsontext.String("asOf"), jsontext.String(head.AsOf),
		jsontext.String("errors"), jsontext.Int(int64(head.Errors)),
		jsontext.String("warnings"), jsontext.Int(int64(head.Warnings)),
		jsontext.String("findings"), jsontext.BeginArray} {
		if err := enc.WriteToken(tok); err != nil {
			return err
		}
	}
	// Each finding as FindingReport marshals (a test holds them to it),
	// token by token: reflecting on the struct was most of the time.
	var path []byte
	for f, p := range fs.AllPaths() {
		var err error
		if path, err = jsontext.AppendQuote(path[:0], p); err != nil {
			return err
		}
		if err := writeFinding(enc, f, path); err != nil {
			return err
		}
	}
	if err := enc.WriteToken(jsontext.EndArray); err != nil {
		return err
	}
	return enc.WriteToken(jsontext.EndObject)
}

// writeFinding writes one finding as FindingReport marshals, its path
// already quoted.
func writeFinding(enc *jsontext.Encoder, f model.Finding, path jsontext.Value) error {
	if err := enc.WriteToken(jsontext.BeginObject); err != nil {
		return err
	}
	for _, kv := range [...]struct{ k, v string }{{"check", f.Check}, {"severity", string(f.Severity)}, {"message", f.Message}} {
		if err := enc.WriteToken(jsontext.String(kv.k)); err != nil {
			return err
		}
		if err := enc.WriteToken(jsontext.String(kv.v)); err != nil {
			return err
		}
	}
	if err := enc.WriteToken(jsontext.String("path")); err != nil {
		return err
	}
	if err := enc.WriteValue(path); err != nil {
		return err
	}
	for _, kv := range [...]struct{ k, v string }{{"unit", f.Unit}, {"post", f.Post}, {"member", f.Member}} {
		if kv.v == "" {
			continue // omitempty
		}
		if err := enc.WriteToken(jsontext.String(kv.k)); err != nil {
			return err
		}
		if err := enc.WriteToken(jsontext.String(kv.v)); err != nil {
			return err
		}
	}
	return enc.WriteToken(jsontext.EndObject)
}

func writeJSON(w io.Writer, v any) error {
	b, err := json.Marshal(v, jsontext.WithIndent("  "))
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// SimulationReport is the JSON shape of `orgplan simulate --format json`.
type SimulationReport struct {
	Format       string            `json:"format"` // "orgplan-simulate/1"
	File         string            `json:"file"`
	Removed      []MemberRef       `json:"removed"`
	Promotions   []PromotionReport `json:"promotions"`
	Skipped      []SkipReport      `json:"skipped"`
	Vacated      []PostRef         `json:"vacated"`
	Leaderless   []UnitRef         `json:"leaderless"`
	CutOff       []CutOffRef       `json:"cutOff"`
	BenchBefore  BenchReport       `json:"benchBefore"`
	BenchAfter   BenchReport       `json:"benchAfter"`
	Cover        CoverReport       `json:"cover"`
	SinglePoints []MemberRef       `json:"singlePointsOfFailure"`
}

// MemberRef names a member.
type MemberRef struct {
	ID    string `json:"id"`
	Alias string `json:"alias"`
}

// PostRef names a post.
type PostRef struct {
	ID   string `json:"id"`
	Path string `json:"path"`
}

// UnitRef names a unit.
type UnitRef struct {
	ID   string `json:"id"`
	Path string `json:"path"`
}

// CutOffRef is a unit cut off, and whether the center can re-form its
// line (its contacts are deposited with a unit still connected).
type CutOffRef struct {
	ID          string `json:"id"`
	Path        string `json:"path"`
	Recoverable bool   `json:"recoverable"`
}

// PromotionReport is one succession.
type PromotionReport struct {
	Post   PostRef    `json:"post"`
	From   *MemberRef `json:"from,omitempty"`
	To     MemberRef  `json:"to"`
	Leaves []PostRef  `json:"leaves,omitempty"`
}

// SkipReport is a candidate passed over: stepping into Post would have
// moved them down or sideways from Holds.
type SkipReport struct {
	Post   PostRef   `json:"post"`
	Member MemberRef `json:"member"`
	Holds  PostRef   `json:"holds"`
}

// CoverReport is, of the posts the removed held, how many candidates
// ready now could fill at the same time (one person, one post).
type CoverReport struct {
	Held   int `json:"held"`
	Filled int `json:"filled"`
}

// BenchReport is bench strength.
type BenchReport struct {
	Ready int     `json:"ready"` // posts with an active candidate ready now
	Posts int     `json:"posts"`
	Ratio float64 `json:"ratio"`
	Any   int     `json:"any"` // posts with an active candidate, now or later
}

// Simulation writes a what-if report as text or JSON, with the plan's
// single points (SinglePoints) as its caller worked them out.
func Simulation(w io.Writer, format, file string, o *model.Org, s model.WhatIf, singlePoints []string) error {
	mref := func(id string) MemberRef { return MemberRef{ID: id, Alias: o.MemberLabel(id)} }
	pref := func(p *model.Post) PostRef { return PostRef{ID: p.ID, Path: o.PostPathString(p)} }
	uref := func(u *model.Unit) UnitRef { return UnitRef{ID: u.ID, Path: o.PathString(u)} }
	r := SimulationReport{Format: "orgplan-simulate/1", File: file,
		Removed: []MemberRef{}, Promotions: []PromotionReport{}, Skipped: []SkipReport{}, Vacated: []PostRef{},
		Leaderless: []UnitRef{}, CutOff: []CutOffRef{}, SinglePoints: []MemberRef{},
		BenchBefore: BenchReport{s.BenchBefore.Ready, s.BenchBefore.Posts, round(s.BenchBefore.Ratio()), s.BenchBefore.Any},
		BenchAfter:  BenchReport{s.BenchAfter.Ready, s.BenchAfter.Posts, round(s.BenchAfter.Ratio()), s.BenchAfter.Any},
		Cover:       CoverReport{Held: s.Cover.Held, Filled: s.Cover.Filled}}
	for _, id := range s.Removed {
		r.Removed = append(r.Removed, mref(id))
	}
	for _, p := range s.Promotions {
		pr := PromotionReport{Post: pref(p.Post), To: mref(p.To)}
		if p.From != "" {
			f := mref(p.From)
			pr.From = &f
		}
		for _, l := range p.Leaves {
			pr.Leaves = append(pr.Leaves, pref(l))
		}
		r.Promotions = append(r.Promotions, pr)
	}
	for _, sk := range s.Skipped {
		r.Skipped = append(r.Skipped, SkipReport{Post: pref(sk.Post), Member: mref(sk.Member), Holds: pref(sk.Holds)})
	}
	for _, p := range s.Vacated {
		r.Vacated = append(r.Vacated, pref(p))
	}
	for _, u := range s.Leaderless {
		r.Leaderless = append(r.Leaderless, uref(u))
	}
	for _, u := range s.CutOff {
		r.CutOff = append(r.CutOff, CutOffRef{ID: u.ID, Path: o.PathString(u), Recoverable: s.Recoverable[u]})
	}
	for _, id := range singlePoints {
		r.SinglePoints = append(r.SinglePoints, mref(id))
	}
	switch format {
	case "json":
		return writeJSON(w, r)
	case "text", "":
		return simulationText(w, r)
	}
	return fmt.Errorf("unknown format %q (text, json)", format)
}

func round(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }

func simulationText(w io.Writer, r SimulationReport) error {
	var b strings.Builder
	v := visible.String
	names := make([]string, len(r.Removed))
	for i, m := range r.Removed {
		names[i] = v(m.Alias)
	}
	fmt.Fprintf(&b, "Removed (%d): %s\n", len(r.Removed), strings.Join(names, ", "))
	fmt.Fprintf(&b, "\nWho steps in (%d):\n", len(r.Promotions))
	for _, p := range r.Promotions {
		from := "vacant"
		if p.From != nil {
			from = v(p.From.Alias)
		}
		fmt.Fprintf(&b, "  %s: %s → %s", v(p.Post.Path), from, v(p.To.Alias))
		if len(p.Leaves) > 0 {
			left := make([]string, len(p.Leaves))
			for i, l := range p.Leaves {
				left[i] = v(l.Path)
			}
			fmt.Fprintf(&b, " (leaves %s)", strings.Join(left, "; "))
		}
		b.WriteString("\n")
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(&b, "\nNot moved down (%d):\n", len(r.Skipped))
		for _, s := range r.Skipped {
			fmt.Fprintf(&b, "  skipped %s for %s: holds %s, as important or more\n", v(s.Member.Alias), v(s.Post.Path), v(s.Holds.Path))
		}
	}
	section := func(title string, paths []string, more ...string) {
		fmt.Fprintf(&b, "\n%s (%s):\n", title, strings.Join(append([]string{strconv.Itoa(len(paths))}, more...), ": "))
		for _, p := range paths {
			b.WriteString("  " + v(p) + "\n")
		}
	}
	var vac, ll, cut []string
	for _, p := range r.Vacated {
		vac = append(vac, p.Path)
	}
	for _, u := range r.Leaderless {
		ll = append(ll, u.Path)
	}
	lost := 0
	for _, u := range r.CutOff {
		if u.Recoverable {
			cut = append(cut, u.Path+" (recoverable)")
		} else {
			cut = append(cut, u.Path+" (lost)")
			lost++
		}
	}
	section("Posts left vacant", vac)
	section("Units with no one left", ll)
	if len(cut) > 0 {
		section("Units cut off from the center", cut, fmt.Sprintf("%d recoverable, %d lost", len(cut)-lost, lost))
	} else {
		section("Units cut off from the center", cut)
	}
	fmt.Fprintf(&b, "\nBench strength: %d of %d posts have someone ready (%.0f%%) → %d of %d (%.0f%%)\n",
		r.BenchBefore.Ready, r.BenchBefore.Posts, 100*r.BenchBefore.Ratio, r.BenchAfter.Ready, r.BenchAfter.Posts, 100*r.BenchAfter.Ratio)
	fmt.Fprintf(&b, "Cover: of the %d posts they held, %d could be filled at once by candidates ready now (one person, one post)\n", r.Cover.Held, r.Cover.Filled)
	if r.BenchBefore.Any != r.BenchBefore.Ready || r.BenchAfter.Any != r.BenchAfter.Ready {
		fmt.Fprintf(&b, "With candidates ready later too: %d of %d → %d of %d\n", r.BenchBefore.Any, r.BenchBefore.Posts, r.BenchAfter.Any, r.BenchAfter.Posts)
	}
	sp := make([]string, len(r.SinglePoints))
	for i, m := range r.SinglePoints {
		sp[i] = v(m.Alias)
	}
	fmt.Fprintf(&b, "Members whose removal alone does damage (%d; orgplan risk ranks them): %s\n", len(sp), strings.Join(sp, ", "))
	_, err := io.WriteString(w, b.String())
	return err
}
